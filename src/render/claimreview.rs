//! schema.org ClaimReview JSON-LD: an array with one review per claim.
//!
//! The rating maps the claim's status onto 1–5: refuted 1, disputed 3,
//! unverified 3, supported 5; `alternateName` carries the status word,
//! which tells disputed from unverified. The sources that speak to the
//! claim are its `appearance`s. No date is made up: `datePublished` is
//! the newest published date among the sources, and left out when none
//! is known, so the output depends only on the input.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::Context;
use crate::report::Report;
use crate::verdict::{ClaimStatus, Verdict};

/// The rating of a status, from 1 (worst) to 5 (best).
pub fn rating_value(status: ClaimStatus) -> u8 {
    match status {
        ClaimStatus::Refuted => 1,
        ClaimStatus::Disputed | ClaimStatus::Unverified => 3,
        ClaimStatus::Supported => 5,
    }
}

/// The reviews as a JSON value.
pub fn reviews(report: &Report, context: &Context) -> Value {
    let newest = report
        .sources
        .iter()
        .filter_map(|s| s.published.as_deref())
        .filter(|d| !d.is_empty() && !d.starts_with('-') && !d.ends_with('s'))
        .max()
        .map(str::to_string);
    let reviews: Vec<Value> = report
        .claims
        .iter()
        .map(|claim| {
            let appearance: Vec<Value> = claim
                .verdicts
                .iter()
                .filter(|v| v.verdict != Verdict::NotMentioned)
                .map(|v| {
                    let link = context.sources.get(&v.source);
                    let title = report
                        .sources
                        .iter()
                        .find(|s| s.source == v.source)
                        .and_then(|s| s.title.clone());
                    let mut work = json!({
                        "@type": "CreativeWork",
                        "name": title.unwrap_or_else(|| v.source.clone()),
                        "identifier": v.source,
                    });
                    if let Some(url) = link.and_then(|l| l.url.as_ref()) {
                        work["url"] = json!(url);
                    }
                    work
                })
                .collect();
            let mut review = json!({
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "identifier": claim.id,
                "claimReviewed": claim.text,
                "reviewRating": {
                    "@type": "Rating",
                    "ratingValue": rating_value(claim.status),
                    "bestRating": 5,
                    "worstRating": 1,
                    "alternateName": claim.status.as_str(),
                },
                "itemReviewed": {
                    "@type": "Claim",
                    "appearance": appearance,
                },
                "author": {
                    "@type": "Organization",
                    "name": "claimcheck",
                },
            });
            if let Some(date) = &newest {
                review["datePublished"] = json!(date);
            }
            review
        })
        .collect();
    Value::Array(reviews)
}

/// Write the reviews as pretty JSON.
pub fn render(report: &Report, context: &Context, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &reviews(report, context))?;
    writeln!(out)
}

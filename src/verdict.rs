//! The closed vocabulary of outcomes: what one sentence does to a claim
//! ([`Stance`]), why ([`Reason`]), what one source does ([`Verdict`]) and
//! where a claim stands across all sources ([`ClaimStatus`]).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// What one evidence sentence does to a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// The sentence asserts the claim; every stated date, number, entity
    /// and the polarity agree.
    Supports,
    /// The sentence is about the same event or relation and asserts
    /// something incompatible with the claim.
    Refutes,
    /// The sentence raises the claim without asserting it (hedged,
    /// attributed, denied by a party, asked as a question).
    Discusses,
}

/// What one source does to a claim, summed over its sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Some sentence supports the claim and none refutes it.
    Supports,
    /// Some sentence refutes the claim and none supports it.
    Refutes,
    /// The source has both supporting and refuting sentences.
    Mixed,
    /// The source raises the claim only without asserting it.
    Discusses,
    /// No sentence of the source speaks to the claim.
    NotMentioned,
}

/// Where a claim stands across every source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimStatus {
    /// At least one source supports it and none refutes it.
    Supported,
    /// At least one source refutes it and none supports it.
    Refuted,
    /// Sources disagree, or one source contradicts itself.
    Disputed,
    /// No source supports or refutes it.
    Unverified,
}

/// Why a sentence got its stance: the rule that decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The sentence states the claim's words; nothing disagrees.
    LexicalMatch,
    /// A date in the same slot differs (year, month or day).
    DateMismatch,
    /// A number counting the same thing differs.
    NumberMismatch,
    /// The predicate is negated in one and not the other.
    Negation,
    /// The sentence uses the opposite predicate (opened/closed).
    Antonym,
    /// Another entity fills the role the claim gives to one of its own.
    EntityMismatch,
    /// The sentence defines the claim's subject as another kind of thing
    /// ("a singer", not "a dog").
    KindMismatch,
    /// The claim restricts ("only an actress") and the sentence lists the
    /// claim's term beside another ("an actress and author").
    Exclusivity,
    /// The sentence completes a claim's "N of X" with another X ("a brand
    /// of drugs" for "a brand of cream").
    WordMismatch,
    /// The sentence hedges, attributes or questions the claim.
    Hedged,
    /// A passage states the claim's entities and most of its words, but
    /// no single sentence asserts the claim.
    TopicMatch,
}

impl Verdict {
    /// Every verdict, in display order.
    pub const ALL: [Verdict; 5] = [
        Verdict::Supports,
        Verdict::Refutes,
        Verdict::Mixed,
        Verdict::Discusses,
        Verdict::NotMentioned,
    ];

    /// The verdict word of the JSON contract.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Supports => "supports",
            Verdict::Refutes => "refutes",
            Verdict::Mixed => "mixed",
            Verdict::Discusses => "discusses",
            Verdict::NotMentioned => "not_mentioned",
        }
    }
}

impl ClaimStatus {
    /// Every status, in display order.
    pub const ALL: [ClaimStatus; 4] = [
        ClaimStatus::Supported,
        ClaimStatus::Refuted,
        ClaimStatus::Disputed,
        ClaimStatus::Unverified,
    ];

    /// The status word of the JSON contract.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimStatus::Supported => "supported",
            ClaimStatus::Refuted => "refuted",
            ClaimStatus::Disputed => "disputed",
            ClaimStatus::Unverified => "unverified",
        }
    }

    /// The status across sources, from each source's verdict.
    pub fn from_verdicts(verdicts: impl IntoIterator<Item = Verdict>) -> ClaimStatus {
        let (mut supports, mut refutes) = (false, false);
        for verdict in verdicts {
            match verdict {
                Verdict::Supports => supports = true,
                Verdict::Refutes => refutes = true,
                Verdict::Mixed => (supports, refutes) = (true, true),
                Verdict::Discusses | Verdict::NotMentioned => {}
            }
        }
        match (supports, refutes) {
            (true, true) => ClaimStatus::Disputed,
            (true, false) => ClaimStatus::Supported,
            (false, true) => ClaimStatus::Refuted,
            (false, false) => ClaimStatus::Unverified,
        }
    }
}

impl Stance {
    /// The stance word of the JSON contract.
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Supports => "supports",
            Stance::Refutes => "refutes",
            Stance::Discusses => "discusses",
        }
    }
}

impl Reason {
    /// The reason word of the JSON contract.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::LexicalMatch => "lexical_match",
            Reason::DateMismatch => "date_mismatch",
            Reason::NumberMismatch => "number_mismatch",
            Reason::Negation => "negation",
            Reason::Antonym => "antonym",
            Reason::EntityMismatch => "entity_mismatch",
            Reason::KindMismatch => "kind_mismatch",
            Reason::Exclusivity => "exclusivity",
            Reason::WordMismatch => "word_mismatch",
            Reason::Hedged => "hedged",
            Reason::TopicMatch => "topic_match",
        }
    }
}

macro_rules! display_and_parse {
    ($ty:ty, $all:expr) => {
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $ty {
            type Err = String;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $all.into_iter().find(|v| v.as_str() == s).ok_or_else(|| {
                    let words: Vec<&str> = $all.iter().map(|v| v.as_str()).collect();
                    format!("unknown value `{s}`, expected one of: {}", words.join(", "))
                })
            }
        }
    };
}

display_and_parse!(Verdict, Verdict::ALL);
display_and_parse!(ClaimStatus, ClaimStatus::ALL);

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Stance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_follows_the_verdicts() {
        use Verdict::*;
        assert_eq!(
            ClaimStatus::from_verdicts([Supports, NotMentioned]),
            ClaimStatus::Supported
        );
        assert_eq!(
            ClaimStatus::from_verdicts([Refutes, Discusses]),
            ClaimStatus::Refuted
        );
        assert_eq!(
            ClaimStatus::from_verdicts([Supports, Refutes]),
            ClaimStatus::Disputed
        );
        assert_eq!(ClaimStatus::from_verdicts([Mixed]), ClaimStatus::Disputed);
        assert_eq!(
            ClaimStatus::from_verdicts([Discusses]),
            ClaimStatus::Unverified
        );
    }

    #[test]
    fn words_round_trip() {
        for v in Verdict::ALL {
            assert_eq!(v.as_str().parse::<Verdict>(), Ok(v));
            assert_eq!(serde_json::to_string(&v).unwrap(), format!("\"{v}\""));
        }
        assert!("support".parse::<Verdict>().is_err());
    }
}

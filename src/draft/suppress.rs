//! Suppression comments written in the draft:
//!
//! ```markdown
//! <!-- claimcheck-disable-next-line -->
//! <!-- claimcheck-disable-next-line CLAIM-ID ... -->
//! <!-- claimcheck-disable -->            (every claim, until enabled)
//! <!-- claimcheck-disable CLAIM-ID ... -->
//! <!-- claimcheck-enable -->             (every claim again)
//! <!-- claimcheck-enable CLAIM-ID ... -->
//! ```
//!
//! `disable-next-line` silences findings in the sentences that touch the
//! next non-blank line; `disable` silences findings from the comment on,
//! up to a matching `enable` or the end of the draft.

use std::collections::BTreeSet;

use crate::claims::did_you_mean;
use crate::span::{LineIndex, Span};

/// The directive words, without the `claimcheck-` prefix.
const WORDS: &[&str] = &["disable-next-line", "disable", "enable"];
const PREFIX: &str = "claimcheck-";

/// What a suppression comment says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Directive {
    /// Silence the next non-blank line (for these claims; all if empty).
    DisableNextLine(Vec<String>),
    /// Silence from here on (these claims; all if empty).
    Disable(Vec<String>),
    /// Stop silencing (these claims; all if empty).
    Enable(Vec<String>),
}

impl Directive {
    /// The claim ids it names.
    pub fn ids(&self) -> &[String] {
        match self {
            Directive::DisableNextLine(ids) | Directive::Disable(ids) | Directive::Enable(ids) => {
                ids
            }
        }
    }
}

/// A directive and the comment it was written in (original offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// The directive.
    pub directive: Directive,
    /// The whole `<!-- … -->` comment.
    pub span: Span,
}

/// A comment that looks like a directive but is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadDirective {
    /// The comment.
    pub span: Span,
    /// What is wrong.
    pub message: String,
}

/// Every `<!-- claimcheck-… -->` comment inside the `html` spans of
/// `original`, in text order, and the comments that misspell one.
pub fn directives(original: &str, html: &[Span]) -> (Vec<Placed>, Vec<BadDirective>) {
    let mut placed = Vec::new();
    let mut bad = Vec::new();
    for span in html {
        let region = span.slice(original);
        let mut from = 0;
        while let Some(open) = region[from..].find("<!--") {
            let body_start = from + open + 4;
            let Some(close) = region[body_start..].find("-->") else {
                break;
            };
            let body_end = body_start + close;
            let comment = Span::new(span.start + from + open, span.start + body_end + 3);
            from = body_end + 3;
            match parse(&region[body_start..body_end]) {
                Some(Ok(directive)) => placed.push(Placed {
                    directive,
                    span: comment,
                }),
                Some(Err(message)) => bad.push(BadDirective {
                    span: comment,
                    message,
                }),
                None => {}
            }
        }
    }
    placed.sort_by_key(|p| p.span.start);
    bad.sort_by_key(|b| b.span.start);
    (placed, bad)
}

/// Parse a comment body: `None` when it is no claimcheck comment at all.
pub fn parse(body: &str) -> Option<Result<Directive, String>> {
    let mut words = body.split_whitespace();
    let first = words.next()?;
    let word = first.strip_prefix(PREFIX)?;
    let ids: Vec<String> = words.map(str::to_string).collect();
    Some(match word {
        "disable-next-line" => Ok(Directive::DisableNextLine(ids)),
        "disable" => Ok(Directive::Disable(ids)),
        "enable" => Ok(Directive::Enable(ids)),
        other => {
            let hint = did_you_mean(other, WORDS.iter().copied())
                .map(|w| format!("; did you mean `{PREFIX}{w}`?"))
                .unwrap_or_default();
            Err(format!("unknown directive `{first}`{hint}"))
        }
    })
}

/// The directives of one draft, ready to ask whether a finding is
/// silenced.
#[derive(Debug, Clone, Default)]
pub struct Suppressions {
    /// (line, claim ids) silenced by `disable-next-line`.
    lines: Vec<(usize, Vec<String>)>,
    /// Region directives, in text order: (offset, directive).
    regions: Vec<(usize, Directive)>,
}

impl Suppressions {
    /// Resolve `placed` directives against the draft's lines.
    pub fn new(original: &str, index: &LineIndex, placed: &[Placed]) -> Self {
        let mut out = Suppressions::default();
        for p in placed {
            match &p.directive {
                Directive::DisableNextLine(ids) => {
                    let end = index.line_col(original, p.span.end).line;
                    out.lines
                        .push((next_nonblank_line(original, end + 1), ids.clone()));
                }
                other => out.regions.push((p.span.start, other.clone())),
            }
        }
        out
    }

    /// Whether a finding on `claim`, starting at original byte `offset`,
    /// in a sentence covering lines `first..=last`, is silenced.
    pub fn silences(&self, claim: &str, offset: usize, first: usize, last: usize) -> bool {
        let names = |ids: &[String]| ids.is_empty() || ids.iter().any(|i| i == claim);
        if self
            .lines
            .iter()
            .any(|(line, ids)| (first..=last).contains(line) && names(ids))
        {
            return true;
        }
        // Replay the region directives before `offset`.
        let mut all = false;
        let mut off: BTreeSet<&str> = BTreeSet::new();
        let mut back_on: BTreeSet<&str> = BTreeSet::new();
        for (at, directive) in &self.regions {
            if *at > offset {
                break;
            }
            match directive {
                Directive::Disable(ids) if ids.is_empty() => {
                    all = true;
                    back_on.clear();
                }
                Directive::Disable(ids) => {
                    for id in ids {
                        off.insert(id);
                        back_on.remove(id.as_str());
                    }
                }
                Directive::Enable(ids) if ids.is_empty() => {
                    all = false;
                    off.clear();
                    back_on.clear();
                }
                Directive::Enable(ids) => {
                    for id in ids {
                        off.remove(id.as_str());
                        back_on.insert(id);
                    }
                }
                Directive::DisableNextLine(_) => {}
            }
        }
        off.contains(claim) || (all && !back_on.contains(claim))
    }
}

/// The first line at or after `line` (1-based) holding more than
/// whitespace; `line` itself when none does.
fn next_nonblank_line(text: &str, line: usize) -> usize {
    text.lines()
        .enumerate()
        .skip(line - 1)
        .find(|(_, l)| !l.trim().is_empty())
        .map_or(line, |(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::markdown;

    fn setup(original: &str) -> Suppressions {
        let prose = markdown::markdown(original);
        let (placed, bad) = directives(original, &prose.html);
        assert!(bad.is_empty(), "{bad:?}");
        Suppressions::new(original, &LineIndex::new(original), &placed)
    }

    fn offset_of_line(original: &str, line: usize) -> usize {
        let index = LineIndex::new(original);
        index
            .offset(original, crate::span::LineCol { line, column: 1 })
            .unwrap()
    }

    #[test]
    fn parses_the_three_directives() {
        assert_eq!(
            parse(" claimcheck-disable "),
            Some(Ok(Directive::Disable(vec![])))
        );
        assert_eq!(
            parse("claimcheck-disable-next-line a b"),
            Some(Ok(Directive::DisableNextLine(vec!["a".into(), "b".into()])))
        );
        assert_eq!(
            parse("claimcheck-enable x"),
            Some(Ok(Directive::Enable(vec!["x".into()])))
        );
        assert_eq!(parse("just a note"), None);
        let err = parse("claimcheck-disabel").unwrap().unwrap_err();
        assert!(err.contains("did you mean `claimcheck-disable`?"), "{err}");
    }

    #[test]
    fn next_line_skips_blank_lines_and_only_that_line() {
        let original = "<!-- claimcheck-disable-next-line -->\n\nLine three.\n\nLine five.\n";
        let s = setup(original);
        assert!(s.silences("any", offset_of_line(original, 3), 3, 3));
        assert!(!s.silences("any", offset_of_line(original, 5), 5, 5));
    }

    #[test]
    fn next_line_with_an_id_silences_only_that_claim() {
        let original = "<!-- claimcheck-disable-next-line c1 -->\nLine two.\n";
        let s = setup(original);
        let at = offset_of_line(original, 2);
        assert!(s.silences("c1", at, 2, 2));
        assert!(!s.silences("c2", at, 2, 2));
    }

    #[test]
    fn regions_open_and_close() {
        let original = "One.\n\n<!-- claimcheck-disable -->\n\nThree.\n\n<!-- claimcheck-enable -->\n\nSeven.\n";
        let s = setup(original);
        assert!(!s.silences("c", offset_of_line(original, 1), 1, 1));
        assert!(s.silences("c", offset_of_line(original, 5), 5, 5));
        assert!(!s.silences("c", offset_of_line(original, 9), 9, 9));
    }

    #[test]
    fn region_for_one_claim_and_partial_enable() {
        let original = "<!-- claimcheck-disable c1 -->\n\nTwo.\n\n<!-- claimcheck-disable -->\n<!-- claimcheck-enable c2 -->\n\nSeven.\n";
        let s = setup(original);
        let two = offset_of_line(original, 3);
        assert!(s.silences("c1", two, 3, 3));
        assert!(!s.silences("c2", two, 3, 3));
        let seven = offset_of_line(original, 8);
        assert!(s.silences("c1", seven, 8, 8));
        assert!(s.silences("c3", seven, 8, 8));
        assert!(!s.silences("c2", seven, 8, 8));
    }

    #[test]
    fn comments_in_code_blocks_do_not_count() {
        let original = "```\n<!-- claimcheck-disable -->\n```\n\nText.\n";
        let s = setup(original);
        assert!(!s.silences("c", offset_of_line(original, 5), 5, 5));
    }

    #[test]
    fn inline_comment_in_a_paragraph() {
        let original = "Intro. <!-- claimcheck-disable-next-line -->\nSecond line.\n";
        let s = setup(original);
        assert!(s.silences("c", offset_of_line(original, 2), 2, 2));
    }
}

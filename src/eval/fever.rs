//! FEVER-style JSONL with the evidence text on each line: FEVER-Symmetric
//! (`{id, claim, evidence, label}`) and the FEVER NLI dev set (`{idx,
//! claim, evidence, label}`). Labels SUPPORTS / REFUTES ↔ `supports` /
//! `refutes`; NOT ENOUGH INFO ↔ `not_mentioned` or `discusses` (raised,
//! not settled), and only when it occurs is the set scored as three
//! classes. On a two-class set every other
//! verdict (`mixed`, `discusses`, `not_mentioned`) counts as wrong.
//!
//! FEVER text is tokenised (`" ."`, `-LRB-`, ``` `` ```); [`detokenize`]
//! restores plain text for both claim and evidence. Each distinct
//! evidence text is one source, `evidence-<n>.txt`.

use std::path::Path;

use serde::Deserialize;

use super::metrics::Scheme;
use super::{Builder, Dataset, Level, VERDICT_COLUMNS, class_of, jsonl_files, read_jsonl};

/// FEVER's labels, in class order.
pub const LABELS: [&str; 3] = ["SUPPORTS", "REFUTES", "NOT ENOUGH INFO"];

#[derive(Deserialize)]
struct Row {
    claim: String,
    evidence: serde_json::Value,
    label: String,
}

/// The two- or three-class FEVER scheme.
pub fn scheme(three_class: bool) -> Scheme {
    let mut classes = vec![("SUPPORTS", "supports"), ("REFUTES", "refutes")];
    if three_class {
        classes.push(("NOT ENOUGH INFO", "not_mentioned"));
    }
    Scheme::exact(&classes, VERDICT_COLUMNS.to_vec()).also("discusses", "NOT ENOUGH INFO")
}

/// Read a FEVER-style JSONL file (or every `*.jsonl` of a folder).
pub fn load(path: &Path, limit: Option<usize>) -> anyhow::Result<Dataset> {
    let mut builder = Builder::new(path);
    let mut three_class = false;
    for file in jsonl_files(path)? {
        builder.set_file(&file);
        read_jsonl(&file, |line, row: Row| {
            if builder.full(limit) {
                return Ok(false);
            }
            let origin = builder.origin(line);
            let label = row.label.replace('_', " ");
            let gold = class_of(&LABELS, &label, &origin)?;
            three_class |= gold == 2;
            let Some(evidence) = row.evidence.as_str() else {
                anyhow::bail!(
                    "{origin}: `evidence` is not text; this adapter reads pairs with the \
                     evidence sentence written out (as FEVER-Symmetric does), not FEVER's \
                     evidence ids"
                );
            };
            let (claim, evidence) = (detokenize(&row.claim), detokenize(evidence));
            if claim.is_empty() || evidence.is_empty() {
                builder.skip();
                return Ok(true);
            }
            let claim = builder.claim(&claim, line);
            let name = format!("evidence-{}.txt", builder.source_count() + 1);
            let source = builder.source(&evidence, &name, &evidence);
            builder.item(claim, vec![source], gold, line);
            Ok(true)
        })?;
    }
    Ok(builder.finish(scheme(three_class), Level::Verdict))
}

/// Undo FEVER/PTB tokenisation: bracket codes (`-LRB-` → `(`, `-COLON-`
/// → `:`), ``` `` ``` and `''` quotes, and the spaces split off before
/// punctuation and clitics (`" ."`, `" ,"`, `" 's"`, `" n't"`).
pub fn detokenize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // whether the next token attaches to the previous one
    let mut glue_next = true;
    let mut quote_open = false;
    for raw in text.split_whitespace() {
        let token = match raw {
            "-LRB-" => "(",
            "-RRB-" => ")",
            "-LSB-" => "[",
            "-RSB-" => "]",
            "-LCB-" => "{",
            "-RCB-" => "}",
            "-COLON-" => ":",
            "``" | "''" => "\"",
            "--" => "–",
            other => other,
        };
        // quotes pair up: FEVER writes both ``…'' and ``…``
        let (attach_left, attach_right) = if token == "\"" {
            let opening = !quote_open && raw != "''";
            quote_open = opening;
            if opening {
                (false, true)
            } else {
                (true, false)
            }
        } else {
            (closes(token), opens(token))
        };
        if !out.is_empty() && !glue_next && !attach_left {
            out.push(' ');
        }
        out.push_str(token);
        glue_next = attach_right;
    }
    out
}

/// Tokens written against the word before them.
fn closes(token: &str) -> bool {
    matches!(
        token,
        "." | "," | ";" | ":" | "!" | "?" | ")" | "]" | "}" | "%" | "'" | "..."
    ) || {
        let lower = token.to_ascii_lowercase();
        matches!(
            lower.as_str(),
            "'s" | "n't" | "'re" | "'ve" | "'ll" | "'d" | "'m"
        )
    }
}

/// Tokens written against the word after them.
fn opens(token: &str) -> bool {
    matches!(token, "(" | "[" | "{" | "$")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detokenizes_fever_text() {
        assert_eq!(
            detokenize("Daggering is associated with the genre of death metal ."),
            "Daggering is associated with the genre of death metal."
        );
        assert_eq!(
            detokenize(
                "Harold Ramis -LRB- November 21 , 1944 -- February 24 , 2014 -RRB- was an actor ."
            ),
            "Harold Ramis (November 21, 1944 – February 24, 2014) was an actor."
        );
        assert_eq!(
            detokenize("Edward Ernest `` Judge '' Reinhold Jr. is n't Isadora Duncan 's son"),
            "Edward Ernest \"Judge\" Reinhold Jr. isn't Isadora Duncan's son"
        );
        assert_eq!(
            detokenize("`` I Kissed a Girl `` is a song"),
            "\"I Kissed a Girl\" is a song"
        );
        assert_eq!(
            detokenize("He said \" hello \" , then left"),
            "He said \"hello\", then left"
        );
        assert_eq!(
            detokenize("It cost $ 5 -LSB- 1 -RSB- -COLON- 30 %"),
            "It cost $5 [1]: 30%"
        );
        assert_eq!(detokenize("  "), "");
    }
}

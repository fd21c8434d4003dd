//! Property tests over the text pipeline and the input decoders: whatever
//! the input, nothing panics, every span lies inside its text on `char`
//! boundaries, and line/column round-trip to byte offsets.
//!
//! The `fuzz_` tests are the same properties run long, as a fuzz harness
//! that works on stable Rust. They are ignored by default:
//!
//! ```sh
//! cargo test --release --test props -- --ignored fuzz_          # 100,000 cases each
//! PROPTEST_CASES=1000000 cargo test --release --test props -- --ignored fuzz_
//! ```
//!
//! A failing case is shrunk and saved in
//! `tests/props.proptest-regressions`; commit that file so that the case
//! is replayed first on every run.

use claimcheck::check::Engine;
use claimcheck::claims::{ClaimSet, parse_claims};
use claimcheck::corpus::{Source, SourceMeta};
use claimcheck::dates::{self, PartialDate};
use claimcheck::html;
use claimcheck::load;
use claimcheck::numbers;
use claimcheck::segment::{MAX_SENTENCE_BYTES, segment};
use claimcheck::span::{LineIndex, Span};
use claimcheck::text::tokenize;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

// --- inputs -------------------------------------------------------------------

/// Text that looks like articles: words, numbers, dates, punctuation,
/// quotes, abbreviations, every kind of line break, non-ASCII letters and
/// combining marks, so that the segmenter and extractors take their
/// interesting paths far more often than with uniform random strings.
fn article_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Atlantis".to_string()),
        Just("North Korea".to_string()),
        Just("Kim Jong-un".to_string()),
        Just("U.S.".to_string()),
        Just("Dr.".to_string()),
        Just("Jan. 5".to_string()),
        Just("June 19, 2024".to_string()),
        Just("19 June 2023".to_string()),
        Just("2024-06-19".to_string()),
        Just("last June 19".to_string()),
        Just("1904-1905".to_string()),
        Just("the 1990s".to_string()),
        Just("five".to_string()),
        Just("twenty-first".to_string()),
        Just("$5 billion".to_string()),
        Just("40%".to_string()),
        Just("12,420".to_string()),
        Just("3.5".to_string()),
        Just("did not".to_string()),
        Just("don't".to_string()),
        Just("Korea's".to_string()),
        Just("signed".to_string()),
        Just("Díaz".to_string()),
        Just("e\u{301}".to_string()),
        Just("Δx".to_string()),
        Just("日本".to_string()),
        Just("🦀".to_string()),
        Just(".".to_string()),
        Just("...".to_string()),
        Just("…".to_string()),
        Just("!".to_string()),
        Just("?".to_string()),
        Just(",".to_string()),
        Just("\"".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("'".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("- ".to_string()),
        Just("# ".to_string()),
        Just("> ".to_string()),
        Just(" ".to_string()),
        Just("\t".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\n\n".to_string()),
        "[a-zA-Z]{1,12}",
        "[0-9]{1,6}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|pieces| {
        let mut text = String::new();
        for (i, piece) in pieces.iter().enumerate() {
            if i > 0 && i % 3 == 0 {
                text.push(' ');
            }
            text.push_str(piece);
        }
        text
    })
}

/// Any text: article-like or uniformly random.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![article_text(), any::<String>(), "\\PC{0,200}"]
}

/// YAML that looks like a claims file, mangled: real keys, indentation,
/// flow and block collections, anchors and aliases, tags, tabs, BOMs.
fn claims_yaml() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("claims:\n".to_string()),
        Just("  - id: a\n".to_string()),
        Just("    text: Atlantis opened a port.\n".to_string()),
        Just("    about: [port, Marlow]\n".to_string()),
        Just("    expect:\n      a.txt: supports\n".to_string()),
        Just("    expect_status: refuted\n".to_string()),
        Just("    truth: yes\n".to_string()),
        Just("    note: &n hello\n".to_string()),
        Just("    note: *n\n".to_string()),
        Just("aliases:\n  North Korea: [DPRK]\n".to_string()),
        Just("- ".to_string()),
        Just(": ".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just("&a ".to_string()),
        Just("*a".to_string()),
        Just("!!str ".to_string()),
        Just("<<: ".to_string()),
        Just("---\n".to_string()),
        Just("\t".to_string()),
        Just("\u{feff}".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("|\n".to_string()),
        Just("#".to_string()),
        Just("\n".to_string()),
        Just("  ".to_string()),
        "[a-z0-9 ]{0,10}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

/// HTML-ish text: tags (raw-text ones too), entities, comments, broken
/// markup.
fn html_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<br>".to_string()),
        Just("<b>".to_string()),
        Just("</b>".to_string()),
        Just("<script>".to_string()),
        Just("</script>".to_string()),
        Just("<style>".to_string()),
        Just("</style>".to_string()),
        Just("<svg>".to_string()),
        Just("</svg>".to_string()),
        Just("<pre>".to_string()),
        Just("</pre>".to_string()),
        Just("<title>".to_string()),
        Just("<!-- ".to_string()),
        Just(" -->".to_string()),
        Just("<![CDATA[".to_string()),
        Just("<!doctype html>".to_string()),
        Just("<a href=\"x&amp;y\">".to_string()),
        Just("&amp;".to_string()),
        Just("&eacute;".to_string()),
        Just("&#233;".to_string()),
        Just("&#x1F980;".to_string()),
        Just("&#0;".to_string()),
        Just("&NotEqualTilde;".to_string()),
        Just("&bogus".to_string()),
        Just("<".to_string()),
        Just(">".to_string()),
        Just("&".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\0".to_string()),
        article_text().boxed(),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

// --- properties -------------------------------------------------------------

fn assert_span(text: &str, span: Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} {span:?} outside a text of {} bytes",
        text.len()
    );
    prop_assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} {span:?} not on char boundaries"
    );
    Ok(())
}

fn assert_ordered(spans: &[Span], what: &str) -> Result<(), TestCaseError> {
    for pair in spans.windows(2) {
        prop_assert!(
            pair[0].end <= pair[1].start,
            "{what} overlap or out of order: {pair:?}"
        );
    }
    Ok(())
}

fn segmenter_holds(text: &str) -> Result<(), TestCaseError> {
    let spans = segment(text);
    for span in &spans {
        assert_span(text, *span, "sentence")?;
        prop_assert!(!span.is_empty(), "empty sentence {span:?}");
        prop_assert!(
            span.len() <= MAX_SENTENCE_BYTES,
            "sentence of {} bytes",
            span.len()
        );
    }
    assert_ordered(&spans, "sentences")
}

fn extractors_hold(text: &str) -> Result<(), TestCaseError> {
    let dates = dates::extract_dates(text);
    let date_spans: Vec<Span> = dates.iter().map(|m| m.span).collect();
    for m in &dates {
        assert_span(text, m.span, "date")?;
        for published in [None, Some(PartialDate::ymd(2024, 12, 22))] {
            let _ = dates::resolve(m, published).to_iso();
        }
    }
    assert_ordered(&date_spans, "dates")?;
    let _ = dates::find_dateline(text);
    for skip in [&date_spans[..], &[]] {
        let numbers = numbers::extract_numbers(text, skip);
        for n in &numbers {
            assert_span(text, n.span, "number")?;
            prop_assert!(n.value.is_finite(), "number {} is not finite", n.value);
        }
        let spans: Vec<Span> = numbers.iter().map(|n| n.span).collect();
        assert_ordered(&spans, "numbers")?;
    }
    Ok(())
}

fn tokenizer_holds(text: &str) -> Result<(), TestCaseError> {
    let tokens = tokenize(text);
    for token in &tokens {
        assert_span(text, token.span(), "token")?;
    }
    let spans: Vec<Span> = tokens.iter().map(|t| t.span()).collect();
    // "n't" gives a `not` token inside its word: starts never go back.
    for pair in spans.windows(2) {
        prop_assert!(pair[0].start <= pair[1].start, "tokens out of order");
    }
    Ok(())
}

fn line_index_round_trips(text: &str) -> Result<(), TestCaseError> {
    let index = LineIndex::new(text);
    let boundaries = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    for offset in boundaries {
        let at = index.line_col(text, offset);
        prop_assert!(at.line >= 1 && at.column >= 1);
        prop_assert_eq!(
            index.offset(text, at),
            Some(offset),
            "offset {} -> {:?}",
            offset,
            at
        );
    }
    // Offsets inside a character or past the end clamp, never panic.
    for offset in [1, 2, 3, text.len() + 1, usize::MAX] {
        let _ = index.line_col(text, offset);
    }
    Ok(())
}

fn claims_loader_holds(yaml: &str) -> Result<(), TestCaseError> {
    match parse_claims(yaml, "c.yaml") {
        Ok(set) => {
            prop_assert!(!set.claims.is_empty());
            for claim in &set.claims {
                prop_assert!(!claim.id.is_empty() && !claim.text.trim().is_empty());
            }
        }
        Err(e) => {
            let message = e.to_string();
            prop_assert!(message.starts_with("c.yaml:"), "{message}");
            prop_assert!(!message.contains('\n'), "one line: {message}");
        }
    }
    Ok(())
}

fn decoders_hold(bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Ok(decoded) = load::decode_source(bytes) {
        prop_assert!(!decoded.text.contains('\0'));
        let utf16_bom = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
        if std::str::from_utf8(bytes).is_err() && !utf16_bom {
            // Never garbled silently: what is not read as UTF-8 says so.
            prop_assert!(decoded.note.is_some());
        }
    }
    if let Ok(text) = load::decode_exact(bytes) {
        claims_loader_holds(&text)?;
    }
    Ok(())
}

fn html_holds(markup: &str) -> Result<(), TestCaseError> {
    let extracted = html::extract(markup);
    let original = &extracted.original;
    prop_assert_eq!(original.text(), markup);
    let mut last = 0;
    for (i, _) in extracted.text.char_indices() {
        let at = original.offset(i);
        prop_assert!(at <= markup.len() && markup.is_char_boundary(at));
        prop_assert!(at >= last, "the map goes back: {} after {}", at, last);
        last = at;
        let _ = original.line_col(i);
    }
    segmenter_holds(&extracted.text)
}

/// The whole engine on one arbitrary source: no panic, evidence inside it.
fn engine_holds(text: &str) -> Result<(), TestCaseError> {
    let claims: ClaimSet = parse_claims(
        include_str!("../fixtures/mini/claims.yaml"),
        "fixtures/mini/claims.yaml",
    )
    .expect("the mini claims parse");
    let source = Source::new("s.txt", text, SourceMeta::default());
    let engine = Engine::new(&claims, vec![source]);
    let report = engine.check(&claims);
    for claim in &report.claims {
        for verdict in &claim.verdicts {
            for evidence in &verdict.evidence {
                assert_span(text, Span::new(evidence.start, evidence.end), "evidence")?;
                prop_assert!(evidence.line >= 1 && evidence.column >= 1);
            }
        }
    }
    Ok(())
}

// --- the regular run ---------------------------------------------------------

/// `cases` cases (`PROPTEST_CASES` overrides), failures saved for replay.
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/props.proptest-regressions",
        ))),
        ..ProptestConfig::with_cases(cases)
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn segmenter_spans_are_sentences_inside_the_text(text in any_text()) {
        segmenter_holds(&text)?;
    }

    #[test]
    fn dates_and_numbers_stay_inside_the_text(text in any_text()) {
        extractors_hold(&text)?;
    }

    #[test]
    fn tokens_stay_inside_the_text(text in any_text()) {
        tokenizer_holds(&text)?;
    }

    #[test]
    fn line_and_column_round_trip(text in any_text()) {
        line_index_round_trips(&text)?;
    }

    #[test]
    fn claims_loader_never_panics_on_yaml(yaml in claims_yaml()) {
        claims_loader_holds(&yaml)?;
    }

    #[test]
    fn claims_loader_never_panics_on_strings(yaml in any::<String>()) {
        claims_loader_holds(&yaml)?;
    }

    #[test]
    fn decoders_never_panic_or_garble_silently(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        decoders_hold(&bytes)?;
    }

    #[test]
    fn html_text_maps_back_into_the_file(markup in html_text()) {
        html_holds(&markup)?;
    }
}

proptest! {
    #![proptest_config(config(32))]

    #[test]
    fn engine_never_panics_on_arbitrary_sources(text in article_text()) {
        engine_holds(&text)?;
    }
}

// --- the fuzz harness (ignored; see the module documentation) ----------------

proptest! {
    #![proptest_config(config(100_000))]

    #[test]
    #[ignore = "long-running fuzz harness: cargo test --release -- --ignored fuzz_"]
    fn fuzz_text_pipeline(text in any_text()) {
        segmenter_holds(&text)?;
        extractors_hold(&text)?;
        tokenizer_holds(&text)?;
        line_index_round_trips(&text)?;
    }

    #[test]
    #[ignore = "long-running fuzz harness: cargo test --release -- --ignored fuzz_"]
    fn fuzz_claims_loader(yaml in prop_oneof![claims_yaml(), any::<String>()]) {
        claims_loader_holds(&yaml)?;
    }

    #[test]
    #[ignore = "long-running fuzz harness: cargo test --release -- --ignored fuzz_"]
    fn fuzz_decoders(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        decoders_hold(&bytes)?;
    }

    #[test]
    #[ignore = "long-running fuzz harness: cargo test --release -- --ignored fuzz_"]
    fn fuzz_html(markup in html_text()) {
        html_holds(&markup)?;
    }

    #[test]
    #[ignore = "long-running fuzz harness: cargo test --release -- --ignored fuzz_"]
    fn fuzz_engine(text in article_text()) {
        engine_holds(&text)?;
    }
}

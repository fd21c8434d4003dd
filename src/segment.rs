//! Sentence segmentation of plain-text articles.
//!
//! Real articles are not tidy: headings and captions carry no full stop,
//! abbreviations ("U.S.", "Jan.", "Dr.") carry one that ends nothing, and
//! quotes close after the stop. [`segment`] works in two passes: lines are
//! grouped into blocks (a line without final punctuation is a heading unless
//! the next line visibly continues it), then each block is split at
//! sentence-final punctuation followed by the start of a new sentence.

use crate::span::Span;

/// The longest sentence kept whole, in bytes. Longer runs (tables pasted as
/// text, minified markup) are cut at whitespace so that no single
/// sentence dominates the matcher's time.
pub const MAX_SENTENCE_BYTES: usize = 4096;

/// Abbreviations whose dot never ends a sentence.
const TITLE_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "gov", "sen", "rep", "lt", "col",
    "capt", "sgt", "maj", "adm", "cmdr", "rev", "hon", "pres", "fig", "no", "nos", "vol", "pp",
    "approx", "dept", "univ", "mt", "ft", "vs", "cf", "al", "ca", "e.g", "i.e", "eg", "ie",
];

/// Abbreviations of months: no break when a day or year follows.
const MONTH_ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Words that commonly open a sentence; after an abbreviation that can
/// also end one ("U.S.", "etc."), a break is made only before these.
const SENTENCE_OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "but",
    "and",
    "however",
    "he",
    "she",
    "they",
    "we",
    "i",
    "on",
    "at",
    "as",
    "after",
    "since",
    "there",
    "his",
    "her",
    "their",
    "our",
    "meanwhile",
    "while",
    "when",
    "for",
    "if",
    "although",
    "yet",
    "still",
    "so",
    "according",
    "both",
    "some",
    "many",
    "last",
    "by",
    "with",
    "during",
    "despite",
];

/// Function words that cannot end a sentence: a line ending in one runs on.
const RUN_ON_WORDS: &[&str] = &[
    "the", "a", "an", "of", "and", "or", "to", "in", "on", "by", "with", "for", "from", "at", "as",
    "that", "which", "who", "its", "their", "his", "her", "is", "are", "was", "were", "be", "has",
    "have", "had", "but", "between", "into", "than", "this", "these",
];

/// Split `text` into sentence spans, in order, trimmed of surrounding
/// whitespace and list or heading markers.
pub fn segment(text: &str) -> Vec<Span> {
    let mut sentences = Vec::new();
    for block in blocks(text) {
        split_block(text, block, &mut sentences);
    }
    sentences
}

/// One line of the text, without its line break.
#[derive(Debug, Clone, Copy)]
struct Line {
    span: Span,
}

fn lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                lines.push(Line {
                    span: Span::new(start, i),
                });
                start = i + 1;
            }
            b'\r' => {
                lines.push(Line {
                    span: Span::new(start, i),
                });
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < bytes.len() {
        lines.push(Line {
            span: Span::new(start, bytes.len()),
        });
    }
    lines
}

/// Group lines into blocks that may hold several sentences but never run
/// across a heading, a list item or a blank line.
fn blocks(text: &str) -> Vec<Span> {
    let lines = lines(text);
    let mut blocks = Vec::new();
    let mut current: Option<Span> = None;
    for (n, line) in lines.iter().enumerate() {
        let content = line.span.slice(text).trim();
        if content.is_empty() {
            if let Some(block) = current.take() {
                blocks.push(block);
            }
            continue;
        }
        let span = match current.take() {
            Some(block) => Span::new(block.start, line.span.end),
            None => line.span,
        };
        let next = lines.get(n + 1).map(|l| l.span.slice(text).trim());
        if continues_on(content, next) {
            current = Some(span);
        } else {
            blocks.push(span);
        }
    }
    if let Some(block) = current {
        blocks.push(block);
    }
    blocks
}

/// Whether a line runs on into the next one (a soft-wrapped paragraph)
/// rather than ending with it (a heading, caption or finished sentence).
fn continues_on(line: &str, next: Option<&str>) -> bool {
    let Some(next) = next.filter(|n| !n.is_empty()) else {
        return false;
    };
    if starts_with_marker(next) {
        return false;
    }
    let last = line.chars().next_back().unwrap_or('.');
    if ".!?:…;)]\"”’".contains(last) {
        return false;
    }
    if matches!(last, ',' | '-' | '–' | '—' | '(') {
        return true;
    }
    if next.starts_with(|c: char| c.is_lowercase()) {
        return true;
    }
    let last_word = line
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    RUN_ON_WORDS.contains(&last_word.as_str())
}

/// List items, headings and quotes start a block of their own.
fn starts_with_marker(line: &str) -> bool {
    let line = line.trim_start();
    line.starts_with("- ")
        || line.starts_with("* ")
        || line.starts_with("• ")
        || line.starts_with('#')
        || line.starts_with('>')
        || line.starts_with('|')
}

fn split_block(text: &str, block: Span, out: &mut Vec<Span>) {
    let body = block.slice(text);
    let bytes = body.as_bytes();
    let mut start = 0;
    let mut pos = 0;
    // The stops by their bytes: '.', '!' and '?' are ASCII (never inside
    // a longer UTF-8 sequence), '…' is U+2026, E2 80 A6 (0xE2 only leads).
    while let Some(offset) = bytes[pos..]
        .iter()
        .position(|b| matches!(b, b'.' | b'!' | b'?' | 0xE2))
    {
        let i = pos + offset;
        let c = match bytes[i] {
            b'.' => '.',
            b'!' => '!',
            b'?' => '?',
            _ if body[i..].starts_with('…') => '…',
            _ => {
                pos = i + 1;
                continue;
            }
        };
        // Take the whole run of stops and closing quotes or brackets.
        let mut end = i + c.len_utf8();
        while let Some(d) = body[end..].chars().next() {
            if matches!(
                d,
                '.' | '!' | '?' | '…' | '"' | '”' | '’' | '\'' | ')' | ']'
            ) {
                end += d.len_utf8();
            } else {
                break;
            }
        }
        pos = end;
        let rest = &body[end..];
        let after_space = rest.trim_start();
        if after_space.len() == rest.len() || after_space.is_empty() {
            continue; // no whitespace after the stop, or end of block
        }
        if !opens_sentence(after_space) {
            continue;
        }
        if c == '.' && !ends_sentence_at_dot(&body[start..i], after_space) {
            continue;
        }
        push_sentence(text, block.start + start, block.start + end, out);
        start = end;
    }
    push_sentence(text, block.start + start, block.end, out);
}

/// Whether `rest` looks like the start of a sentence.
fn opens_sentence(rest: &str) -> bool {
    let mut chars = rest.chars();
    let first = chars.next().unwrap_or(' ');
    if first.is_uppercase() || first.is_ascii_digit() {
        return true;
    }
    matches!(
        first,
        '"' | '“' | '‘' | '\'' | '(' | '[' | '-' | '–' | '—' | '*' | '•'
    ) && chars.next().is_some_and(|c| c.is_uppercase() || c == ' ')
}

/// Whether a `.` after `before` ends the sentence, given the text `after`.
fn ends_sentence_at_dot(before: &str, after: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    let next_word: String = after
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    if TITLE_ABBREVIATIONS.contains(&lower.as_str()) {
        return false;
    }
    if MONTH_ABBREVIATIONS.contains(&lower.as_str()) {
        return !after.starts_with(|c: char| c.is_ascii_digit());
    }
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    // A lone initial ("J. Smith") never ends a sentence.
    if letters.len() == 1 && word.chars().count() == 1 && letters[0].is_uppercase() {
        return false;
    }
    // Dotted acronyms ("U.S", "U.N") and "etc"/"Inc" may end a sentence,
    // but usually do not: break only before a common sentence opener.
    let dotted = word.contains('.') && letters.len() <= 4;
    if dotted || matches!(lower.as_str(), "etc" | "inc" | "ltd" | "co" | "corp") {
        return SENTENCE_OPENERS.contains(&next_word.as_str());
    }
    true
}

fn push_sentence(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let raw = &text[start..end];
    let trimmed_start = raw.len() - raw.trim_start().len();
    let mut s = start + trimmed_start;
    let e = start + raw.trim_end().len();
    // Drop list and heading markers so that spans point at the words.
    loop {
        let rest = &text[s..e];
        let marker = ["- ", "* ", "• ", "> "]
            .iter()
            .find(|m| rest.starts_with(**m))
            .map(|m| m.len())
            .or_else(|| {
                let hashes = rest.len() - rest.trim_start_matches('#').len();
                (hashes > 0 && rest[hashes..].starts_with(' ')).then_some(hashes + 1)
            });
        match marker {
            Some(len) => s += len + (text[s + len..e].len() - text[s + len..e].trim_start().len()),
            None => break,
        }
    }
    if s >= e || !text[s..e].chars().any(char::is_alphanumeric) {
        return;
    }
    // Cut runaway sentences at whitespace.
    while e - s > MAX_SENTENCE_BYTES {
        let mut cut = s + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let window = &text[s..cut];
        let at = window
            .rfind(char::is_whitespace)
            .filter(|&p| p > 0)
            .unwrap_or(window.len());
        out.push(Span::new(s, s + at));
        s += at;
        s += text[s..e].len() - text[s..e].trim_start().len();
    }
    if s < e {
        out.push(Span::new(s, e));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The char-by-char `split_block` the byte search replaced.
    fn split_block_by_chars(text: &str, block: Span, out: &mut Vec<Span>) {
        let body = block.slice(text);
        let mut start = 0;
        let mut iter = body.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            if !matches!(c, '.' | '!' | '?' | '…') {
                continue;
            }
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                if matches!(
                    d,
                    '.' | '!' | '?' | '…' | '"' | '”' | '’' | '\'' | ')' | ']'
                ) {
                    end = j + d.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            let rest = &body[end..];
            let after_space = rest.trim_start();
            if after_space.len() == rest.len() || after_space.is_empty() {
                continue;
            }
            if !opens_sentence(after_space) {
                continue;
            }
            if c == '.' && !ends_sentence_at_dot(&body[start..i], after_space) {
                continue;
            }
            push_sentence(text, block.start + start, block.start + end, out);
            start = end;
        }
        push_sentence(text, block.start + start, block.end, out);
    }

    #[test]
    fn byte_search_splits_as_the_char_scan() {
        let mut texts: Vec<String> = vec![
            "Wait… What? Yes!\u{201d} He said “No.” Then – “Go.” Fine…".into(),
            "Prices rose 3.5%. The U.S. Army left. Dr. Who came… He went.".into(),
            "é… É. ’Tis — done?! “Yes.” (Maybe.) [Sure.] Ok.".into(),
            "\u{2028}… …… ‘Quoted.’ Next. \u{e2}x. Ünter. ∑ done. Ω? Δ!".into(),
        ];
        texts.extend(crate::test_texts::bundled_texts());
        for text in &texts {
            for block in blocks(text) {
                let (mut fast, mut slow) = (Vec::new(), Vec::new());
                split_block(text, block, &mut fast);
                split_block_by_chars(text, block, &mut slow);
                assert_eq!(fast, slow, "{}", block.slice(text));
            }
        }
    }

    fn sentences(text: &str) -> Vec<&str> {
        segment(text).into_iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn splits_at_stops_before_a_capital() {
        assert_eq!(
            sentences("Russia signed. North Korea agreed! Did China? Yes."),
            vec![
                "Russia signed.",
                "North Korea agreed!",
                "Did China?",
                "Yes."
            ]
        );
    }

    #[test]
    fn headings_without_stops_are_sentences() {
        let text = "Ties with Russia and China\n\nAgainst this backdrop, North Korea shifted.\nMilitary alliance : Russia and North Korea strengthen their strategic links\nOn June 19, 2023, they signed.";
        assert_eq!(
            sentences(text),
            vec![
                "Ties with Russia and China",
                "Against this backdrop, North Korea shifted.",
                "Military alliance : Russia and North Korea strengthen their strategic links",
                "On June 19, 2023, they signed."
            ]
        );
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            sentences("U.S. officials met Dr. Kim on Jan. 5. The talks ended."),
            vec!["U.S. officials met Dr. Kim on Jan. 5.", "The talks ended."]
        );
        assert_eq!(
            sentences("He flew to the U.S. The talks ended."),
            vec!["He flew to the U.S.", "The talks ended."]
        );
        assert_eq!(
            sentences("J. R. Smith wrote it."),
            vec!["J. R. Smith wrote it."]
        );
    }

    #[test]
    fn quotes_close_after_the_stop() {
        assert_eq!(
            sentences("He said \"after the summit\" they met. \"It is a priority.\" Then he left."),
            vec![
                "He said \"after the summit\" they met.",
                "\"It is a priority.\"",
                "Then he left."
            ]
        );
    }

    #[test]
    fn list_markers_are_dropped_and_soft_wraps_joined() {
        let text =
            "- Dec 22, 2024\n- 5 min read\nThe treaty was signed by\nboth leaders in Pyongyang.";
        assert_eq!(
            sentences(text),
            vec![
                "Dec 22, 2024",
                "5 min read",
                "The treaty was signed by\nboth leaders in Pyongyang."
            ]
        );
    }

    #[test]
    fn crlf_and_lone_cr_are_line_breaks() {
        assert_eq!(
            sentences("Heading\r\n\r\nOne. Two.\rThree"),
            vec!["Heading", "One.", "Two.", "Three"]
        );
    }

    #[test]
    fn runaway_sentences_are_cut_on_char_boundaries() {
        let text = "é ".repeat(MAX_SENTENCE_BYTES);
        for span in segment(&text) {
            assert!(span.len() <= MAX_SENTENCE_BYTES);
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
    }

    #[test]
    fn leading_ellipsis_is_kept_with_its_sentence() {
        assert_eq!(
            sentences("... such a tilt does not align. Yes."),
            vec!["... such a tilt does not align.", "Yes."]
        );
    }
}

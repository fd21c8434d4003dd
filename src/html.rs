//! The prose of HTML articles, with a map back to the file as written.
//!
//! An `.html`/`.htm` source is tokenized by `html5tokenizer`, a
//! WHATWG-compliant HTML5 tokenizer that reports the byte span of every
//! character it emits and switches to raw text inside `<script>`,
//! `<style>`, `<textarea>` and the like, so that a `<` in a script never
//! opens a tag and no script or style ever reads as prose. [`extract`]
//! keeps the text of the document:
//!
//! - character references are decoded (`&amp;` is `&`);
//! - whitespace runs collapse to one space, as a browser shows them
//!   (`<pre>` keeps its line breaks);
//! - block elements (`<p>`, `<h1>`, `<li>`, `<td>`, `<div>`…) end a block
//!   (a blank line in the extracted text) and `<br>` ends a line, so that
//!   segmentation sees headings and paragraphs as it does in plain text;
//! - scripts, styles, templates, `<noscript>`, embedded SVG and MathML,
//!   form controls, comments and the doctype are dropped.
//!
//! The extracted text is what claimcheck segments and matches; the
//! [`Original`] it comes with maps every byte offset of it back to the
//! file, so that `line:column` in reports points into the HTML as written.

use html5tokenizer::offset::PosTrackingReader;
use html5tokenizer::trace::Trace;
use html5tokenizer::{NaiveParser, Token, TracingEmitter};

use crate::span::{LineCol, LineIndex};

/// File extensions read as HTML sources.
pub const HTML_EXTENSIONS: &[&str] = &["html", "htm"];

/// Elements whose content is never prose. The raw-text ones (the
/// tokenizer reads them up to their end tag whatever they hold) are
/// skipped even when written self-closing (`<script/>` opens a script).
const SKIPPED_RAW: &[&str] = &[
    "script", "style", "textarea", "iframe", "noembed", "noframes",
];
/// Elements whose content is skipped, nested ones counted.
const SKIPPED: &[&str] = &[
    "template", "noscript", "svg", "math", "object", "canvas", "select", "button",
];

/// Elements that start and end a block of text.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

/// How often (in tokens) the tokenizer's parse errors are thrown away:
/// they are not reported, and a broken file must not pile them up.
const DRAIN_ERRORS_EVERY: usize = 4096;

/// The text of an HTML document and where it came from.
#[derive(Debug, Clone)]
pub struct Extracted {
    /// The prose, blocks separated by blank lines.
    pub text: String,
    /// Maps offsets in `text` back to the document.
    pub original: Original,
}

/// The document as written, and where each piece of an extracted text
/// came from in it.
#[derive(Debug, Clone)]
pub struct Original {
    text: String,
    lines: LineIndex,
    /// Sorted by `at`; the first starts at 0 when the text is not empty.
    pieces: Vec<Piece>,
}

/// A run of extracted text: copied byte for byte from `from` on
/// (`verbatim`), or put in place of the markup at `from` (a decoded
/// character reference, a collapsed space, a block break).
#[derive(Debug, Clone, Copy)]
struct Piece {
    at: usize,
    from: usize,
    verbatim: bool,
}

impl Original {
    /// The document as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Byte offset in the document of byte `offset` of the extracted
    /// text: exact inside copied text, the start of the markup for text
    /// that replaced it.
    pub fn offset(&self, offset: usize) -> usize {
        let after = self.pieces.partition_point(|p| p.at <= offset);
        let Some(piece) = after.checked_sub(1).map(|i| self.pieces[i]) else {
            return 0;
        };
        let at = if piece.verbatim {
            piece.from + (offset - piece.at)
        } else {
            piece.from
        };
        at.min(self.text.len())
    }

    /// Line and column in the document of byte `offset` of the extracted
    /// text.
    pub fn line_col(&self, offset: usize) -> LineCol {
        self.lines.line_col(&self.text, self.offset(offset))
    }
}

/// Extract the prose of `html` (see the module documentation).
pub fn extract(html: &str) -> Extracted {
    let mut out = Builder::default();
    let mut parser =
        NaiveParser::new_with_emitter(PosTrackingReader::new(html), TracingEmitter::default());
    // The element being skipped and how many of it are open.
    let mut skip: Option<(String, usize)> = None;
    let mut pre = 0usize;
    let mut tokens = 0usize;
    let mut cursor = 0usize;
    while let Some(Ok((token, trace))) = parser.next() {
        tokens += 1;
        if tokens.is_multiple_of(DRAIN_ERRORS_EVERY) {
            parser.emitter_mut().drain_errors().for_each(drop);
        }
        // The tokenizer gets a few spans wrong: characters re-emitted from
        // its buffer (`</x` that does not close a `<title>` or `<script>`)
        // and the line feed a lone CR becomes. A span is used only when it
        // holds what was emitted (the character itself, a character
        // reference, a line break, a tag) and does not go back; any other
        // is put where the last good one ended, so that the map stays
        // ordered, in bounds and on character boundaries.
        let (start, end) = match &trace {
            Trace::Char(span) => (span.start, span.end),
            Trace::StartTag(t) => (t.span.start, t.span.end),
            Trace::EndTag(t) => (t.span.start, t.span.end),
            _ => continue,
        };
        let written = (start >= cursor && start <= end)
            .then(|| html.get(start..end))
            .flatten()
            .unwrap_or("");
        let good = match &token {
            Token::Char(c) => {
                let mut buf = [0u8; 4];
                written == c.encode_utf8(&mut buf)
                    || written.starts_with('&')
                    || (*c == '\n' && (written == "\r\n" || written == "\r"))
            }
            _ => written.starts_with('<'),
        };
        let (at, span) = if good {
            cursor = end;
            (start, start..end)
        } else {
            (cursor, cursor..cursor)
        };
        match token {
            Token::Char(c) if skip.is_none() => {
                if pre > 0 {
                    out.verbatim(c, span);
                } else if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c') {
                    out.space(at);
                } else {
                    out.char(c, span);
                }
            }
            Token::StartTag(tag) => {
                let name = tag.name.as_str();
                if let Some((skipped, open)) = &mut skip {
                    if skipped == name && !tag.self_closing {
                        *open += 1;
                    }
                    continue;
                }
                if SKIPPED_RAW.contains(&name) || (SKIPPED.contains(&name) && !tag.self_closing) {
                    skip = Some((tag.name, 1));
                } else if name == "br" {
                    out.line_break(at);
                } else if BLOCKS.contains(&name) {
                    out.block_break(at);
                    if name == "pre" && !tag.self_closing {
                        pre += 1;
                    }
                }
            }
            Token::EndTag(tag) => {
                let name = tag.name.as_str();
                if let Some((skipped, open)) = &mut skip {
                    if skipped == name {
                        *open -= 1;
                        if *open == 0 {
                            skip = None;
                        }
                    }
                    continue;
                }
                if name == "br" {
                    out.line_break(at);
                } else if BLOCKS.contains(&name) {
                    out.block_break(at);
                    if name == "pre" {
                        pre = pre.saturating_sub(1);
                    }
                }
            }
            _ => {}
        }
    }
    let Builder { text, pieces, .. } = out;
    Extracted {
        text,
        original: Original {
            lines: LineIndex::new(html),
            text: html.to_string(),
            pieces,
        },
    }
}

/// The extracted text being written, with its pieces.
#[derive(Default)]
struct Builder {
    text: String,
    pieces: Vec<Piece>,
    /// Where a whitespace run not written yet started.
    pending_space: Option<usize>,
}

impl Builder {
    /// A character of prose, after the space that precedes it if any.
    fn char(&mut self, c: char, span: std::ops::Range<usize>) {
        if let Some(from) = self.pending_space.take()
            && !self.text.is_empty()
            && !self.text.ends_with('\n')
        {
            self.replaced(" ", from);
        }
        self.verbatim(c, span);
    }

    /// A character copied from `span`: verbatim when it is written there
    /// as itself, else (a character reference, a CRLF read as one line
    /// feed) in place of the span.
    fn verbatim(&mut self, c: char, span: std::ops::Range<usize>) {
        let exact = span.len() == c.len_utf8();
        let continues = self
            .pieces
            .last()
            .is_some_and(|p| p.verbatim && p.from + (self.text.len() - p.at) == span.start);
        if !(exact && continues) {
            self.pieces.push(Piece {
                at: self.text.len(),
                from: span.start,
                verbatim: exact,
            });
        }
        self.text.push(c);
    }

    fn replaced(&mut self, text: &str, from: usize) {
        self.pieces.push(Piece {
            at: self.text.len(),
            from,
            verbatim: false,
        });
        self.text.push_str(text);
    }

    fn space(&mut self, from: usize) {
        self.pending_space.get_or_insert(from);
    }

    fn line_break(&mut self, from: usize) {
        self.pending_space = None;
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.replaced("\n", from);
        }
    }

    fn block_break(&mut self, from: usize) {
        self.pending_space = None;
        if self.text.is_empty() || self.text.ends_with("\n\n") {
            return;
        }
        let missing = if self.text.ends_with('\n') {
            "\n"
        } else {
            "\n\n"
        };
        self.replaced(missing, from);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where `needle` of the extracted text is in the document.
    fn at(html: &str, needle: &str) -> (usize, LineCol) {
        let extracted = extract(html);
        let offset = extracted
            .text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in {:?}", extracted.text));
        (
            extracted.original.offset(offset),
            extracted.original.line_col(offset),
        )
    }

    #[test]
    fn scripts_and_styles_are_not_prose() {
        let html = "<html><head><title>Port news</title>\
            <style>p { content: \"Atlantis closed the port.\" }</style>\
            <script>var s = \"<p>Atlantis closed the port.</p>\"; if (a < b) {}</script>\
            </head><body><p>Atlantis opened a new port in Marlow.</p>\
            <noscript>Atlantis closed the port.</noscript>\
            <!-- Atlantis closed the port. --></body></html>";
        let text = extract(html).text;
        assert_eq!(
            text,
            "Port news\n\nAtlantis opened a new port in Marlow.\n\n"
        );
    }

    #[test]
    fn blocks_and_line_breaks_separate_text_and_inline_tags_do_not() {
        let html = "<h1>Ties with Russia</h1><p>North <b>Korea</b> and\n   Russia met.<br>Then they left.</p><ul><li>One</li><li>Two</li></ul>";
        assert_eq!(
            extract(html).text,
            "Ties with Russia\n\nNorth Korea and Russia met.\nThen they left.\n\nOne\n\nTwo\n\n"
        );
    }

    #[test]
    fn character_references_are_decoded_and_mapped_to_their_start() {
        let html = "<p>AT&amp;T &eacute;t&#233; caf&eacute; said.</p>";
        let extracted = extract(html);
        assert_eq!(extracted.text, "AT&T été café said.\n\n");
        let (offset, _) = at(html, "&T");
        assert_eq!(&html[offset..offset + 5], "&amp;");
        let (offset, _) = at(html, "T ");
        assert_eq!(&html[offset..offset + 1], "T");
        let (offset, _) = at(html, "said");
        assert_eq!(&html[offset..offset + 4], "said");
    }

    #[test]
    fn line_and_column_point_into_the_html() {
        let html = "<!doctype html>\r\n<html>\r\n<body>\r\n  <p class=\"x\">Hello there.</p>\r\n  <p>Atlantis opened a <em>new</em> port.</p>\r\n</body></html>\r\n";
        assert_eq!(
            at(html, "Hello").1,
            LineCol {
                line: 4,
                column: 16
            }
        );
        assert_eq!(at(html, "Atlantis").1, LineCol { line: 5, column: 6 });
        assert_eq!(
            at(html, "port").1,
            LineCol {
                line: 5,
                column: 37
            }
        );
    }

    #[test]
    fn pre_keeps_line_breaks() {
        let html = "<pre>one\ntwo  three</pre>";
        assert_eq!(extract(html).text, "one\ntwo  three\n\n");
    }

    #[test]
    fn nested_skipped_elements_are_counted() {
        let html = "<svg><svg><text>no</text></svg><text>no</text></svg><p>yes</p><svg/>after";
        assert_eq!(extract(html).text, "yes\n\nafter");
    }

    #[test]
    fn broken_html_does_not_panic() {
        for html in [
            "",
            "<",
            "</",
            "<p",
            "<script>never closed",
            "<!--",
            "&",
            "&#xFFFFFFFF;",
            "<p>a</b></i></p></p>",
            "<svg><p>x",
            "\u{0}<p>\u{0}</p>",
        ] {
            let extracted = extract(html);
            for (i, _) in extracted.text.char_indices() {
                assert!(extracted.original.offset(i) <= html.len());
            }
        }
    }
}

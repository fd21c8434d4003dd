//! Prose extraction: the sentences a draft asserts, as one plain string,
//! with a byte-offset map back to the draft as written.
//!
//! Markdown is parsed with pulldown-cmark's offset iterator. Every
//! paragraph, heading, list item and table cell becomes one line of the
//! prose string, blocks separated by a blank line, so that
//! [`crate::segment::segment`] never runs a sentence across two blocks.
//! Code (fenced, indented, inline), HTML, images, struck-out text,
//! autolinks and the front matter are left out; link *text* is prose, the
//! URL is not. Text copied verbatim maps byte for byte; a soft line break
//! becomes one space mapped onto the line break; an entity or escape that
//! pulldown-cmark rewrote maps as a unit onto what was written.
//!
//! Nothing here reads files: this is a pure function of the text.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::span::Span;

/// The prose of a draft and where each byte of it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Prose {
    /// The prose: one line per block, blocks separated by a blank line.
    pub text: String,
    /// Prose offsets → offsets in the original draft.
    pub map: OffsetMap,
    /// Spans of the original draft holding HTML (where suppression
    /// comments may be written).
    pub html: Vec<Span>,
    /// The front matter's body (between the `---` lines), if any.
    pub front_matter: Option<Span>,
}

/// Maps byte offsets of the prose string back to the original text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OffsetMap {
    pieces: Vec<Piece>,
}

/// One run of prose bytes and the original bytes it stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Piece {
    /// First prose byte.
    prose: usize,
    /// Prose bytes covered.
    len: usize,
    /// First original byte.
    original: usize,
    /// Original bytes covered.
    original_len: usize,
    /// Byte-for-byte copy (`len == original_len`); otherwise the run maps
    /// as a unit: its start to `original`, its end to the original end.
    verbatim: bool,
}

impl OffsetMap {
    /// The identity map of a text of `len` bytes.
    pub fn identity(len: usize) -> Self {
        let mut map = OffsetMap::default();
        map.push_verbatim(0, 0, len);
        map
    }

    fn push_verbatim(&mut self, prose: usize, original: usize, len: usize) {
        if len == 0 {
            return;
        }
        // Merge with the previous run when both sides are contiguous.
        if let Some(last) = self.pieces.last_mut()
            && last.verbatim
            && last.prose + last.len == prose
            && last.original + last.original_len == original
        {
            last.len += len;
            last.original_len += len;
            return;
        }
        self.pieces.push(Piece {
            prose,
            len,
            original,
            original_len: len,
            verbatim: true,
        });
    }

    fn push_unit(&mut self, prose: usize, len: usize, original: Range<usize>) {
        if len == 0 {
            return;
        }
        self.pieces.push(Piece {
            prose,
            len,
            original: original.start,
            original_len: original.len(),
            verbatim: false,
        });
    }

    /// The original offset of the prose byte at `offset` (a span start).
    pub fn start(&self, offset: usize) -> usize {
        let after = self.pieces.partition_point(|p| p.prose <= offset);
        let Some(piece) = after.checked_sub(1).map(|i| self.pieces[i]) else {
            return self.pieces.first().map_or(0, |p| p.original);
        };
        if offset < piece.prose + piece.len {
            if piece.verbatim {
                piece.original + (offset - piece.prose)
            } else {
                piece.original
            }
        } else {
            piece.original + piece.original_len
        }
    }

    /// The original offset one past the prose byte before `offset` (a
    /// span end).
    pub fn end(&self, offset: usize) -> usize {
        if offset == 0 {
            return self.start(0);
        }
        let after = self.pieces.partition_point(|p| p.prose < offset);
        let Some(piece) = after.checked_sub(1).map(|i| self.pieces[i]) else {
            return self.start(offset);
        };
        if piece.verbatim {
            piece.original + (offset - piece.prose).min(piece.len)
        } else {
            piece.original + piece.original_len
        }
    }

    /// A prose span in original coordinates.
    pub fn span(&self, span: Span) -> Span {
        let start = self.start(span.start);
        let end = self.end(span.end).max(start);
        Span::new(start, end)
    }
}

/// Plain text: the prose is the text itself.
pub fn plain(text: &str) -> Prose {
    Prose {
        text: text.to_string(),
        map: OffsetMap::identity(text.len()),
        html: vec![Span::new(0, text.len())],
        front_matter: None,
    }
}

/// The span of a front matter block at the very top (`---` … `---` or
/// `...`, or `+++` … `+++`), lines included, and the span of its body.
pub fn front_matter(text: &str) -> Option<(Span, Span)> {
    let first_end = text.find('\n')?;
    let fence = text[..first_end].trim_end_matches('\r');
    if fence != "---" && fence != "+++" {
        return None;
    }
    let body_start = first_end + 1;
    let mut at = body_start;
    while at < text.len() {
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let line = text[at..line_end].trim_end_matches('\r');
        if line == fence || (fence == "---" && line == "...") {
            let end = (line_end + 1).min(text.len());
            return Some((Span::new(0, end), Span::new(body_start, at)));
        }
        at = line_end + 1;
    }
    None
}

/// Blank out a span, keeping every byte offset and line break: each
/// non-newline byte becomes a space.
fn blank(text: &str, span: Span) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for b in &mut bytes[span.start..span.end] {
        if *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
    // Whole UTF-8 sequences were replaced byte by byte with ASCII spaces,
    // and the span ends on a line break: the result is valid UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
}

/// Extract the prose of a Markdown draft.
pub fn markdown(original: &str) -> Prose {
    let matter = front_matter(original);
    let masked = match matter {
        Some((whole, _)) => blank(original, whole),
        None => original.to_string(),
    };
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TASKLISTS);
    options.insert(Options::ENABLE_FOOTNOTES);
    let mut builder = Builder {
        original,
        prose: Prose {
            text: String::new(),
            map: OffsetMap::default(),
            html: Vec::new(),
            front_matter: matter.map(|(_, body)| body),
        },
        skip: 0,
        links: Vec::new(),
        in_html_block: false,
    };
    for (event, range) in Parser::new_ext(&masked, options).into_offset_iter() {
        builder.event(event, range);
    }
    builder.prose
}

struct Builder<'a> {
    original: &'a str,
    prose: Prose,
    /// Depth of elements whose text is not prose.
    skip: usize,
    /// For each open link, whether it is an autolink (its text is a URL).
    links: Vec<bool>,
    /// Inside an HTML block, recorded whole at its start.
    in_html_block: bool,
}

impl Builder<'_> {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(&tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(text) if self.skip == 0 => self.text(&text, range),
            Event::SoftBreak | Event::HardBreak if self.skip == 0 => {
                self.unit(" ", range);
            }
            Event::InlineHtml(_) | Event::Html(_) if !self.in_html_block => {
                self.prose.html.push(Span::new(range.start, range.end));
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: &Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::CodeBlock(_) | Tag::Image { .. } | Tag::Strikethrough | Tag::MetadataBlock(_) => {
                self.skip += 1;
                self.block_break(range.start);
            }
            Tag::Link { link_type, .. } => {
                let autolink = matches!(link_type, LinkType::Autolink | LinkType::Email);
                self.skip += usize::from(autolink);
                self.links.push(autolink);
            }
            Tag::HtmlBlock => {
                self.block_break(range.start);
                self.prose.html.push(Span::new(range.start, range.end));
                self.in_html_block = true;
            }
            Tag::Emphasis | Tag::Strong | Tag::Superscript | Tag::Subscript => {}
            _ => self.block_break(range.start),
        }
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::CodeBlock
            | TagEnd::Image
            | TagEnd::Strikethrough
            | TagEnd::MetadataBlock(_) => {
                self.skip = self.skip.saturating_sub(1);
                self.block_break(range.end);
            }
            TagEnd::Link => {
                if self.links.pop() == Some(true) {
                    self.skip = self.skip.saturating_sub(1);
                }
            }
            TagEnd::HtmlBlock => {
                self.in_html_block = false;
                self.block_break(range.end);
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Superscript | TagEnd::Subscript => {}
            _ => self.block_break(range.end),
        }
    }

    /// End the current line of prose with a blank line, once.
    fn block_break(&mut self, at: usize) {
        let text = &self.prose.text;
        if text.is_empty() || text.ends_with("\n\n") {
            return;
        }
        let sep = if text.ends_with('\n') { "\n" } else { "\n\n" };
        let prose = self.prose.text.len();
        self.prose.text.push_str(sep);
        self.prose.map.push_unit(prose, sep.len(), at..at);
    }

    /// Text as pulldown-cmark gives it: verbatim where the original says
    /// exactly that, a unit where an escape or entity was rewritten.
    fn text(&mut self, text: &str, range: Range<usize>) {
        let written = &self.original[range.clone()];
        let prose = self.prose.text.len();
        self.prose.text.push_str(text);
        if written == text {
            self.prose.map.push_verbatim(prose, range.start, text.len());
        } else if let Some(at) = written.find(text) {
            self.prose
                .map
                .push_verbatim(prose, range.start + at, text.len());
        } else {
            self.prose.map.push_unit(prose, text.len(), range);
        }
    }

    fn unit(&mut self, text: &str, range: Range<usize>) {
        if self.prose.text.is_empty() || self.prose.text.ends_with('\n') {
            return;
        }
        let prose = self.prose.text.len();
        self.prose.text.push_str(text);
        self.prose.map.push_unit(prose, text.len(), range);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::{LineCol, LineIndex};

    /// Where `needle` in the prose lands in the original, as line:col.
    fn locate(original: &str, needle: &str) -> LineCol {
        let prose = markdown(original);
        let at = prose
            .text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in prose {:?}", prose.text));
        let span = prose.map.span(Span::new(at, at + needle.len()));
        assert_eq!(span.slice(original), needle, "maps back to the same words");
        LineIndex::new(original).line_col(original, span.start)
    }

    #[test]
    fn paragraphs_headings_and_items_become_lines() {
        let prose = markdown("# Title\n\nOne *two*\nthree.\n\n- item one\n- item two\n");
        assert_eq!(
            prose.text,
            "Title\n\nOne two three.\n\nitem one\n\nitem two\n\n"
        );
    }

    #[test]
    fn code_html_images_and_urls_are_not_prose() {
        let original = "Text `code` more.\n\n```\nfenced 2023\n```\n\n    indented\n\n<div>html</div>\n\nSee [the report](https://example.com/2023) and <https://x.org>.\n\n![alt 2023](i.png) ~~old~~ new.\n";
        let prose = markdown(original);
        for gone in [
            "code",
            "fenced",
            "indented",
            "html",
            "example.com",
            "x.org",
            "alt",
            "old",
        ] {
            assert!(
                !prose.text.contains(gone),
                "{gone} leaked into {:?}",
                prose.text
            );
        }
        assert!(
            prose.text.contains("See the report and"),
            "{:?}",
            prose.text
        );
    }

    #[test]
    fn columns_count_characters_after_multibyte_text() {
        let original = "Intro.\n\nCafé “quoted” — 東京: signed in 2023.\n";
        assert_eq!(
            locate(original, "2023"),
            LineCol {
                line: 3,
                column: 31
            }
        );
    }

    #[test]
    fn soft_breaks_map_to_the_next_line() {
        let original = "First line\nsecond line in 2023.\n";
        let prose = markdown(original);
        assert_eq!(prose.text, "First line second line in 2023.\n\n");
        assert_eq!(
            locate(original, "2023"),
            LineCol {
                line: 2,
                column: 16
            }
        );
        let whole = prose
            .map
            .span(Span::new(0, "First line second line in 2023.".len()));
        assert_eq!(whole, Span::new(0, original.trim_end().len()));
    }

    #[test]
    fn crlf_line_endings_keep_lines_and_columns() {
        let original = "# Head\r\n\r\nSome text\r\nwith é, in 2023.\r\n";
        assert_eq!(
            locate(original, "2023"),
            LineCol {
                line: 4,
                column: 12
            }
        );
        assert_eq!(locate(original, "Head"), LineCol { line: 1, column: 3 });
    }

    #[test]
    fn front_matter_is_skipped_and_offsets_kept() {
        let original = "---\ntitle: Draft 2023\ndate: 2024-06-20\n---\n\nBody from 2019.\n";
        let prose = markdown(original);
        assert!(!prose.text.contains("title"), "{:?}", prose.text);
        assert_eq!(
            locate(original, "2019"),
            LineCol {
                line: 6,
                column: 11
            }
        );
        let body = prose.front_matter.expect("front matter");
        assert_eq!(
            body.slice(original),
            "title: Draft 2023\ndate: 2024-06-20\n"
        );
    }

    #[test]
    fn table_cells_are_blocks() {
        let original = "| Year | Event |\n|---|---|\n| 2019 | Summit held |\n";
        let prose = markdown(original);
        assert!(
            prose.text.contains("2019\n\nSummit held"),
            "{:?}",
            prose.text
        );
        assert_eq!(
            locate(original, "Summit"),
            LineCol {
                line: 3,
                column: 10
            }
        );
    }

    #[test]
    fn escapes_and_entities_map_as_units() {
        let original = "A \\*star\\* &amp; 2023 here.\n";
        let prose = markdown(original);
        assert!(
            prose.text.starts_with("A *star* & 2023 here."),
            "{:?}",
            prose.text
        );
        assert_eq!(
            locate(original, "2023"),
            LineCol {
                line: 1,
                column: 18
            }
        );
    }

    #[test]
    fn html_comments_are_recorded() {
        let original = "<!-- claimcheck-disable -->\n\nText <!-- inline --> more.\n";
        let prose = markdown(original);
        let html: Vec<&str> = prose
            .html
            .iter()
            .map(|s| s.slice(original).trim())
            .collect();
        assert_eq!(html, ["<!-- claimcheck-disable -->", "<!-- inline -->"]);
        assert!(!prose.text.contains("claimcheck"));
    }

    #[test]
    fn identity_map_for_plain_text() {
        let prose = plain("a\r\nb");
        assert_eq!(prose.map.span(Span::new(3, 4)), Span::new(3, 4));
    }
}

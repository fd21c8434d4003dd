//! Byte spans into a text and the line/column arithmetic to show them.
//!
//! Every position in claimcheck is a [`Span`]: a half-open byte range
//! `start..end` into the text it was taken from, always on `char`
//! boundaries. Lines and columns are computed only when rendering, by a
//! [`LineIndex`] built once per text.

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into a text, on `char` boundaries.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (end-exclusive).
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    /// Number of bytes covered.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text this span covers in `text`, or `""` when it does not fit.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// This span moved `offset` bytes to the right.
    pub fn shifted(&self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }

    /// This span moved `offset` bytes to the left (saturating at 0).
    pub fn moved_back(&self, offset: usize) -> Span {
        Span::new(
            self.start.saturating_sub(offset),
            self.end.saturating_sub(offset),
        )
    }

    /// Whether `other` lies entirely inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// A 1-based line and column. Columns count Unicode scalar values, so a
/// line starting with `é` puts the next character at column 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// Start offsets of every line of a text, for byte offset → line/column.
///
/// A line ends at `\n`, at `\r\n`, or at a lone `\r`.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    /// Index the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i + 1),
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    line_starts.push(i + 2);
                    i += 1;
                }
                b'\r' => line_starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        LineIndex { line_starts }
    }

    /// Line and column of byte `offset` in `text` (the text this index was
    /// built from). Offsets past the end clamp to the end.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = match self.line_starts.binary_search(&offset) {
            Ok(exact) => exact,
            Err(next) => next - 1,
        };
        let start = self.line_starts[line];
        let column = text[start..offset].chars().count() + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }

    /// Byte offset of a 1-based line and column, if it lies in `text`.
    pub fn offset(&self, text: &str, at: LineCol) -> Option<usize> {
        let start = *self.line_starts.get(at.line.checked_sub(1)?)?;
        let rest = &text[start..];
        if at.column == 0 {
            return None;
        }
        match rest.char_indices().nth(at.column - 1) {
            Some((i, _)) => Some(start + i),
            None if rest.chars().count() == at.column - 1 => Some(text.len()),
            None => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "é one\nΔx two";
        let index = LineIndex::new(text);
        let two = text.find("two").unwrap();
        assert_eq!(index.line_col(text, two), LineCol { line: 2, column: 4 });
        assert_eq!(index.line_col(text, 2), LineCol { line: 1, column: 2 });
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let text = "a\r\nb\rc";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 3).line, 2);
        assert_eq!(index.line_col(text, 5), LineCol { line: 3, column: 1 });
    }

    #[test]
    fn offset_round_trips() {
        let text = "ab\nçd\r\nef";
        let index = LineIndex::new(text);
        for (offset, _) in text.char_indices() {
            let at = index.line_col(text, offset);
            assert_eq!(index.offset(text, at), Some(offset), "offset {offset}");
        }
    }
}

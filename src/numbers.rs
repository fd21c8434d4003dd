//! Numeric quantities and ordinals in text: digits ("12,420", "3.5",
//! "$5 billion"), number words ("twenty-five", "a dozen", "three thousand"),
//! ordinals ("first", "80th") and percentages ("40%", "40 per cent"), each
//! with the words that follow it so callers can match the counted noun.
//!
//! Extraction is one pass over a small token stream (letter runs, ASCII digit
//! runs, single other characters), so it allocates once per text and once per
//! mention rather than per character, and every span lies on `char`
//! boundaries.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::span::Span;
use crate::text::WordSet;

/// What a number counts or ranks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NumberKind {
    /// A count or amount: "five", "12,420", "1.2 million".
    Cardinal,
    /// A rank: "first", "80th", "twenty-first".
    Ordinal,
    /// A percentage: "40%", "40 percent", "forty per cent"; `value` is 40.
    Percent,
}

/// One number found in a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumberMention {
    /// Byte range of the number, including a currency sign, a scale word
    /// ("million") and a percent sign or word.
    pub span: Span,
    /// The number's value, with scale words applied ("$5 billion" is 5e9).
    pub value: f64,
    /// Whether it counts, ranks or gives a percentage.
    pub kind: NumberKind,
    /// Up to 3 lower-cased words right after the number; punctuation or a
    /// line break stops the list. Hyphenated words stay whole ("year-old").
    pub following: Vec<String>,
    /// The first of `following` that is not a filler word ("of", "more",
    /// "other", ...): "five socialist states" gives "socialist", "five of
    /// the states" gives "states".
    pub head: Option<String>,
}

/// Every number in `text` outside the `skip` spans (typically the spans
/// already taken by dates), sorted by position and not overlapping.
///
/// Without a skip list a four-digit year is an ordinary cardinal.
pub fn extract_numbers(text: &str, skip: &[Span]) -> Vec<NumberMention> {
    if !may_hold_numbers(text) {
        return Vec::new();
    }
    scan_numbers(text, skip, false)
}

/// [`extract_numbers`], told by `may_hold` whether the text passes the
/// pre-scan ([`may_hold_numbers`], or a superset of it: the analyzer's
/// [`crate::text::TextHints`]).
pub fn extract_numbers_hinted(text: &str, skip: &[Span], may_hold: bool) -> Vec<NumberMention> {
    if !may_hold {
        return Vec::new();
    }
    scan_numbers(text, skip, false)
}

/// The scan behind [`extract_numbers`]; `every_token` tries every token
/// instead of those [`Scanner::may_start`] lets through (the same
/// mentions: for the tests).
fn scan_numbers(text: &str, skip: &[Span], every_token: bool) -> Vec<NumberMention> {
    let scan = Scanner::new(text, skip);
    let mut mentions = Vec::new();
    let mut i = 0;
    while i < scan.toks.len() {
        if !every_token && !scan.may_start(i) {
            i += 1;
            continue;
        }
        match scan.digit_number(i).or_else(|| scan.word_number(i)) {
            Some(found) if found.value.is_finite() => {
                mentions.push(scan.mention(&found));
                i = found.to.max(i + 1);
            }
            _ => i += 1,
        }
    }
    mentions
}

/// Whether `text` may hold a number: an ASCII digit, or a word that can
/// start a number in words. Every number found starts with a digit token
/// or with one of these words ("a" only before "hundred", "dozen" or a
/// big scale, which are in the list), so a text without any holds none
/// and is not scanned.
pub(crate) fn may_hold_numbers(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit()) || crate::text::any_ascii_word(text, starts_a_number)
}

/// A word of three to eleven letters, in any case, of [`UNITS`],
/// [`TENS`], [`BIG_SCALES`], [`ORDINALS`] or [`SCALE_ORDINALS`], or
/// "hundred" or "dozen" (this runs on every word of the corpus).
fn starts_a_number(word: &str) -> bool {
    static NUMBER_STARTS: LazyLock<WordSet> = LazyLock::new(|| {
        WordSet::new(
            [UNITS, TENS, BIG_SCALES, ORDINALS, SCALE_ORDINALS]
                .into_iter()
                .flatten()
                .map(|(w, _)| *w)
                .chain(["hundred", "dozen"])
                .filter(|w| (3..=11).contains(&w.len())),
        )
    });
    NUMBER_STARTS.contains(word)
}

/// Whether two mentions state the same quantity: the same kind and a value
/// equal within a relative tolerance of 1e-9, so "5%", "5 percent" and "five
/// per cent" agree, and so do "1.2 million" and "1,200,000".
pub fn same_quantity(a: &NumberMention, b: &NumberMention) -> bool {
    let scale = a.value.abs().max(b.value.abs()).max(1.0);
    a.kind == b.kind && (a.value - b.value).abs() <= 1e-9 * scale
}

// ---------------------------------------------------------------------------
// Vocabulary

fn lookup(list: &[(&str, f64)], word: &str) -> Option<f64> {
    list.iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(word))
        .map(|&(_, v)| v)
}

fn in_list(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

const UNITS: &[(&str, f64)] = &[
    ("zero", 0.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
];

const TENS: &[(&str, f64)] = &[
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
];

/// Scale words after a count: "three thousand", "1.2 million".
const BIG_SCALES: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
];

/// Scale abbreviations glued to digits: "5bn".
const GLUED_SCALES: &[(&str, f64)] = &[("bn", 1e9), ("mn", 1e6), ("tn", 1e12)];

/// Ordinals below twenty and the round tens.
const ORDINALS: &[(&str, f64)] = &[
    ("first", 1.0),
    ("second", 2.0),
    ("third", 3.0),
    ("fourth", 4.0),
    ("fifth", 5.0),
    ("sixth", 6.0),
    ("seventh", 7.0),
    ("eighth", 8.0),
    ("ninth", 9.0),
    ("tenth", 10.0),
    ("eleventh", 11.0),
    ("twelfth", 12.0),
    ("thirteenth", 13.0),
    ("fourteenth", 14.0),
    ("fifteenth", 15.0),
    ("sixteenth", 16.0),
    ("seventeenth", 17.0),
    ("eighteenth", 18.0),
    ("nineteenth", 19.0),
    ("twentieth", 20.0),
    ("thirtieth", 30.0),
    ("fortieth", 40.0),
    ("fiftieth", 50.0),
    ("sixtieth", 60.0),
    ("seventieth", 70.0),
    ("eightieth", 80.0),
    ("ninetieth", 90.0),
];

/// Ordinals that multiply what precedes them: "two hundredth".
const SCALE_ORDINALS: &[(&str, f64)] = &[
    ("hundredth", 100.0),
    ("thousandth", 1e3),
    ("millionth", 1e6),
];

const ORDINAL_SUFFIXES: &[&str] = &["st", "nd", "rd", "th"];

const CURRENCY: &[char] = &['$', '€', '£', '¥', '₩'];

/// Words before "one" that make it a pronoun: "a Russian one", "no one".
const ONE_PRONOUN_BEFORE: &[&str] = &[
    "a", "the", "this", "that", "no", "any", "every", "each", "which",
];

/// Words after "one" that make it a pronoun: "one of the", "one another",
/// "one that is more open".
const ONE_PRONOUN_AFTER: &[&str] = &["of", "another", "that", "who", "which", "whose"];

/// Characters after "one" that end its clause, so it stands for a noun.
const CLAUSE_ENDS: &[char] = &[
    '.', ',', ';', ':', '!', '?', ')', '"', '\'', '\u{201d}', '\u{2019}', '\u{bb}',
];

/// Words skipped when picking the head noun after a number.
const FILLERS: &[&str] = &[
    "of",
    "the",
    "a",
    "an",
    "more",
    "other",
    "additional",
    "further",
    "extra",
    "new",
    "different",
    "separate",
    "such",
    "or",
    "and",
    "to",
    "than",
    "so",
    "about",
    "its",
    "their",
    "his",
    "her",
    "our",
    "these",
    "those",
    "consecutive",
    "straight",
    "successive",
    "whole",
    "entire",
    "full",
];

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

// ---------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokKind {
    /// A run of alphabetic characters.
    Word,
    /// A run of ASCII digits.
    Digits,
    /// Any other single non-space character.
    Punct(char),
    /// A token inside a skip span: a barrier that matches nothing.
    Blocked,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    kind: TokKind,
    /// Whitespace (or the start of the text) comes right before this token.
    spaced: bool,
    /// That whitespace holds a line break.
    newline: bool,
}

/// The skip spans sorted, with empty ones dropped and overlapping ones
/// merged, so tokens can be checked against them in one forward sweep.
fn merged(skip: &[Span]) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = skip
        .iter()
        .filter(|s| s.start < s.end)
        .map(|s| (s.start, s.end))
        .collect();
    spans.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (start, end) in spans {
        match out.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => out.push((start, end)),
        }
    }
    out
}

fn tokenize(text: &str, skip: &[Span]) -> Vec<Tok> {
    let skip = merged(skip);
    let mut next_skip = 0;
    let mut toks = Vec::with_capacity(text.len() / 4);
    let (mut spaced, mut newline) = (true, false);
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            spaced = true;
            newline |= matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}');
            continue;
        }
        let mut kind = if c.is_ascii_digit() {
            TokKind::Digits
        } else if c.is_alphabetic() {
            TokKind::Word
        } else {
            TokKind::Punct(c)
        };
        let mut end = start + c.len_utf8();
        while let Some(&(at, next)) = chars.peek() {
            let same = match kind {
                TokKind::Digits => next.is_ascii_digit(),
                TokKind::Word => next.is_alphabetic(),
                _ => false,
            };
            if !same {
                break;
            }
            end = at + next.len_utf8();
            chars.next();
        }
        while skip.get(next_skip).is_some_and(|&(_, e)| e <= start) {
            next_skip += 1;
        }
        if skip.get(next_skip).is_some_and(|&(s, _)| s < end) {
            kind = TokKind::Blocked;
        }
        toks.push(Tok {
            start,
            end,
            kind,
            spaced,
            newline,
        });
        (spaced, newline) = (false, false);
    }
    toks
}

// ---------------------------------------------------------------------------
// Matching

/// A number in token indices `from..to` (exclusive).
struct Found {
    value: f64,
    kind: NumberKind,
    from: usize,
    to: usize,
}

/// Where a word-number parse stands, to decide which word may come next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Start,
    /// "a" before a scale word: "a hundred", "a dozen".
    Article,
    /// zero..nineteen.
    Unit,
    /// twenty..ninety.
    Tens,
    Hundred,
    /// thousand, million, ...
    Scale,
    /// "and" inside "two hundred and fifty".
    And,
}

struct Scanner<'t> {
    text: &'t str,
    toks: Vec<Tok>,
}

impl<'t> Scanner<'t> {
    fn new(text: &'t str, skip: &[Span]) -> Self {
        Scanner {
            text,
            toks: tokenize(text, skip),
        }
    }

    fn mention(&self, found: &Found) -> NumberMention {
        let start = self.toks.get(found.from).map_or(0, |t| t.start);
        let end = found
            .to
            .checked_sub(1)
            .and_then(|last| self.toks.get(last))
            .map_or(start, |t| t.end)
            .max(start);
        let following = self.following(found.to);
        let head = following.iter().find(|w| !in_list(w, FILLERS)).cloned();
        NumberMention {
            span: Span::new(start, end),
            value: found.value,
            kind: found.kind,
            following,
            head,
        }
    }

    fn kind(&self, i: usize) -> Option<TokKind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// Whether a number can start at token `i`: digits
    /// ([`Scanner::digit_number`]), or a word of [`starts_a_number`] or
    /// "a" ([`Scanner::word_number`]: every entry of its word lists is
    /// three to eleven letters long). Most tokens are skipped at this test.
    fn may_start(&self, i: usize) -> bool {
        match self.kind(i) {
            Some(TokKind::Digits) => true,
            Some(TokKind::Word) => self
                .word(i)
                .is_some_and(|w| w.eq_ignore_ascii_case("a") || starts_a_number(w)),
            _ => false,
        }
    }

    fn text_of(&self, i: usize) -> Option<&'t str> {
        let tok = self.toks.get(i)?;
        self.text.get(tok.start..tok.end)
    }

    fn word(&self, i: usize) -> Option<&'t str> {
        match self.kind(i)? {
            TokKind::Word => self.text_of(i),
            _ => None,
        }
    }

    fn digits(&self, i: usize) -> Option<&'t str> {
        match self.kind(i)? {
            TokKind::Digits => self.text_of(i),
            _ => None,
        }
    }

    fn punct(&self, i: usize) -> Option<char> {
        match self.kind(i)? {
            TokKind::Punct(c) => Some(c),
            _ => None,
        }
    }

    /// Token `i` exists and touches the token before it.
    fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.spaced)
    }

    /// Token `i` exists and has whitespace (or the text start) before it.
    fn spaced(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.spaced)
    }

    fn is_word(&self, i: usize, word: &str) -> bool {
        self.word(i).is_some_and(|w| w.eq_ignore_ascii_case(word))
    }

    fn word_in(&self, i: usize, list: &[&str]) -> bool {
        self.word(i).is_some_and(|w| in_list(w, list))
    }

    /// A glued hyphen at `i` followed by a glued word: "-year" in "five-year".
    fn hyphen_word(&self, i: usize) -> bool {
        self.glued(i)
            && self.punct(i).is_some_and(is_dash)
            && self.glued(i + 1)
            && self.word(i + 1).is_some()
    }

    /// The digits at `i` begin a number of their own: not glued to a word
    /// ("G7", "ChinaSat-12") and not the tail of "1,995", "3.5" or "10:30".
    fn starts_clean(&self, i: usize) -> bool {
        if !self.glued(i) {
            return true;
        }
        let Some(prev) = i.checked_sub(1) else {
            return true;
        };
        let glued_before = |ok: fn(TokKind) -> bool| {
            self.glued(prev)
                && prev
                    .checked_sub(1)
                    .and_then(|pp| self.kind(pp))
                    .is_some_and(ok)
        };
        match self.kind(prev) {
            Some(TokKind::Word) => false,
            Some(TokKind::Punct(',' | '.' | ':' | '/')) => !glued_before(|k| k == TokKind::Digits),
            Some(TokKind::Punct(c)) if is_dash(c) => !glued_before(|k| k == TokKind::Word),
            _ => true,
        }
    }

    /// "%", "percent", "per cent" or "pct" at `i`: the token after it.
    fn percent_at(&self, i: usize) -> Option<usize> {
        if self.punct(i) == Some('%') {
            return Some(i + 1);
        }
        if !self.spaced(i) {
            return None;
        }
        if self.word_in(i, &["percent", "pct"]) {
            return Some(i + 1);
        }
        (self.is_word(i, "per") && self.spaced(i + 1) && self.is_word(i + 1, "cent"))
            .then_some(i + 2)
    }

    /// "12,420", "3.5", "$5 billion", "1.2 million", "80th", "40%", "5bn".
    fn digit_number(&self, i: usize) -> Option<Found> {
        let first = self.digits(i)?;
        if !self.starts_clean(i) {
            return None;
        }
        let has_currency = self.glued(i)
            && i.checked_sub(1)
                .and_then(|p| self.punct(p))
                .is_some_and(|c| CURRENCY.contains(&c));
        let from = if has_currency { i - 1 } else { i };

        let mut number = String::with_capacity(first.len() + 8);
        number.push_str(first);
        let mut j = i + 1;
        // A thousands group: a glued comma and exactly three glued digits.
        let group = |k: usize| {
            let tight = self.punct(k) == Some(',') && self.glued(k) && self.glued(k + 1);
            self.digits(k + 1).filter(|d| tight && d.len() == 3)
        };
        if first.len() <= 3 {
            while let Some(digits) = group(j) {
                number.push_str(digits);
                j += 2;
            }
        }
        let mut decimal = false;
        if self.punct(j) == Some('.')
            && self.glued(j)
            && self.glued(j + 1)
            && let Some(fraction) = self.digits(j + 1)
        {
            number.push('.');
            number.push_str(fraction);
            j += 2;
            decimal = true;
        }
        // "10:30", "1/2", "1.2.3", "1,23": times, ratios, versions and odd
        // groupings are not quantities a claim would state.
        if self.glued(j)
            && matches!(self.punct(j), Some(':' | '/' | '.' | ','))
            && self.glued(j + 1)
            && self.digits(j + 1).is_some()
        {
            return None;
        }
        let mut value: f64 = number.parse().ok()?;
        let mut kind = NumberKind::Cardinal;
        if self.glued(j)
            && let Some(suffix) = self.word(j)
        {
            if in_list(suffix, ORDINAL_SUFFIXES) && !decimal {
                kind = NumberKind::Ordinal;
                j += 1;
            } else if suffix.eq_ignore_ascii_case("s") {
                // "1990s", "the 80s": a decade or a plural, not a quantity.
                return None;
            } else if let Some(scale) = lookup(GLUED_SCALES, suffix) {
                value *= scale;
                j += 1;
            }
            // Any other glued word is a unit ("5km"): it stays out of the
            // span and leads `following`.
        }
        if kind == NumberKind::Cardinal && self.spaced(j) {
            let scale = self.word(j).and_then(|w| {
                lookup(BIG_SCALES, w).or_else(|| match w.to_ascii_lowercase().as_str() {
                    "hundred" => Some(100.0),
                    "dozen" => Some(12.0),
                    _ => None,
                })
            });
            if let Some(scale) = scale {
                value *= scale;
                j += 1;
            }
        }
        if kind == NumberKind::Cardinal
            && let Some(after) = self.percent_at(j)
        {
            kind = NumberKind::Percent;
            j = after;
        }
        Some(Found {
            value,
            kind,
            from,
            to: j,
        })
    }

    /// "five", "twenty-five", "twenty five", "a hundred", "two hundred and
    /// fifty", "three thousand", "a dozen", "first", "twenty-first".
    fn word_number(&self, i: usize) -> Option<Found> {
        self.word(i)?;
        // The tail of a hyphenated word ("Kim-one") is not a number.
        if self.glued(i)
            && i.checked_sub(1)
                .and_then(|p| self.punct(p))
                .is_some_and(is_dash)
        {
            return None;
        }
        let mut step = Step::Start;
        let (mut total, mut current) = (0.0_f64, 0.0_f64);
        let mut kind = NumberKind::Cardinal;
        let mut end = None;
        let mut words = 0;
        let mut j = i;
        if self.is_word(i, "a") {
            let scale_next = self.spaced(i + 1)
                && (self.word_in(i + 1, &["hundred", "dozen"])
                    || self
                        .word(i + 1)
                        .and_then(|w| lookup(BIG_SCALES, w))
                        .is_some());
            if !scale_next {
                return None;
            }
            step = Step::Article;
            j = i + 1;
        }
        loop {
            // The first word is taken as it is; later ones must follow a
            // space ("twenty five") or a glued hyphen ("twenty-five").
            let k = if words == 0 || (self.spaced(j) && self.word(j).is_some()) {
                j
            } else if self.hyphen_word(j) {
                j + 1
            } else {
                break;
            };
            let Some(word) = self.word(k) else {
                break;
            };
            let after_tens_unit = |v: f64| step == Step::Tens && (1.0..=9.0).contains(&v);
            let open = matches!(step, Step::Start | Step::Hundred | Step::Scale | Step::And);
            if let Some(v) = lookup(UNITS, word) {
                if !(open || after_tens_unit(v)) {
                    break;
                }
                current += v;
                step = Step::Unit;
            } else if let Some(v) = lookup(TENS, word) {
                if !open {
                    break;
                }
                current += v;
                step = Step::Tens;
            } else if word.eq_ignore_ascii_case("hundred") {
                if !matches!(step, Step::Article | Step::Unit | Step::Tens) {
                    break;
                }
                current = current.max(1.0) * 100.0;
                step = Step::Hundred;
            } else if let Some(scale) = lookup(BIG_SCALES, word) {
                if !matches!(
                    step,
                    Step::Article | Step::Unit | Step::Tens | Step::Hundred
                ) {
                    break;
                }
                total += current.max(1.0) * scale;
                current = 0.0;
                step = Step::Scale;
            } else if word.eq_ignore_ascii_case("dozen") {
                if !matches!(step, Step::Start | Step::Article | Step::Unit) {
                    break;
                }
                current = current.max(1.0) * 12.0;
                end = Some(k + 1);
                break;
            } else if word.eq_ignore_ascii_case("and") {
                // Only "hundred and fifty": a spaced "and" before a count.
                let count_next = self.spaced(k + 1)
                    && self
                        .word(k + 1)
                        .is_some_and(|w| lookup(UNITS, w).or_else(|| lookup(TENS, w)).is_some());
                if k != j || !matches!(step, Step::Hundred | Step::Scale) || !count_next {
                    break;
                }
                step = Step::And;
                j = k + 1;
                continue;
            } else if let Some(v) = lookup(ORDINALS, word) {
                if !(open || after_tens_unit(v)) {
                    break;
                }
                current += v;
                kind = NumberKind::Ordinal;
                end = Some(k + 1);
                break;
            } else if let Some(scale) = lookup(SCALE_ORDINALS, word) {
                if !matches!(step, Step::Unit | Step::Tens | Step::Hundred) && words > 0 {
                    break;
                }
                if scale < 1e3 {
                    current = current.max(1.0) * scale;
                } else {
                    total += current.max(1.0) * scale;
                    current = 0.0;
                }
                kind = NumberKind::Ordinal;
                end = Some(k + 1);
                break;
            } else {
                break;
            }
            words += 1;
            end = Some(k + 1);
            j = k + 1;
        }
        let to = end?;
        // "one-sided", "five-year", "first-ever": a compound word.
        if self.hyphen_word(to) {
            return None;
        }
        if to == i + 1 && self.is_word(i, "one") && self.one_is_pronoun(i) {
            return None;
        }
        if kind == NumberKind::Cardinal
            && let Some(after) = self.percent_at(to)
        {
            return Some(Found {
                value: total + current,
                kind: NumberKind::Percent,
                from: i,
                to: after,
            });
        }
        Some(Found {
            value: total + current,
            kind,
            from: i,
            to,
        })
    }

    /// "one" standing for a noun rather than counting one: "one of them",
    /// "one another", "no one", "a Russian one."
    fn one_is_pronoun(&self, i: usize) -> bool {
        let before = self.spaced(i)
            && i.checked_sub(1)
                .is_some_and(|p| self.word_in(p, ONE_PRONOUN_BEFORE));
        let after = self.spaced(i + 1) && self.word_in(i + 1, ONE_PRONOUN_AFTER);
        let clause_end = match self.toks.get(i + 1) {
            None => true,
            Some(tok) if tok.newline => true,
            Some(tok) => matches!(tok.kind, TokKind::Punct(c) if CLAUSE_ENDS.contains(&c)),
        };
        before || after || clause_end
    }

    /// Up to 3 lower-cased words from token `i` on, stopping at punctuation
    /// or a line break. A unit hyphened to the number ("10-year") counts.
    fn following(&self, i: usize) -> Vec<String> {
        let mut words = Vec::new();
        let mut k = if self.hyphen_word(i) { i + 1 } else { i };
        while words.len() < 3 {
            let Some(tok) = self.toks.get(k) else {
                break;
            };
            if tok.kind != TokKind::Word || tok.newline {
                break;
            }
            let mut end = tok.end;
            k += 1;
            while self.hyphen_word(k) {
                end = self.toks.get(k + 1).map_or(end, |t| t.end);
                k += 2;
            }
            words.push(self.text.get(tok.start..end).unwrap_or("").to_lowercase());
        }
        words
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_a_number_is_the_word_lists() {
        let lists = [UNITS, TENS, BIG_SCALES, ORDINALS, SCALE_ORDINALS];
        let listed = |word: &str| {
            lists.iter().any(|l| lookup(l, word).is_some())
                || word.eq_ignore_ascii_case("hundred")
                || word.eq_ignore_ascii_case("dozen")
        };
        for list in lists {
            for (word, _) in list {
                let fits = (3..=11).contains(&word.len());
                assert_eq!(starts_a_number(word), fits, "{word}");
                assert_eq!(starts_a_number(&word.to_uppercase()), fits, "{word}");
            }
        }
        for word in [
            "hundred",
            "Dozen",
            "ones",
            "firsts",
            "a",
            "an",
            "seventeenths",
            "tw",
        ] {
            assert_eq!(
                starts_a_number(word),
                listed(word) && word.len() >= 3,
                "{word}"
            );
        }
    }

    #[test]
    fn texts_without_digits_or_number_words_hold_no_number() {
        let mut texts: Vec<String> = Vec::new();
        texts.extend(crate::test_texts::bundled_pieces());
        for list in [UNITS, TENS, BIG_SCALES, ORDINALS, SCALE_ORDINALS] {
            for (word, _) in list {
                texts.push(format!("about {word} of them"));
                texts.push(format!("the {}-year plan", word.to_uppercase()));
            }
        }
        texts.extend(
            [
                "a hundred",
                "a dozen",
                "A Dozen eggs",
                "one",
                "first-ever",
                "no one",
                "50%",
            ]
            .map(str::to_string),
        );
        let mut scanned = 0;
        for text in &texts {
            assert_eq!(
                extract_numbers(text, &[]),
                scan_numbers(text, &[], true),
                "{text}"
            );
            if !may_hold_numbers(text) {
                assert!(scan_numbers(text, &[], true).is_empty(), "{text}");
                scanned += 1;
            }
        }
        assert!(scanned > 100);
    }

    /// (covered text, value, kind) for every number in `text`.
    fn found(text: &str) -> Vec<(&str, f64, NumberKind)> {
        extract_numbers(text, &[])
            .into_iter()
            .map(|m| (m.span.slice(text), m.value, m.kind))
            .collect()
    }

    fn only(text: &str) -> NumberMention {
        let all = extract_numbers(text, &[]);
        assert_eq!(all.len(), 1, "expected one number in {text:?}, got {all:?}");
        all.into_iter().next().unwrap()
    }

    /// (covered text, value, kind) of the single number in `text`.
    fn one(text: &str) -> (String, f64, NumberKind) {
        let m = only(text);
        (m.span.slice(text).to_string(), m.value, m.kind)
    }

    use NumberKind::{Cardinal, Ordinal, Percent};

    fn s(x: &str) -> String {
        x.to_string()
    }

    #[test]
    fn digits_with_separators_decimals_and_scales() {
        let cases = [
            ("some 12,420 troops", "12,420", 12420.0),
            ("about 1,200,000 people", "1,200,000", 1.2e6),
            ("grew 3.5 times", "3.5", 3.5),
            ("1.2 million people", "1.2 million", 1.2e6),
            ("a $5 billion deal", "$5 billion", 5e9),
            ("a $5bn deal", "$5bn", 5e9),
            ("€30 million", "€30 million", 3e7),
            ("3 dozen eggs", "3 dozen", 36.0),
            ("1500 km of border", "1500", 1500.0),
            ("5km away", "5", 5.0),
            ("1,,,", "1", 1.0),
        ];
        for (text, slice, value) in cases {
            assert_eq!(one(text), (s(slice), value, Cardinal), "{text}");
        }
    }

    #[test]
    fn number_words() {
        let cases = [
            ("Only five socialist states remain today", "five", 5.0),
            ("in six years", "six", 6.0),
            ("zero tolerance", "zero", 0.0),
            ("nineteen states", "nineteen", 19.0),
            ("ninety days", "ninety", 90.0),
            ("twenty-five people", "twenty-five", 25.0),
            ("Twenty five people", "Twenty five", 25.0),
            ("a hundred soldiers", "a hundred", 100.0),
            ("two hundred soldiers", "two hundred", 200.0),
            (
                "two hundred and fifty soldiers",
                "two hundred and fifty",
                250.0,
            ),
            ("three thousand troops", "three thousand", 3000.0),
            (
                "three thousand five hundred troops",
                "three thousand five hundred",
                3500.0,
            ),
            ("two million people", "two million", 2e6),
            ("a million people", "a million", 1e6),
            ("a dozen countries", "a dozen", 12.0),
            ("dozen countries", "dozen", 12.0),
            ("two dozen countries", "two dozen", 24.0),
            ("one day", "one", 1.0),
        ];
        for (text, slice, value) in cases {
            assert_eq!(one(text), (s(slice), value, Cardinal), "{text}");
        }
    }

    #[test]
    fn ordinals() {
        let cases = [
            ("his first summit with Xi Jinping", "first", 1.0),
            ("the 80th anniversary of victory", "80th", 80.0),
            ("the 1st and", "1st", 1.0),
            ("the 2nd", "2nd", 2.0),
            ("the 3rd", "3rd", 3.0),
            ("the 21st century", "21st", 21.0),
            ("the 38th parallel north", "38th", 38.0),
            ("in its third generation", "third", 3.0),
            ("the twentieth century", "twentieth", 20.0),
            ("the ninetieth birthday", "ninetieth", 90.0),
            ("the twenty-first century", "twenty-first", 21.0),
            ("the hundredth day", "hundredth", 100.0),
            ("the two hundredth day", "two hundredth", 200.0),
        ];
        for (text, slice, value) in cases {
            assert_eq!(one(text), (s(slice), value, Ordinal), "{text}");
        }
        assert_eq!(
            found("the first and second satellite launches"),
            vec![("first", 1.0, Ordinal), ("second", 2.0, Ordinal)]
        );
    }

    #[test]
    fn percentages() {
        let cases = [
            ("rose 40% last year", "40%", 40.0),
            ("rose 40 % last year", "40 %", 40.0),
            ("rose 40 percent", "40 percent", 40.0),
            ("rose 40 per cent", "40 per cent", 40.0),
            ("rose 2.5 pct", "2.5 pct", 2.5),
            ("forty per cent of", "forty per cent", 40.0),
            ("five percent", "five percent", 5.0),
        ];
        for (text, slice, value) in cases {
            assert_eq!(one(text), (s(slice), value, Percent), "{text}");
        }
    }

    #[test]
    fn same_quantity_across_forms() {
        let five = [only("5%"), only("5 percent"), only("five per cent")];
        for a in &five {
            for b in &five {
                assert!(same_quantity(a, b), "{a:?} vs {b:?}");
            }
        }
        assert!(same_quantity(&only("1.2 million"), &only("1,200,000")));
        assert!(same_quantity(&only("twelve"), &only("a dozen")));
        assert!(same_quantity(&only("$5 billion"), &only("5,000,000,000")));
        assert!(!same_quantity(&only("5%"), &only("5")));
        assert!(!same_quantity(&only("first"), &only("1")));
        assert!(same_quantity(&only("first"), &only("1st")));
        assert!(!same_quantity(&only("five"), &only("six")));
        let nan = NumberMention {
            value: f64::NAN,
            ..only("5")
        };
        assert!(!same_quantity(&nan, &nan));
    }

    #[test]
    fn one_as_a_pronoun_is_skipped() {
        for text in [
            "With one of the world’s largest militaries",
            "they help one another",
            "a Russian one, could be seen",
            "replaced with a Russian one.",
            "to one that is more open",
            "no one came",
            "the one they chose",
            "this one works",
            "a one-sided tilt toward Russia",
            "such a one-sided tilt",
            "one",
        ] {
            assert!(found(text).is_empty(), "{text:?} gave {:?}", found(text));
        }
        assert_eq!(one("one country").1, 1.0);
        assert_eq!(one("twenty-one countries").1, 21.0);
        assert_eq!(one("one hundred countries").1, 100.0);
    }

    #[test]
    fn hyphenated_and_glued_words_are_not_numbers() {
        for text in [
            "a five-year plan",
            "first-ever summit",
            "a two-thirds majority",
            "the ChinaSat-12 satellite",
            "COVID-19 and G7 and F-16s",
            "the 1990s",
            "at 10:30 on 1/2",
            "version 1.2.3",
            "someone often threatens",
            "é19ǅ",
            "Kim-one",
            "tens of thousands of people",
            "hundreds of missiles and millions of dollars",
            "a few and a lot",
        ] {
            assert!(found(text).is_empty(), "{text:?} gave {:?}", found(text));
        }
    }

    #[test]
    fn following_and_head_words() {
        let m = only("Only five socialist states remain today");
        assert_eq!(m.following, ["socialist", "states", "remain"]);
        assert_eq!(m.head.as_deref(), Some("socialist"));
        let m = only("five of the states");
        assert_eq!(m.following, ["of", "the", "states"]);
        assert_eq!(m.head.as_deref(), Some("states"));
        let m = only("the 80th anniversary of victory in the War");
        assert_eq!(m.following, ["anniversary", "of", "victory"]);
        let m = only("in six years. Then");
        assert_eq!(m.following, ["years"]);
        let m = only("in six\nyears");
        assert!(m.following.is_empty());
        assert_eq!(m.head, None);
        let m = only("a 10-year-old long-range missile test");
        assert_eq!(m.following, ["year-old", "long-range", "missile"]);
        let m = only("5km away");
        assert_eq!(m.following, ["km", "away"]);
        let m = only("40 percent of exports");
        assert_eq!(m.following, ["of", "exports"]);
        assert_eq!(m.head.as_deref(), Some("exports"));
        let m = only("North Korea’s two Koreas’ ties");
        assert_eq!(m.following, ["koreas"]);
        let m = only("ÉTAT two ÉTATS");
        assert_eq!(m.following, ["états"]);
    }

    #[test]
    fn years_are_cardinals_unless_skipped() {
        let text = "On June 19, 2023, the two countries signed five deals; since 1961.";
        assert_eq!(
            found(text),
            vec![
                ("19", 19.0, Cardinal),
                ("2023", 2023.0, Cardinal),
                ("two", 2.0, Cardinal),
                ("five", 5.0, Cardinal),
                ("1961", 1961.0, Cardinal),
            ]
        );
        let date = text.find("June").unwrap();
        let date_end = text.find(", the").unwrap();
        let year = text.find("1961").unwrap();
        let skip = [Span::new(year, year + 4), Span::new(date, date_end)];
        let kept: Vec<&str> = extract_numbers(text, &skip)
            .iter()
            .map(|m| m.span.slice(text))
            .collect();
        assert_eq!(kept, ["two", "five"]);
    }

    #[test]
    fn skip_spans_are_barriers() {
        // "two years ago" taken by dates: no "two", and "twenty" before a
        // skipped "five" stays twenty.
        let text = "twenty five and two years ago";
        let five = text.find("five").unwrap();
        let two = text.find("two").unwrap();
        let skip = [
            Span::new(two, text.len()),
            Span::new(five, five + 4),
            Span::new(five + 1, five + 2),
            Span::new(3, 3),
        ];
        let got: Vec<(&str, f64)> = extract_numbers(text, &skip)
            .iter()
            .map(|m| (m.span.slice(text), m.value))
            .collect();
        assert_eq!(got, [("twenty", 20.0)]);
        // Out-of-range and inverted skip spans are harmless.
        let odd = [
            Span { start: 50, end: 10 },
            Span {
                start: usize::MAX - 1,
                end: usize::MAX,
            },
        ];
        assert_eq!(extract_numbers("five", &odd).len(), 1);
    }

    #[test]
    fn seed_sentences() {
        let text = "Kim Jong Un attended the commemoration of the 80th anniversary of \
                    victory, and held his first summit with Xi Jinping in six years. \
                    Only five socialist states remain today. With one of the world’s \
                    largest militaries, such a one-sided tilt toward Russia, split at the \
                    38th parallel north; 2,000 troops and 1500 km.";
        let got: Vec<(&str, f64, NumberKind)> = found(text);
        assert_eq!(
            got,
            vec![
                ("80th", 80.0, Ordinal),
                ("first", 1.0, Ordinal),
                ("six", 6.0, Cardinal),
                ("five", 5.0, Cardinal),
                ("38th", 38.0, Ordinal),
                ("2,000", 2000.0, Cardinal),
                ("1500", 1500.0, Cardinal),
            ]
        );
        let troops = extract_numbers(text, &[]);
        assert_eq!(troops[5].head.as_deref(), Some("troops"));
        assert_eq!(troops[6].head.as_deref(), Some("km"));
    }

    /// Strings that have broken naive tokenizers: empty, digits only,
    /// multibyte letters next to digits, symbols, emoji, huge numbers.
    const ODD: &[&str] = &[
        "",
        " ",
        "0",
        "1234567890",
        "é19ǅ",
        "June",
        "1,,,",
        ",5",
        "1,",
        "1.",
        ".5",
        "5.",
        "99999999999999999999",
        "99999999999999999999.99999999999999999999 billion percent",
        "½",
        "🎉5🎉",
        "5🎉th",
        "$",
        "$ 5",
        "a",
        "a hundred",
        "a hundred and",
        "twenty-",
        "-five",
        "one-",
        "and",
        "per",
        "per cent",
        "%",
        "5 per",
        "１２",
        "٣",
        "e\u{301}5",
        "five\u{2028}six",
        "hundredth thousandth millionth",
        "a thousandth",
        "dozen dozen",
        "the\u{0}one",
        "ǅ1ǅst",
    ];

    #[test]
    fn no_panic_and_spans_on_char_boundaries() {
        let huge = "9".repeat(400);
        let mut texts: Vec<&str> = ODD.to_vec();
        texts.push(&huge);
        for text in texts {
            let spans: Vec<Span> = [(0, 1), (0, text.len()), (1, 3)]
                .into_iter()
                .map(|(a, b)| Span { start: a, end: b })
                .collect();
            for skip in [&[][..], &spans[..]] {
                let mentions = extract_numbers(text, skip);
                for m in &mentions {
                    assert!(
                        m.span.start <= m.span.end && m.span.end <= text.len(),
                        "{text:?}"
                    );
                    assert!(text.is_char_boundary(m.span.start), "{text:?}");
                    assert!(text.is_char_boundary(m.span.end), "{text:?}");
                    assert!(m.value.is_finite(), "{text:?}");
                    assert!(m.following.len() <= 3);
                }
                for pair in mentions.windows(2) {
                    assert!(pair[0].span.end <= pair[1].span.start, "{text:?}");
                }
            }
        }
        assert!(found(&huge).is_empty(), "an infinite value is dropped");
        assert_eq!(found("99999999999999999999")[0].1, 1e20);
    }

    /// Pieces that sit at the edges of the matchers, glued in pseudo-random
    /// orders (a fixed LCG, so the test is deterministic).
    const PIECES: &[&str] = &[
        "one", "twenty", "five", "a", "hundred", "and", "dozen", "first", "-", " ", ",", ".", "12",
        "420", "3", "th", "s", "%", "per", "cent", "$", "million", "bn", ":", "/", "é", "🎉", "½",
        "ǅ", "\u{301}", "\n", "of", "the", "year", "９",
    ];

    #[test]
    fn no_panic_on_generated_text() {
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |bound: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            usize::try_from(state >> 33).unwrap_or(0) % bound
        };
        let mut text = String::new();
        for _ in 0..3000 {
            text.clear();
            for _ in 0..next(14) {
                text.push_str(PIECES[next(PIECES.len())]);
            }
            // Skip spans at arbitrary byte offsets, even inside characters.
            let a = next(text.len() + 2);
            let skip = [Span {
                start: a,
                end: a + next(6),
            }];
            for skip in [&[][..], &skip[..]] {
                let mentions = extract_numbers(&text, skip);
                assert_eq!(mentions, scan_numbers(&text, skip, true), "{text:?}");
                for m in &mentions {
                    assert!(
                        m.span.start < m.span.end && m.span.end <= text.len(),
                        "{text:?}"
                    );
                    assert!(text.is_char_boundary(m.span.start), "{text:?}");
                    assert!(text.is_char_boundary(m.span.end), "{text:?}");
                }
                for pair in mentions.windows(2) {
                    assert!(pair[0].span.end <= pair[1].span.start, "{text:?}");
                }
            }
        }
    }
}

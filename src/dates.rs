//! Date mentions in article and claim text: finding them ("June 19, 2024",
//! "the 1990s", "last autumn"), resolving the relative ones against the
//! article's published date, comparing two dates field by field, and finding
//! the article's own dateline.
//!
//! Extraction is one pass over a small token stream (letter runs, ASCII digit
//! runs, single other characters), so it allocates once per text rather than
//! per character, and every span it reports lies on `char` boundaries.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::span::Span;
use crate::text::WordSet;

/// A calendar date where any field may be unstated ("June 19" has no year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PartialDate {
    /// The year, or the first year of a decade when `decade` is set.
    pub year: Option<i32>,
    /// The month, 1..=12.
    pub month: Option<u8>,
    /// The day of the month, 1..=31.
    pub day: Option<u8>,
    /// The year was not written but inferred from the article's published date.
    pub year_inferred: bool,
    /// A decade ("the 1990s"): `year` holds the first year, and any year in
    /// `year..year + 10` agrees.
    pub decade: bool,
}

impl PartialDate {
    /// A date with year, month and day all stated.
    pub fn ymd(year: i32, month: u8, day: u8) -> Self {
        PartialDate {
            year: Some(year),
            month: Some(month),
            day: Some(day),
            ..Self::default()
        }
    }

    /// A date that states only its year.
    pub fn of_year(year: i32) -> Self {
        PartialDate {
            year: Some(year),
            ..Self::default()
        }
    }

    /// ISO 8601-style text: "2024-06-19", "2024-06", "2024", "--06-19",
    /// "--06", and "1990s" for a decade; "" when no field is stated.
    pub fn to_iso(&self) -> String {
        if let (Some(year), true) = (self.year, self.decade) {
            return format!("{year:04}s");
        }
        // A day without its month means nothing on a calendar, so it is
        // only written next to a month.
        match (self.year, self.month, self.day) {
            (Some(y), Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
            (Some(y), Some(m), None) => format!("{y:04}-{m:02}"),
            (Some(y), None, _) => format!("{y:04}"),
            (None, Some(m), Some(d)) => format!("--{m:02}-{d:02}"),
            (None, Some(m), None) => format!("--{m:02}"),
            (None, None, _) => String::new(),
        }
    }
}

/// A season named by "last autumn" and the like (northern hemisphere,
/// meteorological: spring is March–May, winter is December–February).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Season {
    /// March to May.
    Spring,
    /// June to August.
    Summer,
    /// September to November ("autumn", "fall").
    Autumn,
    /// December to February; its year is the year of its January.
    Winter,
}

/// How a mention depends on the article's published date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Relative {
    /// "last year": the year before the published year.
    LastYear,
    /// "this year": the published year.
    ThisYear,
    /// "next year": the year after the published year.
    NextYear,
    /// "two years ago", "2 years ago": the published year minus this many.
    YearAgo(i32),
    /// "last June 19", "last October": the most recent such date strictly
    /// before the published date.
    Last,
    /// "last autumn", "last fall": the year of the most recent such season
    /// that ended before the published date. The mention states no month.
    LastSeason(Season),
    /// "last month": the month before the published month.
    LastMonth,
    /// A year-less month or month/day ("In October", "June 19"): the most
    /// recent such date on or before the published date.
    Bare,
}

/// One date expression found in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DateMention {
    /// Byte range of the expression in the text it was found in.
    pub span: Span,
    /// The fields the expression states (nothing for "last year").
    pub date: PartialDate,
    /// Set when the expression needs the published date to be complete.
    pub relative: Option<Relative>,
}

/// The outcome of comparing a claim's date with a source's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum DateComparison {
    /// Every field stated in both is equal, and at least one is shared.
    Agree,
    /// A field stated in both differs (the coarsest such field).
    Conflict {
        /// The field that differs.
        field: DateField,
    },
    /// No field is stated in both, so neither supports nor refutes the other.
    Unrelated,
}

/// One field of a [`PartialDate`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum DateField {
    /// The year (or decade).
    Year,
    /// The month.
    Month,
    /// The day of the month.
    Day,
}

/// Every date expression in `text`, as byte spans sorted by position and not
/// overlapping. A year range ("1904-1905") gives one mention per year.
pub fn extract_dates(text: &str) -> Vec<DateMention> {
    if !may_hold_dates(text) {
        return Vec::new();
    }
    scan_dates(text, false)
}

/// [`extract_dates`], told by `may_hold` whether the text passes the
/// pre-scan ([`may_hold_dates`], or a superset of it: the analyzer's
/// [`crate::text::TextHints`]).
pub fn extract_dates_hinted(text: &str, may_hold: bool) -> Vec<DateMention> {
    if !may_hold {
        return Vec::new();
    }
    scan_dates(text, false)
}

/// The scan behind [`extract_dates`]; `every_token` tries every token
/// instead of those [`Scanner::may_start`] lets through (the same
/// mentions: for the tests).
fn scan_dates(text: &str, every_token: bool) -> Vec<DateMention> {
    let scan = Scanner::new(text);
    let mut mentions = Vec::new();
    let mut i = 0;
    while i < scan.toks.len() {
        if !every_token && !scan.may_start(i) {
            i += 1;
            continue;
        }
        match scan.date_at(i) {
            Some(found) => {
                mentions.push(scan.mention(found.first));
                if let Some(second) = found.second {
                    mentions.push(scan.mention(second));
                }
                // Every matcher consumes at least one token; max() guards
                // the loop against a future matcher that forgets to.
                i = found.next.max(i + 1);
            }
            None => i += 1,
        }
    }
    mentions
}

/// Whether `text` may hold a date: an ASCII digit, or a word without
/// which no date matcher fires ([`is_date_word`]). Every matcher needs
/// digits, a month name, "year(s)", "month" or a season, so a text
/// without any holds no date and is not scanned (most sentences).
pub(crate) fn may_hold_dates(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit()) || crate::text::any_ascii_word(text, is_date_word)
}

/// A month name or abbreviation, a season, "year", "years" or "month",
/// in any case: the words a date without digits is made of (the lists
/// [`MONTHS`], [`MONTH_ABBREVIATIONS`], [`SEASONS`] and the words of
/// [`Scanner::relative`]).
fn is_date_word(word: &str) -> bool {
    static DATE_WORDS: LazyLock<WordSet> = LazyLock::new(|| {
        WordSet::new(
            MONTHS
                .iter()
                .chain(MONTH_ABBREVIATIONS)
                .map(|(w, _)| *w)
                .chain(SEASONS.iter().map(|(w, _)| *w))
                .chain(DECADE_WORDS.iter().map(|(w, _)| *w))
                .chain(["year", "years", "month"]),
        )
    });
    DATE_WORDS.contains(word)
}

/// A word a date expression can start with, in any case: a month name or
/// abbreviation ([`Scanner::month_led`]), a count of [`YEAR_COUNTS`] or
/// "last", "this", "next" ([`Scanner::relative`]), or one of
/// [`MODIFIERS`] ([`Scanner::with_modifier`]).
fn starts_a_date(word: &str) -> bool {
    static DATE_STARTS: LazyLock<WordSet> = LazyLock::new(|| {
        WordSet::new(
            MONTHS
                .iter()
                .chain(MONTH_ABBREVIATIONS)
                .map(|(w, _)| *w)
                .chain(YEAR_COUNTS.iter().map(|(w, _)| *w))
                .chain(MODIFIERS.iter().copied())
                .chain(DECADE_WORDS.iter().map(|(w, _)| *w))
                .chain(["last", "this", "next", "nineteen"]),
        )
    });
    DATE_STARTS.contains(word)
}

/// The date `mention` stands for, given the article's published date.
///
/// Relative mentions are completed from `published` (and marked
/// `year_inferred`); explicit ones come back unchanged. Without a usable
/// published date (one with a year, not a decade) a relative mention keeps
/// only what it states: "June 19" keeps no year, "last year" states nothing.
pub fn resolve(mention: &DateMention, published: Option<PartialDate>) -> PartialDate {
    let date = mention.date;
    let Some(relative) = mention.relative else {
        return date;
    };
    let Some((pub_year, published)) = published
        .filter(|p| !p.decade)
        .and_then(|p| Some((p.year?, p)))
    else {
        return date;
    };
    let inferred = |year: i32| PartialDate {
        year: Some(year),
        year_inferred: true,
        decade: false,
        ..date
    };
    match relative {
        Relative::LastYear => inferred(pub_year.saturating_sub(1)),
        Relative::ThisYear => inferred(pub_year),
        Relative::NextYear => inferred(pub_year.saturating_add(1)),
        Relative::YearAgo(n) => inferred(pub_year.saturating_sub(n)),
        Relative::LastMonth => match published.month {
            Some(1) => PartialDate {
                month: Some(12),
                ..inferred(pub_year.saturating_sub(1))
            },
            Some(m @ 2..=12) => PartialDate {
                month: Some(m - 1),
                ..inferred(pub_year)
            },
            _ => date,
        },
        Relative::LastSeason(season) => {
            inferred(pub_year.saturating_sub(season_years_back(season, published.month)))
        }
        Relative::Bare | Relative::Last => {
            let (Some(month), Some(pub_month)) = (date.month, published.month) else {
                return date;
            };
            // An unknown published day is taken as the end of its month, so
            // a date in the published month counts as already past.
            let pub_day = published.day.unwrap_or(31);
            let this_year_passed = match (relative, date.day) {
                (Relative::Bare, None) => month <= pub_month,
                (Relative::Bare, Some(day)) => (month, day) <= (pub_month, pub_day),
                // "last October" said in October means the previous one.
                (_, None) => month < pub_month,
                (_, Some(day)) => (month, day) < (pub_month, pub_day),
            };
            if this_year_passed {
                inferred(pub_year)
            } else {
                inferred(pub_year.saturating_sub(1))
            }
        }
    }
}

/// How many years before the published year the last finished `season`
/// lies, given the published month (unknown month: assume a year back).
fn season_years_back(season: Season, pub_month: Option<u8>) -> i32 {
    let Some(month) = pub_month else {
        return 1;
    };
    let last_month = match season {
        Season::Spring => 5,
        Season::Summer => 8,
        Season::Autumn => 11,
        // Winter is named by its January: the one ending in February of the
        // published year has finished from March on; in December the one
        // that ended this February is still the last finished one.
        Season::Winter => {
            return if (3..=12).contains(&month) { 0 } else { 1 };
        }
    };
    if month > last_month { 0 } else { 1 }
}

/// Compare a claim's date with a source's, over the fields stated in both.
///
/// A year-less source date cannot refute a claim's year, and a decade agrees
/// with every year inside it. The coarsest differing field is reported.
pub fn compare(claim: &PartialDate, source: &PartialDate) -> DateComparison {
    let mut shared = false;
    if let (Some(a), Some(b)) = (claim.year, source.year) {
        shared = true;
        if !years_agree(a, claim.decade, b, source.decade) {
            return DateComparison::Conflict {
                field: DateField::Year,
            };
        }
    }
    if let (Some(a), Some(b)) = (claim.month, source.month) {
        shared = true;
        if a != b {
            return DateComparison::Conflict {
                field: DateField::Month,
            };
        }
    }
    if let (Some(a), Some(b)) = (claim.day, source.day) {
        shared = true;
        if a != b {
            return DateComparison::Conflict {
                field: DateField::Day,
            };
        }
    }
    if shared {
        DateComparison::Agree
    } else {
        DateComparison::Unrelated
    }
}

fn years_agree(a: i32, a_decade: bool, b: i32, b_decade: bool) -> bool {
    // i64 so that a decade starting near i32::MAX cannot overflow.
    let in_decade = |year: i32, start: i32| (0..10).contains(&(i64::from(year) - i64::from(start)));
    match (a_decade, b_decade) {
        (true, false) => in_decade(b, a),
        (false, true) => in_decade(a, b),
        _ => a == b,
    }
}

/// How many non-blank lines from the top may hold the dateline.
const DATELINE_LINES: usize = 8;
/// Longer lines are prose, not a dateline.
const DATELINE_MAX_BYTES: usize = 100;

/// The article's own dateline: a line among the first few non-blank ones
/// that is (almost) only a full date, e.g. "03 Feb 2026", "- Dec 22, 2024",
/// "Published: 5 March 2023" or "2024-06-19". Returns that full date.
pub fn find_dateline(text: &str) -> Option<PartialDate> {
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .take(DATELINE_LINES)
        .find_map(dateline_of_line)
}

fn dateline_of_line(line: &str) -> Option<PartialDate> {
    if line.len() > DATELINE_MAX_BYTES {
        return None;
    }
    let mentions = extract_dates(line);
    let first = mentions.first()?;
    let full = |m: &DateMention| {
        m.relative.is_none()
            && !m.date.decade
            && m.date.year.is_some()
            && m.date.month.is_some()
            && m.date.day.is_some()
    };
    if !mentions.iter().all(full) {
        return None;
    }
    // Whatever lies outside the dates may only be dateline furniture.
    let mut from = 0;
    for mention in &mentions {
        if !dateline_filler(line.get(from..mention.span.start).unwrap_or("")) {
            return None;
        }
        from = mention.span.end;
    }
    dateline_filler(line.get(from..).unwrap_or("")).then_some(first.date)
}

/// Words a dateline may carry besides its date: labels, weekdays, times.
const DATELINE_WORDS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "modified",
    "last",
    "first",
    "on",
    "date",
    "dated",
    "at",
    "am",
    "pm",
    "gmt",
    "utc",
    "bst",
    "cet",
    "cest",
    "est",
    "edt",
    "pst",
    "pdt",
    "kst",
    "jst",
    "hkt",
    "sgt",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thurs",
    "fri",
    "sat",
    "sun",
    // ISO 8601 time designators: "2024-06-19T10:00:00Z".
    "t",
    "z",
];

fn dateline_filler(rest: &str) -> bool {
    rest.split(|c: char| !c.is_alphabetic())
        .filter(|word| !word.is_empty())
        .all(|word| in_list(word, DATELINE_WORDS))
}

fn in_list(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

// ---------------------------------------------------------------------------
// Vocabulary

const MONTHS: &[(&str, u8)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
];

const MONTH_ABBREVIATIONS: &[(&str, u8)] = &[
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

const MAY: u8 = 5;

/// Words that narrow a year, decade or month without changing it.
const MODIFIERS: &[&str] = &["early", "late", "mid"];

/// The words a two-digit or written-out decade needs before it ("the
/// 80s", "early fifties"): without one, "in their 80s" is an age.
const DECADE_LEADS: &[&str] = &["the", "early", "late", "mid"];

/// Decades written as words ("the fifties", "the nineteen fifties"),
/// with their two-digit start.
const DECADE_WORDS: &[(&str, i32)] = &[
    ("twenties", 20),
    ("thirties", 30),
    ("forties", 40),
    ("fifties", 50),
    ("sixties", 60),
    ("seventies", 70),
    ("eighties", 80),
    ("nineties", 90),
];

/// The two-digit start of a decade word.
fn decade_word(word: &str) -> Option<i32> {
    DECADE_WORDS
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(word))
        .map(|(_, n)| *n)
}

/// Month number of a month word, and whether it is an abbreviation.
fn month_name(word: &str) -> Option<(u8, bool)> {
    let lookup = |list: &[(&str, u8)]| {
        list.iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(word))
            .map(|&(_, m)| m)
    };
    lookup(MONTHS)
        .map(|m| (m, false))
        .or_else(|| lookup(MONTH_ABBREVIATIONS).map(|m| (m, true)))
}

/// Prepositions after which a lone capitalised month name is a month even
/// before a capitalised word ("In October Kim visited", "mid-October").
const MONTH_LEADERS: &[&str] = &[
    "in", "of", "since", "until", "till", "by", "early", "late", "mid", "from", "to", "through",
    "during", "before", "after", "between",
];

/// "May" alone is the modal verb unless one of these precedes it.
const MAY_LEADERS: &[&str] = &[
    "in", "of", "since", "until", "by", "early", "late", "mid", "from", "during", "through",
];

/// Words that make a four-digit number a count, not a year ("1500 km").
const NOT_YEAR_FOLLOWERS: &[&str] = &[
    "km",
    "kg",
    "troops",
    "soldiers",
    "people",
    "tonnes",
    "tons",
    "shells",
    "miles",
    "metres",
    "meters",
    "dollars",
    "won",
    "rubles",
    "roubles",
    "euros",
    "yuan",
    "years",
    "missiles",
    "rounds",
    "feet",
    "workers",
    "men",
    "women",
    "children",
    "refugees",
    "prisoners",
    "casualties",
    "deaths",
    "tanks",
    "vehicles",
    "aircraft",
    "jobs",
    "cases",
    "times",
    "units",
    "percent",
    "per",
    "hundred",
    "thousand",
    "million",
    "billion",
];

/// Words that make the four-digit number after them a label or a count,
/// not a year ("Resolution 1718", "some 1200").
const NOT_YEAR_LEADERS: &[&str] = &[
    "resolution",
    "resolutions",
    "article",
    "section",
    "chapter",
    "page",
    "pages",
    "route",
    "flight",
    "room",
    "model",
    "version",
    "code",
    "number",
    "about",
    "some",
    "nearly",
    "approximately",
    "roughly",
    "almost",
];

/// Abbreviations that label the number after their dot ("No. 1718").
const LABEL_ABBREVIATIONS: &[&str] = &["no", "nos", "p", "pp", "vol"];

const ORDINAL_SUFFIXES: &[&str] = &["st", "nd", "rd", "th"];

/// Counts in "two years ago"; digits are read directly.
const YEAR_COUNTS: &[(&str, i32)] = &[
    ("a", 1),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
];

const SEASONS: &[(&str, Season)] = &[
    ("spring", Season::Spring),
    ("summer", Season::Summer),
    ("autumn", Season::Autumn),
    ("fall", Season::Autumn),
    ("winter", Season::Winter),
];

/// '00s and '10s are this century's; '20s..'90s the last one's.
fn century_of_short_decade(short: i32) -> i32 {
    if short <= 10 { 2000 } else { 1900 }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}')
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2013}' | '\u{2014}')
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month`; February has 29 unless `year` is known not to be leap.
fn days_in(month: u8, year: Option<i32>) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year.is_some_and(|y| !is_leap(y)) => 28,
        2 => 29,
        _ => 0,
    }
}

fn valid_ymd(year: i32, month: u8, day: u8) -> bool {
    (1000..=2099).contains(&year) && (1..=days_in(month, Some(year))).contains(&day)
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
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    kind: TokKind,
    /// Whitespace (or the start of the text) comes right before this token.
    spaced: bool,
}

fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(text.len() / 4);
    let mut spaced = true;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            spaced = true;
            continue;
        }
        let kind = if c.is_ascii_digit() {
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
                TokKind::Punct(_) => false,
            };
            if !same {
                break;
            }
            end = at + next.len_utf8();
            chars.next();
        }
        toks.push(Tok {
            start,
            end,
            kind,
            spaced,
        });
        spaced = false;
    }
    toks
}

// ---------------------------------------------------------------------------
// Matching

/// A match in token indices: `from..to` (exclusive).
#[derive(Debug, Clone, Copy)]
struct Piece {
    date: PartialDate,
    relative: Option<Relative>,
    from: usize,
    to: usize,
}

/// What one matcher found at a token: one mention, or two for a year range.
struct Found {
    first: Piece,
    second: Option<Piece>,
    /// The token to continue scanning from.
    next: usize,
}

impl From<Piece> for Found {
    fn from(piece: Piece) -> Self {
        Found {
            first: piece,
            second: None,
            next: piece.to,
        }
    }
}

fn piece(date: PartialDate, relative: Option<Relative>, from: usize, to: usize) -> Piece {
    Piece {
        date,
        relative,
        from,
        to,
    }
}

struct Scanner<'t> {
    text: &'t str,
    toks: Vec<Tok>,
}

impl<'t> Scanner<'t> {
    fn new(text: &'t str) -> Self {
        Scanner {
            text,
            toks: tokenize(text),
        }
    }

    fn mention(&self, piece: Piece) -> DateMention {
        let start = self.toks.get(piece.from).map_or(0, |t| t.start);
        let end = piece
            .to
            .checked_sub(1)
            .and_then(|last| self.toks.get(last))
            .map_or(start, |t| t.end)
            .max(start);
        DateMention {
            span: Span::new(start, end),
            date: piece.date,
            relative: piece.relative,
        }
    }

    fn text_of(&self, i: usize) -> Option<&'t str> {
        let tok = self.toks.get(i)?;
        self.text.get(tok.start..tok.end)
    }

    fn kind(&self, i: usize) -> Option<TokKind> {
        self.toks.get(i).map(|t| t.kind)
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

    fn capitalised(&self, i: usize) -> bool {
        self.word(i)
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
    }

    /// The word right before token `i`, across a space or a glued hyphen
    /// ("mid-October").
    fn word_before(&self, i: usize) -> Option<&'t str> {
        let prev = i.checked_sub(1)?;
        if self.spaced(i) {
            return self.word(prev);
        }
        if self.punct(prev).is_some_and(is_dash) && self.glued(prev) {
            return self.word(prev.checked_sub(1)?);
        }
        None
    }

    /// The digits at `i` begin a number of their own: not the tail of
    /// "1,995" or "3.2024", not glued to a word ("A19"), not money.
    fn starts_clean(&self, i: usize) -> bool {
        if !self.glued(i) {
            return true;
        }
        let Some(prev) = i.checked_sub(1) else {
            return true;
        };
        let glued_to = |kind_ok: fn(TokKind) -> bool| {
            self.glued(prev)
                && prev
                    .checked_sub(1)
                    .and_then(|pp| self.kind(pp))
                    .is_some_and(kind_ok)
        };
        match self.kind(prev) {
            Some(TokKind::Punct('$' | '€' | '£' | '¥' | '₩' | '#')) => false,
            Some(TokKind::Punct(',' | '.' | ':' | '/')) => !glued_to(|k| k == TokKind::Digits),
            // "ChinaSat-2012" is a name, "mid-2025" a date.
            Some(TokKind::Punct(c)) if is_dash(c) => {
                !glued_to(|k| matches!(k, TokKind::Word | TokKind::Digits))
                    || self.word_before(i).is_some_and(|w| in_list(w, MODIFIERS))
            }
            Some(TokKind::Punct(_)) | None => true,
            Some(TokKind::Word | TokKind::Digits) => false,
        }
    }

    /// The digits at `i` end a number of their own: no decimal or thousands
    /// tail, no glued word ("1500km"), no percent, no unit word after.
    fn ends_clean(&self, i: usize) -> bool {
        let next = i + 1;
        if self.glued(next) {
            match self.kind(next) {
                Some(TokKind::Word | TokKind::Digits) => return false,
                Some(TokKind::Punct(',' | '.' | ':' | '/'))
                    if self.glued(next + 1) && self.digits(next + 1).is_some() =>
                {
                    return false;
                }
                _ => {}
            }
        }
        self.punct(next) != Some('%') && !self.word_in(next, NOT_YEAR_FOLLOWERS)
    }

    /// A four-digit number in 1000..=2099 at `i`, whatever its context.
    fn year_value(&self, i: usize) -> Option<i32> {
        let digits = self.digits(i)?;
        if digits.len() != 4 {
            return None;
        }
        let year: i32 = digits.parse().ok()?;
        (1000..=2099).contains(&year).then_some(year)
    }

    /// A year standing on its own at `i`.
    fn year_at(&self, i: usize) -> Option<i32> {
        let year = self.year_value(i)?;
        (self.starts_clean(i) && self.ends_clean(i)).then_some(year)
    }

    /// A day of `month` at `i` ("19", "19th"), spaced from what precedes it;
    /// returns the day and the token after it.
    fn day_at(&self, i: usize, month: u8) -> Option<(u8, usize)> {
        if !self.spaced(i) {
            return None;
        }
        let digits = self.digits(i)?;
        if digits.len() > 2 {
            return None;
        }
        let day: u8 = digits.parse().ok()?;
        if !(1..=days_in(month, None)).contains(&day) {
            return None;
        }
        let mut end = i + 1;
        if self.glued(end) {
            match self.kind(end) {
                Some(TokKind::Word) if self.word_in(end, ORDINAL_SUFFIXES) => end += 1,
                // "June 1,500" is a count, "June 5km" a distance.
                Some(TokKind::Word | TokKind::Digits) => return None,
                Some(TokKind::Punct(',' | '.' | ':' | '/'))
                    if self.glued(end + 1) && self.digits(end + 1).is_some() =>
                {
                    return None;
                }
                _ => {}
            }
        }
        (self.punct(end) != Some('%')).then_some((day, end))
    }

    /// Past the second day of a day range ("June 19-20"): the token after
    /// it, or `i` unchanged when no range follows.
    fn past_day_range(&self, i: usize, month: u8) -> usize {
        let dash = self.punct(i).is_some_and(is_dash) && self.glued(i);
        let day_ok = |d: &str| {
            d.parse::<u8>()
                .is_ok_and(|day| (1..=days_in(month, None)).contains(&day))
        };
        if dash && self.glued(i + 1) && self.digits(i + 1).is_some_and(day_ok) {
            i + 2
        } else {
            i
        }
    }

    /// ", 2024" or " 2024" at `i`: the year and the token after it.
    fn trailing_year(&self, i: usize) -> Option<(i32, usize)> {
        let at = if self.punct(i) == Some(',') { i + 1 } else { i };
        if !self.spaced(at) {
            return None;
        }
        let year = self.year_value(at)?;
        self.ends_clean(at).then_some((year, at + 1))
    }

    /// The token after a month word at `i`, past an abbreviation's dot.
    fn after_month(&self, i: usize, abbreviated: bool) -> usize {
        if abbreviated && self.punct(i + 1) == Some('.') && self.glued(i + 1) {
            i + 2
        } else {
            i + 1
        }
    }

    /// Whether [`Scanner::date_at`] can find a date at token `i`: every
    /// matcher starts on digits, on an apostrophe ("'90s") or on a word
    /// of [`starts_a_date`]. Most tokens are skipped at this test.
    fn may_start(&self, i: usize) -> bool {
        match self.kind(i) {
            Some(TokKind::Digits) => true,
            Some(TokKind::Punct(c)) => is_apostrophe(c),
            Some(TokKind::Word) => self.word(i).is_some_and(starts_a_date),
            None => false,
        }
    }

    fn date_at(&self, i: usize) -> Option<Found> {
        self.relative(i)
            .or_else(|| self.with_modifier(i))
            .or_else(|| self.numeric(i))
            .map(Found::from)
            .or_else(|| self.year_range(i))
            .or_else(|| {
                self.decade(i)
                    .or_else(|| self.month_led(i))
                    .or_else(|| self.day_led(i))
                    .or_else(|| self.year(i))
                    .map(Found::from)
            })
    }

    /// "last year", "this year", "next year", "last month", "last autumn",
    /// "last June 19", "last October", "two years ago".
    fn relative(&self, i: usize) -> Option<Piece> {
        let none = PartialDate::default();
        let count = match self.kind(i)? {
            TokKind::Digits => self
                .digits(i)
                .filter(|d| d.len() <= 3)
                .and_then(|d| d.parse().ok()),
            TokKind::Word => {
                let word = self.word(i)?;
                YEAR_COUNTS
                    .iter()
                    .find(|(w, _)| w.eq_ignore_ascii_case(word))
                    .map(|&(_, n)| n)
            }
            TokKind::Punct(_) => None,
        };
        if let Some(n) = count
            && self.spaced(i + 1)
            && self.word_in(i + 1, &["year", "years"])
            && self.spaced(i + 2)
            && self.is_word(i + 2, "ago")
        {
            return Some(piece(none, Some(Relative::YearAgo(n)), i, i + 3));
        }

        let word = self.word(i)?;
        let which = ["last", "this", "next"]
            .into_iter()
            .find(|w| w.eq_ignore_ascii_case(word))?;
        let next = i + 1;
        if !self.spaced(next) {
            return None;
        }
        if self.is_word(next, "year") {
            let relative = match which {
                "last" => Relative::LastYear,
                "this" => Relative::ThisYear,
                _ => Relative::NextYear,
            };
            return Some(piece(none, Some(relative), i, next + 1));
        }
        if which != "last" {
            return None;
        }
        if self.is_word(next, "month") {
            return Some(piece(none, Some(Relative::LastMonth), i, next + 1));
        }
        let next_word = self.word(next)?;
        if let Some(&(_, season)) = SEASONS
            .iter()
            .find(|(w, _)| w.eq_ignore_ascii_case(next_word))
        {
            return Some(piece(none, Some(Relative::LastSeason(season)), i, next + 1));
        }
        // "last march" in lower case is more likely a final march.
        let (month, abbreviated) = month_name(next_word)?;
        if !self.capitalised(next) {
            return None;
        }
        let after = self.after_month(next, abbreviated);
        if let Some((day, after_day)) = self.day_at(after, month) {
            if let Some((year, end)) = self.trailing_year(after_day)
                && valid_ymd(year, month, day)
            {
                return Some(piece(PartialDate::ymd(year, month, day), None, i, end));
            }
            let date = PartialDate {
                month: Some(month),
                day: Some(day),
                ..none
            };
            return Some(piece(date, Some(Relative::Last), i, after_day));
        }
        if abbreviated {
            return None;
        }
        let date = PartialDate {
            month: Some(month),
            ..none
        };
        Some(piece(date, Some(Relative::Last), i, next + 1))
    }

    /// "early 2025", "late 2025", "mid-2025", "the early 2000s",
    /// "mid-October": the modifier joins the span; the date is unchanged.
    fn with_modifier(&self, i: usize) -> Option<Piece> {
        if !self.word_in(i, MODIFIERS) {
            return None;
        }
        let inner = if self.spaced(i + 1) {
            i + 1
        } else if self.punct(i + 1).is_some_and(is_dash) && self.glued(i + 2) {
            i + 2
        } else {
            return None;
        };
        let found = self
            .decade(inner)
            .or_else(|| self.month_led(inner))
            .or_else(|| self.year(inner))?;
        Some(Piece { from: i, ..found })
    }

    /// "2024-06-19", "2024/06/19", "06/19/2024" (US order, or day first
    /// when that is the only valid reading), "19.06.2024" (day first).
    fn numeric(&self, i: usize) -> Option<Piece> {
        let a = self.digits(i)?;
        let sep = self.punct(i + 1).filter(|c| matches!(c, '-' | '/' | '.'))?;
        let b = self.digits(i + 2)?;
        let c = self.digits(i + 4)?;
        let all_glued = (i + 1..=i + 4).all(|k| self.glued(k));
        if !all_glued || self.punct(i + 3) != Some(sep) || !self.starts_clean(i) {
            return None;
        }
        // A fourth part ("1.2.3.4") or a glued word makes it something
        // else, except an ISO time: "2024-06-19T10:00".
        let iso_time =
            self.is_word(i + 5, "T") && self.glued(i + 6) && self.digits(i + 6).is_some();
        if self.glued(i + 5)
            && !iso_time
            && (self.kind(i + 5) == Some(TokKind::Word)
                || (self.punct(i + 5).is_some()
                    && self.digits(i + 6).is_some()
                    && self.glued(i + 6)))
        {
            return None;
        }
        let num = |s: &str| -> Option<u32> { s.parse().ok().filter(|_| s.len() <= 4) };
        let (na, nb, nc) = (num(a)?, num(b)?, num(c)?);
        let short = |s: &str| (1..=2).contains(&s.len());
        let ymd = |y: u32, m: u32, d: u32| {
            let (y, m, d) = (
                i32::try_from(y).ok()?,
                u8::try_from(m).ok()?,
                u8::try_from(d).ok()?,
            );
            valid_ymd(y, m, d).then(|| PartialDate::ymd(y, m, d))
        };
        let date = if a.len() == 4 && short(b) && short(c) {
            ymd(na, nb, nc)
        } else if short(a) && short(b) && c.len() == 4 {
            if sep == '.' {
                ymd(nc, nb, na)
            } else {
                ymd(nc, na, nb).or_else(|| ymd(nc, nb, na))
            }
        } else {
            None
        }?;
        Some(piece(date, None, i, i + 5))
    }

    /// "1904-1905", "2019-20", "1904 – 1905": two year mentions.
    fn year_range(&self, i: usize) -> Option<Found> {
        let first = self.year_value(i)?;
        let dash = self.punct(i + 1).filter(|&c| is_dash(c))?;
        let tight = self.glued(i + 1) && self.glued(i + 2);
        let spaced_dash = dash != '-' && self.spaced(i + 1) && self.spaced(i + 2);
        if !(tight || spaced_dash)
            || !self.starts_clean(i)
            || !self.ends_clean(i + 2)
            || self.labelled(i)
        {
            return None;
        }
        let tail = self.digits(i + 2)?;
        let second = match tail.len() {
            4 => self.year_value(i + 2)?,
            2 => first - first % 100 + tail.parse::<i32>().ok()?,
            _ => return None,
        };
        // "2024-06-19" is a date, not the range 2024-2006.
        if self.punct(i + 3).is_some_and(|c| is_dash(c) || c == '/') && self.glued(i + 3) {
            return None;
        }
        if second <= first {
            return None;
        }
        Some(Found {
            first: piece(PartialDate::of_year(first), None, i, i + 1),
            second: Some(piece(PartialDate::of_year(second), None, i + 2, i + 3)),
            next: i + 3,
        })
    }

    /// "1990s", "1990's", "'90s", "the 80s".
    fn decade(&self, i: usize) -> Option<Piece> {
        let decade = |start: i32| PartialDate {
            decade: true,
            ..PartialDate::of_year(start)
        };
        if let Some(start) = self.short_decade(i) {
            return Some(piece(decade(start), None, i, i + 2));
        }
        // "the fifties", "the nineteen fifties".
        if self.is_word(i, "nineteen")
            && self.spaced(i + 1)
            && let Some(short) = self.word(i + 1).and_then(decade_word)
        {
            return Some(piece(decade(1900 + short), None, i, i + 2));
        }
        if let Some(short) = self.word(i).and_then(decade_word) {
            let led = self
                .word_before(i)
                .is_some_and(|w| in_list(w, DECADE_LEADS));
            return led.then(|| {
                piece(
                    decade(century_of_short_decade(short) + short),
                    None,
                    i,
                    i + 1,
                )
            });
        }
        if let Some(digits) = self.digits(i) {
            let year = self.year_value(i)?;
            if !digits.ends_with('0') || !self.starts_clean(i) {
                return None;
            }
            let plural_s = |k: usize| self.glued(k) && self.is_word(k, "s");
            if plural_s(i + 1) {
                return Some(piece(decade(year), None, i, i + 2));
            }
            if self.punct(i + 1).is_some_and(is_apostrophe) && self.glued(i + 1) && plural_s(i + 2)
            {
                return Some(piece(decade(year), None, i, i + 3));
            }
            return None;
        }
        // "'90s": the apostrophe must open the token, not end a word.
        if !self.punct(i).is_some_and(is_apostrophe)
            || self.glued(i) && self.word(i.checked_sub(1)?).is_some()
        {
            return None;
        }
        let digits = self.digits(i + 1)?;
        if digits.len() != 2 || !digits.ends_with('0') || !self.glued(i + 1) {
            return None;
        }
        if !(self.glued(i + 2) && self.is_word(i + 2, "s")) {
            return None;
        }
        let short: i32 = digits.parse().ok()?;
        let start = century_of_short_decade(short) + short;
        Some(piece(decade(start), None, i, i + 3))
    }

    /// "the 80s", "early 90s": a two-digit decade needs a leading word, as
    /// "in their 80s" is an age. Returns the decade's first year.
    fn short_decade(&self, i: usize) -> Option<i32> {
        let digits = self.digits(i)?;
        let led = self
            .word_before(i)
            .is_some_and(|w| in_list(w, DECADE_LEADS));
        if digits.len() != 2 || !digits.ends_with('0') || !led || !self.spaced(i) {
            return None;
        }
        if !(self.glued(i + 1) && self.is_word(i + 1, "s")) {
            return None;
        }
        let short: i32 = digits.parse().ok()?;
        Some(century_of_short_decade(short) + short)
    }

    /// "June 19, 2024", "June 19th 2024", "Jun. 19, 2024", "June 2024",
    /// "June of 2024", bare "June 19" and "In October".
    fn month_led(&self, i: usize) -> Option<Piece> {
        let (month, abbreviated) = month_name(self.word(i)?)?;
        let capital = self.capitalised(i);
        if month == MAY && !capital {
            return None;
        }
        let after = self.after_month(i, abbreviated);
        let month_only = PartialDate {
            month: Some(month),
            ..PartialDate::default()
        };
        if let Some((day, after_day)) = self.day_at(after, month) {
            let after_day = self.past_day_range(after_day, month);
            if let Some((year, end)) = self.trailing_year(after_day)
                && valid_ymd(year, month, day)
            {
                return Some(piece(PartialDate::ymd(year, month, day), None, i, end));
            }
            // Without a year, "march 5" in lower case is likely a verb.
            if !capital {
                return None;
            }
            let date = PartialDate {
                day: Some(day),
                ..month_only
            };
            return Some(piece(date, Some(Relative::Bare), i, after_day));
        }
        let year_at = if self.is_word(after, "of") {
            after + 1
        } else {
            after
        };
        if self.spaced(year_at)
            && let Some(year) = self.year_value(year_at)
            && self.ends_clean(year_at)
        {
            let date = PartialDate {
                year: Some(year),
                ..month_only
            };
            return Some(piece(date, None, i, year_at + 1));
        }
        if abbreviated || !capital || !self.month_alone_ok(i, month) {
            return None;
        }
        Some(piece(month_only, Some(Relative::Bare), i, i + 1))
    }

    /// A capitalised month name standing alone is a month after a leading
    /// preposition ("In October Kim") or when no capitalised word follows it
    /// (which would make it part of a name: "June Carter", "the October
    /// Revolution"). "May" needs a leading preposition.
    fn month_alone_ok(&self, i: usize, month: u8) -> bool {
        let before = self.word_before(i);
        if month == MAY {
            return before.is_some_and(|w| in_list(w, MAY_LEADERS));
        }
        before.is_some_and(|w| in_list(w, MONTH_LEADERS))
            || !(self.spaced(i + 1) && self.capitalised(i + 1))
    }

    /// "19 June 2024", "19th June 2024", "03 Feb 2026", "19th of June",
    /// bare "19 June".
    fn day_led(&self, i: usize) -> Option<Piece> {
        let digits = self.digits(i)?;
        if digits.len() > 2 || !self.starts_clean(i) {
            return None;
        }
        let mut at = i + 1;
        let suffixed = self.glued(at) && self.word_in(at, ORDINAL_SUFFIXES);
        // "19-20 June 2024": the range's first day stands for the date.
        if !suffixed
            && self.glued(at)
            && self.punct(at).is_some_and(is_dash)
            && self.glued(at + 1)
            && self.digits(at + 1).is_some_and(|d| d.len() <= 2)
        {
            at += 2;
        }
        if suffixed {
            at += 1;
            if self.spaced(at) && self.is_word(at, "of") {
                at += 1;
            }
        }
        if !self.spaced(at) {
            return None;
        }
        let (month, abbreviated) = month_name(self.word(at)?)?;
        let capital = self.capitalised(at);
        if month == MAY && !capital {
            return None;
        }
        let day: u8 = digits.parse().ok()?;
        if !(1..=days_in(month, None)).contains(&day) {
            return None;
        }
        let after = self.after_month(at, abbreviated);
        if let Some((year, end)) = self.trailing_year(after)
            && valid_ymd(year, month, day)
        {
            return Some(piece(PartialDate::ymd(year, month, day), None, i, end));
        }
        if !capital {
            return None;
        }
        let date = PartialDate {
            month: Some(month),
            day: Some(day),
            ..PartialDate::default()
        };
        Some(piece(date, Some(Relative::Bare), i, after))
    }

    /// The number at `i` is labelled or counted by the word before it:
    /// "Resolution 1718", "No. 1718", "some 1200".
    fn labelled(&self, i: usize) -> bool {
        if self
            .word_before(i)
            .is_some_and(|w| in_list(w, NOT_YEAR_LEADERS))
        {
            return true;
        }
        let Some(dot) = i.checked_sub(1) else {
            return false;
        };
        self.spaced(i)
            && self.punct(dot) == Some('.')
            && self.glued(dot)
            && dot
                .checked_sub(1)
                .is_some_and(|w| self.word_in(w, LABEL_ABBREVIATIONS))
    }

    /// A standalone year: "in 2024", "since 1961", "2018".
    fn year(&self, i: usize) -> Option<Piece> {
        if self.labelled(i) {
            return None;
        }
        let year = self.year_at(i)?;
        Some(piece(PartialDate::of_year(year), None, i, i + 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (covered text, date as ISO, relative) for every mention in `text`.
    fn found(text: &str) -> Vec<(&str, String, Option<Relative>)> {
        extract_dates(text)
            .into_iter()
            .map(|m| (m.span.slice(text), m.date.to_iso(), m.relative))
            .collect()
    }

    fn only(text: &str) -> (String, String, Option<Relative>) {
        let all = found(text);
        assert_eq!(all.len(), 1, "expected one date in {text:?}, got {all:?}");
        let (slice, iso, rel) = all.into_iter().next().unwrap();
        (slice.to_string(), iso, rel)
    }

    fn explicit(text: &str) -> (String, String) {
        let (slice, iso, rel) = only(text);
        assert_eq!(rel, None, "{text:?} should be explicit");
        (slice, iso)
    }

    fn s(x: &str) -> String {
        x.to_string()
    }

    #[test]
    fn month_day_year_forms() {
        let cases = [
            (
                "On June 19, 2023, the two countries signed",
                "June 19, 2023",
                "2023-06-19",
            ),
            (
                "It was on July 4, 2024 that Pyongyang",
                "July 4, 2024",
                "2024-07-04",
            ),
            (
                "signed June 19 2024 in Pyongyang",
                "June 19 2024",
                "2024-06-19",
            ),
            (
                "signed on June 19th, 2024.",
                "June 19th, 2024",
                "2024-06-19",
            ),
            ("signed on Jun. 19, 2024.", "Jun. 19, 2024", "2024-06-19"),
            ("signed on Sept. 9, 2024.", "Sept. 9, 2024", "2024-09-09"),
            ("signed on sept 9, 2024.", "sept 9, 2024", "2024-09-09"),
            ("on JUNE 19, 2024", "JUNE 19, 2024", "2024-06-19"),
            ("- Dec 22, 2024", "Dec 22, 2024", "2024-12-22"),
        ];
        for (text, slice, iso) in cases {
            assert_eq!(explicit(text), (s(slice), s(iso)), "{text}");
        }
    }

    #[test]
    fn day_month_year_forms() {
        let cases = [
            ("03 Feb 2026", "03 Feb 2026", "2026-02-03"),
            (
                "in Pyongyang on 20 January 2026. (Kim",
                "20 January 2026",
                "2026-01-20",
            ),
            ("on 19th June 2024,", "19th June 2024", "2024-06-19"),
            (
                "on the 19th of June, 2024",
                "19th of June, 2024",
                "2024-06-19",
            ),
            ("on 5 Sept. 2023", "5 Sept. 2023", "2023-09-05"),
        ];
        for (text, slice, iso) in cases {
            assert_eq!(explicit(text), (s(slice), s(iso)), "{text}");
        }
    }

    #[test]
    fn numeric_forms() {
        let cases = [
            ("on 2024-06-19 at noon", "2024-06-19", "2024-06-19"),
            ("on 2004-06-19 at noon", "2004-06-19", "2004-06-19"),
            ("on 2024/06/19", "2024/06/19", "2024-06-19"),
            ("on 06/19/2024", "06/19/2024", "2024-06-19"),
            ("on 6/1/2024", "6/1/2024", "2024-06-01"),
            ("on 19/06/2024", "19/06/2024", "2024-06-19"),
            ("on 19.06.2024", "19.06.2024", "2024-06-19"),
        ];
        for (text, slice, iso) in cases {
            assert_eq!(explicit(text), (s(slice), s(iso)), "{text}");
        }
        // Not dates: invalid month/day, versions, too many parts.
        assert_eq!(found("on 2024-13-40"), vec![("2024", s("2024"), None)]);
        assert!(found("version 1.2.3.4 and 10.0.0.1").is_empty());
        assert!(found("on 31/31/2024x").is_empty());
    }

    #[test]
    fn month_year_forms() {
        assert_eq!(
            explicit("In February 2022, the army"),
            (s("February 2022"), s("2022-02"))
        );
        assert_eq!(
            explicit("In September 2023, a defense"),
            (s("September 2023"), s("2023-09"))
        );
        assert_eq!(
            explicit("in June of 2024"),
            (s("June of 2024"), s("2024-06"))
        );
        assert_eq!(explicit("in june 2024"), (s("june 2024"), s("2024-06")));
    }

    #[test]
    fn bare_month_and_month_day() {
        assert_eq!(
            only("In October, on the occasion of the 80th anniversary"),
            (s("October"), s("--10"), Some(Relative::Bare))
        );
        assert_eq!(
            only("in October"),
            (s("October"), s("--10"), Some(Relative::Bare))
        );
        assert_eq!(
            only("At the October celebrations, Vietnamese"),
            (s("October"), s("--10"), Some(Relative::Bare))
        );
        assert_eq!(
            only("met on June 19."),
            (s("June 19"), s("--06-19"), Some(Relative::Bare))
        );
        assert_eq!(
            only("met on 19 June."),
            (s("19 June"), s("--06-19"), Some(Relative::Bare))
        );
        assert_eq!(
            only("held in mid-October"),
            (s("mid-October"), s("--10"), Some(Relative::Bare))
        );
    }

    #[test]
    fn month_words_that_are_not_months() {
        // "may" the verb, "march" the verb, names, abbreviations alone.
        assert!(found("North Korea may be supplying munitions").is_empty());
        assert!(found("May we see it? May Kim succeed.").is_empty());
        assert!(found("troops march 19 miles to the border").is_empty());
        assert!(found("they march on").is_empty());
        assert!(found("a meeting with June Carter").is_empty());
        assert!(found("the October Revolution").is_empty());
        assert_eq!(only("In October Kim visited").1, "--10");
        assert!(found("Jan said no, and Mar-a-Lago too").is_empty());
        assert!(found("an august body").is_empty());
        // "May" as a month needs a date or a leader word.
        assert_eq!(only("in May").1, "--05");
        assert_eq!(only("since May").1, "--05");
        assert_eq!(only("May 19, 2024").1, "2024-05-19");
        assert_eq!(only("May 2024").1, "2024-05");
        assert_eq!(only("on 1 May").1, "--05-01");
    }

    #[test]
    fn years_and_ranges() {
        assert_eq!(
            found("a military alliance since 1961, this alliance"),
            vec![("1961", s("1961"), None)]
        );
        assert_eq!(
            found("Since 2012, the North Korean regime"),
            vec![("2012", s("2012"), None)]
        );
        assert_eq!(
            found("held a summit with Kim in 2018, Cuba"),
            vec![("2018", s("2018"), None)]
        );
        assert_eq!(
            found("after the 1904-1905 Russo-Japanese War"),
            vec![("1904", s("1904"), None), ("1905", s("1905"), None)]
        );
        assert_eq!(
            found("led by Kim Il-sung from 1948 to 1994."),
            vec![("1948", s("1948"), None), ("1994", s("1994"), None)]
        );
        assert_eq!(
            found("the 2019-20 season and 1904 – 1905"),
            vec![
                ("2019", s("2019"), None),
                ("20", s("2020"), None),
                ("1904", s("1904"), None),
                ("1905", s("1905"), None),
            ]
        );
        assert_eq!(found("2018"), vec![("2018", s("2018"), None)]);
    }

    #[test]
    fn numbers_that_are_not_years() {
        for text in [
            "2,000 troops",
            "1500 km",
            "1500km of track",
            "about 1200 soldiers and 1999 people",
            "rose 2018%",
            "rose 2018 %",
            "rose 2018 percent",
            "in 1,995 cases",
            "code 12024",
            "costs $2024",
            "pi is 3.2024 or 2024.5",
            "ChinaSat-12 and ChinaSat-2012",
            "99999999999999999999",
            "2000 years ago",
            "at 10:20 and 2024:10",
            "year 0999 and 2100",
            "2000 million",
        ] {
            assert!(found(text).is_empty(), "{text:?} gave {:?}", found(text));
        }
    }

    #[test]
    fn labels_and_counts_are_not_years() {
        for text in [
            "UN Security Council Resolution 1718 and resolutions 2270",
            "under No. 1718 and p. 2012",
            "some 1200 soldiers, nearly 1500 North Korean troops",
            "Article 2020 of the code",
        ] {
            assert!(found(text).is_empty(), "{text:?} gave {:?}", found(text));
        }
        // Leader words do not block years that follow other words.
        assert_eq!(found("no later than 2025").len(), 1);
    }

    #[test]
    fn day_ranges_and_iso_times() {
        assert_eq!(
            explicit("met on June 19-20, 2024 in"),
            (s("June 19-20, 2024"), s("2024-06-19"))
        );
        assert_eq!(
            explicit("met on 19-20 June 2024 in"),
            (s("19-20 June 2024"), s("2024-06-19"))
        );
        assert_eq!(
            only("met on June 19-20 in"),
            (s("June 19-20"), s("--06-19"), Some(Relative::Bare))
        );
        assert_eq!(
            explicit("at 2024-06-19T10:00:00Z"),
            (s("2024-06-19"), s("2024-06-19"))
        );
        assert_eq!(
            find_dateline("T\n2024-06-19T10:00:00Z\n"),
            Some(PartialDate::ymd(2024, 6, 19))
        );
    }

    #[test]
    fn modifiers_and_decades() {
        assert_eq!(
            explicit("with South Korea in early 2025 despite"),
            (s("early 2025"), s("2025"))
        );
        assert_eq!(explicit("late 2025"), (s("late 2025"), s("2025")));
        assert_eq!(explicit("by mid-2025"), (s("mid-2025"), s("2025")));
        assert_eq!(
            explicit("In the early 2000s, Russian"),
            (s("early 2000s"), s("2000s"))
        );
        assert_eq!(
            explicit("economic collapse of the 1990s, the"),
            (s("1990s"), s("1990s"))
        );
        assert_eq!(explicit("in the 1960s"), (s("1960s"), s("1960s")));
        assert_eq!(explicit("in the 1990's"), (s("1990's"), s("1990s")));
        assert_eq!(explicit("in the '90s"), (s("'90s"), s("1990s")));
        assert_eq!(
            explicit("in the \u{2019}90s"),
            (s("\u{2019}90s"), s("1990s"))
        );
        assert_eq!(explicit("in the '00s"), (s("'00s"), s("2000s")));
        assert_eq!(explicit("in the 80s"), (s("80s"), s("1980s")));
        assert_eq!(explicit("by the early 90s"), (s("early 90s"), s("1990s")));
        assert_eq!(explicit("born in the forties"), (s("forties"), s("1940s")));
        assert_eq!(
            explicit("in the nineteen fifties"),
            (s("nineteen fifties"), s("1950s"))
        );
        assert!(found("in their 80s").is_empty());
        assert!(found("a woman in her forties").is_empty());
        let decade = extract_dates("the 1990s")[0].date;
        assert!(decade.decade);
        assert_eq!(decade.year, Some(1990));
        // "the late Kim" is no date; "1995s" is no decade.
        assert!(found("the late Kim Il-sung").is_empty());
        assert!(found("1995s").is_empty());
    }

    #[test]
    fn relative_forms() {
        let cases = [
            (
                "Last year, the United States",
                "Last year",
                Relative::LastYear,
            ),
            ("this year’s message", "this year", Relative::ThisYear),
            ("like last year’s", "last year", Relative::LastYear),
            ("next year", "next year", Relative::NextYear),
            ("two years ago", "two years ago", Relative::YearAgo(2)),
            ("2 years ago", "2 years ago", Relative::YearAgo(2)),
            ("a year ago", "a year ago", Relative::YearAgo(1)),
            (
                "at the summit on last June 19.",
                "last June 19",
                Relative::Last,
            ),
            ("last October", "last October", Relative::Last),
            (
                "since last autumn, Pyongyang",
                "last autumn",
                Relative::LastSeason(Season::Autumn),
            ),
            (
                "last fall",
                "last fall",
                Relative::LastSeason(Season::Autumn),
            ),
            (
                "last winter",
                "last winter",
                Relative::LastSeason(Season::Winter),
            ),
            ("last month", "last month", Relative::LastMonth),
        ];
        for (text, slice, relative) in cases {
            let (got_slice, _, got_rel) = only(text);
            assert_eq!(
                (got_slice.as_str(), got_rel),
                (slice, Some(relative)),
                "{text}"
            );
        }
        let june = extract_dates("last June 19")[0].date;
        assert_eq!((june.year, june.month, june.day), (None, Some(6), Some(19)));
        // "last march" lower case, "last week", weekdays: nothing.
        assert!(found("their last march ended").is_empty());
        assert!(found("in Moscow last week").is_empty());
        assert!(found("On Sunday, North Korea announced").is_empty());
        assert!(found("in six years").is_empty());
    }

    #[test]
    fn seed_paragraph_in_order() {
        let text = "Accordingly, since last autumn, Pyongyang has also begun efforts. \
                    In September, Kim Jong Un attended the commemoration of the 80th \
                    anniversary, and held his first summit with Xi Jinping in six years. \
                    Although Cuban President Miguel Díaz-Canel held a summit with Kim Jong Un \
                    in 2018, Cuba had established diplomatic relations with South Korea in \
                    early 2025. Every New Year’s Day, Kim marks the victory of 1959.";
        let slices: Vec<&str> = found(text).into_iter().map(|(s, _, _)| s).collect();
        assert_eq!(
            slices,
            ["last autumn", "September", "2018", "early 2025", "1959"]
        );
    }

    #[test]
    fn spans_sorted_and_disjoint_on_seeds() {
        let text = "- Dec 22, 2024\nSince the 1990s, from 1948 to 1994, the 1904-1905 war, \
                    On June 19, 2023 and last June 19, Last year, in July, 03 Feb 2026.";
        let mentions = extract_dates(text);
        assert_eq!(mentions.len(), 11, "{:?}", found(text));
        for pair in mentions.windows(2) {
            assert!(pair[0].span.end <= pair[1].span.start);
        }
    }

    fn published(y: i32, m: u8, d: u8) -> Option<PartialDate> {
        Some(PartialDate::ymd(y, m, d))
    }

    fn resolved(text: &str, published: Option<PartialDate>) -> String {
        let mention = extract_dates(text).into_iter().next().expect("a date");
        resolve(&mention, published).to_iso()
    }

    #[test]
    fn resolve_bare_and_last_to_most_recent() {
        let feb = published(2026, 2, 3);
        assert_eq!(resolved("In October", feb), "2025-10");
        assert_eq!(resolved("In January", feb), "2026-01");
        assert_eq!(resolved("In September", feb), "2025-09");
        assert_eq!(resolved("In February", feb), "2026-02");
        assert_eq!(resolved("on February 3", feb), "2026-02-03");
        assert_eq!(resolved("on February 4", feb), "2025-02-04");
        let dec = published(2024, 12, 22);
        assert_eq!(
            resolved("at the summit on last June 19.", dec),
            "2024-06-19"
        );
        assert_eq!(resolved("last December 22", dec), "2023-12-22");
        assert_eq!(resolved("last December", dec), "2023-12");
        assert_eq!(resolved("last November", dec), "2024-11");
        let mention = &extract_dates("In October")[0];
        let date = resolve(mention, feb);
        assert!(date.year_inferred);
        // A published date without a month cannot place a bare month.
        assert_eq!(
            resolved("In October", Some(PartialDate::of_year(2026))),
            "--10"
        );
    }

    #[test]
    fn resolve_year_relatives() {
        let feb = published(2026, 2, 3);
        assert_eq!(resolved("Last year, the", feb), "2025");
        assert_eq!(resolved("this year", feb), "2026");
        assert_eq!(resolved("next year", feb), "2027");
        assert_eq!(resolved("two years ago", feb), "2024");
        assert_eq!(resolved("last month", feb), "2026-01");
        assert_eq!(resolved("last month", published(2026, 1, 9)), "2025-12");
        assert_eq!(resolved("since last autumn", feb), "2025");
        assert_eq!(resolved("last autumn", published(2025, 10, 1)), "2024");
        assert_eq!(resolved("last autumn", published(2025, 12, 1)), "2025");
        assert_eq!(resolved("last summer", published(2025, 9, 1)), "2025");
        assert_eq!(resolved("last winter", published(2025, 3, 1)), "2025");
        assert_eq!(resolved("last winter", published(2025, 2, 1)), "2024");
        let last_year = resolve(&extract_dates("last year")[0], feb);
        assert!(last_year.year_inferred);
        assert_eq!(last_year.month, None);
    }

    #[test]
    fn resolve_without_published_keeps_partial() {
        assert_eq!(resolved("June 19", None), "--06-19");
        assert_eq!(resolved("last year", None), "");
        assert_eq!(
            resolve(&extract_dates("last year")[0], None),
            PartialDate::default()
        );
        // Explicit dates never change, and a decade is no published date.
        assert_eq!(
            resolved("June 19, 2024", published(2026, 1, 1)),
            "2024-06-19"
        );
        let decade = Some(PartialDate {
            decade: true,
            ..PartialDate::of_year(1990)
        });
        assert_eq!(resolved("last year", decade), "");
    }

    #[test]
    fn compare_field_by_field() {
        let claim = PartialDate::ymd(2024, 6, 19);
        let month_day = PartialDate {
            month: Some(6),
            day: Some(19),
            ..PartialDate::default()
        };
        let conflict = |field| DateComparison::Conflict { field };
        assert_eq!(compare(&claim, &month_day), DateComparison::Agree);
        assert_eq!(
            compare(&claim, &PartialDate::ymd(2023, 6, 19)),
            conflict(DateField::Year)
        );
        assert_eq!(
            compare(&claim, &PartialDate::of_year(2024)),
            DateComparison::Agree
        );
        let july = PartialDate {
            month: Some(7),
            ..PartialDate::of_year(2024)
        };
        assert_eq!(compare(&claim, &july), conflict(DateField::Month));
        assert_eq!(
            compare(&claim, &PartialDate::of_year(1961)),
            conflict(DateField::Year)
        );
        assert_eq!(
            compare(&claim, &PartialDate::ymd(2024, 6, 20)),
            conflict(DateField::Day)
        );
        let june_2018 = PartialDate {
            month: Some(6),
            ..PartialDate::of_year(2018)
        };
        assert_eq!(
            compare(&PartialDate::of_year(2018), &june_2018),
            DateComparison::Agree
        );
        assert_eq!(
            compare(&month_day, &PartialDate::of_year(2024)),
            DateComparison::Unrelated
        );
        assert_eq!(
            compare(&PartialDate::default(), &claim),
            DateComparison::Unrelated
        );
    }

    #[test]
    fn compare_decades() {
        let nineties = PartialDate {
            decade: true,
            ..PartialDate::of_year(1990)
        };
        let conflict = DateComparison::Conflict {
            field: DateField::Year,
        };
        assert_eq!(
            compare(&PartialDate::of_year(1995), &nineties),
            DateComparison::Agree
        );
        assert_eq!(
            compare(&nineties, &PartialDate::ymd(1999, 12, 31)),
            DateComparison::Agree
        );
        assert_eq!(compare(&nineties, &PartialDate::of_year(2000)), conflict);
        assert_eq!(compare(&PartialDate::of_year(1989), &nineties), conflict);
        assert_eq!(compare(&nineties, &nineties), DateComparison::Agree);
        let near_max = PartialDate {
            decade: true,
            ..PartialDate::of_year(i32::MAX)
        };
        assert_eq!(
            compare(&PartialDate::of_year(i32::MIN), &near_max),
            conflict
        );
    }

    #[test]
    fn to_iso_forms() {
        assert_eq!(PartialDate::ymd(2024, 6, 19).to_iso(), "2024-06-19");
        let mut date = PartialDate::ymd(2024, 6, 19);
        date.day = None;
        assert_eq!(date.to_iso(), "2024-06");
        date.month = None;
        assert_eq!(date.to_iso(), "2024");
        date.decade = true;
        date.year = Some(1990);
        assert_eq!(date.to_iso(), "1990s");
        let md = PartialDate {
            month: Some(6),
            day: Some(19),
            ..PartialDate::default()
        };
        assert_eq!(md.to_iso(), "--06-19");
        assert_eq!(PartialDate::default().to_iso(), "");
    }

    #[test]
    fn dateline_forms() {
        let ymd = |y, m, d| Some(PartialDate::ymd(y, m, d));
        assert_eq!(
            find_dateline(
                "Does socialist North Korea have any friends left?\n\n03 Feb 2026\npolitics\n"
            ),
            ymd(2026, 2, 3)
        );
        assert_eq!(
            find_dateline("Russia and North Korea\n- Journalisme\n- Dec 22, 2024\n- 5 min read\n"),
            ymd(2024, 12, 22)
        );
        assert_eq!(
            find_dateline("Title\nPublished: 5 March 2023\nBody"),
            ymd(2023, 3, 5)
        );
        assert_eq!(
            find_dateline("Title\r\n2024-06-19\r\nBody"),
            ymd(2024, 6, 19)
        );
        assert_eq!(
            find_dateline("Title\nUpdated Monday, June 3, 2024 at 10:30 am GMT\n"),
            ymd(2024, 6, 3)
        );
    }

    #[test]
    fn dateline_rejects_prose_and_partial_dates() {
        // Dates inside prose, partial dates, and dates too far down.
        assert_eq!(
            find_dateline("Title\nOn June 19, 2023, the two countries signed"),
            None
        );
        assert_eq!(find_dateline("Title\nJune 2023\n"), None);
        assert_eq!(
            find_dateline("Title\nBy Antoine Martin, Dec 22, 2024\n"),
            None
        );
        let deep = format!("{}03 Feb 2026\n", "line\n".repeat(8));
        assert_eq!(find_dateline(&deep), None);
        assert_eq!(find_dateline(""), None);
    }

    #[test]
    fn whole_seed_article_has_dateline_and_dates() {
        let text = "Russia and North Korea\n- Journalisme\n- Dec 22, 2024\n- 5 min read\n\
                    Since 2012, the North Korean regime has used a Chinese satellite. It was \
                    on July 4, 2024 that Pyongyang preferred Moscow. This change came two \
                    weeks after the meeting at the summit on last June 19.\n\
                    Last year, the United States, Japan and South Korea agreed. A summit \
                    was held in July, in parallel.";
        let published = find_dateline(text);
        assert_eq!(published, Some(PartialDate::ymd(2024, 12, 22)));
        let isos: Vec<String> = extract_dates(text)
            .iter()
            .map(|m| resolve(m, published).to_iso())
            .collect();
        assert_eq!(
            isos,
            [
                "2024-12-22",
                "2012",
                "2024-07-04",
                "2024-06-19",
                "2023",
                "2024-07"
            ]
        );
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
        "june",
        "1,,,",
        "99999999999999999999",
        "½",
        "🎉2024🎉",
        "2024🎉s",
        "'",
        "'9",
        "'90",
        "19th",
        "June 19,",
        "last",
        "last June",
        "Dec.",
        "mid-",
        "1904-",
        "1904–",
        "06/19/",
        "2024-06-",
        "31 February 2024",
        "February 29, 2023",
        "February 29, 2024",
        "ǅune 1ǅ",
        "e\u{301}19 June\u{301} 2024",
        "\u{feff}2024",
        "２０２４年",
        "June\u{2028}19\u{2028}2024",
        "in\u{a0}2024",
        "999 years ago",
        "9999999 years ago",
        "last year\u{0}",
        "the '",
        "’",
    ];

    #[test]
    fn no_panic_and_spans_on_char_boundaries() {
        for text in ODD {
            let mentions = extract_dates(text);
            for m in &mentions {
                assert!(
                    m.span.start <= m.span.end && m.span.end <= text.len(),
                    "{text:?}"
                );
                assert!(text.is_char_boundary(m.span.start), "{text:?}");
                assert!(text.is_char_boundary(m.span.end), "{text:?}");
                for published in [
                    None,
                    Some(PartialDate::ymd(2026, 2, 3)),
                    Some(PartialDate::of_year(i32::MIN)),
                ] {
                    let date = resolve(m, published);
                    let _ = date.to_iso();
                    let _ = compare(&date, &m.date);
                }
            }
            for pair in mentions.windows(2) {
                assert!(pair[0].span.end <= pair[1].span.start, "{text:?}");
            }
            let _ = find_dateline(text);
        }
        assert_eq!(found("February 29, 2024")[0].1, "2024-02-29");
        assert_eq!(found("31 February 2024").len(), 1, "only the year");
    }

    #[test]
    fn no_panic_on_extreme_mentions() {
        let mention = DateMention {
            span: Span::new(0, 0),
            date: PartialDate {
                year: Some(i32::MIN),
                month: Some(255),
                day: Some(0),
                ..PartialDate::default()
            },
            relative: Some(Relative::YearAgo(i32::MIN)),
        };
        let published = Some(PartialDate {
            month: Some(0),
            day: Some(255),
            ..PartialDate::of_year(i32::MAX)
        });
        for relative in [
            Relative::YearAgo(i32::MIN),
            Relative::YearAgo(i32::MAX),
            Relative::NextYear,
            Relative::LastMonth,
            Relative::Last,
            Relative::Bare,
            Relative::LastSeason(Season::Winter),
        ] {
            let mention = DateMention {
                relative: Some(relative),
                ..mention.clone()
            };
            let _ = resolve(&mention, published).to_iso();
        }
    }

    #[test]
    fn is_date_word_is_the_word_lists() {
        let words = MONTHS
            .iter()
            .chain(MONTH_ABBREVIATIONS)
            .map(|(w, _)| *w)
            .chain(SEASONS.iter().map(|(w, _)| *w))
            .chain(["year", "years", "month"]);
        for word in words {
            assert!(
                is_date_word(word) && is_date_word(&word.to_uppercase()),
                "{word}"
            );
        }
        for word in ["mayor", "junes", "ma", "yearly", "months", "", "septembers"] {
            assert!(!is_date_word(word), "{word}");
        }
        let starts = MONTHS
            .iter()
            .chain(MONTH_ABBREVIATIONS)
            .map(|(w, _)| *w)
            .chain(YEAR_COUNTS.iter().map(|(w, _)| *w))
            .chain(MODIFIERS.iter().copied())
            .chain(["last", "this", "next"]);
        for word in starts {
            assert!(
                starts_a_date(word) && starts_a_date(&word.to_uppercase()),
                "{word}"
            );
        }
        for word in ["year", "ago", "lasts", "middle", "sixty", ""] {
            assert!(!starts_a_date(word), "{word}");
        }
    }

    #[test]
    fn texts_the_pre_scan_skips_hold_no_date() {
        let mut texts: Vec<String> = ODD.iter().map(|t| t.to_string()).collect();
        texts.extend(crate::test_texts::bundled_pieces());
        for (word, _) in YEAR_COUNTS {
            texts.push(format!("{word} years ago, last spring, next year"));
        }
        let mut skipped = 0;
        for text in &texts {
            assert_eq!(extract_dates(text), scan_dates(text, true), "{text}");
            if !may_hold_dates(text) {
                skipped += 1;
            }
        }
        assert!(skipped > 100);
    }

    /// Pieces that sit at the edges of the matchers, glued in pseudo-random
    /// orders (a fixed LCG, so the test is deterministic).
    const PIECES: &[&str] = &[
        "June", "May", "Dec", ".", "19", "th", ",", " ", "2024", "1990", "-", "\u{2013}", "'",
        "\u{2019}", "s", "last", "year", "years", "ago", "mid", "early", "the", "In", "T", "/",
        "06", "0", "é", "🎉", "½", "ǅ", "\u{301}", "\n", "%", "km", "No", "of", "autumn",
    ];

    #[test]
    fn no_panic_on_generated_text() {
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
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
            let mentions = extract_dates(&text);
            assert_eq!(mentions, scan_dates(&text, true), "{text:?}");
            for m in &mentions {
                assert!(
                    m.span.start < m.span.end && m.span.end <= text.len(),
                    "{text:?}"
                );
                assert!(text.is_char_boundary(m.span.start), "{text:?}");
                assert!(text.is_char_boundary(m.span.end), "{text:?}");
                let _ = resolve(m, Some(PartialDate::ymd(2024, 1, 1))).to_iso();
            }
            for pair in mentions.windows(2) {
                assert!(pair[0].span.end <= pair[1].span.start, "{text:?}");
            }
            let _ = find_dateline(&text);
        }
    }
}

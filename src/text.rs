//! Tokens and terms: how a sentence becomes comparable words.
//!
//! [`tokenize`] cuts a text into word and number tokens with their spans,
//! folding case and diacritics ("Díaz" = "diaz") and splitting hyphens
//! ("Kim Jong-un" = "Kim Jong Un"). An [`Analyzer`] then turns tokens into
//! [`Term`]s: entities (through the alias table), names (capitalised words
//! that are not titles), and content words (stemmed, mapped to a synonym
//! concept). Stop words, dates and numbers are not terms; the rules read
//! them from the tokens.

use std::cell::RefCell;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU64, Ordering};

use compact_str::CompactString;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use rust_stemmers::{Algorithm, Stemmer};
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::lexicon;
use crate::span::Span;

/// One word or number of a text. 40 bytes: its span is kept as two
/// `u32` ([`Token::span`]); a corpus holds one per word.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Token {
    /// Where the token starts, in the text given to [`tokenize`].
    start: u32,
    /// Where the token ends.
    end: u32,
    /// Lower-cased, diacritics removed, apostrophes and dots dropped.
    /// Inline up to 24 bytes (almost every word): no allocation.
    pub norm: CompactString,
    /// First letter is upper case.
    pub capitalized: bool,
    /// Every letter is upper case (acronyms: "DPRK", "U.S.").
    pub all_caps: bool,
    /// The token is made of digits (with `,` or `.` inside).
    pub numeric: bool,
}

impl Token {
    /// A token of `norm` written at `span`.
    fn new(
        span: Span,
        norm: CompactString,
        capitalized: bool,
        all_caps: bool,
        numeric: bool,
    ) -> Token {
        Token {
            start: text_offset(span.start),
            end: text_offset(span.end),
            norm,
            capitalized,
            all_caps,
            numeric,
        }
    }

    /// Where the token is, in the text given to [`tokenize`].
    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
}

/// A byte offset as stored in a [`Token`].
fn text_offset(offset: usize) -> u32 {
    u32::try_from(offset).expect("a text analyzed as one is shorter than 4 GiB")
}

/// Cut `text` into tokens. Contractions: "n't" becomes its own `not`
/// token; a possessive "'s" is dropped.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    tokenize_into(text, &mut tokens);
    tokens
}

/// [`tokenize`], appending to `tokens`.
fn tokenize_into(text: &str, tokens: &mut Vec<Token>) {
    split_words(text, |piece| {
        tokens.push(match piece {
            Piece::Word(start, raw) => make_token(start, raw),
            Piece::Not(span) => not_token(span),
            Piece::Cut(_) => return,
        });
    });
}

/// What [`split_words`] cuts a text into: one token each.
#[derive(Debug, Clone, Copy)]
enum Piece<'t> {
    /// A word or number as written, from byte `start` of the text.
    Word(usize, &'t str),
    /// The "n't" of a contraction, read as "not".
    Not(Span),
    /// A whole word as written that [`split_word`] cut at an apostrophe,
    /// handed over before its pieces: no token of its own (the date and
    /// number hints of [`Analyzer::analyze_with_hints`] read it).
    Cut(&'t str),
}

/// The pieces of `text`, in order, handed to `emit`: the cuts of
/// [`tokenize`].
fn split_words<'t>(text: &'t str, mut emit: impl FnMut(Piece<'t>)) {
    let bytes_len = text.len();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let mut end = start + c.len_utf8();
        let numeric_start = c.is_ascii_digit();
        // Extend over the word, letting through inner dots of acronyms
        // ("U.S."), inner separators of numbers ("12,420", "3.5") and
        // inner apostrophes ("Korea's", "don't").
        while let Some(&(i, d)) = chars.peek() {
            if d.is_alphanumeric() {
                end = i + d.len_utf8();
                chars.next();
                continue;
            }
            let next = text[i + d.len_utf8()..].chars().next();
            let joins = match d {
                '.' if numeric_start => next.is_some_and(|n| n.is_ascii_digit()),
                ',' if numeric_start => {
                    let rest = &text.as_bytes()[i + 1..];
                    rest.len() >= 3
                        && rest[..3].iter().all(u8::is_ascii_digit)
                        && rest.get(3).is_none_or(|b| !b.is_ascii_digit())
                }
                '.' => {
                    // acronym: single letters separated by dots ("U.S.")
                    let word = &text[start..i];
                    word.rsplit('.').next().is_some_and(|last| {
                        let mut letters = last.chars();
                        letters.next().is_some_and(char::is_alphabetic) && letters.next().is_none()
                    })
                }
                '\'' | '’' => next.is_some_and(char::is_alphabetic),
                _ => false,
            };
            if !joins {
                break;
            }
            if d == '.' && !numeric_start {
                // keep the dot of "U.S." and, when a letter follows, go on
                end = i + 1;
                chars.next();
                match chars.peek() {
                    Some(&(_, n)) if n.is_alphabetic() && n.is_uppercase() => continue,
                    _ => break,
                }
            }
            end = i + d.len_utf8();
            chars.next();
        }
        let mut raw = &text[start..end.min(bytes_len)];
        // An acronym keeps its final dot ("U.S."), a plain word does not.
        if raw.ends_with('.') && !is_dotted_acronym(raw) {
            raw = &raw[..raw.len() - 1];
        }
        split_word(start, raw, &mut emit);
    }
}

/// A set of lower-case ASCII words, built once from the lexicon's lists,
/// matched in any ASCII case: a first test on the initial letter and the
/// length (most words stop there), then a hash lookup. For the pre-scans
/// that run on every word of the corpus.
#[derive(Debug)]
pub(crate) struct WordSet {
    /// Initial letters of the words, as a bit mask ('a' = bit 0).
    initials: u32,
    /// Length of the longest word.
    longest: usize,
    words: rustc_hash::FxHashSet<&'static str>,
}

impl WordSet {
    /// The set of `words` (lower-case ASCII).
    pub(crate) fn new(words: impl IntoIterator<Item = &'static str>) -> WordSet {
        let words: rustc_hash::FxHashSet<&'static str> = words.into_iter().collect();
        let initials = words
            .iter()
            .filter_map(|w| w.bytes().next())
            .filter(u8::is_ascii_lowercase)
            .fold(0, |set, b| set | 1 << (b - b'a'));
        let longest = words.iter().map(|w| w.len()).max().unwrap_or(0);
        WordSet {
            initials,
            longest,
            words,
        }
    }

    /// Whether `word`, lower-cased, is in the set.
    pub(crate) fn contains(&self, word: &str) -> bool {
        let starts_in = word.as_bytes().first().is_some_and(|b| {
            let lower = b.to_ascii_lowercase();
            lower.is_ascii_lowercase() && self.initials & (1 << (lower - b'a')) != 0
        });
        if !starts_in || word.len() > self.longest {
            return false;
        }
        let mut buf = [0u8; 32];
        let Some(lower) = buf.get_mut(..word.len()) else {
            return false;
        };
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        std::str::from_utf8(lower).is_ok_and(|w| self.words.contains(w))
    }
}

/// Whether some maximal run of ASCII letters of `text` satisfies `pred`.
/// Every ASCII word of `text.split(|c: char| !c.is_alphabetic())` is such
/// a run, so this is a cheap, byte-level superset of asking the same of
/// those words (the pre-scans of the date and number extractors).
pub(crate) fn any_ascii_word(text: &str, pred: impl Fn(&str) -> bool) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
            i += 1;
        }
        if pred(&text[start..i]) {
            return true;
        }
    }
    false
}

/// "U.S.", "D.P.R.K.": single letters each followed by a dot.
fn is_dotted_acronym(raw: &str) -> bool {
    let mut chars = raw.chars();
    let mut count = 0;
    loop {
        match (chars.next(), chars.next()) {
            (Some(l), Some('.')) if l.is_alphabetic() => count += 1,
            (None, None) => return count >= 2,
            _ => return false,
        }
    }
}

/// The pieces of one word as written, `raw` at byte `start`.
fn split_word<'t>(start: usize, raw: &'t str, emit: &mut impl FnMut(Piece<'t>)) {
    // Split off contractions and possessives at the apostrophe.
    if let Some(pos) = raw.find(['\'', '’']) {
        emit(Piece::Cut(raw));
        let (head, tail) = raw.split_at(pos);
        let mut after = tail.chars();
        after.next();
        let rest = after.as_str();
        // Lower-cased, the rest is "t" or "s" (or empty) only when it is
        // so in ASCII, and the head ends with "n" only when its last
        // letter is "n" or "N": no allocation for the common cases.
        let (is_t, is_s, n_head) = if rest.is_ascii() && head.is_ascii() {
            (
                rest.eq_ignore_ascii_case("t"),
                rest.eq_ignore_ascii_case("s"),
                head.ends_with(['n', 'N']),
            )
        } else {
            let tail_word = rest.to_lowercase();
            (
                tail_word == "t",
                tail_word == "s",
                head.to_lowercase().ends_with('n'),
            )
        };
        if is_t && n_head {
            let stem = &head[..head.len() - 1];
            if !stem.is_empty() {
                emit(Piece::Word(start, stem));
            }
            let not_start = start + head.len() - 1;
            emit(Piece::Not(Span::new(not_start, start + raw.len())));
            return;
        }
        if is_s || rest.is_empty() {
            if !head.is_empty() {
                emit(Piece::Word(start, head));
            }
            return;
        }
        // "O'Brien", "Choson Chung'ang": keep as one word without the mark.
    }
    emit(Piece::Word(start, raw));
}

/// The token of the "n't" of a contraction at `span`.
fn not_token(span: Span) -> Token {
    Token::new(span, CompactString::const_new("not"), false, false, false)
}

fn make_token(start: usize, raw: &str) -> Token {
    let (numeric, capitalized, all_caps) = token_flags(raw);
    let norm = if numeric { raw.into() } else { fold(raw) };
    Token::new(
        Span::new(start, start + raw.len()),
        norm,
        capitalized,
        all_caps,
        numeric,
    )
}

/// [`Token::numeric`], [`Token::capitalized`] and [`Token::all_caps`] of a
/// word as written; byte by byte for ASCII words (most of them), where
/// `char`'s alphabetic and upper-case tests are the ASCII ones.
fn token_flags(raw: &str) -> (bool, bool, bool) {
    let bytes = raw.as_bytes();
    if raw.is_ascii() {
        let numeric = bytes.first().is_some_and(u8::is_ascii_digit)
            && bytes
                .iter()
                .all(|&b| b.is_ascii_digit() || b == b',' || b == b'.');
        let letters = bytes.iter().filter(|b| b.is_ascii_alphabetic()).count();
        let upper = bytes.iter().filter(|b| b.is_ascii_uppercase()).count();
        let capitalized = bytes.first().is_some_and(u8::is_ascii_uppercase);
        return (numeric, capitalized, letters >= 2 && upper == letters);
    }
    token_flags_by_char(raw)
}

/// [`token_flags`] for any word.
fn token_flags_by_char(raw: &str) -> (bool, bool, bool) {
    let numeric = raw.starts_with(|c: char| c.is_ascii_digit())
        && raw
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.');
    let (mut letters, mut upper) = (0usize, 0usize);
    for c in raw.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        upper += usize::from(c.is_uppercase());
    }
    let capitalized = raw.chars().next().is_some_and(char::is_uppercase);
    (numeric, capitalized, letters >= 2 && upper == letters)
}

/// Lower-case, strip diacritics, drop apostrophes and acronym dots.
pub fn fold(raw: &str) -> CompactString {
    if raw.is_ascii() {
        let mut out = CompactString::from(raw);
        out.as_mut_str().make_ascii_lowercase();
        if raw.contains(['.', '\'']) {
            out.retain(|c| c != '.' && c != '\'');
        }
        return out;
    }
    fold_by_char(raw)
}

/// [`fold`] for any word.
fn fold_by_char(raw: &str) -> CompactString {
    let mut out = CompactString::with_capacity(raw.len());
    for c in raw.nfkd() {
        if is_combining_mark(c) || c == '.' || c == '\'' || c == '’' {
            continue;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// What a term stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TermKind {
    /// A known entity, found through the alias table ("Pyongyang" → North Korea).
    Entity,
    /// A capitalised name the alias table does not know ("Li Qiang").
    Name,
    /// A content word, stemmed and mapped to its concept.
    Word,
}

/// A comparable unit of a text: an entity, a name or a content word.
///
/// 40 bytes: token indices are `u32` and the stem is kept only when it
/// differs from the key ([`ConceptStem`]); a corpus holds one per
/// content word.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Term {
    /// The comparison key: `@north korea` for entities and names, the
    /// concept or stem for words. Inline up to 24 bytes.
    pub key: CompactString,
    /// What the term stands for.
    pub kind: TermKind,
    /// Index of the first token the term covers ([`Term::first_token`]).
    first_token: u32,
    /// Index one past the last token the term covers ([`Term::end_token`]).
    end_token: u32,
    /// The stem before concept mapping when it is not the key
    /// ([`Term::stem`]).
    stem: Option<ConceptStem>,
}

impl Term {
    /// A term over tokens `first..end` whose stem is its key (entities,
    /// names, words without a concept).
    pub fn new(key: CompactString, kind: TermKind, first: usize, end: usize) -> Term {
        Term {
            key,
            kind,
            first_token: token_index(first),
            end_token: token_index(end),
            stem: None,
        }
    }

    /// The content word at token `at`, with its key and its stem.
    pub fn word(key: CompactString, stem: &str, at: usize) -> Term {
        let stem = ConceptStem::of(stem, &key);
        Term {
            stem,
            ..Term::new(key, TermKind::Word, at, at + 1)
        }
    }

    /// Whether this term names an entity or a name.
    pub fn is_entity(&self) -> bool {
        matches!(self.kind, TermKind::Entity | TermKind::Name)
    }

    /// Index of the first token the term covers.
    pub fn first_token(&self) -> usize {
        self.first_token as usize
    }

    /// Index one past the last token the term covers.
    pub fn end_token(&self) -> usize {
        self.end_token as usize
    }

    /// The stem before concept mapping (words; the key otherwise).
    pub fn stem(&self) -> &str {
        match self.stem {
            Some(stem) => stem.as_str(),
            None => &self.key,
        }
    }

    /// Whether the stem is the key (no concept mapping).
    pub fn stem_is_key(&self) -> bool {
        self.stem.is_none()
    }
}

/// A token index as stored in a [`Term`].
fn token_index(index: usize) -> u32 {
    u32::try_from(index).expect("fewer than 2^32 tokens in a text")
}

/// The stem of a word of [`lexicon::CONCEPTS`], by its number in
/// [`CONCEPT_STEMS`]. A word's stem differs from its key only when the
/// concept table maps it, so only these stems are ever kept apart from
/// the key. Serialized as the stem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConceptStem(u16);

/// The stems of the words of [`lexicon::CONCEPTS`], sorted, as
/// [`Analyzer::stem`] gives them.
static CONCEPT_STEMS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let stemmer = Stemmer::create(Algorithm::English);
    let irregular: HashMap<_, _> = lexicon::IRREGULAR_FORMS.iter().copied().collect();
    let mut stems: Vec<String> = lexicon::CONCEPTS
        .iter()
        .flat_map(|group| group.iter())
        .map(|word| stem_word(&stemmer, &irregular, word))
        .collect();
    stems.sort_unstable();
    stems.dedup();
    assert!(
        stems.len() <= usize::from(u16::MAX),
        "concept stems fit in u16"
    );
    stems
});

impl ConceptStem {
    /// What a term keeps of `stem`, the stem of a word whose key is
    /// `key`: nothing when they are the same.
    fn of(stem: &str, key: &str) -> Option<ConceptStem> {
        if stem == key {
            return None;
        }
        let found = ConceptStem::find(stem);
        assert!(
            found.is_some(),
            "a stem that is not its key is a concept word's: {stem}"
        );
        found
    }

    /// The number of `stem` in [`CONCEPT_STEMS`].
    fn find(stem: &str) -> Option<ConceptStem> {
        let at = CONCEPT_STEMS
            .binary_search_by(|s| s.as_str().cmp(stem))
            .ok()?;
        Some(ConceptStem(u16::try_from(at).ok()?))
    }

    /// The stem.
    pub fn as_str(self) -> &'static str {
        &CONCEPT_STEMS[usize::from(self.0)]
    }
}

impl Serialize for ConceptStem {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ConceptStem {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let stem = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        ConceptStem::find(&stem)
            .ok_or_else(|| serde::de::Error::custom(format!("not a concept stem: {stem}")))
    }
}

/// Stem a folded word, undoing irregular forms first.
fn stem_word(
    stemmer: &Stemmer,
    irregular: &HashMap<&'static str, &'static str>,
    norm: &str,
) -> String {
    let base = irregular.get(norm).copied().unwrap_or(norm);
    stemmer.stem(base).into_owned()
}

/// A text cut into tokens and terms.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Analysis {
    /// Every token, in order.
    pub tokens: Vec<Token>,
    /// The terms, in order.
    pub terms: Vec<Term>,
}

impl Analysis {
    /// Where a term of this analysis is written, from its first token's
    /// start to its last token's end.
    pub fn term_span(&self, term: &Term) -> Span {
        Span::new(
            self.tokens[term.first_token()].span().start,
            self.tokens[term.end_token() - 1].span().end,
        )
    }

    /// The term covering token `token`, if any.
    pub fn term_at(&self, token: usize) -> Option<&Term> {
        self.terms
            .iter()
            .find(|t| t.first_token() <= token && token < t.end_token())
    }
}

/// The items of `buffer`, moved into a vector of exactly their number;
/// `buffer` is left empty with its capacity, for the next text.
fn take_exact<T>(buffer: &mut Vec<T>) -> Vec<T> {
    let mut exact = Vec::with_capacity(buffer.len());
    exact.append(buffer);
    exact
}

/// Alias phrases to canonical entity keys.
#[derive(Debug, Clone, Default)]
pub struct AliasTable {
    /// token norms of a phrase → (canonical key, whether all-caps spelling is required)
    phrases: HashMap<Vec<String>, (String, bool)>,
    /// The same phrases by their first token's norm, for
    /// [`AliasTable::longest_match`]: one lookup per position, no copy.
    by_first: HashMap<String, Vec<AliasPhrase>>,
    longest: usize,
}

#[derive(Debug, Clone)]
struct AliasPhrase {
    norms: Vec<String>,
    key: String,
    caps: bool,
}

impl AliasTable {
    /// The built-in table of [`lexicon::DEFAULT_ALIASES`] and
    /// [`lexicon::COUNTRY_ALIASES`].
    pub fn builtin() -> Self {
        let mut table = AliasTable::default();
        for (canonical, aliases) in lexicon::DEFAULT_ALIASES
            .iter()
            .chain(lexicon::COUNTRY_ALIASES)
        {
            table.add(canonical, aliases.iter().copied());
        }
        table
    }

    /// Add a canonical name and the other names that refer to it. A
    /// name already known keeps pointing at its canonical entity unless it
    /// is the canonical name given here.
    pub fn add<'a>(&mut self, canonical: &str, aliases: impl IntoIterator<Item = &'a str>) {
        let canonical_norms = phrase_norms(canonical);
        if canonical_norms.is_empty() {
            return;
        }
        // A canonical name that is already an alias joins that entity.
        let key = match self.phrases.get(&canonical_norms) {
            Some((key, _)) => key.clone(),
            None => format!("@{}", canonical_norms.join(" ")),
        };
        self.insert(canonical_norms, key.clone(), false);
        for alias in aliases {
            let norms = phrase_norms(alias);
            if norms.is_empty() {
                continue;
            }
            let caps = is_acronym(alias);
            self.insert(norms, key.clone(), caps);
        }
    }

    fn insert(&mut self, norms: Vec<String>, key: String, caps: bool) {
        self.longest = self.longest.max(norms.len());
        let list = self.by_first.entry(norms[0].clone()).or_default();
        match list.iter_mut().find(|p| p.norms == norms) {
            Some(phrase) => {
                phrase.key.clone_from(&key);
                phrase.caps = caps;
            }
            None => list.push(AliasPhrase {
                norms: norms.clone(),
                key: key.clone(),
                caps,
            }),
        }
        self.phrases.insert(norms, (key, caps));
    }

    /// A BLAKE3 hash of every phrase, its key and its spelling rule, in
    /// sorted order.
    fn fingerprint(&self) -> [u8; 32] {
        let mut entries: Vec<(&Vec<String>, &(String, bool))> = self.phrases.iter().collect();
        entries.sort_unstable();
        let mut hasher = blake3::Hasher::new();
        hasher.update(b"claimcheck aliases\0");
        let mut field = |bytes: &[u8]| {
            hasher.update(&(bytes.len() as u64).to_le_bytes());
            hasher.update(bytes);
        };
        for (norms, (key, caps)) in entries {
            field(&(norms.len() as u64).to_le_bytes());
            for norm in norms {
                field(norm.as_bytes());
            }
            field(key.as_bytes());
            field(&[u8::from(*caps)]);
        }
        *hasher.finalize().as_bytes()
    }

    /// The longest alias phrase starting at token `at`: (canonical key, tokens used).
    fn longest_match(&self, tokens: &[Token], at: usize) -> Option<(&str, usize)> {
        let first = tokens.get(at)?;
        let phrases = self.by_first.get(first.norm.as_str())?;
        let rest = &tokens[at..];
        let mut best: Option<(&str, usize)> = None;
        for phrase in phrases {
            let len = phrase.norms.len();
            if len > rest.len() || best.is_some_and(|(_, b)| b >= len) {
                continue;
            }
            let words = &rest[..len];
            let same = phrase.norms.iter().zip(words).all(|(n, t)| *n == t.norm);
            let spelled_ok = !phrase.caps || words.iter().all(|t| t.all_caps);
            if same && spelled_ok {
                best = Some((phrase.key.as_str(), len));
            }
        }
        best
    }
}

fn phrase_norms(phrase: &str) -> Vec<String> {
    tokenize(phrase)
        .into_iter()
        .map(|t| t.norm.into_string())
        .collect()
}

fn is_acronym(alias: &str) -> bool {
    let letters: Vec<char> = alias.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.len() <= 6 && letters.iter().all(|c| c.is_uppercase())
}

/// Turns text into terms with the lexicon and an alias table.
pub struct Analyzer {
    stemmer: Stemmer,
    stop_words: HashSet<&'static str>,
    titles: HashSet<&'static str>,
    irregular: HashMap<&'static str, &'static str>,
    concept_of: HashMap<String, String>,
    antonyms_of: HashMap<String, Vec<String>>,
    related_to: HashMap<String, Vec<String>>,
    affiliation_of: HashMap<String, String>,
    /// Keys of the countries ([`lexicon::COUNTRIES`]).
    countries: HashSet<String>,
    /// Keys of [`lexicon::GENERIC_KINDS`].
    generic_kinds: HashSet<String>,
    /// Key of each general kind of [`lexicon::KIND_HYPERNYMS`] → keys of
    /// the kinds it includes.
    kind_members: HashMap<String, HashSet<String>>,
    aliases: AliasTable,
    /// Tells this analyzer's entries in the per-thread word table apart.
    id: u64,
    /// [`Analyzer::fingerprint`].
    fingerprint: [u8; 32],
}

/// Distinct spellings in the per-thread word table at most; past it,
/// the table starts again empty (at the next text).
const WORD_TABLE_LIMIT: usize = 1 << 18;

/// What analysis needs of one word as written, worked out once per
/// distinct spelling (per thread and analyzer): its token's norm and
/// flags ([`make_token`]) and the lexicon's answers for that norm. A
/// corpus repeats its words, so most tokens cost one hash lookup.
#[derive(Debug)]
struct WordFacts {
    /// [`Token::norm`].
    norm: CompactString,
    /// [`Token::capitalized`].
    capitalized: bool,
    /// [`Token::all_caps`].
    all_caps: bool,
    /// [`Token::numeric`].
    numeric: bool,
    /// Some alias phrase starts with this word.
    alias_start: bool,
    /// A stop word.
    stop: bool,
    /// Numeric, a stop word or a month: never a term by itself.
    skipped: bool,
    /// Can be part of a name: capitalised, not numeric, not a stop word,
    /// title or month.
    name_part: bool,
    /// The word may be (part of) a date: [`crate::dates::may_hold_dates`]
    /// of the word as written.
    date_hint: bool,
    /// The word may be (part of) a number:
    /// [`crate::numbers::may_hold_numbers`] of the word as written.
    number_hint: bool,
    /// Comparison key and stem ([`Term::word`]), for a word that is a
    /// content word when not part of an entity or name: not skipped, two
    /// characters or more.
    key_and_stem: Option<(CompactString, Option<ConceptStem>)>,
}

/// Whether a text may hold dates and numbers
/// ([`Analyzer::analyze_with_hints`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextHints {
    /// [`crate::dates::extract_dates`] may find something.
    pub dates: bool,
    /// [`crate::numbers::extract_numbers`] may find something.
    pub numbers: bool,
}

/// Per thread: the word table and the buffers of the text being analyzed.
#[derive(Default)]
struct Workspace {
    /// [`Analyzer::id`] of the analyzer that filled `spellings` and `facts`.
    analyzer: u64,
    /// Word as written → its index in `facts`.
    spellings: HashMap<Box<str>, u32>,
    facts: Vec<WordFacts>,
    /// The tokens of the text being analyzed.
    tokens: Vec<Token>,
    /// For each of `tokens`, its index in `facts`.
    token_facts: Vec<u32>,
    /// The terms of the text being analyzed.
    terms: Vec<Term>,
}

/// The [`WordFacts`] of each token of one text.
#[derive(Clone, Copy)]
struct TokenFacts<'a> {
    facts: &'a [WordFacts],
    of_token: &'a [u32],
}

impl<'a> TokenFacts<'a> {
    /// The facts of token `i`.
    fn get(&self, i: usize) -> &'a WordFacts {
        &self.facts[self.of_token[i] as usize]
    }
}

/// Numbers analyzers, for the per-thread word table.
static NEXT_ANALYZER: AtomicU64 = AtomicU64::new(1);

thread_local! {
    static WORKSPACE: RefCell<Workspace> = RefCell::new(Workspace::default());
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer").finish_non_exhaustive()
    }
}

#[cfg(test)]
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Whether a folded word is in [`MONTHS`] (a `match`: no scan).
fn is_month(norm: &str) -> bool {
    matches!(
        norm,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
    )
}

impl Analyzer {
    /// An analyzer with the built-in lexicon and the given aliases.
    pub fn new(aliases: AliasTable) -> Self {
        let stemmer = Stemmer::create(Algorithm::English);
        let irregular: HashMap<_, _> = lexicon::IRREGULAR_FORMS.iter().copied().collect();
        let mut analyzer = Analyzer {
            stemmer,
            stop_words: lexicon::STOP_WORDS.iter().copied().collect(),
            titles: lexicon::TITLES.iter().copied().collect(),
            irregular,
            concept_of: HashMap::default(),
            antonyms_of: HashMap::default(),
            related_to: HashMap::default(),
            affiliation_of: HashMap::default(),
            countries: HashSet::default(),
            generic_kinds: HashSet::default(),
            kind_members: HashMap::default(),
            fingerprint: aliases.fingerprint(),
            aliases,
            id: NEXT_ANALYZER.fetch_add(1, Ordering::Relaxed),
        };
        let countries = lexicon::COUNTRIES
            .iter()
            .chain(lexicon::COUNTRY_ALIASES.iter().map(|(country, _)| country))
            .filter_map(|country| analyzer.entity_key(country))
            .collect();
        analyzer.countries = countries;
        let key = |analyzer: &Analyzer, word: &str| analyzer.word_key(&analyzer.stem(word));
        analyzer.generic_kinds = lexicon::GENERIC_KINDS
            .iter()
            .map(|g| key(&analyzer, g))
            .collect();
        for (general, members) in lexicon::KIND_HYPERNYMS {
            let general = key(&analyzer, general);
            let members: Vec<String> = members.iter().map(|m| key(&analyzer, m)).collect();
            analyzer
                .kind_members
                .entry(general)
                .or_default()
                .extend(members);
        }
        for (a, b) in lexicon::RELATED {
            let a = analyzer.word_key(&analyzer.stem(a));
            let b = analyzer.word_key(&analyzer.stem(b));
            analyzer
                .related_to
                .entry(a.clone())
                .or_default()
                .push(b.clone());
            analyzer.related_to.entry(b).or_default().push(a);
        }
        for (member, entity) in lexicon::AFFILIATIONS {
            let member = analyzer.entity_key(member);
            let entity = analyzer.entity_key(entity);
            if let (Some(member), Some(entity)) = (member, entity) {
                analyzer.affiliation_of.insert(member, entity);
            }
        }
        for group in lexicon::CONCEPTS {
            let head = analyzer.stem(group[0]);
            for word in *group {
                let stem = analyzer.stem(word);
                analyzer
                    .concept_of
                    .entry(stem)
                    .or_insert_with(|| head.clone());
            }
        }
        let kinds = lexicon::EXCLUSIVE_KINDS.iter().flat_map(|group| {
            group
                .iter()
                .enumerate()
                .flat_map(move |(i, a)| group[i + 1..].iter().map(move |b| (*a, *b)))
        });
        for (a, b) in lexicon::ANTONYMS.iter().copied().chain(kinds) {
            let a = analyzer.word_key(&analyzer.stem(a));
            let b = analyzer.word_key(&analyzer.stem(b));
            analyzer
                .antonyms_of
                .entry(a.clone())
                .or_default()
                .push(b.clone());
            analyzer.antonyms_of.entry(b).or_default().push(a);
        }
        analyzer
    }

    /// A BLAKE3 hash of what analysis takes from this analyzer beyond
    /// the built-in lexicon: its alias table, every phrase with its
    /// entity and spelling rule, in sorted order (so the same table
    /// built in another order has the same fingerprint). The lexicon is
    /// code, covered by [`crate::corpus::ANALYSIS_VERSION`].
    pub fn fingerprint(&self) -> &[u8; 32] {
        &self.fingerprint
    }

    /// Stem a folded word, undoing irregular forms first.
    pub fn stem(&self, norm: &str) -> String {
        stem_word(&self.stemmer, &self.irregular, norm)
    }

    /// The comparison key of a stem: its concept head, or itself.
    pub fn word_key(&self, stem: &str) -> String {
        self.concept_of
            .get(stem)
            .cloned()
            .unwrap_or_else(|| stem.to_string())
    }

    /// Keys of concepts close enough to `key` to count as a near match.
    pub fn related(&self, key: &str) -> &[String] {
        self.related_to.get(key).map_or(&[], Vec::as_slice)
    }

    /// Keys of the words that state the opposite of `key`.
    pub fn antonyms(&self, key: &str) -> &[String] {
        self.antonyms_of.get(key).map_or(&[], Vec::as_slice)
    }

    /// Whether an entity key names a country.
    pub fn is_country(&self, key: &str) -> bool {
        self.countries.contains(key)
    }

    /// Whether a word key is a kind too general to contradict a
    /// definition ([`lexicon::GENERIC_KINDS`]: "person", "place").
    pub fn is_generic_kind(&self, key: &str) -> bool {
        self.generic_kinds.contains(key)
    }

    /// Whether the kind `general` includes the kind `specific`, the same
    /// kind included ([`lexicon::KIND_HYPERNYMS`]: "musician" includes
    /// "drummer").
    pub fn kind_includes(&self, general: &str, specific: &str) -> bool {
        general == specific
            || self
                .kind_members
                .get(general)
                .is_some_and(|members| members.contains(specific))
    }

    /// The entity key a phrase resolves to through the alias table.
    pub fn entity_key(&self, phrase: &str) -> Option<String> {
        let tokens = tokenize(phrase);
        match self.aliases.longest_match(&tokens, 0) {
            Some((key, used)) if used == tokens.len() => Some(key.to_string()),
            _ => None,
        }
    }

    /// The entity an entity key stands for ("@vladimir putin" → "@russia").
    pub fn affiliation(&self, key: &str) -> Option<&str> {
        self.affiliation_of.get(key).map(String::as_str)
    }

    /// The entity keys whose affiliation is `key` ("@vladimir putin" for
    /// "@russia"), in no particular order.
    pub fn affiliates<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.affiliation_of
            .iter()
            .filter(move |(_, entity)| entity.as_str() == key)
            .map(|(member, _)| member.as_str())
    }

    /// Whether a folded word is a stop word.
    pub fn is_stop_word(&self, norm: &str) -> bool {
        self.stop_words.contains(norm)
    }

    /// Tokenize and analyze `text`. The tokens and terms are gathered in
    /// per-thread buffers, then copied into vectors of exactly their size
    /// (a corpus keeps them for the whole run). Each word is looked up
    /// once in the per-thread word table ([`WordFacts`]).
    pub fn analyze(&self, text: &str) -> Analysis {
        self.analyze_with_hints(text).0
    }

    /// [`Analyzer::analyze`], and whether `text` may hold dates and
    /// numbers: the same answers as the pre-scans of
    /// [`crate::dates::extract_dates`] and
    /// [`crate::numbers::extract_numbers`] on `text` (or `true` where they
    /// say `false`: a superset), read from the word table instead of a
    /// second and third pass over the text. Every ASCII digit and every
    /// maximal run of ASCII letters of `text` lies within one word as
    /// written, and a word is a piece unless cut at an apostrophe
    /// ([`Piece::Cut`], checked as a whole).
    pub fn analyze_with_hints(&self, text: &str) -> (Analysis, TextHints) {
        WORKSPACE.with(|cell| {
            let workspace = &mut *cell.borrow_mut();
            if workspace.analyzer != self.id || workspace.facts.len() >= WORD_TABLE_LIMIT {
                workspace.analyzer = self.id;
                workspace.spellings.clear();
                workspace.facts.clear();
            }
            let Workspace {
                spellings,
                facts,
                tokens,
                token_facts,
                terms,
                ..
            } = workspace;
            tokens.clear();
            token_facts.clear();
            terms.clear();
            let mut hints = TextHints::default();
            split_words(text, |piece| {
                let (span, raw) = match piece {
                    Piece::Word(start, raw) => (Span::new(start, start + raw.len()), raw),
                    Piece::Not(span) => (span, "not"),
                    Piece::Cut(whole) => {
                        hints.dates |= crate::dates::may_hold_dates(whole);
                        hints.numbers |= crate::numbers::may_hold_numbers(whole);
                        return;
                    }
                };
                let index = match spellings.get(raw) {
                    Some(&index) => index,
                    None => {
                        let index = facts.len() as u32;
                        facts.push(self.word_facts(raw));
                        spellings.insert(raw.into(), index);
                        index
                    }
                };
                let word = &facts[index as usize];
                hints.dates |= word.date_hint;
                hints.numbers |= word.number_hint;
                tokens.push(Token::new(
                    span,
                    word.norm.clone(),
                    word.capitalized,
                    word.all_caps,
                    word.numeric,
                ));
                token_facts.push(index);
            });
            let words = TokenFacts {
                facts,
                of_token: token_facts,
            };
            self.terms_into(tokens, words, terms);
            let analysis = Analysis {
                tokens: take_exact(tokens),
                terms: take_exact(terms),
            };
            (analysis, hints)
        })
    }

    /// The [`WordFacts`] of a word as written.
    fn word_facts(&self, raw: &str) -> WordFacts {
        let Token {
            norm,
            capitalized,
            all_caps,
            numeric,
            ..
        } = make_token(0, raw);
        let stop = self.is_stop_word(&norm);
        let month = is_month(&norm);
        let skipped = numeric || stop || month;
        let name_part = (capitalized || all_caps)
            && !numeric
            && !stop
            && !self.titles.contains(norm.as_str())
            && !month;
        let key_and_stem = (!skipped && norm.chars().count() >= 2).then(|| {
            let stem = self.stem(&norm);
            let key = self.word_key(&stem);
            let concept_stem = ConceptStem::of(&stem, &key);
            (CompactString::from(key), concept_stem)
        });
        WordFacts {
            alias_start: self.aliases.by_first.contains_key(norm.as_str()),
            date_hint: crate::dates::may_hold_dates(raw),
            number_hint: crate::numbers::may_hold_numbers(raw),
            norm,
            capitalized,
            all_caps,
            numeric,
            stop,
            skipped,
            name_part,
            key_and_stem,
        }
    }

    /// The terms of a token sequence, appended to `terms`.
    fn terms_into(&self, tokens: &[Token], words: TokenFacts<'_>, terms: &mut Vec<Term>) {
        let title_case = self.is_title_case(tokens, words);
        let mut i = 0;
        while i < tokens.len() {
            if let Some((key, used)) = self.alias_at(tokens, words, i) {
                terms.push(Term::new(key.into(), TermKind::Entity, i, i + used));
                i += used;
                continue;
            }
            let token = &tokens[i];
            let word = words.get(i);
            if word.skipped {
                i += 1;
                continue;
            }
            if self.is_name_start(tokens, words, i) && (!title_case || token.all_caps) {
                let mut end = i + 1;
                // A name runs over capitalised words separated by one
                // space only: "Friendship, Cooperation" is two names.
                while end < tokens.len()
                    && words.get(end).name_part
                    && tokens[end].span().start == tokens[end - 1].span().end + 1
                    && self.alias_at(tokens, words, end).is_none()
                {
                    end += 1;
                }
                let mut key = CompactString::const_new("@");
                for (n, token) in tokens[i..end].iter().enumerate() {
                    if n > 0 {
                        key.push(' ');
                    }
                    key.push_str(&token.norm);
                }
                terms.push(Term::new(key, TermKind::Name, i, end));
                i = end;
                continue;
            }
            if let Some((key, stem)) = &word.key_and_stem {
                terms.push(Term {
                    stem: *stem,
                    ..Term::new(key.clone(), TermKind::Word, i, i + 1)
                });
            }
            i += 1;
        }
    }

    /// The longest alias phrase starting at token `i`, looked up only
    /// when some phrase starts with that word.
    fn alias_at(&self, tokens: &[Token], words: TokenFacts<'_>, i: usize) -> Option<(&str, usize)> {
        if words.get(i).alias_start {
            self.aliases.longest_match(tokens, i)
        } else {
            None
        }
    }

    /// A headline in Title Case ("ISIS Beheads American Journalist")
    /// capitalises every word, verbs included: there, capitals do not
    /// mark names.
    fn is_title_case(&self, tokens: &[Token], words: TokenFacts<'_>) -> bool {
        // Known entities are capitalised anyway; judge the other words,
        // stopping at the first one in lower case (most sentences).
        let mut content = 0;
        let mut i = 0;
        while i < tokens.len() {
            if let Some((_, used)) = self.alias_at(tokens, words, i) {
                i += used;
                continue;
            }
            let token = &tokens[i];
            // "2nd", "50ft" are neither.
            let numberlike = token.numeric || token.norm.starts_with(|c: char| c.is_ascii_digit());
            if !numberlike && !words.get(i).stop {
                if !token.capitalized {
                    return false;
                }
                content += 1;
            }
            i += 1;
        }
        content >= 4
    }

    /// A capitalised word starts a name unless it is a title, or it opens
    /// the sentence on its own (where every word is capitalised).
    fn is_name_start(&self, tokens: &[Token], words: TokenFacts<'_>, i: usize) -> bool {
        if !words.get(i).name_part {
            return false;
        }
        if i > 0 || tokens[i].all_caps {
            return true;
        }
        tokens.len() > 1 && words.get(1).name_part
    }
}

/// Personal pronouns that can open a text about someone it never names.
const OPENING_PRONOUNS: &[&str] = &["he", "she", "it", "they", "his", "her", "its", "their"];

/// Whether a sentence opens with a personal pronoun, or with a
/// definite description that refers back ("The film stars …":
/// [`refers_back_at`]).
pub fn opens_with_reference(tokens: &[Token]) -> bool {
    tokens
        .first()
        .is_some_and(|t| OPENING_PRONOUNS.contains(&t.norm.as_str()))
        || refers_back_at(tokens, 0)
}

/// Whether tokens `at` and `at + 1` are a definite description of a
/// kind of named thing, which refers back to a name given before: "the
/// film", "this album" ([`lexicon::REFERRING_NOUNS`]).
pub fn refers_back_at(tokens: &[Token], at: usize) -> bool {
    tokens
        .get(at)
        .is_some_and(|t| t.norm == "the" || t.norm == "this")
        && tokens
            .get(at + 1)
            .is_some_and(|t| lexicon::REFERRING_NOUNS.contains(&t.norm.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The analyzer's date and number hints against the extractors' own
    /// pre-scans, on the seeds and fixtures, cut into sentences, and on
    /// generated texts of tricky words (contractions, possessives,
    /// acronyms, non-ASCII letters, digits inside words): never `false`
    /// where a pre-scan says `true`, and the extractors answer the same
    /// either way.
    #[test]
    fn hints_agree_with_the_pre_scans() {
        use crate::{dates, numbers};
        let mut texts: Vec<String> = Vec::new();
        texts.extend(crate::test_texts::bundled_pieces());
        let words = [
            "June's",
            "seven't",
            "seventeen's",
            "ten't",
            "Junen't",
            "don't",
            "couldn't",
            "O'Brien",
            "Ma’y",
            "ma'rch",
            "U.S.",
            "U.Sjune",
            "D.P.R.K.",
            "éjune",
            "juneé",
            "Junes",
            "1990s",
            "twenty-five",
            "3.5million",
            "12,420",
            "five",
            "FIVE",
            "a",
            "hundred",
            "dozen",
            "last",
            "year",
            "years",
            "Spring",
            "spring's",
            "n't",
            "'s",
            "the",
            "Korea's",
            "x9",
            "9x",
            "Sept.",
            "sept",
            "month",
            "mid-June",
            "nineteen",
            "Tenn't",
            "hundredn't",
            "million",
            "millionth",
            "¼",
            "٣",
            "Ⅻ",
            "café",
            "’",
            "first",
            "1st",
            "won't",
            "can't",
            "it's",
            "ol'",
            "rock'n'roll",
            "-",
            ".",
        ];
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..4000 {
            let n = 1 + next() % 6;
            let mut text = String::new();
            for _ in 0..n {
                text.push_str(words[(next() % words.len() as u64) as usize]);
                text.push_str([" ", "", "'", ", ", "-"][(next() % 5) as usize]);
            }
            texts.push(text);
        }
        let analyzer = Analyzer::new(AliasTable::builtin());
        let (mut dated, mut numbered, mut extra) = (0, 0, 0);
        for text in &texts {
            let (analysis, hints) = analyzer.analyze_with_hints(text);
            let plain = analyzer.analyze(text);
            assert_eq!(analysis.tokens, plain.tokens, "{text}");
            assert_eq!(analysis.terms, plain.terms, "{text}");
            let (may_date, may_number) =
                (dates::may_hold_dates(text), numbers::may_hold_numbers(text));
            assert!(hints.dates || !may_date, "dates: {text}");
            assert!(hints.numbers || !may_number, "numbers: {text}");
            extra +=
                usize::from(hints.dates && !may_date) + usize::from(hints.numbers && !may_number);
            dated += usize::from(may_date);
            numbered += usize::from(may_number);
            let mentions = dates::extract_dates(text);
            assert_eq!(
                dates::extract_dates_hinted(text, hints.dates),
                mentions,
                "{text}"
            );
            let spans: Vec<Span> = mentions.iter().map(|m| m.span).collect();
            assert_eq!(
                numbers::extract_numbers_hinted(text, &spans, hints.numbers),
                numbers::extract_numbers(text, &spans),
                "{text}"
            );
        }
        // Both kinds of text are there, and the hints are seldom looser.
        assert!(
            dated > 1000 && numbered > 1000 && dated < texts.len(),
            "{dated} {numbered}"
        );
        assert!(extra * 20 < texts.len(), "{extra} of {}", texts.len());
    }

    #[test]
    fn definite_descriptions_refer_back() {
        assert!(opens_with_reference(&tokenize(
            "The film stars Holly Hunter."
        )));
        assert!(opens_with_reference(&tokenize("She is an actress.")));
        assert!(!opens_with_reference(&tokenize("The treaty was signed.")));
        let tokens = tokenize("It was remade, and this album followed.");
        assert!(refers_back_at(&tokens, 4));
        assert!(!refers_back_at(&tokens, 0));
    }

    fn norms(text: &str) -> Vec<String> {
        tokenize(text)
            .into_iter()
            .map(|t| t.norm.into_string())
            .collect()
    }

    #[test]
    fn is_month_is_months() {
        for month in MONTHS {
            assert!(is_month(month));
        }
        assert!(!is_month("mayor") && !is_month("ma"));
    }

    #[test]
    fn ascii_fast_paths_agree_with_the_general_ones() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut words = vec![
            "U.S.".to_string(),
            "D.P.R.K".into(),
            "don't".into(),
            "O'Brien".into(),
            "12,420".into(),
            "3.5".into(),
            "1990s".into(),
            "A".into(),
            "G7".into(),
        ];
        for entry in std::fs::read_dir(root.join("seeds")).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            words.extend(text.split_whitespace().map(str::to_string));
        }
        for word in words.iter().filter(|w| w.is_ascii()) {
            assert_eq!(fold(word), fold_by_char(word), "{word}");
            assert_eq!(token_flags(word), token_flags_by_char(word), "{word}");
        }
    }

    #[test]
    fn hyphens_and_diacritics_fold() {
        assert_eq!(norms("Kim Jong-un"), norms("kim jong un"));
        assert_eq!(norms("Díaz-Canel"), vec!["diaz", "canel"]);
    }

    #[test]
    fn contractions_and_possessives() {
        assert_eq!(
            norms("Korea’s allies don't"),
            vec!["korea", "allies", "do", "not"]
        );
    }

    #[test]
    fn acronyms_and_numbers_stay_whole() {
        let tokens = tokenize("U.S. officials counted 12,420 shells, 3.5 each.");
        assert_eq!(tokens[0].norm, "us");
        assert!(tokens[0].all_caps);
        assert_eq!(tokens[3].norm, "12,420");
        assert!(tokens[3].numeric);
        assert_eq!(tokens[5].norm, "3.5");
    }

    #[test]
    fn sentence_final_dot_is_not_part_of_word() {
        let tokens = tokenize("It ended in 1995. Then");
        assert_eq!(tokens[3].norm, "1995");
        assert_eq!(tokens[4].norm, "then");
    }

    #[test]
    fn aliases_resolve_to_one_entity() {
        let analyzer = Analyzer::new(AliasTable::builtin());
        let keys = |t: &str| -> Vec<String> {
            analyzer
                .analyze(t)
                .terms
                .into_iter()
                .map(|t| t.key.into_string())
                .collect()
        };
        assert_eq!(keys("Pyongyang"), keys("North Korea"));
        assert_eq!(keys("the DPRK"), vec!["@north korea"]);
        assert_eq!(keys("Kim Jong-un"), keys("Kim Jong Un"));
        // "us" the pronoun is not the United States
        assert!(keys("let us talk").iter().all(|k| k != "@united states"));
        assert_eq!(keys("the U.S."), vec!["@united states"]);
    }

    #[test]
    fn synonyms_share_a_concept() {
        let analyzer = Analyzer::new(AliasTable::builtin());
        let key = |w: &str| analyzer.word_key(&analyzer.stem(w));
        assert_eq!(key("treaty"), key("agreements"));
        assert_eq!(key("supplied"), key("providing"));
        assert_eq!(key("met"), key("summit"));
        assert_ne!(key("support"), key("oppose"));
        assert!(
            analyzer
                .antonyms(&key("supports"))
                .contains(&key("opposed"))
        );
    }

    #[test]
    fn concept_stems_cover_every_mapped_word() {
        let analyzer = Analyzer::new(AliasTable::builtin());
        for word in lexicon::CONCEPTS.iter().flat_map(|group| group.iter()) {
            let stem = analyzer.stem(word);
            let found = ConceptStem::find(&stem).expect("a concept stem");
            assert_eq!(found.as_str(), stem);
            let term = Term::word(analyzer.word_key(&stem).into(), &stem, 3);
            assert_eq!(term.stem(), stem, "{word}");
            assert_eq!(term.stem_is_key(), term.key == stem, "{word}");
            assert_eq!((term.first_token(), term.end_token()), (3, 4));
        }
    }

    #[test]
    fn names_are_capitalised_runs_without_titles() {
        let analyzer = Analyzer::new(AliasTable::builtin());
        let terms = analyzer.analyze("and Premier Li Qiang visited").terms;
        assert_eq!(terms[0].key, "premier");
        assert_eq!(terms[1].key, "@li qiang");
        assert_eq!(terms[1].kind, TermKind::Name);
    }
}

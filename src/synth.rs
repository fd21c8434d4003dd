//! Deterministic synthetic corpora, for benchmarks and scale tests
//! (`cargo run --release --example gen_corpus`, `cargo bench`).
//!
//! Filler sentences come from a word-bigram chain trained on seed
//! articles (the repo's `seeds/*.txt`), so the claim words ("signed",
//! "military", "support"…) have realistic posting lists. Every claim
//! names two invented entities ("Maruvia Telkan") that no filler sentence
//! uses, and the generator plants, in a few articles each, sentences that
//! support the claim or refute it (date, number, negation, antonym), and
//! writes the matching `expect:` / `expect_status:` so that
//! `claimcheck test` checks the answers at scale. The same options and
//! seed always give the same bytes.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

/// SplitMix64: small, fast, deterministic on every platform.
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

/// Words that make a sentence refer back to the one before (the matcher's
/// anaphors): never in the two filler sentences after a planted one.
use crate::matcher::ANAPHORS;

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const SHORT_MONTHS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

const ADJECTIVES: &[&str] = &[
    "military",
    "economic",
    "naval",
    "energy",
    "trade",
    "defense",
    "security",
    "strategic",
    "diplomatic",
    "technological",
];
const AGREEMENTS: &[&str] = &["cooperation", "partnership", "border", "investment"];
const GOODS: &[&str] = &[
    "artillery shells",
    "missiles",
    "tanks",
    "rifles",
    "drones",
    "tons of grain",
];
const PROGRAMS: &[&str] = &["nuclear", "space", "missile", "satellite", "weapons"];
const SYLLABLES: &[&str] = &[
    "ma", "ru", "vi", "tel", "kan", "or", "sel", "dra", "vin", "kes", "ta", "wor", "nel", "bi",
    "son", "quel", "tos", "ver", "rin", "zal", "mon", "pel", "dur", "gan", "lis", "tor", "vek",
    "nor", "sal", "bro", "hal", "ket", "mir", "dos", "fen", "jar",
];

/// The kinds of claim, each with its own refutation.
#[derive(Clone, Copy)]
enum Kind {
    /// "A and B signed a naval cooperation agreement on June 19, 2024."
    Signed,
    /// "A supplied 450 tanks to B in 2019."
    Supplied,
    /// "A supports the nuclear program of B."
    Supports,
}

struct Claim {
    id: String,
    text: String,
    kind: Kind,
    a: String,
    b: String,
    adj: &'static str,
    noun: &'static str,
    month: usize,
    day: u32,
    year: u32,
    count: u32,
}

impl Claim {
    fn support(&self, rng: &mut Rng) -> String {
        let Claim {
            a, b, adj, noun, ..
        } = self;
        let month = MONTHS[self.month];
        match self.kind {
            Kind::Signed => {
                let (day, year) = (self.day, self.year);
                if rng.chance(50) {
                    format!("{a} and {b} signed a {adj} {noun} agreement on {month} {day}, {year}.")
                } else {
                    format!(
                        "On {month} {day}, {year}, {a} and {b} signed a {adj} {noun} agreement."
                    )
                }
            }
            Kind::Supplied => format!(
                "{a} supplied {} {noun} to {b} in {}.",
                self.count, self.year
            ),
            Kind::Supports => format!("{a} supports the {adj} program of {b}."),
        }
    }

    fn refute(&self, rng: &mut Rng) -> String {
        let Claim {
            a, b, adj, noun, ..
        } = self;
        let month = MONTHS[self.month];
        match self.kind {
            Kind::Signed => {
                // another day of the same month and year
                let day = if self.day > 14 {
                    self.day - 1 - rng.below(5) as u32
                } else {
                    self.day + 1 + rng.below(5) as u32
                };
                format!(
                    "{a} and {b} signed a {adj} {noun} agreement on {month} {day}, {}.",
                    self.year
                )
            }
            Kind::Supplied => {
                // below 1000: four digits would read as a year
                let step = 10 * (1 + rng.below(40) as u32);
                let other = if self.count > 450 {
                    self.count - step
                } else {
                    self.count + step
                };
                format!("{a} supplied {other} {noun} to {b} in {}.", self.year)
            }
            Kind::Supports => {
                if rng.chance(50) {
                    format!("{a} does not support the {adj} program of {b}.")
                } else {
                    format!("{a} opposes the {adj} program of {b}.")
                }
            }
        }
    }
}

/// A word-bigram chain over the seed sentences.
pub struct Chain {
    starts: Vec<usize>,
    words: Vec<String>,
    next: Vec<Vec<usize>>,
}

impl Chain {
    /// Train on seed texts (prose lines of eight words or more).
    pub fn train(texts: &[String]) -> Chain {
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut words: Vec<String> = Vec::new();
        let mut next: Vec<Vec<usize>> = Vec::new();
        let mut starts = Vec::new();
        let mut id_of = |w: &str, words: &mut Vec<String>, next: &mut Vec<Vec<usize>>| {
            *ids.entry(w.to_string()).or_insert_with(|| {
                words.push(w.to_string());
                next.push(Vec::new());
                words.len() - 1
            })
        };
        for text in texts {
            for line in text.lines() {
                let line = line.trim();
                // prose lines only: headings and datelines carry no stop
                if !line.ends_with('.') || line.split_whitespace().count() < 8 {
                    continue;
                }
                let mut prev: Option<usize> = None;
                for word in line.split_whitespace() {
                    let word: String = word
                        .chars()
                        .filter(|c| !matches!(c, '"' | '“' | '”' | '(' | ')' | '‘'))
                        .collect();
                    if word.is_empty() {
                        continue;
                    }
                    let id = id_of(&word, &mut words, &mut next);
                    match prev {
                        Some(p) if !words[p].ends_with('.') => next[p].push(id),
                        _ => {
                            if word.starts_with(|c: char| c.is_ascii_uppercase()) {
                                starts.push(id);
                            }
                        }
                    }
                    prev = Some(id);
                }
            }
        }
        Chain {
            starts,
            words,
            next,
        }
    }

    /// One sentence of 8 to 40 words ending with a full stop, whose last
    /// word cannot be read as an abbreviation.
    pub fn sentence(&self, rng: &mut Rng) -> String {
        loop {
            let mut out = String::new();
            let mut at = *rng.pick(&self.starts);
            let mut count = 0;
            loop {
                let word = &self.words[at];
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(word);
                count += 1;
                if word.ends_with('.') || count > 40 || self.next[at].is_empty() {
                    break;
                }
                at = *rng.pick(&self.next[at]);
            }
            let last = out.rsplit(' ').next().unwrap_or("");
            let stem = last.trim_end_matches('.');
            let clean = out.ends_with('.')
                && !out.ends_with("..")
                && (8..=40).contains(&count)
                && stem.len() > 3
                && !stem.contains('.')
                && stem.chars().all(char::is_alphanumeric);
            if clean {
                return out;
            }
        }
    }
}

fn has_anaphor(sentence: &str) -> bool {
    sentence
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| ANAPHORS.contains(&w.to_lowercase().as_str()))
}

fn invent_word(rng: &mut Rng, taken: &mut HashSet<String>, seed_words: &HashSet<String>) -> String {
    loop {
        let syllables = 2 + rng.below(2);
        let mut word = String::new();
        for _ in 0..syllables {
            word.push_str(rng.pick::<&str>(SYLLABLES));
        }
        if word.len() >= 5 && !seed_words.contains(&word) && taken.insert(word.clone()) {
            let mut chars = word.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase()).unwrap_or('X');
            return std::iter::once(first).chain(chars).collect();
        }
    }
}

fn invent_name(rng: &mut Rng, taken: &mut HashSet<String>, seed_words: &HashSet<String>) -> String {
    format!(
        "{} {}",
        invent_word(rng, taken, seed_words),
        invent_word(rng, taken, seed_words)
    )
}

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SynthOptions {
    /// Approximate size of the articles, in megabytes (10⁶ bytes).
    pub mb: f64,
    /// How many claims.
    pub claims: usize,
    /// The random seed.
    pub seed: u64,
}

/// One generated article.
#[derive(Debug, Clone, PartialEq)]
pub struct SynthArticle {
    /// Its source name, `NNN/NNNNNN.txt`.
    pub name: String,
    /// Its text: a title line, a dateline, paragraphs.
    pub text: String,
    /// Its published date, ISO 8601 (the same as its dateline).
    pub published: String,
    /// The sentences written, in order (title and dateline excepted).
    pub sentences: Vec<String>,
}

/// A synthetic corpus: the claims up front, the articles one at a time
/// (an iterator, so that a gigabyte is never held in memory).
pub struct Generator {
    chain: Chain,
    rng: Rng,
    planted: Vec<Vec<String>>,
    published: Vec<(u32, usize, u32)>,
    next: usize,
    /// The claims file, with `expect:` and `expect_status:` for every claim.
    pub claims_yaml: String,
    /// The claim texts, in order.
    pub claim_texts: Vec<String>,
}

/// The source name of article `i`.
pub fn article_name(i: usize) -> String {
    format!("{:03}/{:06}.txt", i / 1000, i)
}

impl Generator {
    /// Plan a corpus from the seed articles' texts.
    pub fn new(seed_texts: &[String], options: SynthOptions) -> Generator {
        // Every prefix of a seed word: an invented name word must be none,
        // or a stem of the filler ("organ" of "organizations") would name
        // the entity.
        let seed_words: HashSet<String> = seed_texts
            .iter()
            .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
            .map(str::to_lowercase)
            .flat_map(|w| {
                (1..=w.len())
                    .filter(|&n| w.is_char_boundary(n))
                    .map(|n| w[..n].to_string())
                    .collect::<Vec<_>>()
            })
            .collect();
        let chain = Chain::train(seed_texts);
        let mut rng = Rng(options.seed ^ 0x5EED_C1A1_u64);
        let target_bytes = (options.mb * 1_000_000.0) as usize;
        // Articles of 3–9 KB, like the seeds.
        let article_count = (target_bytes / 6000).max(4);
        let published: Vec<(u32, usize, u32)> = (0..article_count)
            .map(|_| {
                (
                    2024 + rng.below(2) as u32,
                    rng.below(12),
                    1 + rng.below(28) as u32,
                )
            })
            .collect();
        let mut planted: Vec<Vec<String>> = vec![Vec::new(); article_count];
        let mut taken = HashSet::new();
        let mut claims_yaml = String::from(
            "# Generated by `cargo run --example gen_corpus`; expectations are exact.\nclaims:\n",
        );
        let mut claim_texts = Vec::with_capacity(options.claims);
        for c in 0..options.claims {
            let kind = *rng.pick(&[Kind::Signed, Kind::Supplied, Kind::Supports]);
            let a = invent_name(&mut rng, &mut taken, &seed_words);
            let b = invent_name(&mut rng, &mut taken, &seed_words);
            let (adj, noun) = match kind {
                Kind::Signed => (*rng.pick(ADJECTIVES), *rng.pick(AGREEMENTS)),
                Kind::Supplied => ("", *rng.pick(GOODS)),
                Kind::Supports => (*rng.pick(PROGRAMS), ""),
            };
            let mut claim = Claim {
                id: format!("gen-{c:06}"),
                text: String::new(),
                kind,
                a,
                b,
                adj,
                noun,
                month: rng.below(12),
                day: 1 + rng.below(28) as u32,
                year: 2000 + rng.below(25) as u32,
                count: 10 * (1 + rng.below(90) as u32),
            };
            claim.text = match kind {
                Kind::Signed => format!(
                    "{} and {} signed a {adj} {noun} agreement on {} {}, {}.",
                    claim.a, claim.b, MONTHS[claim.month], claim.day, claim.year
                ),
                Kind::Supplied => format!(
                    "{} supplied {} {noun} to {} in {}.",
                    claim.a, claim.count, claim.b, claim.year
                ),
                Kind::Supports => {
                    format!("{} supports the {adj} program of {}.", claim.a, claim.b)
                }
            };
            // Sources: up to 3 supporting, up to 2 refuting, sometimes one
            // mixed; one claim in eight is mentioned nowhere.
            let mut expect: BTreeMap<usize, &str> = BTreeMap::new();
            if !rng.chance(12) {
                let supports = rng.below(4);
                let refutes = rng.below(3);
                let mixed = rng.chance(15);
                let mut used = HashSet::new();
                let fresh = |rng: &mut Rng, used: &mut HashSet<usize>| loop {
                    let i = rng.below(article_count);
                    if used.insert(i) {
                        return i;
                    }
                };
                for _ in 0..supports.min(article_count) {
                    let i = fresh(&mut rng, &mut used);
                    planted[i].push(claim.support(&mut rng));
                    expect.insert(i, "supports");
                }
                for _ in 0..refutes.min(article_count.saturating_sub(used.len())) {
                    let i = fresh(&mut rng, &mut used);
                    planted[i].push(claim.refute(&mut rng));
                    expect.insert(i, "refutes");
                }
                if mixed && used.len() < article_count {
                    let i = fresh(&mut rng, &mut used);
                    planted[i].push(claim.support(&mut rng));
                    planted[i].push(claim.refute(&mut rng));
                    expect.insert(i, "mixed");
                }
            }
            let supported = expect.values().any(|v| *v == "supports");
            let refuted = expect.values().any(|v| *v == "refutes");
            let status = match (supported, refuted, expect.values().any(|v| *v == "mixed")) {
                (_, _, true) | (true, true, _) => "disputed",
                (true, false, false) => "supported",
                (false, true, false) => "refuted",
                (false, false, false) => "unverified",
            };
            let _ = writeln!(
                claims_yaml,
                "  - id: {}\n    text: {}",
                claim.id, claim.text
            );
            if !expect.is_empty() {
                claims_yaml.push_str("    expect:\n");
                for (i, verdict) in &expect {
                    let _ = writeln!(claims_yaml, "      {}: {verdict}", article_name(*i));
                }
            }
            let _ = writeln!(claims_yaml, "    expect_status: {status}");
            claim_texts.push(claim.text);
        }
        Generator {
            chain,
            rng,
            planted,
            published,
            next: 0,
            claims_yaml,
            claim_texts,
        }
    }

    /// How many articles the corpus has.
    pub fn article_count(&self) -> usize {
        self.published.len()
    }
}

impl Iterator for Generator {
    type Item = SynthArticle;

    /// The next article: filler paragraphs, planted sentences opening
    /// paragraphs, the two sentences after a planted one free of anaphors.
    fn next(&mut self) -> Option<SynthArticle> {
        let i = self.next;
        let &(year, month, day) = self.published.get(i)?;
        self.next += 1;
        let rng = &mut self.rng;
        let chain = &self.chain;
        let budget = 3000 + rng.below(6000);
        let title = chain.sentence(rng);
        let mut text = format!(
            "{}\n- {} {day}, {year}\n\n",
            title.trim_end_matches('.'),
            SHORT_MONTHS[month]
        );
        let mut planted = std::mem::take(&mut self.planted[i]);
        let mut slots: Vec<usize> = (0..planted.len()).map(|_| rng.below(8)).collect();
        slots.sort_unstable();
        let mut all = Vec::new();
        let mut paragraph = 0;
        while text.len() < budget || !planted.is_empty() {
            let mut sentences: Vec<String> = Vec::new();
            while slots.first().is_some_and(|s| *s <= paragraph) && !planted.is_empty() {
                slots.remove(0);
                sentences.push(planted.remove(0));
            }
            let clean_after = if sentences.is_empty() { 0 } else { 2 };
            let filler = 2 + rng.below(5);
            for n in 0..filler {
                let mut s = chain.sentence(rng);
                while n < clean_after && has_anaphor(&s) {
                    s = chain.sentence(rng);
                }
                sentences.push(s);
            }
            text.push_str(&sentences.join(" "));
            text.push_str("\n\n");
            all.extend(sentences);
            paragraph += 1;
        }
        Some(SynthArticle {
            name: article_name(i),
            text,
            published: format!("{year:04}-{:02}-{day:02}", month + 1),
            sentences: all,
        })
    }
}

/// The texts the generator learns from: every `*.txt` file directly in
/// `dir` (the repo's `seeds/`), in file-name order.
pub fn read_seed_texts(dir: &std::path::Path) -> std::io::Result<Vec<String>> {
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths.iter().map(std::fs::read_to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeds() -> Vec<String> {
        read_seed_texts(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")).unwrap()
    }

    #[test]
    fn same_seed_same_corpus() {
        let options = SynthOptions {
            mb: 0.05,
            claims: 10,
            seed: 7,
        };
        let a: Vec<_> = Generator::new(&seeds(), options).collect();
        let b: Vec<_> = Generator::new(&seeds(), options).collect();
        assert_eq!(a, b);
        assert!(a.len() >= 4);
        let c = Generator::new(&seeds(), SynthOptions { seed: 8, ..options });
        assert_ne!(c.claims_yaml, Generator::new(&seeds(), options).claims_yaml);
    }
}

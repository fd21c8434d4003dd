//! Source-level topic coverage: a source that names most of what sets a
//! claim apart from the rest of the corpus, though no sentence or passage
//! states the claim, is about the claim and `discusses` it.
//!
//! A claim's words are weighted by how few *sources* hold them
//! ([`crate::index::topic_weight`]): in a corpus where every article is
//! about Russia and North Korea, "Russia" tells no article apart and
//! weighs nothing, while "Vladivostok" or "ammunition" decide. Coverage
//! is the weighted share of the claim's words that the source holds
//! anywhere. This is the classic relatedness test of stance detection (an
//! article reporting a headline repeats its rare words); it needs a
//! corpus of several sources on different subjects to say anything, and
//! says nothing when every word of the claim is in every source.
//!
//! Topic keys are plainer than the matcher's terms, so that a headline
//! and an article meet however each was read: a word's stem ("walk"),
//! and each word of a name as written ("joan", "rivers"). A claim word
//! matches either form, so a Title-Case headline's "Walked" finds the
//! article's "walked", and its "Rivers" finds "Joan Rivers".

use rustc_hash::FxHashSet;

use crate::check::JudgedSentence;
use crate::corpus::Corpus;
use crate::index::{SentenceIndex, topic_weight};
use crate::rules::Judgement;
use crate::text::{Analysis, Analyzer};
use crate::verdict::{Reason, Stance};

/// Least weighted share of the claim's words a source must hold to be
/// about the claim.
pub const TOPIC_MIN_COVERAGE: f32 = 0.25;
/// Least number of the claim's distinctive words a source must hold.
pub const TOPIC_MIN_TERMS: usize = 2;
/// Least summed weight of the claim words a source holds: `ln(1/α)`,
/// where α bounds the chance that a source picked at random holds words
/// that common (each word's weight is about `-ln` of the share of
/// sources holding it). In a handful of sources all on one subject no
/// word is rare enough, and topic coverage stays silent.
pub const TOPIC_MIN_WEIGHT: f32 = 4.605_17; // ln 100
/// Confidence of a topic match before its coverage counts: at the
/// verdict threshold, so that a qualifying source always counts, and
/// below any passage.
const TOPIC_BASE: f32 = crate::check::MIN_CONFIDENCE;
/// Discount on a source's coverage: an article is weaker than a passage.
const TOPIC_CREDIT: f32 = 0.1;

/// One word of a claim, for topic coverage.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicTerm {
    /// The topic keys it matches: the word as written and its stem.
    pub keys: Vec<String>,
    /// Its weight ([`topic_weight`] of the sources holding any key).
    pub weight: f32,
}

impl TopicTerm {
    /// The topic terms of an analyzed claim, each word once, weighted
    /// over `index`'s sources.
    pub fn of_claim(analysis: &Analysis, analyzer: &Analyzer, index: &SentenceIndex) -> Vec<Self> {
        let mut terms: Vec<TopicTerm> = Vec::new();
        for term in &analysis.terms {
            for token in &analysis.tokens[term.first_token()..term.end_token()] {
                if !is_topic_word(&token.norm, token.numeric, analyzer) {
                    continue;
                }
                let mut keys = vec![token.norm.to_string()];
                let stem = analyzer.stem(&token.norm);
                if stem != token.norm {
                    keys.push(stem);
                }
                if terms
                    .iter()
                    .any(|t| t.keys.iter().any(|k| keys.contains(k)))
                {
                    continue;
                }
                let weight = topic_weight(index.source_count(), sources_of(&keys, index).len());
                terms.push(TopicTerm { keys, weight });
            }
        }
        terms
    }
}

/// Whether a token counts for topic coverage.
fn is_topic_word(norm: &str, numeric: bool, analyzer: &Analyzer) -> bool {
    !numeric && norm.chars().count() >= 2 && !analyzer.is_stop_word(norm)
}

/// The topic keys of an analyzed sentence: the stem of each word, and
/// each word of each name as written. May repeat a key.
pub fn sentence_topic_keys(analysis: &Analysis) -> impl Iterator<Item = &str> {
    analysis
        .terms
        .iter()
        .flat_map(|term| term_topic_keys(analysis, term))
}

/// The topic keys of one term of `analysis`: the words of an entity or a
/// name, the stem of a word.
pub fn term_topic_keys<'a>(
    analysis: &'a Analysis,
    term: &'a crate::text::Term,
) -> impl Iterator<Item = &'a str> {
    let (words, name): (&[crate::text::Token], Option<&str>) = if term.is_entity() {
        (&analysis.tokens[term.first_token()..term.end_token()], None)
    } else {
        (&[], Some(term.stem()))
    };
    name.into_iter().chain(
        words
            .iter()
            .filter(|t| !t.numeric && t.norm.chars().count() >= 2)
            .map(|t| t.norm.as_str()),
    )
}

/// The sources holding any of `keys`, ascending, each once.
fn sources_of(keys: &[String], index: &SentenceIndex) -> Vec<u32> {
    let mut sources: Vec<u32> = Vec::new();
    for key in keys {
        sources.extend_from_slice(index.topic_sources(key));
    }
    if keys.len() > 1 {
        sources.sort_unstable();
        sources.dedup();
    }
    sources
}

/// Every source (but those `settled` says are already decided) that is
/// about the claim, each with a `discusses` judgement on its sentence
/// holding the most of the claim's distinctive weight.
///
/// Only sources holding one of the claim's rarest words are scored: the
/// heaviest words are taken until the rest weigh too little to qualify a
/// source on their own (max-score pruning), so a claim costs what its
/// rare words cost, not what "said" or "year" would.
pub fn discussions(
    terms: &[TopicTerm],
    corpus: &Corpus,
    index: &SentenceIndex,
    settled: impl Fn(usize) -> bool,
) -> Vec<(usize, JudgedSentence)> {
    let mut distinctive: Vec<&TopicTerm> = terms.iter().filter(|t| t.weight > 0.0).collect();
    // A claim whose every word is in every source (or a one-source
    // corpus) sets no source apart.
    let total: f32 = distinctive.iter().map(|t| t.weight).sum();
    let needed = (TOPIC_MIN_COVERAGE * total).max(TOPIC_MIN_WEIGHT);
    if distinctive.len() < TOPIC_MIN_TERMS || total < needed {
        return Vec::new();
    }
    distinctive.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    // The heaviest words, until the others weigh less than `needed`.
    let mut rest = total;
    let mut probes = 0;
    while probes < distinctive.len() && rest >= needed {
        rest -= distinctive[probes].weight;
        probes += 1;
    }
    let mut candidates: Vec<u32> = Vec::new();
    let lists: Vec<Vec<u32>> = distinctive
        .iter()
        .map(|t| sources_of(&t.keys, index))
        .collect();
    for list in &lists[..probes] {
        candidates.extend_from_slice(list);
    }
    candidates.sort_unstable();
    candidates.dedup();
    let mut found = Vec::new();
    for source in candidates {
        let held: Vec<bool> = lists
            .iter()
            .map(|l| l.binary_search(&source).is_ok())
            .collect();
        let count = held.iter().filter(|h| **h).count();
        let weight: f32 = distinctive
            .iter()
            .zip(&held)
            .filter(|(_, h)| **h)
            .map(|(t, _)| t.weight)
            .sum();
        let source = source as usize;
        if count < TOPIC_MIN_TERMS || weight < needed || settled(source) {
            continue;
        }
        let Some(sentence) = heaviest_sentence(corpus, source, &distinctive) else {
            continue;
        };
        let coverage = weight / total;
        found.push((
            source,
            JudgedSentence {
                sentence,
                judgement: Judgement {
                    stance: Stance::Discusses,
                    reason: Reason::TopicMatch,
                    detail: format!(
                        "the source uses {count} of the claim's {} distinctive words ({:.0}% of their weight), but no sentence asserts the claim",
                        distinctive.len(),
                        coverage * 100.0
                    ),
                    confidence: TOPIC_BASE + TOPIC_CREDIT * coverage,
                    highlight: None,
                },
            },
        ));
    }
    found
}

/// The sentence of `source` holding the most weight of `terms` (the
/// first of equals).
fn heaviest_sentence(corpus: &Corpus, source: usize, terms: &[&TopicTerm]) -> Option<usize> {
    let mut best: Option<(f32, usize)> = None;
    for id in corpus.source_sentences.get(source)?.clone() {
        let keys: FxHashSet<&str> = sentence_topic_keys(&corpus.sentences[id].analysis).collect();
        let weight: f32 = terms
            .iter()
            .filter(|t| t.keys.iter().any(|k| keys.contains(k.as_str())))
            .map(|t| t.weight)
            .sum();
        if weight > 0.0 && best.is_none_or(|(b, _)| weight > b) {
            best = Some((weight, id));
        }
    }
    best.map(|(_, id)| id)
}

#[cfg(test)]
mod tests {
    use crate::check::Engine;
    use crate::claims::parse_claims;
    use crate::corpus::{Source, SourceMeta};
    use crate::verdict::{Reason, Verdict};

    /// Articles on many subjects, so that words shared by few of them
    /// weigh something.
    fn corpus(extra: &[(&str, &str)]) -> Vec<Source> {
        let subjects = [
            "The council voted to widen the harbour road next spring.",
            "A bakery in the old town won a prize for its rye bread.",
            "The football club signed a young goalkeeper from Porto.",
            "Heavy rain flooded several farms along the river valley.",
            "The museum opened an exhibition of medieval maps.",
            "Teachers called for smaller classes in primary schools.",
            "A new cycling lane links the station to the university.",
            "The orchestra announced a winter season of Brahms symphonies.",
            "Local fishermen reported a record catch of mackerel.",
            "The hospital extended visiting hours on weekends.",
            "A startup released an app that tracks bus arrivals.",
            "The zoo welcomed two red panda cubs in March.",
        ];
        let mut sources: Vec<Source> = subjects
            .iter()
            .enumerate()
            .map(|(i, text)| Source::new(format!("{i:02}.txt"), *text, SourceMeta::default()))
            .collect();
        for (name, text) in extra {
            sources.push(Source::new(*name, *text, SourceMeta::default()));
        }
        sources
    }

    fn verdict_of(claim: &str, sources: Vec<Source>, name: &str) -> (Verdict, Option<Reason>) {
        let yaml = format!("claims:\n  - id: c\n    text: \"{claim}\"\n");
        let claims = parse_claims(&yaml, "claims.yaml").unwrap();
        let engine = Engine::new(&claims, sources);
        let assessment = engine.assess(&claims.claims[0]);
        let source = engine
            .corpus()
            .sources
            .iter()
            .position(|s| s.name == name)
            .unwrap();
        let reason = assessment.judged[source]
            .first()
            .map(|j| j.judgement.reason);
        (assessment.verdicts[source].0, reason)
    }

    const CLAIM: &str = "Glassblowers in Murano boycott the new furnace tax";

    #[test]
    fn an_article_using_the_claims_rare_words_discusses_it() {
        let sources = corpus(&[(
            "murano.txt",
            "Workshops in Murano stayed shut on Monday. The glassblowers say the furnace levy will ruin them. A tax official declined to comment.",
        )]);
        assert_eq!(
            verdict_of(CLAIM, sources, "murano.txt"),
            (Verdict::Discusses, Some(Reason::TopicMatch))
        );
    }

    #[test]
    fn an_article_on_another_subject_does_not() {
        let sources = corpus(&[
            (
                "murano.txt",
                "Workshops in Murano stayed shut on Monday. The glassblowers say the furnace levy will ruin them.",
            ),
            (
                "tax.txt",
                "The new tax on sugar drinks starts in May, the ministry said.",
            ),
        ]);
        assert_eq!(
            verdict_of(CLAIM, sources, "tax.txt").0,
            Verdict::NotMentioned
        );
    }

    #[test]
    fn a_few_articles_on_one_subject_tell_nothing_apart() {
        // Every word is in most sources: no word is rare enough.
        let sources = vec![
            Source::new(
                "a.txt",
                "Murano glassblowers met on Monday.",
                SourceMeta::default(),
            ),
            Source::new(
                "b.txt",
                "The furnace tax in Murano is new.",
                SourceMeta::default(),
            ),
            Source::new(
                "c.txt",
                "Glassblowers in Murano discussed the tax.",
                SourceMeta::default(),
            ),
        ];
        assert_eq!(verdict_of(CLAIM, sources, "b.txt").0, Verdict::NotMentioned);
    }

    #[test]
    fn a_title_case_headline_meets_prose() {
        let sources = corpus(&[(
            "murano.txt",
            "Workshops in Murano stayed shut on Monday. The glassblowers say the furnace levy will ruin them.",
        )]);
        assert_eq!(
            verdict_of(
                "Glassblowers In Murano Boycott The New Furnace Tax",
                sources,
                "murano.txt"
            )
            .0,
            Verdict::Discusses
        );
    }
}

//! Copular definitions: what a claim and a sentence say a thing *is*,
//! compared kind against kind.
//!
//! "Seohyun is a dog" shares only its subject with "Seohyun is a South
//! Korean singer and actress", so no sentence-level rule sees it; yet
//! both define the same subject, by kinds that differ, and the sentence
//! refutes the claim (reason `kind_mismatch`). The same reading lets a
//! definition with the claim's kind and every modifier support a claim
//! that says nothing else ("Tangled is an animated film"), and a
//! definition with another nationality refute one that names its own
//! ("Brubaker is an Australian film" against "an American prison drama
//! film": `entity_mismatch`). A nationality alone is a definition too
//! ("X is an American"), and so is a location: "Peking University is in
//! Thailand" against "… is a major Chinese research university located
//! in Beijing" compares the countries each names.
//!
//! Only plain definitions count: the claim is `SUBJECT is|was a|an NOUN
//! PHRASE` or `SUBJECT is|was in|from PLACE`, without negation or a
//! restrictor ("only", "exclusively"); the sentence names the subject (or
//! a pronoun in the sentence after the name stands for it), then its
//! first copula and, for a kind, an article. Anything between the two is
//! a parenthesis or an appositive between commas ("Seo Ju-hyun (born June
//! 28, 1991), known professionally as Seohyun, is a …"). A claim kind
//! that is a generic word ("person", "place", "thing") or a more general
//! kind of the sentence's ("musician" for "drummer") is never refuted,
//! nor one the sentence states anywhere at all.

use std::ops::Range;

use crate::check::JudgedSentence;
use crate::corpus::{Corpus, Sentence};
use crate::index::SentenceIndex;
use crate::matcher::{self, ClaimQuery, EntityPlace};
use crate::rules::{Judgement, is_negation_cue};
use crate::span::Span;
use crate::text::{Analysis, Analyzer, Term, TermKind, Token};
use crate::verdict::{Reason, Stance};

/// Verbs that define: "is a", "was an".
const COPULAS: &[&str] = &["is", "was", "are", "were"];
/// Articles a claim's definition opens with.
const CLAIM_ARTICLES: &[&str] = &["a", "an"];
/// Articles a sentence's definition may open with.
const SENTENCE_ARTICLES: &[&str] = &["a", "an", "the"];
/// Words after the copula that make a claim a location ("is in").
const LOCATION_WORDS: &[&str] = &["in", "from"];
/// Words that make a claim more than a definition ("is only a film").
const RESTRICTORS: &[&str] = &[
    "only",
    "solely",
    "exclusively",
    "just",
    "merely",
    "purely",
    "entirely",
    "also",
];
/// Words that end a noun phrase: prepositions, relative words,
/// conjunctions that open a clause, and participles that always start a
/// modifier ("known as", "born in").
const PHRASE_ENDS: &[&str] = &[
    "in",
    "of",
    "for",
    "from",
    "by",
    "with",
    "on",
    "at",
    "to",
    "into",
    "about",
    "as",
    "between",
    "within",
    "under",
    "over",
    "after",
    "before",
    "during",
    "since",
    "until",
    "than",
    "that",
    "which",
    "who",
    "whose",
    "whom",
    "where",
    "when",
    "while",
    "but",
    "because",
    "although",
    "whereas",
    "if",
    "is",
    "was",
    "are",
    "were",
    "has",
    "had",
    "have",
    "located",
    "based",
    "known",
    "born",
    "named",
    "called",
    "starring",
    "featuring",
    "including",
    "written",
    "taken",
    "currently",
    "originally",
];
/// Words after which an `-ed` word is a participle opening a modifier
/// ("a film directed by", "a city founded in"), not an adjective ("an
/// animated film").
const AFTER_PARTICIPLE: &[&str] = &[
    "by", "in", "and", "from", "for", "as", "on", "at", "to", "with", "into", "under",
];
/// How an appositive that gives a name opens ("known professionally
/// as", "better known as").
const NAMING_WORDS: &[&str] = &[
    "known",
    "also known",
    "better known",
    "professionally known",
    "nicknamed",
    "called",
    "credited as",
];
/// Participles in "-en" that open a modifier ("a novel written by");
/// other "-en" words are nouns ("citizen", "garden").
const EN_PARTICIPLES: &[&str] = &[
    "written", "taken", "given", "chosen", "driven", "broken", "spoken", "stolen", "hidden",
    "beaten", "shaken", "frozen", "proven", "ridden", "drawn", "shown", "seen", "known",
];
/// Personal pronouns a definition may open with when the sentence
/// before named the subject.
const SUBJECT_PRONOUNS: &[&str] = &["he", "she", "it", "they"];
/// Confidence of a refuting definition: below a sentence that states
/// the claim's words, above the verdict threshold.
const REFUTE_CONFIDENCE: f32 = 0.6;
/// Confidence of a supporting definition.
const SUPPORT_CONFIDENCE: f32 = 0.7;

/// A claim read as a definition: its subject and the kind it gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimDefinition {
    /// The terms naming the subject (parentheses left out: "Dreamer
    /// (2005 film)" is "Dreamer").
    subject: Vec<SubjectTerm>,
    /// The noun phrase's terms: every modifier, then the head.
    kind: Vec<KindTerm>,
    /// The noun phrase in the claim text, for details.
    phrase: Span,
    /// The noun phrase ends the claim: nothing else is stated.
    complete: bool,
    /// A location rather than a kind: "X is in Thailand", "X is from
    /// Spain" (`kind` holds the places).
    location: bool,
}

/// One term of a claim's subject.
#[derive(Debug, Clone, PartialEq)]
struct SubjectTerm {
    key: String,
    is_entity: bool,
    /// The word as written, folded: a one-word subject is also found as
    /// a name ("Seohyun" opening the claim is a word, inside a sentence
    /// a name).
    norm: String,
}

/// One term of a noun phrase.
#[derive(Debug, Clone, PartialEq)]
struct KindTerm {
    key: String,
    kind: TermKind,
}

impl ClaimDefinition {
    /// The claim's head noun: the kind it says the subject is (the
    /// last term of the noun phrase, never missing: [`of_claim`] reads
    /// no definition without one).
    fn head(&self) -> Option<&KindTerm> {
        self.kind.last()
    }
}

/// Read a claim as a definition, when it is one.
pub fn of_claim(analysis: &Analysis, text: &str) -> Option<ClaimDefinition> {
    let tokens = &analysis.tokens;
    if (0..tokens.len()).any(|i| is_negation_cue(tokens, i))
        || tokens
            .iter()
            .any(|t| RESTRICTORS.contains(&t.norm.as_str()))
    {
        return None;
    }
    let copula = tokens
        .iter()
        .position(|t| COPULAS.contains(&t.norm.as_str()))?;
    let after = tokens.get(copula + 1)?;
    // "X is in Thailand": the rest of the claim is the place, all of it
    // known entities.
    let location = LOCATION_WORDS.contains(&after.norm.as_str());
    if copula == 0 || !(location || CLAIM_ARTICLES.contains(&after.norm.as_str())) {
        return None;
    }
    let phrase = if location {
        copula + 2..tokens.len()
    } else {
        noun_phrase(tokens, text, copula + 2, false)
    };
    let head = analysis.term_at(phrase.end.checked_sub(1)?)?;
    if head.kind == TermKind::Name || phrase.is_empty() {
        return None;
    }
    if location
        && !terms_within(&analysis.terms, phrase.clone()).all(|t| t.kind == TermKind::Entity)
    {
        return None;
    }
    let kind = terms_within(&analysis.terms, phrase.clone())
        .map(|t| KindTerm {
            key: t.key.to_string(),
            kind: t.kind,
        })
        .collect();
    // "Prescott, Arizona is a county": the name before the comma.
    let subject_ends = text[..tokens[copula].span().start]
        .find(',')
        .unwrap_or(tokens[copula].span().start);
    let subject: Vec<SubjectTerm> = analysis
        .terms
        .iter()
        .filter(|t| {
            let span = tokens[t.first_token()].span();
            t.end_token() <= copula && span.end <= subject_ends && !in_parentheses(text, span)
        })
        .map(|t| SubjectTerm {
            key: t.key.to_string(),
            is_entity: t.is_entity(),
            norm: tokens[t.first_token()].norm.to_string(),
        })
        .collect();
    if subject.is_empty() {
        return None;
    }
    Some(ClaimDefinition {
        subject,
        kind,
        phrase: Span::new(
            tokens[phrase.start].span().start,
            tokens[phrase.end - 1].span().end,
        ),
        complete: phrase.end == tokens.len(),
        location,
    })
}

/// The tokens of the noun phrase starting at `start`: up to a word that
/// ends it ([`PHRASE_ENDS`]), a participle opening a modifier, or
/// punctuation. With `lists`, a comma continues a list of kinds
/// ("comedian, writer, producer, and actor").
fn noun_phrase(tokens: &[Token], text: &str, start: usize, lists: bool) -> Range<usize> {
    let mut end = start;
    while let Some(token) = tokens.get(end) {
        let norm = token.norm.as_str();
        let next = tokens.get(end + 1).map(|t| t.norm.as_str());
        let participle = norm.len() > 4
            && (norm.ends_with("ed") || EN_PARTICIPLES.contains(&norm))
            && next.is_none_or(|n| AFTER_PARTICIPLE.contains(&n));
        if PHRASE_ENDS.contains(&norm) || (end > start && participle) {
            break;
        }
        end += 1;
        let Some(after) = tokens.get(end) else { break };
        let gap = &text[token.span().end..after.span().start];
        if gap.contains(['(', ')', '[', ']', ';', ':', '.', '"', '“', '”']) {
            break;
        }
        if gap.contains(',') {
            let next_is_kind = !PHRASE_ENDS.contains(&after.norm.as_str())
                && !SENTENCE_ARTICLES.contains(&after.norm.as_str());
            if !lists || !next_is_kind {
                break;
            }
        }
    }
    start..end
}

/// Whether `span` stands inside parentheses or brackets of `text`.
fn in_parentheses(text: &str, span: Span) -> bool {
    let mut depth = 0_i32;
    for c in text[..span.start].chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

/// `text` without anything in parentheses or brackets.
fn without_parentheses(text: &str) -> String {
    let mut depth = 0_i32;
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = (depth - 1).max(0),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The term covering token `at`.
/// The terms wholly inside a token range.
fn terms_within(terms: &[Term], range: Range<usize>) -> impl Iterator<Item = &Term> {
    terms
        .iter()
        .filter(move |t| range.start <= t.first_token() && t.end_token() <= range.end)
}

/// Where a sentence defines the claim's subject: the noun phrase after
/// its copula and article.
fn sentence_kind(
    definition: &ClaimDefinition,
    query: &ClaimQuery,
    sentence: &Sentence,
    text: &str,
    entities: &[EntityPlace],
) -> Option<Range<usize>> {
    let tokens = &sentence.analysis.tokens;
    let terms = &sentence.analysis.terms;
    let copula = tokens
        .iter()
        .position(|t| COPULAS.contains(&t.norm.as_str()))?;
    // Where the subject's name ends, every one of its terms placed
    // before the copula.
    let mut subject_start = usize::MAX;
    let mut subject_end = 0;
    let mut pronoun = false;
    for subject in &definition.subject {
        let placed = if subject.is_entity {
            let e = query.entities.iter().position(|e| e.key == subject.key)?;
            match entities.get(e)? {
                EntityPlace::Here(at) => terms
                    .iter()
                    .find(|t| t.first_token() == *at)
                    .map(|t| (t.first_token(), t.end_token())),
                EntityPlace::Nearby => {
                    pronoun = true;
                    continue;
                }
                _ => None,
            }
        } else {
            terms
                .iter()
                .find(|t| {
                    t.end_token() <= copula
                        && (t.key == subject.key
                            || (t.end_token() == t.first_token() + 1
                                && tokens[t.first_token()].norm == subject.norm))
                })
                .map(|t| (t.first_token(), t.end_token()))
        };
        let (first, end) = placed?;
        subject_start = subject_start.min(first);
        subject_end = subject_end.max(end);
    }
    if subject_end == 0 {
        // Only a pronoun: "She is an American actress."
        let opens = pronoun && copula == 1 && SUBJECT_PRONOUNS.contains(&tokens[0].norm.as_str());
        if !opens {
            return None;
        }
        subject_start = 0;
        subject_end = 1;
    }
    if subject_end > copula || !opens_with_subject(&text[..tokens[subject_start].span().start]) {
        return None;
    }
    let gap = &text[tokens[subject_end - 1].span().end..tokens[copula].span().start];
    let gap = without_parentheses(gap);
    let gap = gap.trim();
    let plain = gap.chars().all(|c| !c.is_alphanumeric());
    let appositive = gap.starts_with(',') && gap.ends_with(',');
    if !plain && !appositive {
        return None;
    }
    if definition.location {
        // Where the subject is: anything the sentence says after it.
        return Some(copula + 1..tokens.len());
    }
    let mut start = copula + 1;
    if tokens.get(start).map(|t| t.norm.as_str()) == Some("one")
        && tokens.get(start + 1).map(|t| t.norm.as_str()) == Some("of")
    {
        start += 2;
    }
    if !SENTENCE_ARTICLES.contains(&tokens.get(start)?.norm.as_str()) {
        return None;
    }
    let phrase = noun_phrase(tokens, text, start + 1, true);
    terms_within(terms, phrase.clone())
        .any(|t| t.kind == TermKind::Word)
        .then_some(phrase)
}

/// Whether the text before a sentence's subject leaves the subject
/// opening it: nothing but an article or parentheses, or an appositive
/// that gives the name ("Seo Ju-hyun, known professionally as Seohyun").
fn opens_with_subject(before: &str) -> bool {
    let before = without_parentheses(before).to_lowercase();
    let words_only_articles = before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| w == "the");
    let naming = before.rsplit_once(',').is_some_and(|(_, last)| {
        let last = last.trim_start();
        NAMING_WORDS.iter().any(|w| last.starts_with(w))
    });
    words_only_articles || naming
}

/// The stance of a sentence's definition of the subject toward the
/// claim's, or `None` when they are compatible but the claim says more,
/// or the sentence is no definition of the subject.
pub fn judge(
    definition: &ClaimDefinition,
    query: &ClaimQuery,
    sentence: &Sentence,
    text: &str,
    entities: &[EntityPlace],
    analyzer: &Analyzer,
) -> Option<Judgement> {
    let phrase = sentence_kind(definition, query, sentence, text, entities)?;
    let tokens = &sentence.analysis.tokens;
    let terms = &sentence.analysis.terms;
    let stated: Vec<&Term> = terms_within(terms, phrase.clone()).collect();
    let span = Span::new(
        tokens[phrase.start].span().start,
        tokens[phrase.end - 1].span().end,
    );
    let claim_says = definition.phrase.slice(&query.text);
    let source_says = span.slice(text);
    let judgement = |stance: Stance, reason: Reason, detail: String, highlight: Span| Judgement {
        stance,
        reason,
        detail,
        confidence: if stance == Stance::Refutes {
            REFUTE_CONFIDENCE
        } else {
            SUPPORT_CONFIDENCE
        },
        highlight: Some(highlight),
    };
    let says_otherwise = |reason: Reason| {
        let detail = format!("claim says {claim_says}, source says {source_says}");
        judgement(Stance::Refutes, reason, detail, span)
    };
    let holds = || {
        let detail = format!("defines the subject as {source_says}");
        judgement(Stance::Supports, Reason::LexicalMatch, detail, span)
    };
    let head = definition.head()?;
    // A nationality is compared first, whatever the kinds: "an Australian
    // film" against "an American prison drama film".
    let stated_countries: Vec<&str> = stated
        .iter()
        .map(|t| t.key.as_str())
        .filter(|k| analyzer.is_country(k))
        .collect();
    let claimed_countries: Vec<&str> = definition
        .kind
        .iter()
        .map(|t| t.key.as_str())
        .filter(|k| analyzer.is_country(k))
        .collect();
    if definition.location {
        if claimed_countries.is_empty() || stated_countries.is_empty() {
            return None;
        }
        let detail = format!("claim says {claim_says}, source says {source_says}");
        return Some(
            if claimed_countries
                .iter()
                .any(|c| stated_countries.contains(c))
            {
                judgement(Stance::Supports, Reason::LexicalMatch, detail, span)
            } else {
                judgement(Stance::Refutes, Reason::EntityMismatch, detail, span)
            },
        );
    }
    let other_country = !stated_countries.is_empty()
        && claimed_countries
            .iter()
            .any(|c| !stated_countries.contains(c));
    if other_country {
        return Some(says_otherwise(Reason::EntityMismatch));
    }
    // "X is an American", "X is an American citizen": the nationality is
    // the claim.
    if head.kind == TermKind::Entity || analyzer.is_generic_kind(&head.key) {
        let nationality_stated = !claimed_countries.is_empty()
            && claimed_countries
                .iter()
                .all(|c| stated_countries.contains(c));
        let only_nationality = definition
            .kind
            .iter()
            .all(|t| analyzer.is_country(&t.key) || analyzer.is_generic_kind(&t.key));
        return (definition.complete && nationality_stated && only_nationality).then(holds);
    }
    let head_stated = stated
        .iter()
        .any(|t| analyzer.kind_includes(&head.key, &t.key));
    if !head_stated {
        // A kind the sentence states elsewhere, or a more specific one
        // than the sentence's, is no contradiction.
        let anywhere = terms.iter().any(|t| t.key == head.key);
        let more_specific = stated
            .iter()
            .any(|t| t.key != head.key && analyzer.kind_includes(&t.key, &head.key));
        if anywhere || more_specific {
            return None;
        }
        return Some(says_otherwise(Reason::KindMismatch));
    }
    // The same kind: another known entity of the claim's (not a country:
    // those are compared above) that the definition replaces with its own
    // refutes.
    let stated_entities: Vec<&str> = stated
        .iter()
        .filter(|t| t.kind == TermKind::Entity)
        .map(|t| t.key.as_str())
        .collect();
    let replaced = definition.kind.iter().any(|term| {
        term.kind == TermKind::Entity
            && !stated_entities.is_empty()
            && !stated_entities.contains(&term.key.as_str())
    });
    if replaced {
        return Some(says_otherwise(Reason::EntityMismatch));
    }
    // The same kind in another country: "a state in Mexico" against "a
    // state in the southwestern United States".
    let subject_keys: Vec<&str> = definition.subject.iter().map(|s| s.key.as_str()).collect();
    for (claimed, place) in query.entities.iter().zip(entities) {
        if !claimed.country
            || *place != EntityPlace::Missing
            || subject_keys.contains(&claimed.key.as_str())
        {
            continue;
        }
        let other = terms.iter().find(|t| {
            t.first_token() >= phrase.start
                && analyzer.is_country(&t.key)
                && !query.entities.iter().any(|e| e.key == t.key)
        });
        if let Some(other) = other {
            let claim_term = query
                .analysis
                .terms
                .iter()
                .find(|t| t.first_token() == claimed.token)?;
            let claim_span = query.analysis.term_span(claim_term);
            let other_span = sentence.analysis.term_span(other);
            let detail = format!(
                "claim says {}, source says {}",
                claim_span.slice(&query.text),
                other_span.slice(text)
            );
            return Some(judgement(
                Stance::Refutes,
                Reason::EntityMismatch,
                detail,
                other_span,
            ));
        }
    }
    let all_stated = definition.kind.iter().all(|k| {
        stated
            .iter()
            .any(|t| analyzer.kind_includes(&k.key, &t.key))
            || terms.iter().any(|t| t.key == k.key)
    });
    (definition.complete && all_stated).then(holds)
}

/// The definitions of the claim's subject in the sources not `settled`,
/// judged: every sentence naming the subject (or the one or two after
/// it, for a pronoun) whose definition takes a stance.
pub fn judgements(
    query: &ClaimQuery,
    corpus: &Corpus,
    index: &SentenceIndex,
    analyzer: &Analyzer,
    settled: impl Fn(usize) -> bool,
) -> Vec<(usize, JudgedSentence)> {
    let Some(definition) = &query.definition else {
        return Vec::new();
    };
    let mut ids: Vec<u32> = Vec::new();
    if let Some(subject) = definition.subject.iter().find(|s| s.is_entity) {
        let key = &subject.key;
        if !query.entities.iter().any(|e| &e.key == key) {
            return Vec::new();
        }
        for id in matcher::entity_reach(key, index, analyzer) {
            ids.extend_from_slice(index.postings_of(id));
        }
    } else {
        // The subject's rarest word, as a word or as a name.
        let Some(subject) = definition
            .subject
            .iter()
            .min_by_key(|s| index.postings(&s.key).len())
        else {
            return Vec::new();
        };
        ids.extend_from_slice(index.postings(&subject.key));
        ids.extend_from_slice(index.postings(&format!("@{}", subject.norm)));
    }
    // A pronoun may define the subject named just before.
    let mut ids: Vec<u32> = ids
        .into_iter()
        .flat_map(|s| corpus.with_following(s))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let mut found = Vec::new();
    for id in ids {
        let id = id as usize;
        let sentence = &corpus.sentences[id];
        if settled(sentence.source) || !has_definition_shape(&sentence.analysis) {
            continue;
        }
        let previous = corpus.context(id);
        let context = matcher::Context::of(corpus, &previous, id);
        let alignment = matcher::align_sentence(query, sentence, &context, analyzer, id);
        let text = corpus.sentence_text(sentence);
        if let Some(judgement) = judge(
            definition,
            query,
            sentence,
            text,
            &alignment.entities,
            analyzer,
        ) {
            found.push((
                sentence.source,
                JudgedSentence {
                    sentence: id,
                    judgement,
                },
            ));
        }
    }
    found
}

/// A copula followed by an article somewhere: the cheap test before a
/// sentence is aligned.
fn has_definition_shape(analysis: &Analysis) -> bool {
    analysis.tokens.windows(2).any(|pair| {
        COPULAS.contains(&pair[0].norm.as_str())
            && (SENTENCE_ARTICLES.contains(&pair[1].norm.as_str()) || pair[1].norm == "one")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Source, SourceMeta};
    use crate::text::AliasTable;

    /// The stance and reason of `sentence` (its last sentence) toward
    /// `claim`, through [`judgements`].
    fn stance(claim: &str, source: &str) -> Option<(Stance, Reason)> {
        let analyzer = Analyzer::new(AliasTable::builtin());
        let corpus = Corpus::build(
            vec![Source::new("s.txt", source, SourceMeta::default())],
            &analyzer,
        );
        let index = SentenceIndex::build(&corpus);
        let query = ClaimQuery::new(claim, &[], &analyzer, &index);
        let found = judgements(&query, &corpus, &index, &analyzer, |_| false);
        found
            .first()
            .map(|(_, j)| (j.judgement.stance, j.judgement.reason))
    }

    #[test]
    fn another_kind_refutes() {
        assert_eq!(
            stance(
                "Seohyun is a dog.",
                "Seo Ju-hyun (born June 28, 1991), known professionally as Seohyun, is a South Korean singer and actress."
            ),
            Some((Stance::Refutes, Reason::KindMismatch))
        );
        assert_eq!(
            stance(
                "Prescott, Arizona is a county.",
                "Prescott ([ˈprɛskət]) is a city in Yavapai County, Arizona, United States."
            ),
            Some((Stance::Refutes, Reason::KindMismatch))
        );
    }

    #[test]
    fn the_same_kind_supports_a_bare_definition() {
        assert_eq!(
            stance(
                "Tangled is an animated film.",
                "Tangled is a 2010 American 3D computer-animated musical fantasy-comedy film produced by Walt Disney Animation Studios."
            ),
            Some((Stance::Supports, Reason::LexicalMatch))
        );
    }

    #[test]
    fn a_list_of_kinds_holds_the_claims() {
        assert_eq!(
            stance(
                "Edgar Wright is an actor.",
                "Edgar Howard Wright (born 18 April 1974) is an English director, screenwriter, producer, and actor."
            ),
            Some((Stance::Supports, Reason::LexicalMatch))
        );
    }

    #[test]
    fn general_kinds_and_kinds_stated_elsewhere_are_not_refuted() {
        // "musician" includes "drummer", which states it; "person" is
        // generic.
        assert_eq!(
            stance(
                "Ringo Starr is a musician.",
                "Ringo Starr is an English drummer."
            ),
            Some((Stance::Supports, Reason::LexicalMatch))
        );
        assert_eq!(
            stance(
                "Ringo Starr is a drummer.",
                "Ringo Starr is an English musician."
            ),
            None
        );
        assert_eq!(
            stance(
                "Ringo Starr is a person.",
                "Ringo Starr is an English drummer."
            ),
            None
        );
        assert_eq!(
            stance(
                "Colin Kaepernick is a free agent.",
                "Colin Kaepernick is an American football quarterback who is currently a free agent."
            ),
            None
        );
        // A quarterback is a player, an airliner a machine.
        for (claim, source) in [
            (
                "Colin Kaepernick is a football player.",
                "Colin Kaepernick is an American football quarterback.",
            ),
            (
                "The Boeing 777 is a machine.",
                "The Boeing 777 is an American long-haul widebody airliner.",
            ),
        ] {
            assert_ne!(
                stance(claim, source).map(|(s, _)| s),
                Some(Stance::Refutes),
                "{claim}"
            );
        }
    }

    #[test]
    fn another_nationality_refutes() {
        assert_eq!(
            stance(
                "Brubaker is an Australian film.",
                "Brubaker is a 1980 American prison drama film directed by Stuart Rosenberg."
            ),
            Some((Stance::Refutes, Reason::EntityMismatch))
        );
    }

    #[test]
    fn a_pronoun_defines_the_subject_named_before() {
        assert_eq!(
            stance(
                "Jenna Jameson is a politician.",
                "Jenna Jameson was born in Las Vegas. She is an American actress."
            ),
            Some((Stance::Refutes, Reason::KindMismatch))
        );
    }

    #[test]
    fn not_definitions() {
        // Negated or restricted claims, and sentences about something else.
        assert_eq!(
            stance("Seohyun is not a dog.", "Seohyun is a singer."),
            None
        );
        assert_eq!(
            stance(
                "Seohyun is only a singer.",
                "Seohyun is a singer and actress."
            ),
            None
        );
        assert_eq!(
            stance(
                "Seohyun is a dog.",
                "The agency that signed Seohyun is a large company."
            ),
            None
        );
    }

    #[test]
    fn the_same_kind_in_another_country_refutes() {
        assert_eq!(
            stance(
                "Arizona is a state in Mexico.",
                "Arizona is a state in the southwestern region of the United States."
            ),
            Some((Stance::Refutes, Reason::EntityMismatch))
        );
        assert_eq!(
            stance(
                "Arizona is a state in the United States.",
                "Arizona is a state in the southwestern region of the United States."
            ),
            None
        );
    }

    #[test]
    fn a_nationality_is_a_definition() {
        let american =
            "Michael Dwayne Vick (born June 26, 1980) is a former American football quarterback.";
        assert_eq!(
            stance("Michael Vick is an American.", american),
            Some((Stance::Supports, Reason::LexicalMatch))
        );
        assert_eq!(
            stance("Michael Vick is an Armenian.", american),
            Some((Stance::Refutes, Reason::EntityMismatch))
        );
        assert_eq!(
            stance("Michael Vick is an American citizen.", american),
            Some((Stance::Supports, Reason::LexicalMatch))
        );
    }

    #[test]
    fn a_location_is_compared_country_with_country() {
        let peking = "Peking University (abbreviated PKU), is a major Chinese research university located in Beijing.";
        assert_eq!(
            stance("Peking University is in Thailand.", peking),
            Some((Stance::Refutes, Reason::EntityMismatch))
        );
        assert_eq!(
            stance("Peking University is in China.", peking),
            Some((Stance::Supports, Reason::LexicalMatch))
        );
        // Not a place the gazetteer knows: nothing to compare.
        assert_eq!(stance("Peking University is in Haidian.", peking), None);
    }
}

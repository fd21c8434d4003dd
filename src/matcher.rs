//! Finding the sentences that speak to a claim, and how well they do.
//!
//! A claim becomes a [`ClaimQuery`]: its entities (who), its content words
//! (what is said of them), and its dates and numbers (the slots the rules
//! compare). [`candidates`] pulls from the [`SentenceIndex`] only the
//! sentences sharing a content word (or its antonym) with the claim and
//! [`align`]s each one: which claim words it states (exactly, by a near
//! spelling, or by an antonym), which entities it names itself or through
//! the sentence before it ("It has also signed…"), whether subject and
//! object are swapped, and a relevance in [0, 1].

use std::collections::HashSet;

use crate::corpus::{Corpus, Sentence};
use crate::dates::{self, PartialDate};
use crate::index::{KeyId, SentenceIndex};
use crate::numbers::{self, NumberMention};
use crate::text::{Analysis, Analyzer, TermKind};
use crate::topic::TopicTerm;

/// Words that point back to something named before: when a sentence has
/// one, the entities of the sentence before it count for it.
pub(crate) const ANAPHORS: &[&str] = &[
    "it",
    "its",
    "they",
    "their",
    "them",
    "he",
    "his",
    "she",
    "her",
    "both",
    "two",
    "country",
    "countries",
    "nation",
    "nations",
    "regime",
    "government",
    "leader",
    "leaders",
    "sides",
    "ally",
    "allies",
    "these",
    "this",
    "such",
];

/// Share of an entity's weight that an indirect mention earns: through
/// the sentence before, or through an affiliated person ("Putin" for
/// Russia).
const INDIRECT_ENTITY_CREDIT: f32 = 0.75;
/// Credit for a near spelling ("modernise"/"modernize") or a related
/// concept ("weapons" for "militarily").
const FUZZY_CREDIT: f32 = 0.8;
/// Least Jaro-Winkler similarity for a near spelling.
const FUZZY_SIMILARITY: f64 = 0.92;

/// One term of a claim.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryTerm {
    /// Comparison key (see [`crate::text::Term::key`]).
    pub key: String,
    /// Stem before concept mapping, for near-spelling matches.
    pub stem: String,
    /// Index of its first token in the claim.
    pub token: usize,
    /// Weight from the index (rarer words weigh more).
    pub weight: f32,
    /// An entity that is a country ([`Analyzer::is_country`]).
    pub country: bool,
}

/// A claim, analyzed for matching.
#[derive(Debug, Clone)]
pub struct ClaimQuery {
    /// The claim text.
    pub text: String,
    /// Tokens and terms of the text.
    pub analysis: Analysis,
    /// Entities and names, each key once.
    pub entities: Vec<QueryTerm>,
    /// Content words, each key once.
    pub words: Vec<QueryTerm>,
    /// Keys that every evidence sentence must hold (`about:` hints).
    pub required: Vec<String>,
    /// Dates the claim states.
    pub dates: Vec<PartialDate>,
    /// Numbers the claim states (dates excluded).
    pub numbers: Vec<NumberMention>,
    /// Its words for source-level topic coverage.
    pub topics: Vec<TopicTerm>,
    /// The claim read as a definition ("X is a Y"), when it is one.
    pub definition: Option<crate::definition::ClaimDefinition>,
}

impl ClaimQuery {
    /// Analyze a claim. `about` terms are analyzed the same way and become
    /// required keys.
    pub fn new(text: &str, about: &[String], analyzer: &Analyzer, index: &SentenceIndex) -> Self {
        let analysis = analyzer.analyze(text);
        let mentions = dates::extract_dates(text);
        let mut entities: Vec<QueryTerm> = Vec::new();
        let mut words: Vec<QueryTerm> = Vec::new();
        for term in &analysis.terms {
            // A date is a slot, not a word: "1950s", "the fifties".
            let at = analysis.tokens[term.first_token()].span();
            if !term.is_entity() && mentions.iter().any(|m| m.span.contains(at)) {
                continue;
            }
            // Polarity words are the negation rule's, not content: "is
            // not a musician" is about being a musician.
            if !term.is_entity()
                && crate::rules::is_negation_cue(&analysis.tokens, term.first_token())
            {
                continue;
            }
            let list = if term.is_entity() {
                &mut entities
            } else {
                &mut words
            };
            if list.iter().any(|q| q.key == term.key) {
                continue;
            }
            list.push(QueryTerm {
                key: term.key.to_string(),
                stem: term.stem().to_string(),
                token: term.first_token(),
                weight: index.weight(&term.key),
                country: term.is_entity() && analyzer.is_country(&term.key),
            });
        }
        let date_spans: Vec<_> = mentions.iter().map(|m| m.span).collect();
        let numbers = numbers::extract_numbers(text, &date_spans);
        let dates = mentions.iter().map(|m| dates::resolve(m, None)).collect();
        let required = about
            .iter()
            .flat_map(|a| analyzer.analyze(a).terms)
            .map(|t| t.key.into_string())
            .collect();
        let topics = TopicTerm::of_claim(&analysis, analyzer, index);
        let definition = crate::definition::of_claim(&analysis, text);
        ClaimQuery {
            definition,
            topics,
            text: text.to_string(),
            analysis,
            entities,
            words,
            required,
            dates,
            numbers,
        }
    }
}

/// Whether a claim entity is the claim's grammatical subject: it opens
/// the claim (after at most an article or a date phrase).
pub fn is_subject(query: &ClaimQuery, entity: &QueryTerm) -> bool {
    entity.token <= 2 && query.words.iter().all(|w| w.token > entity.token)
}

/// How a sentence states one claim word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordMatch {
    /// Same concept key.
    Exact,
    /// A near spelling of the stem.
    Fuzzy,
    /// The opposite predicate.
    Antonym,
}

/// One claim word found in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatchedWord {
    /// Index into [`ClaimQuery::words`].
    pub word: usize,
    /// Index of the sentence token that states it.
    pub token: usize,
    /// How it is stated.
    pub how: WordMatch,
}

/// Where a claim entity was found for a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityPlace {
    /// In the sentence itself, at this token.
    Here(usize),
    /// In the sentence itself through an affiliated name, at this token.
    Affiliated(usize),
    /// In the sentence before, which this one refers back to.
    Nearby,
    /// Nowhere near.
    Missing,
}

/// How one sentence lines up with a claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Alignment {
    /// Index of the sentence in the corpus.
    pub sentence: usize,
    /// Overall relevance in [0, 1].
    pub relevance: f32,
    /// Weighted share of the claim's content words the sentence states.
    pub word_coverage: f32,
    /// Weighted share of the claim's entities the sentence covers.
    pub entity_coverage: f32,
    /// The claim words found, in claim order.
    pub matched: Vec<MatchedWord>,
    /// For each claim entity, where it was found.
    pub entities: Vec<EntityPlace>,
    /// Subject and object appear swapped around the predicate.
    pub reversed: bool,
}

impl Alignment {
    /// Whether some claim entity is named in the sentence itself.
    pub fn names_an_entity(&self) -> bool {
        self.entities
            .iter()
            .any(|e| matches!(e, EntityPlace::Here(_) | EntityPlace::Affiliated(_)))
    }

    /// Whether every claim entity is named in the sentence itself.
    pub fn names_every_entity(&self) -> bool {
        self.entities
            .iter()
            .all(|e| matches!(e, EntityPlace::Here(_) | EntityPlace::Affiliated(_)))
    }

    /// Whether some claim word is stated through its antonym.
    pub fn has_antonym(&self) -> bool {
        self.matched.iter().any(|m| m.how == WordMatch::Antonym)
    }
}

/// The sentences that share a content word (or antonym) with the claim,
/// aligned, in corpus order, each with `Ok(())` when it can be evidence
/// or the reason it cannot.
pub fn candidates(
    query: &ClaimQuery,
    corpus: &Corpus,
    index: &SentenceIndex,
    analyzer: &Analyzer,
) -> Vec<(Alignment, Result<(), &'static str>)> {
    let mut ids: Vec<u32> = Vec::new();
    for postings in probe_postings(query, index, analyzer) {
        ids.extend_from_slice(postings);
    }
    ids.sort_unstable();
    ids.dedup();
    align_all(query, corpus, analyzer, ids)
}

/// The posting lists a sentence must be in to be a candidate: the claim's
/// words and their antonyms, or its entities when it has no words.
fn probe_postings<'a>(
    query: &'a ClaimQuery,
    index: &'a SentenceIndex,
    analyzer: &'a Analyzer,
) -> Vec<&'a [u32]> {
    if query.words.is_empty() {
        return query
            .entities
            .iter()
            .map(|e| index.postings(&e.key))
            .collect();
    }
    query
        .words
        .iter()
        .flat_map(|w| {
            std::iter::once(w.key.as_str())
                .chain(analyzer.antonyms(&w.key).iter().map(String::as_str))
        })
        .map(|key| index.postings(key))
        .collect()
}

fn align_all(
    query: &ClaimQuery,
    corpus: &Corpus,
    analyzer: &Analyzer,
    ids: Vec<u32>,
) -> Vec<(Alignment, Result<(), &'static str>)> {
    ids.into_iter()
        .filter_map(|id| {
            let id = id as usize;
            let sentence = corpus.sentences.get(id)?;
            let previous = corpus.context(id);
            let context = Context::of(corpus, &previous, id);
            let alignment = align_sentence(query, sentence, &context, analyzer, id);
            let gate = evidence_gate(query, &alignment, sentence);
            Some((alignment, gate))
        })
        .collect()
}

/// The [`candidates`] that can pass [`evidence_gate`]'s first test (at
/// most one claim entity missing, none when the claim has one): the same
/// alignments and gates, less the sentences where too few claim entities
/// can be placed, which are never aligned (they would all be near misses,
/// "a claim entity is not mentioned"). Driven by the entities' posting
/// lists, so a claim costs what its entities' neighbourhoods cost, not
/// what its commonest word does.
///
/// Keep in step with [`align_sentence`]: a claim entity is placed in a
/// sentence only through a key of [`entity_reach`] in that sentence or
/// in the [`crate::corpus::CONTEXT_SENTENCES`] before it, or (the claim's
/// subject) by the pronoun or "the film" opening a snippet
/// ([`SentenceIndex::openers`]).
pub fn evidence_candidates(
    query: &ClaimQuery,
    corpus: &Corpus,
    index: &SentenceIndex,
    analyzer: &Analyzer,
) -> Vec<(Alignment, Result<(), &'static str>)> {
    let need = entities_needed(query);
    if need == 0 {
        return candidates(query, corpus, index, analyzer);
    }
    // Every sentence each entity can be placed in, once per entity.
    let mut reached: Vec<u32> = Vec::new();
    for (e, entity) in query.entities.iter().enumerate() {
        let mut ids: Vec<u32> = Vec::new();
        if e == 0 && is_subject(query, entity) {
            ids.extend_from_slice(index.openers());
        }
        for key in entity_reach(&entity.key, index, analyzer) {
            for &s in index.postings_of(key) {
                ids.extend(corpus.with_following(s));
            }
        }
        ids.sort_unstable();
        ids.dedup();
        reached.extend(ids);
    }
    reached.sort_unstable();
    let probes = probe_postings(query, index, analyzer);
    let mut ids = Vec::new();
    for run in reached.chunk_by(|a, b| a == b) {
        let id = run[0];
        if run.len() >= need && probes.iter().any(|p| p.binary_search(&id).is_ok()) {
            ids.push(id);
        }
    }
    align_all(query, corpus, analyzer, ids)
}

/// How many claim entities an evidence sentence must place: all of
/// one, one fewer of several; none when another country may take the
/// place of the claim's only one ([`lone_country_object`]).
fn entities_needed(query: &ClaimQuery) -> usize {
    let n = query.entities.len();
    if lone_country_object(query) {
        return 0;
    }
    n - usize::from(n >= 2)
}

/// Whether [`evidence_candidates`] can find anything for `query`: enough
/// of its entities have some key in the corpus. A cheap test, for many
/// small corpora (one per streamed document).
pub fn may_have_evidence(query: &ClaimQuery, index: &SentenceIndex, analyzer: &Analyzer) -> bool {
    let need = entities_needed(query);
    need == 0
        || query
            .entities
            .iter()
            .filter(|e| !entity_reach(&e.key, index, analyzer).is_empty())
            .count()
            >= need
}

/// Every key of the corpus through which [`align_sentence`] can place the
/// claim entity `key`: the keys [`same_entity`] accepts, the names
/// affiliated with it ("@vladimir putin" for "@russia"), and the entity
/// it is affiliated with (its leader words: "the Russian leader").
pub fn entity_reach(key: &str, index: &SentenceIndex, analyzer: &Analyzer) -> Vec<KeyId> {
    let name = key.trim_start_matches('@');
    let mut found: Vec<KeyId> = Vec::new();
    // same_entity: the key itself, longer keys ending with its name, and
    // shorter keys whose name ends it.
    found.extend(index.key_id(key));
    found.extend_from_slice(index.keys_ending_with(name));
    // "@john hovig dolmayan" for "@john dolmayan": same surname, first
    // names alike (filtered by same_entity below).
    if let Some((_, surname)) = name.rsplit_once(' ') {
        found.extend_from_slice(index.keys_ending_with(surname));
    }
    // "@penguin" for "@penguin books": a shorter name starting it.
    for (at, _) in name.match_indices(' ') {
        found.extend(index.key_id(&format!("@{}", &name[..at])));
    }
    for (at, _) in key.match_indices(' ') {
        let suffix = &key[at + 1..];
        found.extend(index.key_id(suffix));
        found.extend(index.key_id(&format!("@{suffix}")));
    }
    found.retain(|&id| same_entity(key, index.key(id)));
    // name_as_word: a one-word name written as a word ("a floppy disk").
    if !name.contains(' ') {
        found.extend(index.key_id(&analyzer.word_key(&analyzer.stem(name))));
    }
    found.extend(analyzer.affiliates(key).filter_map(|m| index.key_id(m)));
    found.extend(analyzer.affiliation(key).and_then(|e| index.key_id(e)));
    found.sort_unstable();
    found.dedup();
    found
}

/// What a sentence's anaphora may refer to.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The sentences just before it (nearest first), which anaphora ("it",
    /// "the two countries") may refer back to.
    pub previous: &'a [&'a Sentence],
    /// The sentence opens a snippet with a pronoun
    /// ([`Corpus::opens_snippet`]): it may speak of the claim's subject.
    pub unnamed_subject: bool,
}

impl<'a> Context<'a> {
    /// The context of sentence `id` of `corpus`.
    pub fn of(corpus: &'a Corpus, previous: &'a [&'a Sentence], id: usize) -> Self {
        Context {
            previous,
            unnamed_subject: corpus.opens_snippet(id),
        }
    }
}

/// Align a sentence given its [`Context`].
pub fn align_sentence(
    query: &ClaimQuery,
    sentence: &Sentence,
    context: &Context<'_>,
    analyzer: &Analyzer,
    sentence_id: usize,
) -> Alignment {
    let previous = context.previous;
    let terms = &sentence.analysis.terms;
    let tokens = &sentence.analysis.tokens;

    // Content words: exact concept, antonym, or near spelling.
    let mut matched = Vec::new();
    let mut word_score = 0.0;
    let mut word_total = 0.0;
    for (w, word) in query.words.iter().enumerate() {
        word_total += word.weight;
        let exact = terms
            .iter()
            .find(|t| t.kind == TermKind::Word && t.key == word.key);
        if let Some(term) = exact {
            matched.push(MatchedWord {
                word: w,
                token: term.first_token(),
                how: WordMatch::Exact,
            });
            word_score += word.weight;
            continue;
        }
        let antonyms = analyzer.antonyms(&word.key);
        let opposite = terms
            .iter()
            .find(|t| t.kind == TermKind::Word && antonyms.iter().any(|a| *a == t.key));
        if let Some(term) = opposite {
            matched.push(MatchedWord {
                word: w,
                token: term.first_token(),
                how: WordMatch::Antonym,
            });
            word_score += word.weight;
            continue;
        }
        let related = analyzer.related(&word.key);
        let near = terms.iter().find(|t| {
            t.kind == TermKind::Word
                && (near_spelling(&word.stem, t.stem()) || related.iter().any(|r| *r == t.key))
        });
        if let Some(term) = near {
            matched.push(MatchedWord {
                word: w,
                token: term.first_token(),
                how: WordMatch::Fuzzy,
            });
            word_score += word.weight * FUZZY_CREDIT;
        }
    }
    // An antonym alone is no sign the sentence is about the claim: it
    // counts only beside a claim word stated as such.
    let stated = matched
        .iter()
        .filter(|m| m.how != WordMatch::Antonym)
        .count();
    if stated == 0 && query.words.len() > 1 {
        for m in matched.iter().filter(|m| m.how == WordMatch::Antonym) {
            word_score -= query.words[m.word].weight;
        }
        matched.clear();
    }
    let word_coverage = if word_total > 0.0 {
        word_score / word_total
    } else {
        1.0
    };

    // Entities count where the claim's words are: in the clause holding
    // most matched words, not in a contrasting one ("…, while scarcely
    // mentioning Xi").
    let clauses = clause_ids(tokens);
    let main_clause = main_clause(&clauses, &matched);
    let in_main = |token: usize| main_clause.is_none_or(|c| clauses.get(token) == Some(&c));

    // Entities: here, through an affiliation, or in the sentence before.
    let refers_back = tokens.iter().any(|t| ANAPHORS.contains(&t.norm.as_str()))
        || (0..tokens.len()).any(|at| crate::text::refers_back_at(tokens, at));
    let mut entity_score = 0.0;
    let mut entity_total = 0.0;
    let mut entities = Vec::with_capacity(query.entities.len());
    // A source opening with a pronoun ("He was born in 1956") speaks of
    // someone it never names: the claim's subject may be that someone.
    let unnamed_subject = context.unnamed_subject;
    for (e, entity) in query.entities.iter().enumerate() {
        entity_total += entity.weight;
        let place = if let Some(term) = terms
            .iter()
            .find(|t| same_entity(&entity.key, &t.key) && in_main(t.first_token()))
        {
            EntityPlace::Here(term.first_token())
        } else if let Some(term) = terms.iter().find(|t| {
            analyzer.affiliation(&t.key) == Some(entity.key.as_str()) && in_main(t.first_token())
        }) {
            EntityPlace::Affiliated(term.first_token())
        } else if let Some(at) = name_as_word(analyzer, &entity.key, terms) {
            EntityPlace::Here(at)
        } else if let Some(at) = leader_of(analyzer, &entity.key, tokens, terms) {
            EntityPlace::Affiliated(at)
        } else if (unnamed_subject && e == 0 && is_subject(query, entity))
            || (refers_back
                && previous.iter().any(|p| {
                    p.analysis.terms.iter().any(|t| {
                        same_entity(&entity.key, &t.key)
                            || analyzer.affiliation(&t.key) == Some(entity.key.as_str())
                    })
                }))
        {
            EntityPlace::Nearby
        } else {
            EntityPlace::Missing
        };
        entity_score += match place {
            EntityPlace::Here(_) => entity.weight,
            EntityPlace::Affiliated(_) | EntityPlace::Nearby => {
                entity.weight * INDIRECT_ENTITY_CREDIT
            }
            EntityPlace::Missing => 0.0,
        };
        entities.push(place);
    }
    let entity_coverage = if entity_total > 0.0 {
        entity_score / entity_total
    } else {
        1.0
    };

    let reversed = is_reversed(query, &matched, &entities, tokens);
    let mut relevance = if query.entities.is_empty() {
        word_coverage
    } else {
        0.4 * entity_coverage + 0.6 * word_coverage
    };
    if reversed {
        relevance *= 0.3;
    }
    Alignment {
        sentence: sentence_id,
        relevance,
        word_coverage,
        entity_coverage,
        matched,
        entities,
        reversed,
    }
}

/// Least share of the claim's content words a sentence must state.
pub const MIN_WORD_COVERAGE: f32 = 0.5;
/// Least share of words for a sentence that names every entity and the date.
pub const ANCHORED_MIN_WORD_COVERAGE: f32 = 0.34;
/// Least relevance for a sentence to count as evidence at all.
pub const MIN_RELEVANCE: f32 = 0.55;

/// Whether an alignment is close enough to the claim to be evidence:
/// every claim entity covered (one may be missing when there are three or
/// more, or when another entity takes its role), enough content words,
/// every required `about` key, and no swapped roles. The error says why not.
pub fn evidence_gate(
    query: &ClaimQuery,
    alignment: &Alignment,
    sentence: &Sentence,
) -> Result<(), &'static str> {
    let missing = alignment
        .entities
        .iter()
        .filter(|e| **e == EntityPlace::Missing)
        .count();
    let substitution_possible = missing == 1
        && (query.entities.len() >= 2 || lone_country_object(query))
        && alignment.word_coverage >= 0.9
        && sentence
            .analysis
            .terms
            .iter()
            .any(|t| t.is_entity() && !query.entities.iter().any(|e| e.key == t.key));
    // Long claims may name more than a sentence repeats: one entity in
    // three may be left out.
    let allowed_missing = (query.entities.len() / 3).max(usize::from(substitution_possible));
    if missing > allowed_missing {
        return Err("a claim entity is not mentioned");
    }
    // The claim's subject (its first entity) is never the one left out.
    if query.entities.len() >= 3 && alignment.entities.first() == Some(&EntityPlace::Missing) {
        return Err("the claim's subject is not mentioned");
    }
    if !query.words.is_empty() && alignment.matched.is_empty() {
        return Err("no claim word is stated");
    }
    // A sentence naming every claim entity and the claim's date is
    // anchored: fewer of the claim's words need to be stated.
    let anchored = alignment.names_every_entity()
        && sentence.dates.iter().any(|d| {
            query
                .dates
                .iter()
                .any(|c| crate::dates::compare(c, &d.date) == crate::dates::DateComparison::Agree)
        });
    let min_words = if anchored {
        ANCHORED_MIN_WORD_COVERAGE
    } else {
        MIN_WORD_COVERAGE
    };
    // One shared word is not a statement of a many-word claim.
    if !anchored && alignment.matched.len() < query.words.len().min(2) {
        return Err("only one of the claim's words is stated");
    }
    if !query.words.is_empty() && alignment.word_coverage < min_words {
        return Err("too few of the claim's words are stated");
    }
    if alignment.reversed {
        return Err("subject and object are swapped");
    }
    if alignment.relevance < MIN_RELEVANCE {
        return Err("too little in common with the claim");
    }
    if !has_required(query, sentence) {
        return Err("an `about` term is missing");
    }
    Ok(())
}

/// Whether the claim's one entity is a country in an object's role ("…
/// originated in Australia"), after at least two words: another country
/// in that role may refute it ([`crate::rules`]' entity rule).
pub fn lone_country_object(query: &ClaimQuery) -> bool {
    match query.entities.as_slice() {
        [entity] => entity.country && query.words.len() >= 2 && !is_subject(query, entity),
        _ => false,
    }
}

/// Whether every `about` key of the query is in the sentence.
pub fn has_required(query: &ClaimQuery, sentence: &Sentence) -> bool {
    let keys: HashSet<&str> = sentence
        .analysis
        .terms
        .iter()
        .map(|t| t.key.as_str())
        .collect();
    query.required.iter().all(|k| keys.contains(k.as_str()))
}

/// How many tokens before an entity a passive "by" may stand.
const PASSIVE_REACH: usize = 4;

/// Words that open a contrasting clause after a comma or semicolon.
const CLAUSE_OPENERS: &[&str] = &["while", "whereas", "but", "although", "though", "unlike"];

/// A clause number per token: a new clause starts at a contrasting
/// connective ("while", "but", ...) that follows a comma or semicolon, or
/// after a semicolon.
pub fn clause_ids(tokens: &[crate::text::Token]) -> Vec<usize> {
    let mut ids = Vec::with_capacity(tokens.len());
    let mut clause = 0;
    for (i, token) in tokens.iter().enumerate() {
        if i > 0
            && CLAUSE_OPENERS.contains(&token.norm.as_str())
            && token.span().start > tokens[i - 1].span().end + 1
        {
            clause += 1;
        }
        ids.push(clause);
    }
    ids
}

/// The clause holding most matched words (the first on ties); `None`
/// when nothing matched.
pub fn main_clause(clauses: &[usize], matched: &[MatchedWord]) -> Option<usize> {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for m in matched {
        let clause = *clauses.get(m.token)?;
        match counts.iter_mut().find(|(c, _)| *c == clause) {
            Some((_, n)) => *n += 1,
            None => counts.push((clause, 1)),
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(c, _)| c)
}

/// Words that, beside an entity, name its leader ("the Russian leader").
const LEADER_WORDS: &[&str] = &["leader", "leaders", "president", "ruler"];

/// Where a sentence names the entity a claim person stands for together
/// with a leader word: "the two Russian and North Korean leaders" covers
/// Putin and Kim Jong Un.
fn leader_of(
    analyzer: &Analyzer,
    person: &str,
    tokens: &[crate::text::Token],
    terms: &[crate::text::Term],
) -> Option<usize> {
    let entity = analyzer.affiliation(person)?;
    // A leader word followed by a name is that person ("China's
    // second-ranking leader, Premier Li Qiang"), not the claim's.
    let names_someone = |i: usize| {
        terms.iter().any(|t| {
            (t.kind == TermKind::Name || analyzer.affiliation(&t.key).is_some())
                && t.first_token() > i
                && t.first_token() <= i + 3
        })
    };
    let is_leader = |i: usize| {
        tokens
            .get(i)
            .is_some_and(|t| LEADER_WORDS.contains(&t.norm.as_str()))
            && !names_someone(i)
    };
    // "the Russian leader", "Russian and North Korean leaders" (the leader
    // word within four tokens after), "the leader of Russia" (two before).
    terms
        .iter()
        .find(|t| {
            t.key == entity
                && ((t.end_token()..t.end_token() + 4).any(is_leader)
                    || (t.first_token().saturating_sub(2)..t.first_token()).any(is_leader))
        })
        .map(|t| t.first_token())
}

fn same_entity(claim_key: &str, sentence_key: &str) -> bool {
    if claim_key == sentence_key {
        return true;
    }
    // "@li qiang" in a claim, "@premier li qiang" or "@qiang" in text:
    // one name's words end the other's.
    let (short, long) = if claim_key.len() < sentence_key.len() {
        (claim_key, sentence_key)
    } else {
        (sentence_key, claim_key)
    };
    let short_name = short.trim_start_matches('@');
    if short_name.len() >= 4
        && (long.ends_with(&format!(" {short_name}"))
            || long.starts_with(&format!("@{short_name} ")))
    {
        return true;
    }
    // "Tim Roth" and "Timothy Simon Roth": the same surname, and first
    // names that start alike.
    let (a, b) = (
        claim_key.trim_start_matches('@'),
        sentence_key.trim_start_matches('@'),
    );
    match (a.split_once(' '), b.split_once(' ')) {
        (Some((a_first, _)), Some((b_first, _))) => {
            let (a_last, b_last) = (a.rsplit(' ').next(), b.rsplit(' ').next());
            a_last == b_last
                && a_last.is_some_and(|l| l.len() >= 4)
                && a_first.get(..2).is_some()
                && a_first.get(..2) == b_first.get(..2)
        }
        _ => false,
    }
}

/// A single-word name of the claim written in lower case in the sentence
/// ("the Treaty" / "the treaty"): same stem as one of its words.
fn name_as_word(
    analyzer: &Analyzer,
    claim_key: &str,
    terms: &[crate::text::Term],
) -> Option<usize> {
    let name = claim_key.strip_prefix('@')?;
    if name.contains(' ') {
        return None;
    }
    let stem = analyzer.stem(name);
    terms
        .iter()
        .find(|t| t.kind == TermKind::Word && t.stem() == stem)
        .map(|t| t.first_token())
}

fn near_spelling(a: &str, b: &str) -> bool {
    if a.len() < 5 || b.len() < 5 {
        return false;
    }
    // "modernis"/"modern": a prefix differing by a suffix of at most two
    // letters ("intern" is not "internation").
    if (a.starts_with(b) || b.starts_with(a)) && a.len().abs_diff(b.len()) <= 2 {
        return true;
    }
    strsim::jaro_winkler(a, b) >= FUZZY_SIMILARITY
}

/// Subject and object swapped around the predicate: a claim entity that
/// comes before its first matched word in the claim comes only after it in
/// the sentence, and one that comes after comes only before. A passive
/// agent ("by Russia") is left alone.
fn is_reversed(
    query: &ClaimQuery,
    matched: &[MatchedWord],
    places: &[EntityPlace],
    tokens: &[crate::text::Token],
) -> bool {
    let Some(pivot) = matched.iter().min_by_key(|m| query.words[m.word].token) else {
        return false;
    };
    let claim_pivot = query.words[pivot.word].token;
    let sentence_pivot = pivot.token;
    let mut subject_after = false;
    let mut object_before = false;
    for (entity, place) in query.entities.iter().zip(places) {
        let (EntityPlace::Here(at) | EntityPlace::Affiliated(at)) = *place else {
            continue;
        };
        // "led by Premier (later President) Kim Il-sung": a "by" shortly
        // before the entity makes it the agent of a passive.
        let passive_agent = (at.saturating_sub(PASSIVE_REACH)..at).any(|b| {
            tokens[b].norm == "by"
                && tokens[b + 1..at].iter().all(|t| {
                    t.capitalized || matches!(t.norm.as_str(), "later" | "then" | "former" | "the")
                })
        });
        if passive_agent {
            return false;
        }
        if entity.token < claim_pivot && at > sentence_pivot {
            subject_after = true;
        }
        if entity.token > claim_pivot && at < sentence_pivot {
            object_before = true;
        }
    }
    // With the subject named only in an earlier sentence, the object
    // standing before the predicate is taken as the sentence's subject
    // ("North Korea offers weapons" against "Russia supplies weapons to
    // North Korea").
    let subject_absent = query
        .entities
        .iter()
        .zip(places)
        .filter(|(e, _)| e.token < claim_pivot)
        .all(|(_, p)| matches!(p, EntityPlace::Nearby | EntityPlace::Missing));
    let has_subject = query.entities.iter().any(|e| e.token < claim_pivot);
    (subject_after && object_before) || (has_subject && subject_absent && object_before)
}

//! Life dates: "Earl Scruggs (January 6, 1924 – March 28, 2012) was an
//! American musician" states a birth and a death without the words. The
//! first date of such a parenthesis becomes a "born" term and the second
//! a "died" term, each on its date, so that "Earl Scruggs was born on
//! January 6th, 1924" finds its evidence and "… born in 1926" is refuted
//! by the birth date alone (the date rule compares a claim date with the
//! date its event word stands on).

use crate::dates::DateMention;
use crate::text::{Analysis, Analyzer, Term};

/// Most tokens before the parenthesis: it follows the sentence's opening
/// name, as in an encyclopaedia's first sentence or an obituary.
const MAX_TOKENS_BEFORE: usize = 10;
/// The dashes between the two dates ("--" is a tokenised en dash).
const DASHES: &[&str] = &["-", "--", "–", "—", "−"];

/// Add a "born" and a "died" term on the two dates of a life-dates
/// parenthesis, if the sentence opens with one: the first parenthesis,
/// within [`MAX_TOKENS_BEFORE`] tokens of the start, ending with two dates
/// (each with a year and a month) joined by a dash.
pub fn add_terms(
    text: &str,
    mentions: &[DateMention],
    analysis: &mut Analysis,
    analyzer: &Analyzer,
) {
    let Some(open) = text.find('(') else { return };
    let tokens_before = analysis
        .tokens
        .iter()
        .take_while(|t| t.span().start < open)
        .count();
    if tokens_before == 0 || tokens_before > MAX_TOKENS_BEFORE {
        return;
    }
    let Some(close) = text[open..].find(')').map(|c| open + c) else {
        return;
    };
    let inside: Vec<&DateMention> = mentions
        .iter()
        .filter(|m| m.span.start > open && m.span.end <= close)
        .collect();
    let [.., birth, death] = inside.as_slice() else {
        return;
    };
    let joined = DASHES.contains(&text[birth.span.end..death.span.start].trim());
    let full = |m: &DateMention| m.date.year.is_some() && m.date.month.is_some();
    let ends = text[death.span.end..close].trim().is_empty();
    if !joined || !full(birth) || !full(death) || !ends {
        return;
    }
    for (mention, word) in [(birth, "born"), (death, "died")] {
        let Some(at) = analysis
            .tokens
            .iter()
            .position(|t| t.span().start >= mention.span.start)
        else {
            return;
        };
        let stem = analyzer.stem(word);
        analysis
            .terms
            .push(Term::word(analyzer.word_key(&stem).into(), &stem, at));
    }
    analysis.terms.sort_by_key(Term::first_token);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::extract_dates;
    use crate::text::AliasTable;

    fn keys(text: &str) -> Vec<String> {
        let analyzer = Analyzer::new(AliasTable::builtin());
        let mut analysis = analyzer.analyze(text);
        add_terms(text, &extract_dates(text), &mut analysis, &analyzer);
        analysis
            .terms
            .into_iter()
            .map(|t| t.key.to_string())
            .collect()
    }

    #[test]
    fn life_dates_state_birth_and_death() {
        let analyzer = Analyzer::new(AliasTable::builtin());
        let key = |word: &str| analyzer.word_key(&analyzer.stem(word));
        let keys = keys(
            "Earl Eugene Scruggs (January 6, 1924 – March 28, 2012) was an American musician.",
        );
        let born = keys.iter().position(|k| *k == key("born")).expect("born");
        let died = keys.iter().position(|k| *k == key("died")).expect("died");
        assert!(born < died);
    }

    #[test]
    fn other_parentheses_state_nothing() {
        // Years of a run, not a life; a parenthesis far into the sentence.
        assert!(!keys("Ed (2000 – 2004) is a comedy series.").contains(&"born".to_string()));
        assert!(
            !keys("She played in many films over a long and varied career on screen and stage (January 6, 1924 – March 28, 2012).")
                .contains(&"born".to_string())
        );
    }
}

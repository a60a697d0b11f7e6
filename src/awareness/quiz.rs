//! The before/after quiz: a small bilingual question bank (`quiz.toml`), each question keyed
//! to a prevention tip. A programme that uses the quiz keeps the ids of its questions, so its
//! attendees answer the same questions at the start and at the end.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use sahayak_domain::case::Lang;
use serde::Deserialize;

const BANK: &str = include_str!("quiz.toml");
/// A quiz has this many questions at most, and at least [`MIN`] (the bank has more).
pub const MAX: usize = 5;
pub const MIN: usize = 3;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    pub en: String,
    pub hi: String,
}

impl Words {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Hi => &self.hi,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    /// The prevention tip the question checks.
    pub tip: String,
    /// The index of the right option.
    pub answer: usize,
    pub text: Words,
    pub options: Vec<Words>,
}

#[derive(Deserialize)]
struct Bank {
    question: Vec<Question>,
}

static QUESTIONS: LazyLock<Vec<Question>> = LazyLock::new(|| {
    // Checked by the tests below; a build whose data was never tested fails loudly.
    toml::from_str::<Bank>(BANK).unwrap_or_else(|e| panic!("quiz.toml: {e}")).question
});

pub fn all() -> &'static [Question] {
    &QUESTIONS
}

pub fn get(id: &str) -> Option<&'static Question> {
    all().iter().find(|q| q.id == id)
}

/// The quiz for a programme on these topics: the questions on its topics first, then the
/// others in the bank's order, [`MAX`] in all.
pub fn choose(topics: &[String]) -> Vec<String> {
    let on_topic = all().iter().filter(|q| topics.contains(&q.tip));
    let others = all().iter().filter(|q| !topics.contains(&q.tip));
    on_topic.chain(others).take(MAX).map(|q| q.id.clone()).collect()
}

/// How many of `questions` were answered right. `None` while any is unanswered or answered
/// with an option that does not exist.
pub fn score(questions: &[String], answers: &BTreeMap<String, usize>) -> Option<i64> {
    let mut right = 0;
    for id in questions {
        let q = get(id)?;
        let given = *answers.get(id)?;
        if given >= q.options.len() {
            return None;
        }
        right += i64::from(given == q.answer);
    }
    Some(right)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bank_is_sound() {
        let tips: Vec<&str> = sahayak_domain::plans::Catalog::builtin().tips().iter().map(|t| t.id.as_str()).collect();
        assert!(all().len() >= MAX);
        let mut ids = std::collections::BTreeSet::new();
        for q in all() {
            assert!(ids.insert(q.id.as_str()), "duplicate id {}", q.id);
            assert!(tips.contains(&q.tip.as_str()), "{}: unknown tip {}", q.id, q.tip);
            assert!((2..=4).contains(&q.options.len()), "{}", q.id);
            assert!(q.answer < q.options.len(), "{}", q.id);
            assert!(q.text.hi.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c)), "{}", q.id);
        }
    }

    #[test]
    fn topics_come_first_and_scores_count_right_answers() {
        let quiz = choose(&["blackmail_dont_pay".into()]);
        assert_eq!(quiz.len(), MAX);
        assert_eq!(quiz[0], "blackmail_pay");
        let mut answers: BTreeMap<String, usize> =
            quiz.iter().map(|id| (id.clone(), get(id).unwrap().answer)).collect();
        assert_eq!(score(&quiz, &answers), Some(MAX as i64));
        answers.insert(quiz[0].clone(), 0);
        assert_eq!(score(&quiz, &answers), Some(MAX as i64 - 1));
        answers.insert(quiz[1].clone(), 9);
        assert_eq!(score(&quiz, &answers), None, "no such option");
        answers.remove(&quiz[1]);
        assert_eq!(score(&quiz, &answers), None, "unanswered");
    }
}

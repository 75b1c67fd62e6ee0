//! What the follow-up pages show: the answers ([`Answer`]), the attendee's answer page
//! ([`AnswerPage`]) and the coordinator's view ([`FollowupView`]) with the answers per topic
//! beside the plan's prediction; and the pure rule of who sat with whom ([`tablemates`]).

use crate::i18n::T;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// An answer to "did you find what you were looking for?" for one need.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Answer {
    Yes,
    Partly,
    No,
}

impl Answer {
    pub const ALL: [Answer; 3] = [Answer::Yes, Answer::Partly, Answer::No];

    /// As stored and posted.
    pub fn code(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::Partly => "partly",
            Answer::No => "no",
        }
    }

    pub fn parse(code: &str) -> Option<Answer> {
        Answer::ALL.into_iter().find(|a| a.code() == code)
    }

    pub fn label(self) -> T {
        match self {
            Answer::Yes => T::FollowupYes,
            Answer::Partly => T::FollowupPartly,
            Answer::No => T::FollowupNo,
        }
    }
}

/// The form field of the answer for need `code`.
pub fn field_name(code: &str) -> String {
    format!("need-{code}")
}

/// The answers in a plain form post, for the needs in `needs` (other fields are ignored).
/// A value that is not an answer counts as no answer.
pub fn answers_from_pairs(pairs: &[(String, String)], needs: &[String]) -> Vec<(String, Answer)> {
    needs
        .iter()
        .filter_map(|code| {
            let name = field_name(code);
            let value = pairs.iter().rev().find(|(k, _)| *k == name)?;
            Some((code.clone(), Answer::parse(value.1.trim())?))
        })
        .collect()
}

/// One need on the answer page, with the answer given so far.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedAnswer {
    pub code: String,
    pub label: String,
    pub answer: Option<Answer>,
}

/// The attendee's answer page behind the link in the follow-up mail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerPage {
    pub event_title: String,
    pub first_name: String,
    pub needs: Vec<NeedAnswer>,
    /// Whether they answered before.
    pub answered: bool,
}

/// How many people answered one topic each way, beside the plan's prediction.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicAnswers {
    pub code: String,
    pub label: String,
    /// People mailed who look for this topic.
    pub asked: usize,
    /// Of those, how many sat (in some round) with someone who offers it.
    pub predicted_met: usize,
    pub yes: usize,
    pub partly: usize,
    pub no: usize,
}

/// The coordinator's follow-up page of one event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FollowupView {
    pub slug: String,
    pub title: String,
    pub ended: bool,
    /// People who sat at a table in the published plan (and attended, when check-in was used).
    pub seated: usize,
    /// People mailed already (also those no longer seated after a later publication).
    pub sent: usize,
    /// Seated people not mailed yet: the next send mails them.
    pub to_send: usize,
    /// The mail the next person would get: recipient's name, subject and text.
    pub preview: Option<(String, String, String)>,
    /// People mailed who answered at least one need.
    pub responded: usize,
    pub topics: Vec<TopicAnswers>,
    /// The latest plan's figure: person-rounds with a need next to an offer, of those with a need.
    pub plan_needs: Option<(usize, usize)>,
    /// When the privacy purge removed the people: the figures above are then the anonymous
    /// counts it kept (RFC 3339).
    pub kept_at: Option<String>,
}

/// What the privacy purge keeps of an event's follow-up: counts only, no people.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptFollowup {
    pub sent: usize,
    pub responded: usize,
    pub topics: Vec<TopicAnswers>,
    pub plan_needs: Option<(usize, usize)>,
}

/// Who sat with whom over all rounds: for each person in `seats` (registration id, round,
/// table) who is in `present`, the others in `present` at one of their tables.
pub fn tablemates(
    seats: &[(i64, i64, String)],
    present: &BTreeSet<i64>,
) -> BTreeMap<i64, BTreeSet<i64>> {
    let mut tables: BTreeMap<(i64, &str), Vec<i64>> = BTreeMap::new();
    for (id, round, table) in seats {
        if present.contains(id) {
            tables
                .entry((*round, table.as_str()))
                .or_default()
                .push(*id);
        }
    }
    let mut mates: BTreeMap<i64, BTreeSet<i64>> = BTreeMap::new();
    for people in tables.values() {
        for a in people {
            let entry = mates.entry(*a).or_default();
            entry.extend(people.iter().filter(|b| *b != a));
        }
    }
    mates
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tablemates_over_all_rounds_once_each_and_only_present_people() {
        let seat = |id: i64, round: i64, table: &str| (id, round, table.to_string());
        let seats = vec![
            seat(1, 1, "A"),
            seat(2, 1, "A"),
            seat(3, 1, "B"),
            seat(4, 1, "B"),
            seat(1, 2, "A"),
            seat(3, 2, "A"),
            seat(2, 2, "B"),
            seat(4, 2, "B"),
            seat(1, 3, "B"),
            seat(2, 3, "B"),
        ];
        let present: BTreeSet<i64> = [1, 2, 3].into();
        let m = tablemates(&seats, &present);
        assert_eq!(m[&1], BTreeSet::from([2, 3]));
        assert_eq!(m[&2], BTreeSet::from([1]));
        assert_eq!(m[&3], BTreeSet::from([1]));
        assert!(!m.contains_key(&4), "4 was not there");
    }

    #[test]
    fn answers_are_read_for_the_persons_needs_only() {
        let pairs: Vec<(String, String)> = [
            ("need-funding", "yes"),
            ("need-jobs", "maybe"),
            ("need-other", "no"),
            ("need-training", "partly"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let needs = vec!["funding".to_string(), "jobs".into(), "training".into()];
        assert_eq!(
            answers_from_pairs(&pairs, &needs),
            vec![
                ("funding".to_string(), Answer::Yes),
                ("training".to_string(), Answer::Partly)
            ]
        );
        for a in Answer::ALL {
            assert_eq!(Answer::parse(a.code()), Some(a));
        }
    }
}

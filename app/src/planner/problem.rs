//! From the planner's rows to the engine and back (server only): confirmed registrations and
//! tables become a `seating::ProblemSpec` (organisation keeps colleagues apart, organisation
//! type is the group to mix, offers and needs are topic codes); the engine's result becomes
//! the stored plan, hand edits (move, swap, lock) change it and the engine's scorer scores it
//! again, and a stored plan plus the people now confirmed becomes a [`PlanView`].

use super::model::{PlanView, Quality, RoundView, Seat, TableView};
use crate::domain::OrgType;
use crate::i18n::T;
use crate::seating::explain::{explain_plan, TableExplanation};
use crate::seating::problem::NONE;
use crate::seating::{
    Lock, Participant, Plan, Problem, ProblemSpec, QualityReport, SeatingError, SeatingResult,
    Table, Weights,
};
use crate::store::planner::{PersonRow, TableRow};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// The problem for `people` at `tables` over `rounds` rounds; participant ids are the
/// registration ids. Organisation names are compared without case or outer spaces. A
/// table's host among `people` is pinned to it in every round.
pub fn spec(people: &[PersonRow], tables: &[TableRow], rounds: u32) -> ProblemSpec {
    let host_of: HashMap<i64, &str> = tables
        .iter()
        .filter_map(|t| Some((t.host?, t.name.as_str())))
        .collect();
    ProblemSpec {
        name: "event".into(),
        rounds,
        tables: tables
            .iter()
            .map(|t| Table {
                id: t.name.clone(),
                capacity: u32::try_from(t.capacity).unwrap_or(0),
                min_size: u32::try_from(t.min_size).unwrap_or(0),
            })
            .collect(),
        participants: people
            .iter()
            .map(|p| Participant {
                id: p.id.to_string(),
                name: Some(format!("{} {}", p.first_name, p.last_name)),
                organisation: Some(p.organisation.trim().to_lowercase()).filter(|o| !o.is_empty()),
                group: Some(p.org_type.clone()),
                sector: Some(p.sector.clone()),
                offers: p.offers.clone(),
                needs: p.needs.clone(),
                pinned_table: host_of.get(&p.id).map(|t| t.to_string()),
                pinned_rounds: None,
                role: host_of.contains_key(&p.id).then(|| "host".to_string()),
            })
            .collect(),
        locks: Vec::new(),
        met_pairs: Vec::new(),
        weights: Weights::default(),
    }
}

/// `locks` without those of pinned participants (hosts): their pin decides their seat.
pub fn without_pinned(spec: &ProblemSpec, locks: Vec<Lock>) -> Vec<Lock> {
    let pinned: HashSet<&str> = spec
        .participants
        .iter()
        .filter(|p| p.pinned_table.is_some())
        .map(|p| p.id.as_str())
        .collect();
    locks
        .into_iter()
        .filter(|l| !pinned.contains(l.participant.as_str()))
        .collect()
}

/// Per table in a round: distinct groups and needs met there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableStats {
    pub groups: usize,
    pub needs_met: usize,
}

/// A plan as stored (JSON): the tables' names and sizes at planning time, per round and
/// table the registration ids seated, per round and table its figures, the quality, and
/// the seats the coordinator locked (round from 1, registration id; older plans have none).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredPlan {
    pub tables: Vec<(String, u32)>,
    pub seats: Vec<Vec<Vec<i64>>>,
    pub stats: Vec<Vec<TableStats>>,
    pub quality: Quality,
    #[serde(default)]
    pub locked: Vec<(u32, i64)>,
}

/// Why a hand edit of a plan was refused; each names the form field at fault.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditError {
    /// No such round in the plan.
    Round,
    /// The person is not seated in that round (or not confirmed any more).
    Person,
    /// No such table in the plan.
    Table,
    /// The table has no free seat in that round.
    Full,
    /// The edit would take a host away from their table.
    Host,
}

impl EditError {
    /// The message for the coordinator.
    pub fn message(self) -> T {
        match self {
            EditError::Round => T::PlanErrEditRound,
            EditError::Person => T::PlanErrEditPerson,
            EditError::Table => T::PlanErrEditTable,
            EditError::Full => T::PlanErrEditFull,
            EditError::Host => T::PlanErrEditHost,
        }
    }
}

/// Hard rules a hand edit broke that the plan kept before: more colleagues at one table,
/// more repeated meetings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Broken {
    pub colleagues: bool,
    pub repeats: bool,
}

impl Broken {
    /// What got worse from `before` to `after`.
    pub fn between(before: &Quality, after: &Quality) -> Broken {
        Broken {
            colleagues: after.colleagues_together > before.colleagues_together,
            repeats: after.repeats > before.repeats,
        }
    }
}

/// The quality panel's figures from the engine's report.
fn quality_of(r: &QualityReport) -> Quality {
    Quality {
        repeats: r.repeats,
        colleagues_together: r.same_org_pairs,
        groups_in_event: r.groups_in_instance,
        groups_min: r.distinct_groups_min,
        groups_mean: r.distinct_groups_mean,
        needs_met: r.person_rounds_need_met,
        needs_total: r.person_rounds_with_needs,
    }
}

/// Per round and table, the figures the chart shows.
fn stats_of(explanations: &[Vec<TableExplanation>]) -> Vec<Vec<TableStats>> {
    explanations
        .iter()
        .map(|round| {
            round
                .iter()
                .map(|e| TableStats {
                    groups: e.groups.len(),
                    needs_met: e.matches.len(),
                })
                .collect()
        })
        .collect()
}

impl StoredPlan {
    /// The plan's tables as table rows (names and sizes at planning time).
    pub fn table_rows(&self) -> Vec<TableRow> {
        self.tables
            .iter()
            .map(|(name, capacity)| TableRow {
                name: name.clone(),
                capacity: i64::from(*capacity),
                ..Default::default()
            })
            .collect()
    }

    /// What the engine made for `spec`.
    pub fn from_result(spec: &ProblemSpec, result: &SeatingResult) -> StoredPlan {
        StoredPlan {
            tables: spec
                .tables
                .iter()
                .map(|t| (t.id.clone(), t.capacity))
                .collect(),
            seats: Self::seats_of(&result.plan),
            stats: stats_of(&result.explanations),
            quality: quality_of(&result.report),
            locked: Vec::new(),
        }
    }

    /// A plan of `seats` (by registration id) at `tables`, not scored yet: call
    /// [`Self::rescore`].
    pub fn unscored(
        tables: Vec<(String, u32)>,
        seats: Vec<Vec<Vec<i64>>>,
        locked: Vec<(u32, i64)>,
    ) -> StoredPlan {
        StoredPlan {
            stats: seats
                .iter()
                .map(|round| {
                    round
                        .iter()
                        .map(|_| TableStats {
                            groups: 0,
                            needs_met: 0,
                        })
                        .collect()
                })
                .collect(),
            tables,
            seats,
            quality: Quality::default(),
            locked,
        }
    }

    /// The engine's plan (ids as text) as registration ids per round and table.
    pub fn seats_of(plan: &Plan) -> Vec<Vec<Vec<i64>>> {
        plan.rounds
            .iter()
            .map(|round| {
                round
                    .iter()
                    .map(|table| table.iter().filter_map(|id| id.parse().ok()).collect())
                    .collect()
            })
            .collect()
    }

    /// This plan as the engine reads it (ids as text).
    pub fn as_plan(&self) -> Plan {
        Plan {
            rounds: self
                .seats
                .iter()
                .map(|round| {
                    round
                        .iter()
                        .map(|ids| ids.iter().map(|id| id.to_string()).collect())
                        .collect()
                })
                .collect(),
        }
    }

    /// The index of the table where `id` sits in round `round` (from 1).
    pub fn table_of(&self, round: u32, id: i64) -> Option<usize> {
        let r = usize::try_from(round).ok()?.checked_sub(1)?;
        self.seats.get(r)?.iter().position(|ids| ids.contains(&id))
    }

    /// The index of the table named `name`.
    pub fn table_index(&self, name: &str) -> Option<usize> {
        self.tables.iter().position(|(n, _)| n == name)
    }

    /// Whether `id`'s seat in round `round` is locked.
    pub fn is_locked(&self, round: u32, id: i64) -> bool {
        self.locked.contains(&(round, id))
    }

    /// Round `round` (from 1) and the table where `id` sits in it.
    fn seat(&self, round: u32, id: i64) -> Result<(usize, usize), EditError> {
        let r = usize::try_from(round)
            .ok()
            .and_then(|r| r.checked_sub(1))
            .filter(|r| *r < self.seats.len())
            .ok_or(EditError::Round)?;
        let t = self.table_of(round, id).ok_or(EditError::Person)?;
        Ok((r, t))
    }

    /// Moves `id` to table `table` (its name) in round `round`; refused when the table has
    /// no free seat then. Moving someone to where they sit changes nothing. A lock on the
    /// seat stays with the person.
    pub fn move_to(&mut self, round: u32, id: i64, table: &str) -> Result<(), EditError> {
        let (r, from) = self.seat(round, id)?;
        let to = self.table_index(table).ok_or(EditError::Table)?;
        if to == from {
            return Ok(());
        }
        let capacity = self.tables[to].1 as usize;
        let seats = &mut self.seats[r];
        if seats.len() <= to {
            seats.resize(to + 1, Vec::new());
        }
        if seats[to].len() >= capacity {
            return Err(EditError::Full);
        }
        seats[from].retain(|x| *x != id);
        seats[to].push(id);
        Ok(())
    }

    /// Swaps the seats of `a` and `b` in round `round`; people at one table stay there.
    pub fn swap(&mut self, round: u32, a: i64, b: i64) -> Result<(), EditError> {
        let (r, ta) = self.seat(round, a)?;
        let (_, tb) = self.seat(round, b)?;
        if ta == tb {
            return Ok(());
        }
        let seats = &mut self.seats[r];
        for x in seats[ta].iter_mut() {
            if *x == a {
                *x = b;
            }
        }
        for x in seats[tb].iter_mut() {
            if *x == b {
                *x = a;
            }
        }
        Ok(())
    }

    /// Locks `id`'s seat in round `round` (or unlocks it): planning again keeps it there.
    pub fn set_lock(&mut self, round: u32, id: i64, locked: bool) -> Result<(), EditError> {
        self.seat(round, id)?;
        self.locked.retain(|l| *l != (round, id));
        if locked {
            self.locked.push((round, id));
            self.locked.sort_unstable();
        }
        Ok(())
    }

    /// Takes `id` out of every round (and their locks); whether they were seated.
    pub fn remove_person(&mut self, id: i64) -> bool {
        let mut found = false;
        for round in &mut self.seats {
            for ids in round.iter_mut() {
                let before = ids.len();
                ids.retain(|x| *x != id);
                found |= ids.len() != before;
            }
        }
        self.locked.retain(|(_, who)| *who != id);
        found
    }

    /// The locked seats of the people in `present` as the engine's locks, in rounds up to
    /// `rounds`; locks of people no longer seated are left out.
    pub fn locks(&self, present: &HashSet<i64>, rounds: u32) -> Vec<Lock> {
        self.locked
            .iter()
            .filter(|(round, id)| *round <= rounds && present.contains(id))
            .filter_map(|&(round, id)| {
                let t = self.table_of(round, id)?;
                Some(Lock {
                    participant: id.to_string(),
                    round,
                    table: self.tables.get(t)?.0.clone(),
                })
            })
            .collect()
    }

    /// Scores the plan again with the engine's scorer (the same report and explanations
    /// the engine gives a plan it made): each table's figures and the quality, for those of
    /// `people` (the confirmed registrations now) who are in the plan.
    pub fn rescore(&mut self, people: &[PersonRow]) -> Result<(), SeatingError> {
        let seated: HashSet<i64> = self.seats.iter().flatten().flatten().copied().collect();
        let present: Vec<PersonRow> = people
            .iter()
            .filter(|p| seated.contains(&p.id))
            .cloned()
            .collect();
        let rounds = u32::try_from(self.seats.len()).unwrap_or(u32::MAX);
        if present.is_empty() || rounds == 0 {
            *self = StoredPlan::unscored(
                std::mem::take(&mut self.tables),
                std::mem::take(&mut self.seats),
                std::mem::take(&mut self.locked),
            );
            return Ok(());
        }
        let problem = Problem::new(spec(&present, &self.table_rows(), rounds))?;
        let n = problem.n;
        let mut seats = vec![NONE; problem.r * n];
        for (r, round) in self.seats.iter().enumerate() {
            for (t, ids) in round.iter().enumerate() {
                for id in ids {
                    if let Some(&q) = problem.p_index.get(&id.to_string()) {
                        seats[r * n + q] = t as u32;
                    }
                }
            }
        }
        let report = crate::seating::score::quality_report(&problem, &seats);
        self.quality = quality_of(&report);
        self.stats = stats_of(&explain_plan(&problem, &seats));
        Ok(())
    }

    /// The seating chart with the names of `people` (the confirmed registrations now);
    /// someone seated who is no longer among them shows as a removed seat. The tables'
    /// themes and hosts are those of `tables` now (by name).
    pub fn view(
        &self,
        people: &[PersonRow],
        tables: &[TableRow],
        made_at: String,
        runtime_ms: u64,
    ) -> PlanView {
        let by_id: HashMap<i64, &PersonRow> = people.iter().map(|p| (p.id, p)).collect();
        let now: HashMap<&str, &TableRow> = tables.iter().map(|t| (t.name.as_str(), t)).collect();
        let mut seated = std::collections::HashSet::new();
        let rounds = self
            .seats
            .iter()
            .enumerate()
            .map(|(r, round)| RoundView {
                number: r as u32 + 1,
                tables: round
                    .iter()
                    .enumerate()
                    .map(|(t, ids)| {
                        let (name, capacity) = self.tables.get(t).cloned().unwrap_or_default();
                        let stats = self.stats.get(r).and_then(|s| s.get(t));
                        let row = now.get(name.as_str());
                        let host = row.and_then(|t| t.host);
                        TableView {
                            theme: row.map(|t| t.theme.clone()).unwrap_or_default(),
                            name,
                            capacity,
                            people: ids
                                .iter()
                                .map(|id| {
                                    seated.insert(*id);
                                    let locked = self.is_locked(r as u32 + 1, *id);
                                    match by_id.get(id) {
                                        Some(p) => Seat {
                                            id: *id,
                                            locked,
                                            host: host == Some(*id),
                                            name: format!("{} {}", p.first_name, p.last_name),
                                            organisation: p.organisation.clone(),
                                            org_type: OrgType::parse(&p.org_type).ok(),
                                        },
                                        None => Seat {
                                            id: *id,
                                            locked,
                                            host: false,
                                            name: String::new(),
                                            organisation: String::new(),
                                            org_type: None,
                                        },
                                    }
                                })
                                .collect(),
                            groups: stats.map(|s| s.groups).unwrap_or_default(),
                            needs_met: stats.map(|s| s.needs_met).unwrap_or_default(),
                        }
                    })
                    .collect(),
            })
            .collect();
        PlanView {
            rounds,
            quality: self.quality.clone(),
            made_at,
            runtime_ms,
            unseated: people.iter().filter(|p| !seated.contains(&p.id)).count(),
            locked: self.locked.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seating::{solve, Problem, SolveOptions};

    fn person(id: i64, org: &str, org_type: &str, offers: &[&str], needs: &[&str]) -> PersonRow {
        PersonRow {
            id,
            first_name: format!("P{id}"),
            last_name: "X".into(),
            organisation: org.into(),
            org_type: org_type.into(),
            sector: "logistiek".into(),
            offers: offers.iter().map(|s| s.to_string()).collect(),
            needs: needs.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn table(name: &str, capacity: i64) -> TableRow {
        TableRow {
            name: name.into(),
            capacity,
            ..Default::default()
        }
    }

    #[test]
    fn colleagues_sit_apart_and_the_chart_names_everyone_once_per_round() {
        // Two colleagues of "Essers" (written differently), four tables of three, two rounds.
        let people: Vec<PersonRow> = (1..=12)
            .map(|i| {
                let org = match i {
                    1 => "H.Essers".to_string(),
                    2 => " h.essers ".to_string(),
                    _ => format!("Org {i}"),
                };
                let kind = ["company", "social_economy", "local_government"][i as usize % 3];
                person(i, &org, kind, &["personeel"], &[])
            })
            .collect();
        let tables = [table("1", 3), table("2", 3), table("3", 3), table("4", 3)];
        let spec = spec(&people, &tables, 2);
        let problem = Problem::new(spec.clone()).expect("valid problem");
        let result = solve(
            &problem,
            &SolveOptions {
                max_iterations: Some(20_000),
                time_limit: None,
                threads: 1,
                ..Default::default()
            },
        )
        .expect("plan");
        let stored = StoredPlan::from_result(&spec, &result);
        assert_eq!(stored.quality.colleagues_together, 0);
        // what is stored reads back the same
        let json = serde_json::to_string(&stored).expect("json");
        assert_eq!(
            serde_json::from_str::<StoredPlan>(&json).expect("back"),
            stored
        );
        // person 12 cancelled since: their seat shows as removed, and nobody is unseated
        let view = stored.view(&people[..11], &tables, "now".into(), 5);
        assert_eq!(view.rounds.len(), 2);
        for round in &view.rounds {
            let names: Vec<&str> = round
                .tables
                .iter()
                .flat_map(|t| t.people.iter().map(|s| s.name.as_str()))
                .collect();
            assert_eq!(names.len(), 12);
            assert_eq!(names.iter().filter(|n| n.is_empty()).count(), 1);
            assert!(round.tables.iter().all(|t| t.people.len() <= 3));
        }
        assert_eq!(view.unseated, 0);
        // someone confirmed after the plan was made is counted as unseated
        let mut later = people.clone();
        later.push(person(13, "Nieuw", "company", &[], &[]));
        assert_eq!(stored.view(&later, &tables, "now".into(), 5).unseated, 1);
    }

    /// Two rounds at three tables of two; 1 and 2 are colleagues (Org A), 5 has a need
    /// that 6 offers.
    fn small() -> (Vec<PersonRow>, StoredPlan) {
        let people = vec![
            person(1, "Org A", "company", &[], &[]),
            person(2, "org a", "social_economy", &[], &[]),
            person(3, "Org C", "local_government", &[], &[]),
            person(4, "Org D", "company", &[], &[]),
            person(5, "Org E", "social_economy", &[], &["personeel"]),
            person(6, "Org F", "company", &["personeel"], &[]),
        ];
        let tables = vec![("1".to_string(), 2), ("2".into(), 2), ("3".into(), 2)];
        let seats = vec![
            vec![vec![1, 3], vec![2, 4], vec![5]],
            vec![vec![1, 4], vec![2, 5], vec![3]],
        ];
        let mut plan = StoredPlan::unscored(tables, seats, Vec::new());
        plan.rescore(&people).expect("scored");
        (people, plan)
    }

    #[test]
    fn a_move_needs_a_free_seat_and_names_what_is_wrong() {
        let (_, mut plan) = small();
        assert_eq!(plan.move_to(1, 1, "2"), Err(EditError::Full));
        assert_eq!(plan.move_to(0, 1, "3"), Err(EditError::Round));
        assert_eq!(plan.move_to(3, 1, "3"), Err(EditError::Round));
        assert_eq!(plan.move_to(1, 9, "3"), Err(EditError::Person));
        assert_eq!(plan.move_to(1, 1, "9"), Err(EditError::Table));
        // refusals change nothing; a move to where one sits neither
        let before = plan.clone();
        assert_eq!(plan.move_to(1, 1, "1"), Ok(()));
        assert_eq!(plan, before);
        assert_eq!(plan.move_to(1, 1, "3"), Ok(()));
        assert_eq!(plan.seats[0], vec![vec![3], vec![2, 4], vec![5, 1]]);
        assert_eq!(plan.table_of(1, 1), Some(2));
        // the other round is untouched
        assert_eq!(plan.seats[1], before.seats[1]);
    }

    #[test]
    fn a_swap_trades_two_seats_in_one_round() {
        let (_, mut plan) = small();
        assert_eq!(plan.swap(2, 3, 5), Ok(()));
        assert_eq!(plan.seats[1], vec![vec![1, 4], vec![2, 3], vec![5]]);
        assert_eq!(plan.swap(2, 2, 3), Ok(()), "one table: nothing to swap");
        assert_eq!(plan.seats[1], vec![vec![1, 4], vec![2, 3], vec![5]]);
        assert_eq!(plan.swap(2, 3, 42), Err(EditError::Person));
        assert_eq!(plan.swap(5, 3, 5), Err(EditError::Round));
    }

    #[test]
    fn the_scorer_sees_a_hand_edit_and_what_it_broke() {
        let (people, mut plan) = small();
        assert_eq!(plan.quality.colleagues_together, 0);
        assert_eq!(plan.quality.repeats, 0);
        assert_eq!(plan.quality.needs_total, 2);
        assert_eq!(plan.quality.needs_met, 0);
        let before = plan.quality.clone();
        // 1 next to their colleague 2, at a table of two types
        plan.move_to(1, 3, "3").unwrap();
        plan.swap(1, 1, 4).unwrap();
        plan.rescore(&people).unwrap();
        assert_eq!(plan.seats[0], vec![vec![4], vec![2, 1], vec![5, 3]]);
        assert_eq!(plan.quality.colleagues_together, 1);
        assert_eq!(
            Broken::between(&before, &plan.quality),
            Broken {
                colleagues: true,
                repeats: false
            }
        );
        // 1 and 4 met in round 2 already; now also in round 1: a repeat. 5 meets 6's offer.
        let (people, mut plan) = small();
        let before = plan.quality.clone();
        plan.swap(1, 2, 6).ok();
        assert_eq!(plan.table_of(1, 6), None, "6 is not in the plan");
        plan.seats[0][2].push(6);
        plan.swap(1, 3, 4).unwrap();
        plan.rescore(&people).unwrap();
        assert_eq!(plan.seats[0], vec![vec![1, 4], vec![2, 3], vec![5, 6]]);
        assert_eq!(plan.quality.repeats, 1);
        assert_eq!(plan.quality.needs_met, 1);
        assert_eq!(plan.stats[0][2].needs_met, 1);
        assert_eq!(plan.stats[0][2].groups, 2);
        assert_eq!(
            Broken::between(&before, &plan.quality),
            Broken {
                colleagues: false,
                repeats: true
            }
        );
    }

    #[test]
    fn a_lock_goes_to_the_engine_with_the_seat_it_has_now() {
        let (_, mut plan) = small();
        assert_eq!(plan.set_lock(1, 9, true), Err(EditError::Person));
        plan.set_lock(2, 3, true).unwrap();
        plan.set_lock(1, 5, true).unwrap();
        plan.set_lock(1, 5, true).unwrap();
        assert_eq!(plan.locked, vec![(1, 5), (2, 3)]);
        assert!(plan.is_locked(2, 3) && !plan.is_locked(1, 3));
        // the lock stays with the person when they are moved by hand
        plan.move_to(2, 3, "1").unwrap_err();
        plan.move_to(1, 5, "1").unwrap_err();
        plan.swap(1, 5, 3).unwrap();
        let everyone: HashSet<i64> = (1..=6).collect();
        let lock = |participant: &str, round, table: &str| Lock {
            participant: participant.into(),
            round,
            table: table.into(),
        };
        assert_eq!(
            plan.locks(&everyone, 2),
            vec![lock("5", 1, "1"), lock("3", 2, "3")]
        );
        // absent people and rounds beyond the plan's are left out
        assert_eq!(
            plan.locks(&[3].into_iter().collect(), 2),
            vec![lock("3", 2, "3")]
        );
        assert_eq!(plan.locks(&everyone, 1), vec![lock("5", 1, "1")]);
        plan.set_lock(1, 5, false).unwrap();
        assert_eq!(plan.locked, vec![(2, 3)]);
        // the chart shows the lock
        let view = plan.view(&small().0, &[], "now".into(), 1);
        let seat = view.find(2, 3).unwrap().1;
        assert!(seat.locked);
        assert!(!view.find(1, 5).unwrap().1.locked);
        assert_eq!(view.locked, 1);
    }

    #[test]
    fn a_host_sits_at_their_table_in_every_round_and_their_locks_give_way() {
        let people: Vec<PersonRow> = (1..=9)
            .map(|i| person(i, &format!("Org {i}"), "company", &[], &[]))
            .collect();
        let mut tables = vec![table("A", 3), table("B", 3), table("C", 3)];
        tables[1].host = Some(7);
        let mut spec = spec(&people, &tables, 3);
        let host = spec.participants.iter().find(|p| p.id == "7").unwrap();
        assert_eq!(host.pinned_table.as_deref(), Some("B"));
        assert_eq!(host.pinned_rounds, None);
        assert_eq!(
            spec.participants
                .iter()
                .filter(|p| p.pinned_table.is_some())
                .count(),
            1
        );
        let lock = |p: &str| Lock {
            participant: p.into(),
            round: 1,
            table: "A".into(),
        };
        spec.locks = without_pinned(&spec, vec![lock("7"), lock("1")]);
        assert_eq!(spec.locks, vec![lock("1")]);
        let problem = Problem::new(spec.clone()).expect("valid problem");
        let opts = SolveOptions {
            max_iterations: Some(5_000),
            time_limit: None,
            threads: 1,
            ..Default::default()
        };
        let stored = StoredPlan::from_result(&spec, &solve(&problem, &opts).unwrap());
        for round in 1..=3 {
            assert_eq!(stored.table_of(round, 7), Some(1), "round {round}");
        }
        assert_eq!(stored.table_of(1, 1), Some(0), "the other lock holds");
        // the chart marks the host and shows the theme of the table now
        tables[1].theme = "Circulair".into();
        let view = stored.view(&people, &tables, "now".into(), 1);
        let (t, seat) = view.find(2, 7).unwrap();
        assert!(seat.host);
        assert_eq!(t.theme, "Circulair");
        assert!(!view.find(2, 1).unwrap().1.host);
        // taken out: in no round, and no lock left
        let mut stored = stored;
        assert!(stored.remove_person(1));
        assert!(!stored.remove_person(1));
        assert!((1..=3).all(|r| stored.table_of(r, 1).is_none()));
    }

    #[test]
    fn plans_stored_before_locks_read_without_them() {
        let (_, plan) = small();
        let mut json: serde_json::Value = serde_json::to_value(&plan).unwrap();
        json.as_object_mut().unwrap().remove("locked");
        let back: StoredPlan = serde_json::from_value(json).unwrap();
        assert!(back.locked.is_empty());
        assert_eq!(back.seats, plan.seats);
        // and the engine's plan round-trips
        assert_eq!(StoredPlan::seats_of(&plan.as_plan()), plan.seats);
    }
}

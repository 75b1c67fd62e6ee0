//! From the planner's rows to the engine and back (server only): confirmed registrations and
//! tables become a `seating::ProblemSpec` (organisation keeps colleagues apart, organisation
//! type is the group to mix, offers and needs are topic codes); the engine's result becomes
//! the stored plan, and a stored plan plus the people now confirmed becomes a [`PlanView`].

use super::model::{PlanView, Quality, RoundView, Seat, TableView};
use crate::domain::OrgType;
use crate::seating::{Participant, ProblemSpec, SeatingResult, Table, Weights};
use crate::store::planner::{PersonRow, TableRow};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The problem for `people` at `tables` over `rounds` rounds; participant ids are the
/// registration ids. Organisation names are compared without case or outer spaces.
pub fn spec(people: &[PersonRow], tables: &[TableRow], rounds: u32) -> ProblemSpec {
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
                ..Default::default()
            })
            .collect(),
        locks: Vec::new(),
        met_pairs: Vec::new(),
        weights: Weights::default(),
    }
}

/// Per table in a round: distinct groups and needs met there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableStats {
    pub groups: usize,
    pub needs_met: usize,
}

/// A plan as stored (JSON): the tables' names and sizes at planning time, per round and
/// table the registration ids seated, per round and table its figures, and the quality.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredPlan {
    pub tables: Vec<(String, u32)>,
    pub seats: Vec<Vec<Vec<i64>>>,
    pub stats: Vec<Vec<TableStats>>,
    pub quality: Quality,
}

impl StoredPlan {
    /// What the engine made for `spec`.
    pub fn from_result(spec: &ProblemSpec, result: &SeatingResult) -> StoredPlan {
        let r = &result.report;
        StoredPlan {
            tables: spec
                .tables
                .iter()
                .map(|t| (t.id.clone(), t.capacity))
                .collect(),
            seats: result
                .plan
                .rounds
                .iter()
                .map(|round| {
                    round
                        .iter()
                        .map(|table| table.iter().filter_map(|id| id.parse().ok()).collect())
                        .collect()
                })
                .collect(),
            stats: result
                .explanations
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
                .collect(),
            quality: Quality {
                repeats: r.repeats,
                colleagues_together: r.same_org_pairs,
                groups_in_event: r.groups_in_instance,
                groups_min: r.distinct_groups_min,
                groups_mean: r.distinct_groups_mean,
                needs_met: r.person_rounds_need_met,
                needs_total: r.person_rounds_with_needs,
            },
        }
    }

    /// The seating chart with the names of `people` (the confirmed registrations now);
    /// someone seated who is no longer among them shows as a removed seat.
    pub fn view(&self, people: &[PersonRow], made_at: String, runtime_ms: u64) -> PlanView {
        let by_id: HashMap<i64, &PersonRow> = people.iter().map(|p| (p.id, p)).collect();
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
                        TableView {
                            name,
                            capacity,
                            people: ids
                                .iter()
                                .map(|id| {
                                    seated.insert(*id);
                                    match by_id.get(id) {
                                        Some(p) => Seat {
                                            name: format!("{} {}", p.first_name, p.last_name),
                                            organisation: p.organisation.clone(),
                                            org_type: OrgType::parse(&p.org_type).ok(),
                                        },
                                        None => Seat {
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
            min_size: 0,
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
        let view = stored.view(&people[..11], "now".into(), 5);
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
        assert_eq!(stored.view(&later, "now".into(), 5).unseated, 1);
    }
}

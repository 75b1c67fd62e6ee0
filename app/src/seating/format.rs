//! JSON formats v1 (`table-assignment-instance/v1` and `table-assignment/v1`, see the
//! benchmark's FORMAT.md) and conversion to/from `ProblemSpec` and `Plan`.
//! Extensions (optional): `locked_seats` and `met_pairs` in the instance.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::error::SeatingError;
use super::problem::{Lock, Participant, Plan, Problem, ProblemSpec, Table, Weights};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TableV1 {
    pub id: String,
    pub capacity: u32,
    #[serde(default)]
    pub min_size: u32,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ParticipantV1 {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub offers: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pinned_table: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pinned_rounds: Option<Vec<u32>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LockV1 {
    pub participant: String,
    pub round: u32,
    pub table: String,
}

/// `table-assignment-instance/v1`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct InstanceV1 {
    #[serde(default)]
    pub format: String,
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    pub rounds: u32,
    pub tables: Vec<TableV1>,
    pub participants: Vec<ParticipantV1>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub locked_seats: Vec<LockV1>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub met_pairs: Vec<(String, String)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vocabularies: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constraints: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weights: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<serde_json::Value>,
}

/// `table-assignment/v1` (rounds as table id -> participant ids).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct AssignmentV1 {
    pub format: String,
    pub instance: String,
    #[serde(default)]
    pub solver: String,
    #[serde(default)]
    pub runtime_s: f64,
    #[serde(default)]
    pub notes: serde_json::Value,
    pub rounds: Vec<BTreeMap<String, Vec<String>>>,
}

impl InstanceV1 {
    pub fn from_json(s: &str) -> Result<Self, SeatingError> {
        serde_json::from_str(s).map_err(|e| SeatingError::Format(e.to_string()))
    }

    pub fn to_json(&self) -> Result<String, SeatingError> {
        serde_json::to_string_pretty(self).map_err(|e| SeatingError::Format(e.to_string()))
    }

    /// The problem this instance describes (default weights).
    pub fn to_spec(&self) -> ProblemSpec {
        ProblemSpec {
            name: self.name.clone(),
            rounds: self.rounds,
            tables: self
                .tables
                .iter()
                .map(|t| Table {
                    id: t.id.clone(),
                    capacity: t.capacity,
                    min_size: t.min_size,
                })
                .collect(),
            participants: self
                .participants
                .iter()
                .map(|p| Participant {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    organisation: p.organisation.clone(),
                    group: p.group.clone(),
                    sector: p.sector.clone(),
                    offers: p.offers.clone(),
                    needs: p.needs.clone(),
                    pinned_table: p.pinned_table.clone(),
                    pinned_rounds: p.pinned_rounds.clone(),
                    role: p.role.clone(),
                })
                .collect(),
            locks: self
                .locked_seats
                .iter()
                .map(|l| Lock {
                    participant: l.participant.clone(),
                    round: l.round,
                    table: l.table.clone(),
                })
                .collect(),
            met_pairs: self.met_pairs.clone(),
            weights: Weights::default(),
        }
    }

    pub fn to_problem(&self) -> Result<Problem, SeatingError> {
        Problem::new(self.to_spec())
    }
}

impl AssignmentV1 {
    pub fn from_plan(p: &Problem, plan: &Plan, solver: &str, runtime_s: f64) -> Self {
        let rounds = plan
            .rounds
            .iter()
            .map(|round| {
                round
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| !m.is_empty())
                    .map(|(j, m)| (p.spec.tables[j].id.clone(), m.clone()))
                    .collect()
            })
            .collect();
        AssignmentV1 {
            format: "table-assignment/v1".into(),
            instance: p.spec.name.clone(),
            solver: solver.into(),
            runtime_s,
            notes: serde_json::Value::Object(Default::default()),
            rounds,
        }
    }

    pub fn from_json(s: &str) -> Result<Self, SeatingError> {
        serde_json::from_str(s).map_err(|e| SeatingError::Format(e.to_string()))
    }

    pub fn to_json(&self) -> Result<String, SeatingError> {
        serde_json::to_string_pretty(self).map_err(|e| SeatingError::Format(e.to_string()))
    }

    /// Back to a `Plan` in the problem's table order; errors on unknown tables.
    pub fn to_plan(&self, p: &Problem) -> Result<Plan, SeatingError> {
        let mut rounds = Vec::with_capacity(self.rounds.len());
        for (rr, round) in self.rounds.iter().enumerate() {
            let mut tabs = vec![Vec::new(); p.t];
            for (tid, members) in round {
                let j = *p
                    .t_index
                    .get(tid)
                    .ok_or_else(|| SeatingError::UnknownTable {
                        table: tid.clone(),
                        by: format!("assignment round {}", rr + 1),
                    })?;
                tabs[j] = members.clone();
            }
            rounds.push(tabs);
        }
        Ok(Plan { rounds })
    }
}

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

    /// The problem this instance describes, with the instance's `weights` when it has them.
    pub fn to_spec(&self) -> Result<ProblemSpec, SeatingError> {
        let weights = match &self.weights {
            Some(w) => weights_from_v1(w)?,
            None => Weights::default(),
        };
        Ok(ProblemSpec {
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
            weights,
        })
    }

    pub fn to_problem(&self) -> Result<Problem, SeatingError> {
        Problem::new(self.to_spec()?)
    }
}

/// Maps the instance format's suggested weights onto the engine's (all scaled by 10 so
/// fractional weights keep their ratios). `need_offer_pair` (a reward, <= 0) becomes the
/// penalty per person-round without a need met, the engine's measure of "who searches,
/// finds"; `same_org_pair` is not a weight here, colleagues are kept apart whenever possible.
/// Missing keys keep the engine's default ratio to `repeated_pair`.
pub fn weights_from_v1(v: &serde_json::Value) -> Result<Weights, SeatingError> {
    let obj = v
        .as_object()
        .ok_or_else(|| SeatingError::Format("weights: expected an object".into()))?;
    let get = |key: &str, sign: f64| -> Result<Option<i64>, SeatingError> {
        let Some(x) = obj.get(key) else {
            return Ok(None);
        };
        let f = x
            .as_f64()
            .filter(|f| f.is_finite() && f * sign >= 0.0 && f.abs() <= 1e9)
            .ok_or_else(|| {
                let want = if sign > 0.0 { ">= 0" } else { "<= 0" };
                SeatingError::Format(format!("weights.{key}: expected a number {want}"))
            })?;
        Ok(Some((f.abs() * 10.0).round() as i64))
    };
    let d = Weights::default();
    let rep = get("repeated_pair", 1.0)?;
    // a missing weight keeps its default share of the repeat weight
    let scale = |x: i64| rep.map_or(x, |r| x * r / d.repeated_pair.max(1));
    Ok(Weights {
        repeated_pair: rep.unwrap_or(d.repeated_pair),
        missing_group: get("missing_group", 1.0)?.unwrap_or(scale(d.missing_group)),
        need_unmet: get("need_offer_pair", -1.0)?.unwrap_or(scale(d.need_unmet)),
        same_sector_pair: get("same_sector_pair", 1.0)?.unwrap_or(scale(d.same_sector_pair)),
        changed_seat: scale(d.changed_seat),
    })
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

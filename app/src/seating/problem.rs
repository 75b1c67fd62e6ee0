//! Domain types of a seating problem: participants, tables, rounds, pins, locks, earlier
//! meetings and objective weights. `Problem::new` validates a `ProblemSpec` and builds the
//! compact index-based form the solver works on; invalid input gives a `SeatingError`.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::error::SeatingError;

/// Largest supported number of participants (pair counts are kept in an n x n byte matrix).
pub const MAX_PARTICIPANTS: usize = 5000;
/// Largest supported number of rounds.
pub const MAX_ROUNDS: u32 = 200;

/// One participant as described by the coordinator.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    pub id: String,
    pub name: Option<String>,
    pub organisation: Option<String>,
    /// Category to mix at every table (company, social economy, local government, ...).
    pub group: Option<String>,
    pub sector: Option<String>,
    pub offers: Vec<String>,
    pub needs: Vec<String>,
    /// Must sit at this table ...
    pub pinned_table: Option<String>,
    /// ... in these rounds (1-based); `None` = every round.
    pub pinned_rounds: Option<Vec<u32>>,
    pub role: Option<String>,
}

impl Participant {
    /// Display name: the name if given, else the id.
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }
}

/// A table; sizes may differ within one event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub id: String,
    pub capacity: u32,
    pub min_size: u32,
}

/// A seat fixed by the coordinator: `participant` sits at `table` in `round` (1-based).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lock {
    pub participant: String,
    pub round: u32,
    pub table: String,
}

/// Weights of the soft objective (lower total is better). Defaults follow the issue's
/// priority order: repeats, group mixing, needs met, sector diversity.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Weights {
    /// Per extra meeting of a pair (a pair meeting 3 times counts 2).
    pub repeated_pair: i64,
    /// Per (round, table) and group missing at that table.
    pub missing_group: i64,
    /// Per person-round where nobody at the table offers one of the person's needs.
    pub need_unmet: i64,
    /// Per pair of the same sector at one table.
    pub same_sector_pair: i64,
    /// Re-planning only: per seat that differs from the previous plan.
    pub changed_seat: i64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            repeated_pair: 1000,
            missing_group: 100,
            need_unmet: 10,
            same_sector_pair: 1,
            changed_seat: 300,
        }
    }
}

/// Everything the coordinator specifies (string ids, as in the JSON formats).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProblemSpec {
    pub name: String,
    pub rounds: u32,
    pub tables: Vec<Table>,
    pub participants: Vec<Participant>,
    pub locks: Vec<Lock>,
    /// Pairs that already met (earlier events or rounds already held).
    pub met_pairs: Vec<(String, String)>,
    pub weights: Weights,
}

/// A plan: for every round and every table (in problem order) the participant ids seated.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub rounds: Vec<Vec<Vec<String>>>,
}

/// Sentinel for "no value" in the compact index vectors.
pub const NONE: u32 = u32::MAX;

/// A validated problem in compact index form.
#[derive(Debug, Clone)]
pub struct Problem {
    pub spec: ProblemSpec,
    pub n: usize,
    pub t: usize,
    pub r: usize,
    pub cap: Vec<usize>,
    pub min: Vec<usize>,
    /// Organisation index per participant, `NONE` for none or a one-person organisation.
    pub org: Vec<u32>,
    pub n_orgs: usize,
    /// Group index per participant or `NONE`.
    pub group: Vec<u32>,
    pub groups: Vec<String>,
    pub sector: Vec<u32>,
    pub sectors: Vec<String>,
    pub topics: Vec<String>,
    /// Sorted, deduplicated topic indices.
    pub offers: Vec<Vec<u16>>,
    pub needs: Vec<Vec<u16>>,
    /// Somebody else offers one of this person's needs (so the need can be met at all).
    pub need_possible: Vec<bool>,
    /// Fixed table per (round, participant): `fixed[r * n + p]`, `NONE` if free.
    pub fixed: Vec<u32>,
    /// Pinned (not locked) table per (round, participant), as the reference scorer sees pins.
    pub pinned: Vec<u32>,
    pub met_before: Vec<(u32, u32)>,
    pub p_index: HashMap<String, usize>,
    pub t_index: HashMap<String, usize>,
}

fn intern(map: &mut HashMap<String, u32>, names: &mut Vec<String>, s: &str) -> u32 {
    if let Some(&i) = map.get(s) {
        return i;
    }
    let i = names.len() as u32;
    map.insert(s.to_string(), i);
    names.push(s.to_string());
    i
}

impl Problem {
    /// Validates `spec` and builds the compact form.
    pub fn new(spec: ProblemSpec) -> Result<Problem, SeatingError> {
        if spec.participants.is_empty() {
            return Err(SeatingError::Empty("no participants"));
        }
        if spec.tables.is_empty() {
            return Err(SeatingError::Empty("no tables"));
        }
        if spec.rounds == 0 {
            return Err(SeatingError::Empty("no rounds"));
        }
        if spec.rounds > MAX_ROUNDS {
            return Err(SeatingError::TooLarge(format!(
                "{} rounds (max {MAX_ROUNDS})",
                spec.rounds
            )));
        }
        let n = spec.participants.len();
        if n > MAX_PARTICIPANTS {
            return Err(SeatingError::TooLarge(format!(
                "{n} participants (max {MAX_PARTICIPANTS})"
            )));
        }
        if spec.tables.len() > u16::MAX as usize {
            return Err(SeatingError::TooLarge(format!(
                "{} tables",
                spec.tables.len()
            )));
        }
        let t = spec.tables.len();
        let r = spec.rounds as usize;
        let mut t_index = HashMap::new();
        for (i, tab) in spec.tables.iter().enumerate() {
            if t_index.insert(tab.id.clone(), i).is_some() {
                return Err(SeatingError::DuplicateId {
                    kind: "table",
                    id: tab.id.clone(),
                });
            }
            if tab.capacity == 0 {
                return Err(SeatingError::ZeroCapacity {
                    table: tab.id.clone(),
                });
            }
            if tab.min_size > tab.capacity {
                return Err(SeatingError::MinAboveCapacity {
                    table: tab.id.clone(),
                    min_size: tab.min_size,
                    capacity: tab.capacity,
                });
            }
        }
        let cap: Vec<usize> = spec.tables.iter().map(|x| x.capacity as usize).collect();
        let min: Vec<usize> = spec.tables.iter().map(|x| x.min_size as usize).collect();
        let seats: usize = cap.iter().sum();
        if n > seats {
            return Err(SeatingError::NotEnoughSeats { people: n, seats });
        }
        let mut p_index = HashMap::new();
        for (i, p) in spec.participants.iter().enumerate() {
            if p.id.is_empty() {
                return Err(SeatingError::Format(format!(
                    "participant #{i} has an empty id"
                )));
            }
            if p_index.insert(p.id.clone(), i).is_some() {
                return Err(SeatingError::DuplicateId {
                    kind: "participant",
                    id: p.id.clone(),
                });
            }
        }
        // organisations (only multi-member ones matter)
        let mut org_count: HashMap<&str, usize> = HashMap::new();
        for p in &spec.participants {
            if let Some(o) = p.organisation.as_deref() {
                *org_count.entry(o).or_default() += 1;
            }
        }
        let mut org_map = HashMap::new();
        let mut org_names = Vec::new();
        let (mut gmap, mut groups) = (HashMap::new(), Vec::new());
        let (mut smap, mut sectors) = (HashMap::new(), Vec::new());
        let (mut tmap, mut topics) = (HashMap::new(), Vec::new());
        let mut org = Vec::with_capacity(n);
        let mut group = Vec::with_capacity(n);
        let mut sector = Vec::with_capacity(n);
        let mut offers = Vec::with_capacity(n);
        let mut needs = Vec::with_capacity(n);
        for p in &spec.participants {
            org.push(match p.organisation.as_deref() {
                Some(o) if org_count.get(o).copied().unwrap_or(0) >= 2 => {
                    intern(&mut org_map, &mut org_names, o)
                }
                _ => NONE,
            });
            group.push(
                p.group
                    .as_deref()
                    .map_or(NONE, |g| intern(&mut gmap, &mut groups, g)),
            );
            sector.push(
                p.sector
                    .as_deref()
                    .map_or(NONE, |s| intern(&mut smap, &mut sectors, s)),
            );
            let mut of: Vec<u16> = p
                .offers
                .iter()
                .map(|x| intern(&mut tmap, &mut topics, x) as u16)
                .collect();
            of.sort_unstable();
            of.dedup();
            let mut ne: Vec<u16> = p
                .needs
                .iter()
                .map(|x| intern(&mut tmap, &mut topics, x) as u16)
                .collect();
            ne.sort_unstable();
            ne.dedup();
            offers.push(of);
            needs.push(ne);
        }
        if topics.len() > u16::MAX as usize {
            return Err(SeatingError::TooLarge(format!("{} topics", topics.len())));
        }
        let mut offer_count = vec![0usize; topics.len()];
        for of in &offers {
            for &x in of {
                offer_count[x as usize] += 1;
            }
        }
        let need_possible: Vec<bool> = (0..n)
            .map(|p| {
                needs[p].iter().any(|&x| {
                    offer_count[x as usize] > usize::from(offers[p].binary_search(&x).is_ok())
                })
            })
            .collect();
        // pins and locks
        let mut fixed = vec![NONE; r * n];
        let mut pinned = vec![NONE; r * n];
        for (pi, p) in spec.participants.iter().enumerate() {
            if let Some(tid) = p.pinned_table.as_deref() {
                let ti = *t_index.get(tid).ok_or_else(|| SeatingError::UnknownTable {
                    table: tid.to_string(),
                    by: format!("pin of participant '{}'", p.id),
                })? as u32;
                let rounds: Vec<u32> = match &p.pinned_rounds {
                    None => (1..=spec.rounds).collect(),
                    Some(v) => v.clone(),
                };
                for rr in rounds {
                    if rr == 0 || rr > spec.rounds {
                        return Err(SeatingError::RoundOutOfRange {
                            round: rr,
                            rounds: spec.rounds,
                            by: format!("pin of participant '{}'", p.id),
                        });
                    }
                    let k = (rr as usize - 1) * n + pi;
                    fixed[k] = ti;
                    pinned[k] = ti;
                }
            }
        }
        for l in &spec.locks {
            let by = format!("lock of '{}' in round {}", l.participant, l.round);
            let pi =
                *p_index
                    .get(&l.participant)
                    .ok_or_else(|| SeatingError::UnknownParticipant {
                        participant: l.participant.clone(),
                        by: by.clone(),
                    })?;
            let ti = *t_index
                .get(&l.table)
                .ok_or_else(|| SeatingError::UnknownTable {
                    table: l.table.clone(),
                    by: by.clone(),
                })? as u32;
            if l.round == 0 || l.round > spec.rounds {
                return Err(SeatingError::RoundOutOfRange {
                    round: l.round,
                    rounds: spec.rounds,
                    by,
                });
            }
            let k = (l.round as usize - 1) * n + pi;
            if fixed[k] != NONE && fixed[k] != ti {
                return Err(SeatingError::ConflictingPins {
                    participant: l.participant.clone(),
                    round: l.round,
                });
            }
            fixed[k] = ti;
        }
        for rr in 0..r {
            let mut cnt = vec![0usize; t];
            for p in 0..n {
                let f = fixed[rr * n + p];
                if f != NONE {
                    cnt[f as usize] += 1;
                }
            }
            let mut needed = 0;
            for j in 0..t {
                if cnt[j] > cap[j] {
                    return Err(SeatingError::PinnedOverCapacity {
                        round: rr as u32 + 1,
                        table: spec.tables[j].id.clone(),
                        fixed: cnt[j],
                        capacity: cap[j] as u32,
                    });
                }
                needed += cnt[j].max(min[j]);
            }
            if needed > n {
                return Err(SeatingError::TooFewPeople {
                    round: rr as u32 + 1,
                    people: n,
                    needed,
                });
            }
        }
        let mut met_before = Vec::with_capacity(spec.met_pairs.len());
        for (a, b) in &spec.met_pairs {
            let by = "met pairs".to_string();
            let ia = *p_index
                .get(a)
                .ok_or_else(|| SeatingError::UnknownParticipant {
                    participant: a.clone(),
                    by: by.clone(),
                })?;
            let ib = *p_index
                .get(b)
                .ok_or_else(|| SeatingError::UnknownParticipant {
                    participant: b.clone(),
                    by,
                })?;
            if ia != ib {
                met_before.push((ia as u32, ib as u32));
            }
        }
        let n_orgs = org_names.len();
        Ok(Problem {
            spec,
            n,
            t,
            r,
            cap,
            min,
            org,
            n_orgs,
            group,
            groups,
            sector,
            sectors,
            topics,
            offers,
            needs,
            need_possible,
            fixed,
            pinned,
            met_before,
            p_index,
            t_index,
        })
    }

    /// Converts a plan given as table index per (round, participant) into a `Plan`.
    pub fn plan_from_seats(&self, seats: &[u32]) -> Plan {
        let mut rounds = Vec::with_capacity(self.r);
        for rr in 0..self.r {
            let mut tabs = vec![Vec::new(); self.t];
            for p in 0..self.n {
                let s = seats[rr * self.n + p];
                if let Some(v) = tabs.get_mut(s as usize) {
                    v.push(self.spec.participants[p].id.clone());
                }
            }
            rounds.push(tabs);
        }
        Plan { rounds }
    }

    /// Table index per (round, participant) of a plan; `NONE` where not seated.
    /// Errors on unknown ids, people seated twice and wrong shapes.
    pub fn seats_from_plan(&self, plan: &Plan) -> Result<Vec<u32>, SeatingError> {
        if plan.rounds.len() != self.r {
            return Err(SeatingError::InvalidPlan(format!(
                "{} rounds, expected {}",
                plan.rounds.len(),
                self.r
            )));
        }
        let mut seats = vec![NONE; self.r * self.n];
        for (rr, round) in plan.rounds.iter().enumerate() {
            if round.len() > self.t {
                return Err(SeatingError::InvalidPlan(format!(
                    "round {}: {} tables",
                    rr + 1,
                    round.len()
                )));
            }
            for (j, members) in round.iter().enumerate() {
                for id in members {
                    let p =
                        *self
                            .p_index
                            .get(id)
                            .ok_or_else(|| SeatingError::UnknownParticipant {
                                participant: id.clone(),
                                by: format!("plan round {}", rr + 1),
                            })?;
                    if seats[rr * self.n + p] != NONE {
                        return Err(SeatingError::InvalidPlan(format!(
                            "round {}: '{id}' seated twice",
                            rr + 1
                        )));
                    }
                    seats[rr * self.n + p] = j as u32;
                }
            }
        }
        Ok(seats)
    }
}

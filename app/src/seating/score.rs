//! Validation and quality report of a plan, mirroring the reference scorer `score.py`:
//! hard checks (everyone once per round, sizes, pins/locks, avoidable same-organisation
//! pairs via an exact max-flow test) and the soft metrics.

#![allow(clippy::needless_range_loop)] // index-based loops over parallel arrays

use std::collections::HashMap;

use serde::Serialize;

use super::flow::MaxFlow;
use super::problem::{Plan, Problem, NONE};

/// One hard-constraint violation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Violation {
    NotSeated {
        round: usize,
        participant: String,
    },
    OverCapacity {
        round: usize,
        table: String,
        size: usize,
    },
    UnderMinSize {
        round: usize,
        table: String,
        size: usize,
    },
    PinBroken {
        round: usize,
        participant: String,
    },
    SameOrgPair {
        round: usize,
        table: String,
        a: String,
        b: String,
    },
    Malformed(String),
}

/// Soft metrics and hard-constraint result of a plan.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct QualityReport {
    pub valid: bool,
    pub violations: Vec<Violation>,
    /// Extra meetings within the plan (as score.py counts them).
    pub repeats: usize,
    /// Extra meetings counting earlier meetings too.
    pub repeats_with_history: usize,
    pub max_meetings_of_a_pair: usize,
    pub same_org_pairs: usize,
    pub groups_in_instance: usize,
    pub distinct_groups_min: usize,
    pub distinct_groups_mean: f64,
    pub missing_group_slots: usize,
    pub tables_with_all_groups_frac: f64,
    pub same_sector_pairs: usize,
    pub person_rounds_need_met: usize,
    pub person_rounds_with_needs: usize,
    pub table_size_min: usize,
    pub table_size_max: usize,
}

/// Can round `rr` avoid two members of one organisation at one table (capacities, pins and locks)?
pub fn same_org_avoidable(p: &Problem, rr: usize) -> bool {
    let n = p.n;
    let mut cap: Vec<i64> = p.cap.iter().map(|&c| c as i64).collect();
    let mut free = 0usize;
    let mut orgs: HashMap<u32, (usize, Vec<bool>)> = HashMap::new();
    for q in 0..n {
        let f = p.fixed[rr * n + q];
        if f != NONE {
            cap[f as usize] -= 1;
        }
        if p.org[q] == NONE {
            if f == NONE {
                free += 1;
            }
            continue;
        }
        let e = orgs
            .entry(p.org[q])
            .or_insert_with(|| (0, vec![false; p.t]));
        if f == NONE {
            e.0 += 1;
        } else {
            if e.1[f as usize] {
                return false;
            }
            e.1[f as usize] = true;
        }
    }
    if cap.iter().any(|&c| c < 0) {
        return false;
    }
    let mut keys: Vec<&u32> = orgs.keys().collect();
    keys.sort();
    let no = keys.len();
    let base = 3 + no;
    let mut mf = MaxFlow::new(base + p.t);
    mf.add(0, 2, free);
    let mut need = free;
    for j in 0..p.t {
        mf.add(2, base + j, cap[j] as usize);
        mf.add(base + j, 1, cap[j] as usize);
    }
    for (k, key) in keys.iter().enumerate() {
        let (unp, blocked) = &orgs[*key];
        mf.add(0, 3 + k, *unp);
        need += unp;
        for j in 0..p.t {
            if !blocked[j] {
                mf.add(3 + k, base + j, 1);
            }
        }
    }
    mf.run(0, 1) == need
}

/// Validates a `Plan` and reports its quality.
pub fn validate(p: &Problem, plan: &Plan) -> QualityReport {
    match p.seats_from_plan(plan) {
        Ok(seats) => quality_report(p, &seats),
        Err(e) => QualityReport {
            valid: false,
            violations: vec![Violation::Malformed(e.to_string())],
            ..Default::default()
        },
    }
}

/// Validates a plan given as table index per (round, participant) and reports its quality.
pub fn quality_report(p: &Problem, seats: &[u32]) -> QualityReport {
    let (n, t) = (p.n, p.t);
    let mut rep = QualityReport {
        table_size_min: usize::MAX,
        distinct_groups_min: usize::MAX,
        ..Default::default()
    };
    let ids = |q: usize| p.spec.participants[q].id.clone();
    let tid = |j: usize| p.spec.tables[j].id.clone();
    let mut meet = vec![0u8; n * n];
    let mut hist = vec![0u8; n * n];
    for &(a, b) in &p.met_before {
        let (a, b) = (a as usize, b as usize);
        hist[a * n + b] = hist[a * n + b].saturating_add(1);
        hist[b * n + a] = hist[b * n + a].saturating_add(1);
    }
    let g = p.groups.len();
    let mut tables = 0usize;
    let mut all_groups = 0usize;
    let mut gsum = 0usize;
    for rr in 0..p.r {
        let mut members = vec![Vec::new(); t];
        for q in 0..n {
            let s = seats[rr * n + q];
            if s == NONE || s as usize >= t {
                rep.violations.push(Violation::NotSeated {
                    round: rr + 1,
                    participant: ids(q),
                });
                continue;
            }
            members[s as usize].push(q);
            if p.fixed[rr * n + q] != NONE && p.fixed[rr * n + q] != s {
                rep.violations.push(Violation::PinBroken {
                    round: rr + 1,
                    participant: ids(q),
                });
            }
        }
        let avoidable = p.n_orgs == 0 || same_org_avoidable(p, rr);
        for (j, mem) in members.iter().enumerate() {
            if mem.len() > p.cap[j] {
                rep.violations.push(Violation::OverCapacity {
                    round: rr + 1,
                    table: tid(j),
                    size: mem.len(),
                });
            }
            if mem.len() < p.min[j] {
                rep.violations.push(Violation::UnderMinSize {
                    round: rr + 1,
                    table: tid(j),
                    size: mem.len(),
                });
            }
            if mem.is_empty() {
                continue;
            }
            tables += 1;
            rep.table_size_min = rep.table_size_min.min(mem.len());
            rep.table_size_max = rep.table_size_max.max(mem.len());
            for (x, &a) in mem.iter().enumerate() {
                for &b in &mem[x + 1..] {
                    meet[a * n + b] = meet[a * n + b].saturating_add(1);
                    if p.org[a] != NONE && p.org[a] == p.org[b] {
                        rep.same_org_pairs += 1;
                        if avoidable {
                            rep.violations.push(Violation::SameOrgPair {
                                round: rr + 1,
                                table: tid(j),
                                a: ids(a),
                                b: ids(b),
                            });
                        }
                    }
                    if p.sector[a] != NONE && p.sector[a] == p.sector[b] {
                        rep.same_sector_pairs += 1;
                    }
                }
            }
            if g > 0 {
                let mut seen = vec![false; g];
                for &a in mem {
                    if p.group[a] != NONE {
                        seen[p.group[a] as usize] = true;
                    }
                }
                let d = seen.iter().filter(|&&x| x).count();
                let ideal = g.min(mem.len());
                rep.distinct_groups_min = rep.distinct_groups_min.min(d);
                gsum += d;
                rep.missing_group_slots += ideal.saturating_sub(d);
                if d >= ideal {
                    all_groups += 1;
                }
            }
            let mut offered: HashMap<u16, usize> = HashMap::new();
            for &a in mem {
                for &o in &p.offers[a] {
                    *offered.entry(o).or_default() += 1;
                }
            }
            for &a in mem {
                if p.needs[a].is_empty() {
                    continue;
                }
                rep.person_rounds_with_needs += 1;
                let met = p.needs[a].iter().any(|x| {
                    offered.get(x).copied().unwrap_or(0)
                        > usize::from(p.offers[a].binary_search(x).is_ok())
                });
                if met {
                    rep.person_rounds_need_met += 1;
                }
            }
        }
    }
    for a in 0..n {
        for b in a + 1..n {
            let m = meet[a * n + b] as usize;
            let h = m + hist[a * n + b] as usize;
            rep.repeats += m.saturating_sub(1);
            rep.repeats_with_history += h.saturating_sub(1);
            rep.max_meetings_of_a_pair = rep.max_meetings_of_a_pair.max(m);
        }
    }
    rep.groups_in_instance = g;
    if tables > 0 && g > 0 {
        rep.distinct_groups_mean = gsum as f64 / tables as f64;
        rep.tables_with_all_groups_frac = all_groups as f64 / tables as f64;
    } else {
        rep.distinct_groups_min = 0;
    }
    if rep.table_size_min == usize::MAX {
        rep.table_size_min = 0;
    }
    rep.valid = rep.violations.is_empty();
    rep
}

//! Per-table explanations as structured data ("4 groups; Anna looks for funding, Bart
//! offers it"), plus an English renderer; translations can render the same data later.

use serde::Serialize;

use super::problem::{Problem, NONE};

/// One need met at a table: `seeker` looks for `topic`, `offerer` offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NeedMatch {
    pub seeker: String,
    pub offerer: String,
    pub topic: String,
}

/// Why a table looks the way it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableExplanation {
    pub round: usize,
    pub table: String,
    pub size: usize,
    /// Distinct groups at the table.
    pub groups: Vec<String>,
    pub groups_in_event: usize,
    pub distinct_sectors: usize,
    /// Needs met at this table (at most one per seeker).
    pub matches: Vec<NeedMatch>,
    /// Pairs at this table who met before (earlier round or event).
    pub repeated_pairs: usize,
    pub same_org_pairs: usize,
}

/// English rendering, e.g. "4 groups; Anna looks for funding, Bart offers it".
pub fn render_table_explanation(e: &TableExplanation) -> String {
    let mut parts = vec![format!(
        "{} {}",
        e.groups.len(),
        if e.groups.len() == 1 {
            "group"
        } else {
            "groups"
        }
    )];
    for m in e.matches.iter().take(2) {
        parts.push(format!(
            "{} looks for {}, {} offers it",
            m.seeker,
            m.topic.replace('_', " "),
            m.offerer
        ));
    }
    if e.matches.len() > 2 {
        parts.push(format!("{} more needs met", e.matches.len() - 2));
    }
    if e.repeated_pairs > 0 {
        parts.push(format!("{} pair(s) met before", e.repeated_pairs));
    }
    if e.same_org_pairs > 0 {
        parts.push(format!(
            "{} same-organisation pair(s) (unavoidable)",
            e.same_org_pairs
        ));
    }
    parts.join("; ")
}

/// Explanations for every (round, table) of a plan given as table index per (round, participant).
pub fn explain_plan(p: &Problem, seats: &[u32]) -> Vec<Vec<TableExplanation>> {
    let (n, t) = (p.n, p.t);
    let mut meet = vec![0u8; n * n];
    for &(a, b) in &p.met_before {
        meet[a as usize * n + b as usize] = meet[a as usize * n + b as usize].saturating_add(1);
        meet[b as usize * n + a as usize] = meet[b as usize * n + a as usize].saturating_add(1);
    }
    let name = |q: usize| p.spec.participants[q].display_name().to_string();
    let mut out = Vec::with_capacity(p.r);
    for rr in 0..p.r {
        let mut members = vec![Vec::new(); t];
        for q in 0..n {
            if let Some(m) = members.get_mut(seats[rr * n + q] as usize) {
                m.push(q);
            }
        }
        let mut round = Vec::with_capacity(t);
        for (j, mem) in members.iter().enumerate() {
            let gs = distinct(mem, &p.group);
            let ss = distinct(mem, &p.sector);
            let mut matches = Vec::new();
            for &a in mem {
                'needs: for &x in &p.needs[a] {
                    for &b in mem {
                        if b != a && p.offers[b].binary_search(&x).is_ok() {
                            matches.push(NeedMatch {
                                seeker: name(a),
                                offerer: name(b),
                                topic: p.topics[x as usize].clone(),
                            });
                            break 'needs;
                        }
                    }
                }
            }
            let (mut rep, mut org) = (0, 0);
            for (x, &a) in mem.iter().enumerate() {
                for &b in &mem[x + 1..] {
                    if meet[a * n + b] > 0 {
                        rep += 1;
                    }
                    if p.org[a] != NONE && p.org[a] == p.org[b] {
                        org += 1;
                    }
                }
            }
            for (x, &a) in mem.iter().enumerate() {
                for &b in &mem[x + 1..] {
                    meet[a * n + b] = meet[a * n + b].saturating_add(1);
                    meet[b * n + a] = meet[b * n + a].saturating_add(1);
                }
            }
            round.push(TableExplanation {
                round: rr + 1,
                table: p.spec.tables[j].id.clone(),
                size: mem.len(),
                groups: gs.iter().map(|&g| p.groups[g as usize].clone()).collect(),
                groups_in_event: p.groups.len(),
                distinct_sectors: ss.len(),
                matches,
                repeated_pairs: rep,
                same_org_pairs: org,
            });
        }
        out.push(round);
    }
    out
}

/// Distinct known values (`!= NONE`) of `attr` among the people in `mem`, sorted.
fn distinct(mem: &[usize], attr: &[u32]) -> Vec<u32> {
    let mut v: Vec<u32> = mem
        .iter()
        .map(|&a| attr[a])
        .filter(|&x| x != NONE)
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

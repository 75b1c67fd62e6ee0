//! Re-planning during an event (no-shows, walk-ins): keeps the held rounds fixed, counts
//! their meetings as history and re-plans the remaining rounds, penalising every seat
//! that differs from the previous plan (weight `changed_seat`).

use super::error::SeatingError;
use super::problem::{Plan, Problem, NONE};
use super::solver::{solve_with_pref, SeatingResult, SolveOptions};

/// Result of a re-plan: the full plan (held rounds copied verbatim, later rounds new),
/// the solver result for the remaining rounds and how many seats changed.
#[derive(Debug, Clone)]
pub struct ReplanResult {
    pub plan: Plan,
    /// Result for the re-planned rounds only (round numbers start after the held rounds).
    pub remaining: SeatingResult,
    /// Seats in re-planned rounds whose table differs from the previous plan
    /// (participants present in both).
    pub changed_seats: usize,
}

/// Re-plans rounds `held_rounds+1..=R` of `problem` (the current participants: no-shows
/// removed, walk-ins added), starting from `previous` (a plan of R rounds by ids; ids
/// not in `problem` are ignored).
pub fn replan(
    problem: &Problem,
    previous: &Plan,
    held_rounds: usize,
    opts: &SolveOptions,
) -> Result<ReplanResult, SeatingError> {
    let r = problem.r;
    if previous.rounds.len() != r {
        return Err(SeatingError::InvalidPlan(format!(
            "previous plan has {} rounds, expected {r}",
            previous.rounds.len()
        )));
    }
    if held_rounds >= r {
        return Err(SeatingError::InvalidPlan(format!(
            "{held_rounds} rounds held, nothing left to plan"
        )));
    }
    let n = problem.n;
    // previous table per (round, participant) for present participants
    let mut prev = vec![NONE; r * n];
    for (rr, round) in previous.rounds.iter().enumerate() {
        if round.len() > problem.t {
            return Err(SeatingError::InvalidPlan(format!(
                "round {}: {} tables",
                rr + 1,
                round.len()
            )));
        }
        for (j, mem) in round.iter().enumerate() {
            for id in mem {
                if let Some(&q) = problem.p_index.get(id) {
                    prev[rr * n + q] = j as u32;
                }
            }
        }
    }
    // sub-problem for the remaining rounds
    let mut spec = problem.spec.clone();
    let h = held_rounds as u32;
    spec.rounds = problem.spec.rounds - h;
    for p in &mut spec.participants {
        if p.pinned_table.is_some() {
            let rounds: Vec<u32> = match &p.pinned_rounds {
                None => (1..=spec.rounds).collect(),
                Some(v) => v.iter().filter(|&&x| x > h).map(|x| x - h).collect(),
            };
            if rounds.is_empty() {
                p.pinned_table = None;
                p.pinned_rounds = None;
            } else {
                p.pinned_rounds = Some(rounds);
            }
        }
    }
    spec.locks.retain(|l| l.round > h);
    for l in &mut spec.locks {
        l.round -= h;
    }
    for round in previous.rounds.iter().take(held_rounds) {
        for mem in round {
            let present: Vec<&String> = mem
                .iter()
                .filter(|id| problem.p_index.contains_key(*id))
                .collect();
            for (x, a) in present.iter().enumerate() {
                for b in &present[x + 1..] {
                    spec.met_pairs.push(((*a).clone(), (*b).clone()));
                }
            }
        }
    }
    let sub = Problem::new(spec)?;
    let pref = prev[held_rounds * n..].to_vec();
    let res = solve_with_pref(&sub, opts, Some(&pref))?;
    let seats = sub.seats_from_plan(&res.plan)?;
    let mut changed = 0;
    for k in 0..sub.r * n {
        if pref[k] != NONE && seats[k] != pref[k] {
            changed += 1;
        }
    }
    let mut plan = Plan {
        rounds: previous.rounds[..held_rounds].to_vec(),
    };
    plan.rounds.extend(res.plan.rounds.iter().cloned());
    Ok(ReplanResult {
        plan,
        remaining: res,
        changed_seats: changed,
    })
}

//! Tabu phase: conflict-directed search that removes repeats and same-organisation pairs
//! first and ranks equal moves by the full objective, over moves and swaps within a round;
//! restarts from the best plan (perturbed, or now and then a new first plan) when stuck.

use web_time::Instant;

use super::construct::initial_seats;
use super::{Rng, State, W_ORG};
use crate::seating::problem::NONE;

/// Conflicting person-rounds examined per iteration.
const SAMPLE_CONFLICTS: usize = 24;
/// Tables examined per candidate in large rounds.
const SAMPLE_TABLES: usize = 48;

/// Outcome of one tabu run.
pub(super) struct TabuOutcome {
    pub(super) iterations: u64,
    pub(super) target_reached: bool,
}

impl State<'_> {
    /// Tabu search on (repeats, full objective) in lexicographic order: every iteration
    /// examines all moves and swaps of a sample of the conflicting person-rounds (half of it
    /// from repeats, when there are any) and makes the best one that is not tabu (or beats
    /// the best plan). After a long stretch without progress it restarts from the best plan
    /// with a few random swaps. Leaves the best plan found in `self` (rebuilt).
    pub(super) fn tabu(
        &mut self,
        rng: &mut Rng,
        max_it: u64,
        deadline: Option<Instant>,
    ) -> TabuOutcome {
        let (n, t, r) = (self.n, self.t, self.p.r);
        let mut cost = self.lex_cost();
        let mut best = cost;
        let mut best_seat = self.seat.clone();
        let mut tabu = vec![(0u64, 0u32); r * n];
        let mut conf: Vec<(usize, usize)> = Vec::new();
        let mut tables: Vec<usize> = (0..t).collect();
        let (mut it, mut stable) = (0u64, 0u64);
        let max_stable = (200 + 10 * n as u64).min(20_000);
        let mut target_reached = false;
        let start = Instant::now();
        let span = deadline.map(|d| d.saturating_duration_since(start).as_secs_f64());
        let mut progress = 0.0;
        let mut restarts = 0u32;
        while it < max_it {
            if it.is_multiple_of(32) {
                let by_time = span.map_or(0.0, |s| start.elapsed().as_secs_f64() / s.max(1e-9));
                progress = by_time.max(it as f64 / max_it as f64);
                if progress >= 1.0 {
                    break;
                }
            }
            it += 1;
            // Repeats first, ties broken at random. Once there are none, or half the budget
            // is spent (some may be forced), equal moves are ranked by the full objective and
            // half the sample goes to group and need conflicts.
            let mut lex = best.0 == 0 || progress >= 0.5;
            let mut severe = self.conflicts(lex, rng, &mut conf);
            if conf.is_empty() && !lex {
                // only repeats between fixed people are left
                lex = true;
                severe = self.conflicts(lex, rng, &mut conf);
            }
            if conf.is_empty() {
                target_reached = true;
                break;
            }
            if conf.len() > SAMPLE_CONFLICTS {
                let from_severe = if lex {
                    severe.min(SAMPLE_CONFLICTS / 2)
                } else {
                    0
                };
                for x in 0..SAMPLE_CONFLICTS {
                    let hi = if x < from_severe { severe } else { conf.len() };
                    let y = x + rng.below(hi - x);
                    conf.swap(x, y);
                }
                conf.truncate(SAMPLE_CONFLICTS);
            }
            let mut chosen = Chooser::default();
            for &(rr, a) in &conf {
                self.moves_for(
                    rr,
                    a,
                    it,
                    cost.0,
                    best.0,
                    &tabu,
                    lex,
                    &mut tables,
                    rng,
                    &mut chosen,
                );
            }
            let Some(Move {
                rr,
                a,
                b,
                q,
                delta,
                tie,
            }) = chosen.best
            else {
                stable += 1;
                continue;
            };
            let tie = if lex { tie } else { self.delta(rr, a, b, q) };
            let ja = self.seat[rr * n + a];
            self.make_move(rr, a, b, q);
            cost = (cost.0 + delta, cost.1 + tie);
            if cfg!(test) && it.is_multiple_of(97) {
                assert_eq!(cost, self.lex_cost(), "incremental cost drifted");
            }
            let tenure = it + 2 + rng.below(8) as u64 + rng.below(1 + conf.len() / 2) as u64;
            tabu[rr * n + a] = (tenure, ja);
            if let Some(q) = q {
                tabu[rr * n + q] = (tenure, b as u32);
            }
            if cost < best {
                best = cost;
                best_seat.copy_from_slice(&self.seat);
                stable = 0;
            } else {
                stable += 1;
                if stable > max_stable {
                    restarts += 1;
                    // every third restart while repeats remain starts from a new first plan
                    let fresh = if best.0 > 0 && restarts.is_multiple_of(3) {
                        initial_seats(self.p, None, rng).ok()
                    } else {
                        None
                    };
                    if let Some(seats) = fresh {
                        self.seat = seats;
                        self.rebuild();
                    } else {
                        self.seat.copy_from_slice(&best_seat);
                        self.rebuild();
                        self.perturb(rng, 2 + n / 10);
                    }
                    cost = self.lex_cost();
                    stable = 0;
                }
            }
        }
        self.seat.copy_from_slice(&best_seat);
        self.rebuild();
        TabuOutcome {
            iterations: it,
            target_reached,
        }
    }

    /// Conflicting person-rounds as (round, person to move), repeats and same-organisation
    /// pairs first (returns how many); other conflicts only when `all`.
    fn conflicts(&self, all: bool, rng: &mut Rng, out: &mut Vec<(usize, usize)>) -> usize {
        out.clear();
        let n = self.n;
        let mut mild = Vec::new();
        for rr in 0..self.p.r {
            for a in 0..n {
                // a fixed person in a repeat has a movable partner in it; other conflicts of
                // a fixed person are eased by moving somebody at their table
                if self.in_repeat(rr, a) {
                    if self.movable[rr * n + a] {
                        out.push((rr, a));
                    }
                } else if all && self.severity(rr, a) < 3 {
                    if let Some(m) = self.mover_for(rr, a, rng) {
                        mild.push((rr, m));
                    }
                }
            }
        }
        let severe = out.len();
        out.append(&mut mild);
        severe
    }

    /// Does person-round (rr, a) share the table with somebody met before or a colleague?
    #[inline]
    fn in_repeat(&self, rr: usize, a: usize) -> bool {
        let n = self.n;
        let ti = rr * self.t + self.seat[rr * n + a] as usize;
        self.members[ti].iter().any(|&m| {
            let m = m as usize;
            m != a && (self.meet[a * n + m] >= 2 || self.same_org(a, m))
        })
    }

    /// Conflict class of person-round (rr, a): 0 = same organisation or repeated pair,
    /// 1 = table misses a group, 2 = need unmet or seat changed (re-planning), 3 = none.
    fn severity(&self, rr: usize, a: usize) -> u8 {
        let n = self.n;
        let j = self.seat[rr * n + a] as usize;
        let ti = rr * self.t + j;
        let mem = &self.members[ti];
        if self.in_repeat(rr, a) {
            return 0;
        }
        if self.g > 0 && self.missing(ti, mem.len(), 0) > 0 {
            return 1;
        }
        if let Some(pr) = &self.pref {
            let pf = pr[rr * n + a];
            if pf != NONE && pf as usize != j {
                return 2;
            }
        }
        if self.w_need > 0 && self.need_unmet(ti, a, None, None) {
            return 2;
        }
        3
    }

    /// The person-round to move for conflict (rr, a): `a` itself, or for a fixed seat a
    /// random movable person at the same table (None if nobody there can move).
    fn mover_for(&self, rr: usize, a: usize, rng: &mut Rng) -> Option<usize> {
        let n = self.n;
        if self.movable[rr * n + a] {
            return Some(a);
        }
        let ti = rr * self.t + self.seat[rr * n + a] as usize;
        let free = || {
            self.members[ti]
                .iter()
                .map(|&m| m as usize)
                .filter(|&m| self.movable[rr * n + m])
        };
        let count = free().count();
        (count > 0).then(|| free().nth(rng.below(count)).unwrap_or(a))
    }

    /// Offers every move of `a` (to a table with room) and every swap with a movable
    /// person at another table in round `rr` to `chosen`. Large rounds sample the tables.
    #[allow(clippy::too_many_arguments)]
    fn moves_for(
        &self,
        rr: usize,
        a: usize,
        it: u64,
        cost: i64,
        best: i64,
        tabu: &[(u64, u32)],
        lex: bool,
        tables: &mut [usize],
        rng: &mut Rng,
        chosen: &mut Chooser,
    ) {
        let (n, t) = (self.n, self.t);
        let ja = self.seat[rr * n + a] as usize;
        let size_a = self.members[rr * t + ja].len();
        let cand: &[usize] = if t > SAMPLE_TABLES {
            for x in 0..SAMPLE_TABLES {
                let y = x + rng.below(t - x);
                tables.swap(x, y);
            }
            &tables[..SAMPLE_TABLES]
        } else {
            tables
        };
        let is_tabu = |who: usize, to: usize| {
            let (until, table) = tabu[rr * n + who];
            until > it && table as usize == to
        };
        for &b in cand {
            if b == ja {
                continue;
            }
            let tb = rr * t + b;
            let a_tabu = is_tabu(a, b);
            if size_a > self.p.min[ja] && self.members[tb].len() < self.p.cap[b] {
                let delta = self.rep_delta(rr, a, b, None);
                if !a_tabu || cost + delta < best {
                    let m = Move::new(rr, a, b, None, delta);
                    self.offer_move(lex, chosen, rng, m);
                }
            }
            for &q in &self.members[tb] {
                let q = q as usize;
                if !self.movable[rr * n + q] {
                    continue;
                }
                let delta = self.rep_delta(rr, a, b, Some(q));
                if (!a_tabu && !is_tabu(q, ja)) || cost + delta < best {
                    let m = Move::new(rr, a, b, Some(q), delta);
                    self.offer_move(lex, chosen, rng, m);
                }
            }
        }
    }

    /// Offers `m` to `chosen`; with `lex`, equal repeat changes are ranked by the full
    /// objective.
    #[inline]
    fn offer_move(&self, lex: bool, chosen: &mut Chooser, rng: &mut Rng, mut m: Move) {
        if chosen.best.is_some_and(|b| m.delta > b.delta) {
            return;
        }
        if lex {
            m.tie = self.delta(m.rr, m.a, m.b, m.q);
        }
        chosen.offer(rng, m);
    }

    /// Random swaps that never seat two colleagues together (the caller recomputes costs).
    fn perturb(&mut self, rng: &mut Rng, swaps: usize) {
        let n = self.n;
        for _ in 0..swaps {
            let rr = rng.below(self.p.r);
            let (x, y) = (rng.below(n), rng.below(n));
            let (jx, jy) = (
                self.seat[rr * n + x] as usize,
                self.seat[rr * n + y] as usize,
            );
            if jx == jy || !self.movable[rr * n + x] || !self.movable[rr * n + y] {
                continue;
            }
            if self.rep_delta(rr, x, jy, Some(y)) < W_ORG / 2 {
                self.make_move(rr, x, jy, Some(y));
            }
        }
    }
}

/// A move of `a` to table `b` in round `rr`, swapping with `q` when given.
#[derive(Debug, Clone, Copy)]
struct Move {
    rr: usize,
    a: usize,
    b: usize,
    q: Option<usize>,
    delta: i64,
    /// Tie-breaker among equal deltas (lower is better).
    tie: i64,
}

impl Move {
    fn new(rr: usize, a: usize, b: usize, q: Option<usize>, delta: i64) -> Self {
        Move {
            rr,
            a,
            b,
            q,
            delta,
            tie: 0,
        }
    }
}

/// Keeps the lowest-delta move offered, breaking ties uniformly at random.
#[derive(Default)]
struct Chooser {
    best: Option<Move>,
    ties: u32,
}

impl Chooser {
    #[inline]
    fn offer(&mut self, rng: &mut Rng, m: Move) {
        let key = (m.delta, m.tie);
        match self.best {
            Some(b) if key > (b.delta, b.tie) => {}
            Some(b) if key == (b.delta, b.tie) => {
                self.ties += 1;
                if rng.below(self.ties as usize + 1) == 0 {
                    self.best = Some(m);
                }
            }
            _ => {
                self.ties = 0;
                self.best = Some(m);
            }
        }
    }
}

//! Anytime solver: organisation-safe greedy construction (max-flow), then a conflict-directed
//! tabu search (repeats first) and simulated annealing (`anneal.rs`) on the full objective,
//! both over moves and swaps within a round with incremental delta evaluation.
//! Runs independent seeded searches on several threads (native) or one (wasm32); the
//! result is deterministic for a seed when stopped by iteration cap or target quality.

#![allow(clippy::needless_range_loop)] // index-based loops over parallel arrays

use web_time::{Duration, Instant};

use super::error::SeatingError;
use super::explain::{explain_plan, TableExplanation};
use super::flow::MaxFlow;
use super::problem::{Plan, Problem, NONE};
use super::rng::Rng;
use super::score::{quality_report, QualityReport};

mod anneal;

/// Weight of one same-organisation pair: dominates every other term.
const W_ORG: i64 = 1_000_000_000_000;
/// Conflicting person-rounds examined per iteration.
const SAMPLE_CONFLICTS: usize = 24;
/// Tables examined per candidate in large rounds.
const SAMPLE_TABLES: usize = 48;

/// ((repeat cost, full cost), best seats, iterations, stop reason) of one search thread.
type RunResult = ((i64, i64), Vec<u32>, u64, StopReason);

/// Search limits. With `time_limit: None` the search is deterministic for a seed
/// (stops at `max_iterations` or when no conflict is left).
#[derive(Debug, Clone)]
pub struct SolveOptions {
    pub seed: u64,
    pub time_limit: Option<Duration>,
    /// Per thread; default 2_000_000 if neither limit is given.
    pub max_iterations: Option<u64>,
    /// Threads (native only; wasm32 always uses 1). 0 = available parallelism (max 2).
    pub threads: usize,
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions {
            seed: 1,
            time_limit: Some(Duration::from_secs(1)),
            max_iterations: None,
            threads: 0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopReason {
    /// Nothing left to improve: no repeat, colleague pair, missing group, unmet need or
    /// same-sector pair (or nobody can move).
    TargetReached,
    IterationCap,
    TimeLimit,
}

#[derive(Debug, Clone)]
pub struct SolveStats {
    pub iterations: u64,
    pub runtime_s: f64,
    pub threads: usize,
    pub seed: u64,
    pub best_thread: usize,
    pub objective: i64,
    pub stop: StopReason,
}

/// Plan, quality report and per-table explanations.
#[derive(Debug, Clone)]
pub struct SeatingResult {
    pub plan: Plan,
    pub report: QualityReport,
    pub explanations: Vec<Vec<TableExplanation>>,
    pub stats: SolveStats,
}

/// Solves `problem`; always returns a plan satisfying capacities, minimum sizes, pins and locks.
pub fn solve(problem: &Problem, opts: &SolveOptions) -> Result<SeatingResult, SeatingError> {
    solve_with_pref(problem, opts, None)
}

pub(crate) fn solve_with_pref(
    problem: &Problem,
    opts: &SolveOptions,
    pref: Option<&[u32]>,
) -> Result<SeatingResult, SeatingError> {
    let start = Instant::now();
    let threads = thread_count(opts.threads);
    let max_it = match (opts.max_iterations, opts.time_limit) {
        (Some(m), _) => m,
        (None, Some(_)) => u64::MAX,
        (None, None) => 2_000_000,
    };
    let deadline = opts.time_limit.map(|d| start + d);
    let run = |idx: usize| -> Result<RunResult, SeatingError> {
        let mut rng = Rng::new(opts.seed, idx as u64);
        let mut st = State::new(problem, pref, &mut rng)?;
        Ok(st.search(&mut rng, max_it, deadline))
    };
    let results: Vec<Result<RunResult, SeatingError>> = run_threads(threads, &run);
    let mut best: Option<(usize, RunResult)> = None;
    let mut total_it = 0;
    for (i, res) in results.into_iter().enumerate() {
        let res = res?;
        total_it += res.2;
        if best.as_ref().is_none_or(|b| res.0 < b.1 .0) {
            best = Some((i, res));
        }
    }
    let (bi, (cost, seats, _, stop)) = best.ok_or(SeatingError::Empty("no search thread ran"))?;
    let plan = problem.plan_from_seats(&seats);
    let report = quality_report(problem, &seats);
    let explanations = explain_plan(problem, &seats);
    Ok(SeatingResult {
        plan,
        report,
        explanations,
        stats: SolveStats {
            iterations: total_it,
            runtime_s: start.elapsed().as_secs_f64(),
            threads,
            seed: opts.seed,
            best_thread: bi,
            objective: cost.1,
            stop,
        },
    })
}

#[cfg(not(target_arch = "wasm32"))]
fn thread_count(requested: usize) -> usize {
    if requested > 0 {
        return requested.min(64);
    }
    std::thread::available_parallelism()
        .map(|x| x.get())
        .unwrap_or(1)
        .clamp(1, 2)
}

#[cfg(target_arch = "wasm32")]
fn thread_count(_requested: usize) -> usize {
    1
}

#[cfg(not(target_arch = "wasm32"))]
fn run_threads<T: Send, F: Fn(usize) -> T + Sync>(threads: usize, f: &F) -> Vec<T> {
    if threads <= 1 {
        return vec![f(0)];
    }
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads).map(|i| s.spawn(move || f(i))).collect();
        handles
            .into_iter()
            .map(|h| h.join())
            .collect::<Result<Vec<T>, _>>()
    })
    .unwrap_or_else(|_| vec![f(0)])
}

#[cfg(target_arch = "wasm32")]
fn run_threads<T, F: Fn(usize) -> T>(_threads: usize, f: &F) -> Vec<T> {
    vec![f(0)]
}

/// Search state for all rounds at once.
pub(crate) struct State<'a> {
    p: &'a Problem,
    n: usize,
    t: usize,
    g: usize,
    k: usize,
    seat: Vec<u32>,
    members: Vec<Vec<u32>>,
    gcnt: Vec<u16>,
    offcnt: Vec<u16>,
    /// Per table: topics offered by at least 1, 2 and 3 people (only when `k <= 64`);
    /// makes the "is this need met" test a few bit operations.
    cov: Vec<[u64; 3]>,
    fast_need: bool,
    meet: Vec<u8>,
    /// Topic bit masks (topics >= 63 share bit 63): quick "may change need status" test.
    needmask: Vec<u64>,
    offmask: Vec<u64>,
    pref: Option<Vec<u32>>,
    movable: Vec<bool>,
    w_rep: i64,
    w_grp: i64,
    w_need: i64,
    w_sec: i64,
    w_chg: i64,
    pub cost: i64,
}

impl<'a> State<'a> {
    pub(crate) fn new(
        p: &'a Problem,
        pref: Option<&[u32]>,
        rng: &mut Rng,
    ) -> Result<Self, SeatingError> {
        let (n, t, r) = (p.n, p.t, p.r);
        let seat = initial_seats(p, pref, rng)?;
        let w = p.spec.weights;
        let movable = (0..r * n).map(|k| p.fixed[k] == NONE).collect();
        let mut st = State {
            p,
            n,
            t,
            g: p.groups.len(),
            k: p.topics.len(),
            seat,
            members: vec![Vec::new(); r * t],
            gcnt: vec![0; r * t * p.groups.len()],
            offcnt: vec![0; r * t * p.topics.len()],
            cov: vec![[0; 3]; r * t],
            fast_need: p.topics.len() <= 64,
            meet: vec![0; n * n],
            needmask: p
                .needs
                .iter()
                .map(|v| v.iter().fold(0u64, |m, &x| m | 1u64 << (x as u32).min(63)))
                .collect(),
            offmask: p
                .offers
                .iter()
                .map(|v| v.iter().fold(0u64, |m, &x| m | 1u64 << (x as u32).min(63)))
                .collect(),
            pref: pref.map(|x| x.to_vec()),
            movable,
            w_rep: w.repeated_pair,
            w_grp: w.missing_group,
            w_need: w.need_unmet,
            w_sec: w.same_sector_pair,
            w_chg: w.changed_seat,
            cost: 0,
        };
        st.rebuild();
        Ok(st)
    }

    fn rebuild(&mut self) {
        let (n, t) = (self.n, self.t);
        for m in &mut self.members {
            m.clear();
        }
        self.gcnt.iter_mut().for_each(|x| *x = 0);
        self.offcnt.iter_mut().for_each(|x| *x = 0);
        self.cov.iter_mut().for_each(|x| *x = [0; 3]);
        self.meet.iter_mut().for_each(|x| *x = 0);
        for &(a, b) in &self.p.met_before {
            let (a, b) = (a as usize, b as usize);
            self.meet[a * n + b] = self.meet[a * n + b].saturating_add(1);
            self.meet[b * n + a] = self.meet[b * n + a].saturating_add(1);
        }
        for rr in 0..self.p.r {
            for q in 0..n {
                let j = self.seat[rr * n + q] as usize;
                let ti = rr * t + j;
                for &m in &self.members[ti] {
                    let m = m as usize;
                    self.meet[q * n + m] = self.meet[q * n + m].saturating_add(1);
                    self.meet[m * n + q] = self.meet[m * n + q].saturating_add(1);
                }
                self.members[ti].push(q as u32);
                if self.p.group[q] != NONE {
                    self.gcnt[ti * self.g + self.p.group[q] as usize] += 1;
                }
                for &o in &self.p.offers[q] {
                    self.offcnt[ti * self.k + o as usize] += 1;
                    self.update_cov(ti, o as usize);
                }
            }
        }
        self.cost = self.full_cost();
    }

    /// Objective from scratch (used at start and by tests to check deltas).
    pub(crate) fn full_cost(&self) -> i64 {
        let (n, t) = (self.n, self.t);
        let mut c = self.extra_meetings_cost();
        for rr in 0..self.p.r {
            for j in 0..t {
                let ti = rr * t + j;
                let mem = &self.members[ti];
                for (x, &a) in mem.iter().enumerate() {
                    for &b in &mem[x + 1..] {
                        c += self.pair_cost(a as usize, b as usize);
                    }
                    if self.need_unmet(ti, a as usize, None, None) {
                        c += self.w_need;
                    }
                    if let Some(pr) = &self.pref {
                        let pf = pr[rr * n + a as usize];
                        if pf != NONE && pf as usize != j {
                            c += self.w_chg;
                        }
                    }
                }
                c += self.w_grp * self.missing(ti, mem.len(), 0);
            }
        }
        c
    }

    #[inline]
    fn pair_cost(&self, a: usize, b: usize) -> i64 {
        let p = self.p;
        let mut c = 0;
        if p.org[a] != NONE && p.org[a] == p.org[b] {
            c += W_ORG;
        }
        if p.sector[a] != NONE && p.sector[a] == p.sector[b] {
            c += self.w_sec;
        }
        c
    }

    /// Missing groups at table `ti` with `size` people, after changing distinct count by `dd`.
    #[inline]
    fn missing(&self, ti: usize, size: usize, dd: i64) -> i64 {
        if self.g == 0 {
            return 0;
        }
        let d = self.gcnt[ti * self.g..(ti + 1) * self.g]
            .iter()
            .filter(|&&x| x > 0)
            .count() as i64
            + dd;
        (self.g.min(size) as i64 - d).max(0)
    }

    /// Refreshes the coverage bits of topic `x` at table `ti` from its offer count.
    #[inline]
    fn update_cov(&mut self, ti: usize, x: usize) {
        if !self.fast_need {
            return;
        }
        let c = self.offcnt[ti * self.k + x];
        let bit = 1u64 << x;
        for (level, mask) in self.cov[ti].iter_mut().enumerate() {
            if c as usize > level {
                *mask |= bit;
            } else {
                *mask &= !bit;
            }
        }
    }

    /// Is person `a` (counted at table `ti`) without a need met, if `out` left and `inn` joined?
    /// A person's own offers never meet their own needs.
    #[inline]
    fn need_unmet(&self, ti: usize, a: usize, out: Option<usize>, inn: Option<usize>) -> bool {
        let p = self.p;
        if !p.need_possible[a] {
            return false;
        }
        if !self.fast_need {
            return self.need_unmet_slow(ti, a, out, inn);
        }
        let need = self.needmask[a];
        if inn.is_some_and(|i| self.offmask[i] & need != 0) {
            return false;
        }
        // topics whose count drops by one or two (a's own offers, the leaver's offers)
        let r1 = if self.seat_table_is(ti, a) {
            self.offmask[a] & need
        } else {
            0
        };
        let r2 = out.map_or(0, |o| self.offmask[o] & need);
        let [c1, c2, c3] = self.cov[ti];
        let met = (need & !(r1 | r2) & c1) | ((r1 ^ r2) & c2) | (r1 & r2 & c3);
        met == 0
    }

    /// `need_unmet` from the offer counts, for more than 64 topics.
    fn need_unmet_slow(&self, ti: usize, a: usize, out: Option<usize>, inn: Option<usize>) -> bool {
        let p = self.p;
        let base = ti * self.k;
        let in_table = self.seat_table_is(ti, a);
        for &x in &p.needs[a] {
            let mut c = self.offcnt[base + x as usize] as i64;
            if in_table && p.offers[a].binary_search(&x).is_ok() {
                c -= 1;
            }
            if let Some(o) = out {
                if p.offers[o].binary_search(&x).is_ok() {
                    c -= 1;
                }
            }
            if let Some(i) = inn {
                if p.offers[i].binary_search(&x).is_ok() {
                    c += 1;
                }
            }
            if c > 0 {
                return false;
            }
        }
        true
    }

    #[inline]
    fn seat_table_is(&self, ti: usize, a: usize) -> bool {
        let rr = ti / self.t;
        self.seat[rr * self.n + a] as usize == ti % self.t
    }

    /// Cost change at table `ti` when `out` leaves and/or `inn` joins.
    fn table_delta(&self, ti: usize, out: Option<usize>, inn: Option<usize>) -> i64 {
        let (n, p) = (self.n, self.p);
        let mem = &self.members[ti];
        let mut d = 0i64;
        for &m in mem {
            let m = m as usize;
            if Some(m) == out {
                continue;
            }
            if let Some(o) = out {
                d -= self.pair_cost(o, m);
                if self.meet[o * n + m] >= 2 {
                    d -= self.w_rep;
                }
            }
            if let Some(i) = inn {
                d += self.pair_cost(i, m);
                if self.meet[i * n + m] >= 1 {
                    d += self.w_rep;
                }
            }
            let touch = out.map_or(0, |o| self.offmask[o]) | inn.map_or(0, |i| self.offmask[i]);
            if self.w_need != 0 && p.need_possible[m] && self.needmask[m] & touch != 0 {
                let before = self.need_unmet(ti, m, None, None);
                let after = self.need_unmet(ti, m, out, inn);
                d += self.w_need * (after as i64 - before as i64);
            }
        }
        if self.w_need != 0 {
            if let Some(o) = out {
                if self.need_unmet(ti, o, None, None) {
                    d -= self.w_need;
                }
            }
            if let Some(i) = inn {
                if self.need_unmet(ti, i, out, None) {
                    d += self.w_need;
                }
            }
        }
        if self.g > 0 {
            let size = mem.len();
            let gout = out.map(|o| p.group[o]).unwrap_or(NONE);
            let gin = inn.map(|i| p.group[i]).unwrap_or(NONE);
            let mut dd = 0i64;
            if gout != gin {
                if gout != NONE && self.gcnt[ti * self.g + gout as usize] == 1 {
                    dd -= 1;
                }
                if gin != NONE && self.gcnt[ti * self.g + gin as usize] == 0 {
                    dd += 1;
                }
            }
            let new_size = size - usize::from(out.is_some()) + usize::from(inn.is_some());
            d += self.w_grp * (self.missing(ti, new_size, dd) - self.missing(ti, size, 0));
        }
        if let Some(pr) = &self.pref {
            let rr = ti / self.t;
            let j = (ti % self.t) as u32;
            if let Some(o) = out {
                if pr[rr * n + o] == j {
                    d += self.w_chg;
                }
            }
            if let Some(i) = inn {
                if pr[rr * n + i] == j {
                    d -= self.w_chg;
                }
            }
        }
        d
    }

    fn remove(&mut self, rr: usize, a: usize) {
        let (n, t) = (self.n, self.t);
        let j = self.seat[rr * n + a] as usize;
        let ti = rr * t + j;
        if let Some(pos) = self.members[ti].iter().position(|&x| x as usize == a) {
            self.members[ti].swap_remove(pos);
        }
        for idx in 0..self.members[ti].len() {
            let m = self.members[ti][idx] as usize;
            self.meet[a * n + m] -= 1;
            self.meet[m * n + a] -= 1;
        }
        if self.p.group[a] != NONE {
            self.gcnt[ti * self.g + self.p.group[a] as usize] -= 1;
        }
        for &o in &self.p.offers[a] {
            self.offcnt[ti * self.k + o as usize] -= 1;
            self.update_cov(ti, o as usize);
        }
        self.seat[rr * n + a] = NONE;
    }

    fn insert(&mut self, rr: usize, a: usize, j: usize) {
        let (n, t) = (self.n, self.t);
        let ti = rr * t + j;
        for idx in 0..self.members[ti].len() {
            let m = self.members[ti][idx] as usize;
            self.meet[a * n + m] += 1;
            self.meet[m * n + a] += 1;
        }
        self.members[ti].push(a as u32);
        if self.p.group[a] != NONE {
            self.gcnt[ti * self.g + self.p.group[a] as usize] += 1;
        }
        for &o in &self.p.offers[a] {
            self.offcnt[ti * self.k + o as usize] += 1;
            self.update_cov(ti, o as usize);
        }
        self.seat[rr * n + a] = j as u32;
    }

    /// Delta of moving `a` to table `b` (and `q` from `b` to `a`'s table when given).
    fn delta(&self, rr: usize, a: usize, b: usize, q: Option<usize>) -> i64 {
        let ja = self.seat[rr * self.n + a] as usize;
        let (ta, tb) = (rr * self.t + ja, rr * self.t + b);
        self.table_delta(ta, Some(a), q) + self.table_delta(tb, q, Some(a))
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

    /// Two-phase search; returns (best cost, best seats, iterations, stop reason).
    /// Phase 1 (fresh plans only, at most half the budget): tabu search that removes repeats
    /// and same-organisation pairs first and ranks equal moves by the full objective.
    /// Phase 2: simulated annealing on the full objective from phase 1's best plan.
    pub(crate) fn search(
        &mut self,
        rng: &mut Rng,
        max_it: u64,
        deadline: Option<Instant>,
    ) -> RunResult {
        if !self.movable.iter().any(|&m| m) {
            return (
                self.lex_cost(),
                self.seat.clone(),
                0,
                StopReason::TargetReached,
            );
        }
        let mut it = 0;
        if self.pref.is_none() {
            let now = Instant::now();
            let mid = deadline.map(|d| now + d.saturating_duration_since(now) / 2);
            let out = self.tabu(rng, max_it / 2, mid);
            it = out.iterations;
            if out.target_reached && self.cost == 0 {
                return (
                    self.lex_cost(),
                    self.seat.clone(),
                    it,
                    StopReason::TargetReached,
                );
            }
        }
        let w = &self.p.spec.weights;
        let t0 = (w.repeated_pair as f64 / 10.0).max(1.0);
        let t1 = [w.missing_group, w.need_unmet, w.same_sector_pair]
            .into_iter()
            .filter(|&x| x > 0)
            .min()
            .unwrap_or(1) as f64
            / 2.0;
        it += self
            .anneal(rng, max_it.saturating_sub(it), deadline, t0, t1.min(t0))
            .iterations;
        let stop = if deadline.is_some_and(|d| Instant::now() >= d) {
            StopReason::TimeLimit
        } else {
            StopReason::IterationCap
        };
        (self.lex_cost(), self.seat.clone(), it, stop)
    }

    /// Cost as the tabu phase ranks it: (repeats and same-organisation pairs, everything).
    pub(crate) fn lex_cost(&self) -> (i64, i64) {
        (self.repeat_cost(), self.full_cost())
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

    /// Tabu search on (repeats, full objective) in lexicographic order: every iteration
    /// examines all moves and swaps of a sample of the conflicting person-rounds (half of it
    /// from repeats, when there are any) and makes the best one that is not tabu (or beats
    /// the best plan). After a long stretch without progress it restarts from the best plan
    /// with a few random swaps. Leaves the best plan found in `self` (rebuilt).
    fn tabu(&mut self, rng: &mut Rng, max_it: u64, deadline: Option<Instant>) -> TabuOutcome {
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

    /// Change in repeats and same-organisation pairs of moving `a` to table `b` in round
    /// `rr` (swapping with `q`).
    #[inline]
    fn rep_delta(&self, rr: usize, a: usize, b: usize, q: Option<usize>) -> i64 {
        let ta = rr * self.t + self.seat[rr * self.n + a] as usize;
        let tb = rr * self.t + b;
        self.rep_table_delta(ta, Some(a), q) + self.rep_table_delta(tb, q, Some(a))
    }

    /// Moves `a` to table `b` in round `rr`, and `q` (if any) to `a`'s table.
    fn make_move(&mut self, rr: usize, a: usize, b: usize, q: Option<usize>) {
        let ja = self.seat[rr * self.n + a] as usize;
        self.remove(rr, a);
        if let Some(q) = q {
            self.remove(rr, q);
            self.insert(rr, q, ja);
        }
        self.insert(rr, a, b);
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

    /// Repeat weight times every extra meeting of a pair.
    fn extra_meetings_cost(&self) -> i64 {
        let n = self.n;
        let mut c = 0i64;
        for a in 0..n {
            for b in a + 1..n {
                let m = self.meet[a * n + b] as i64;
                if m > 1 {
                    c += self.w_rep * (m - 1);
                }
            }
        }
        c
    }

    /// Cost of repeats and same-organisation pairs only.
    fn repeat_cost(&self) -> i64 {
        let mut c = self.extra_meetings_cost();
        for mem in &self.members {
            for (x, &a) in mem.iter().enumerate() {
                for &b in &mem[x + 1..] {
                    if self.same_org(a as usize, b as usize) {
                        c += W_ORG;
                    }
                }
            }
        }
        c
    }

    #[inline]
    fn same_org(&self, a: usize, b: usize) -> bool {
        self.p.org[a] != NONE && self.p.org[a] == self.p.org[b]
    }

    /// Repeat/organisation cost change at table `ti` when `out` leaves and/or `inn` joins.
    #[inline]
    fn rep_table_delta(&self, ti: usize, out: Option<usize>, inn: Option<usize>) -> i64 {
        let n = self.n;
        let mut d = 0i64;
        for &m in &self.members[ti] {
            let m = m as usize;
            if Some(m) == out {
                continue;
            }
            if let Some(o) = out {
                if self.meet[o * n + m] >= 2 {
                    d -= self.w_rep;
                }
                if self.same_org(o, m) {
                    d -= W_ORG;
                }
            }
            if let Some(i) = inn {
                if self.meet[i * n + m] >= 1 {
                    d += self.w_rep;
                }
                if self.same_org(i, m) {
                    d += W_ORG;
                }
            }
        }
        d
    }
}

struct TabuOutcome {
    iterations: u64,
    target_reached: bool,
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

/// A first plan: a design-theory construction for the rounds it covers (fresh plans only),
/// then `construct_round` for the others.
fn initial_seats(
    p: &Problem,
    pref: Option<&[u32]>,
    rng: &mut Rng,
) -> Result<Vec<u32>, SeatingError> {
    let (n, r) = (p.n, p.r);
    let mut seat = vec![NONE; r * n];
    let designed = if pref.is_none() {
        super::design::construct(p)
    } else {
        None
    };
    let first_free = designed.as_ref().map_or(0, |d| d.1);
    if let Some((d, _)) = &designed {
        seat[..first_free * n].copy_from_slice(&d[..first_free * n]);
    }
    for rr in first_free..r {
        construct_round(
            p,
            rr,
            pref.map(|x| &x[rr * n..(rr + 1) * n]),
            rng,
            &mut seat[rr * n..(rr + 1) * n],
        )?;
    }
    Ok(seat)
}

/// Builds one round: pins/locks first, preferred seats (re-planning), organisation members
/// spread by max-flow, then the rest greedily for group mixing; finally repairs minimum sizes.
fn construct_round(
    p: &Problem,
    rr: usize,
    pref: Option<&[u32]>,
    rng: &mut Rng,
    seat: &mut [u32],
) -> Result<(), SeatingError> {
    let (n, t) = (p.n, p.t);
    let mut size = vec![0usize; t];
    let mut has_org: Vec<std::collections::HashSet<u32>> = vec![Default::default(); t];
    let place = |seat: &mut [u32],
                 size: &mut [usize],
                 has_org: &mut [std::collections::HashSet<u32>],
                 q: usize,
                 j: usize| {
        seat[q] = j as u32;
        size[j] += 1;
        if p.org[q] != NONE {
            has_org[j].insert(p.org[q]);
        }
    };
    for q in 0..n {
        let f = p.fixed[rr * n + q];
        if f != NONE {
            place(seat, &mut size, &mut has_org, q, f as usize);
        }
    }
    // target sizes
    let mut target: Vec<usize> = (0..t).map(|j| size[j].max(p.min[j])).collect();
    if let Some(pf) = pref {
        let mut want = size.clone();
        for q in 0..n {
            if seat[q] == NONE && pf[q] != NONE && (pf[q] as usize) < t {
                want[pf[q] as usize] += 1;
            }
        }
        for j in 0..t {
            target[j] = target[j].max(want[j].min(p.cap[j]));
        }
        // shrink if over n
        let mut total: usize = target.iter().sum();
        while total > n {
            let j = (0..t)
                .filter(|&j| target[j] > size[j].max(p.min[j]))
                .max_by_key(|&j| target[j])
                .ok_or(SeatingError::TooFewPeople {
                    round: rr as u32 + 1,
                    people: n,
                    needed: total,
                })?;
            target[j] -= 1;
            total -= 1;
        }
    }
    let mut total: usize = target.iter().sum();
    if total > n {
        return Err(SeatingError::TooFewPeople {
            round: rr as u32 + 1,
            people: n,
            needed: total,
        });
    }
    while total < n {
        // table with the lowest fill ratio that has room
        let j = (0..t)
            .filter(|&j| target[j] < p.cap[j])
            .min_by(|&x, &y| ((target[x] + 1) * p.cap[y]).cmp(&((target[y] + 1) * p.cap[x])))
            .ok_or(SeatingError::NotEnoughSeats {
                people: n,
                seats: p.cap.iter().sum(),
            })?;
        target[j] += 1;
        total += 1;
    }
    // preferred seats
    if let Some(pf) = pref {
        for q in 0..n {
            if seat[q] == NONE
                && pf[q] != NONE
                && (pf[q] as usize) < t
                && size[pf[q] as usize] < target[pf[q] as usize]
            {
                place(seat, &mut size, &mut has_org, q, pf[q] as usize);
            }
        }
    }
    // organisation members by max-flow (one per organisation per table)
    let mut org_members: std::collections::BTreeMap<u32, Vec<usize>> = Default::default();
    for q in 0..n {
        if seat[q] == NONE && p.org[q] != NONE {
            org_members.entry(p.org[q]).or_default().push(q);
        }
    }
    if !org_members.is_empty() {
        let orgs: Vec<(u32, Vec<usize>)> = org_members.into_iter().collect();
        let demand: usize = orgs.iter().map(|o| o.1.len()).sum();
        let mut order: Vec<usize> = (0..t).collect();
        rng.shuffle(&mut order);
        let mut done = false;
        for limit_by_target in [true, false] {
            let no = orgs.len();
            let mut mf = MaxFlow::new(2 + no + t);
            let mut edges = Vec::new();
            for (k, (o, ms)) in orgs.iter().enumerate() {
                mf.add(0, 2 + k, ms.len());
                for &j in &order {
                    if !has_org[j].contains(o) {
                        edges.push((k, j, mf.add(2 + k, 2 + no + j, 1)));
                    }
                }
            }
            for j in 0..t {
                let lim = if limit_by_target { target[j] } else { p.cap[j] };
                mf.add(2 + no + j, 1, lim.saturating_sub(size[j]));
            }
            if mf.run(0, 1) == demand || !limit_by_target {
                let mut next = vec![0usize; orgs.len()];
                for &(k, j, e) in &edges {
                    if mf.flow_on(e) > 0 && next[k] < orgs[k].1.len() {
                        let q = orgs[k].1[next[k]];
                        next[k] += 1;
                        place(seat, &mut size, &mut has_org, q, j);
                    }
                }
                done = true;
                break;
            }
        }
        let _ = done;
    }
    // everybody else: greedy group mixing
    let mut rest: Vec<usize> = (0..n).filter(|&q| seat[q] == NONE).collect();
    rng.shuffle(&mut rest);
    let g = p.groups.len().max(1);
    let mut gc = vec![0usize; t * g];
    for q in 0..n {
        if seat[q] != NONE && p.group[q] != NONE {
            gc[seat[q] as usize * g + p.group[q] as usize] += 1;
        }
    }
    for q in rest {
        let gq = p.group[q];
        let room = |j: usize| size[j] < target[j];
        let any_room = (0..t).any(room);
        let j = (0..t)
            .filter(|&j| {
                if any_room {
                    room(j)
                } else {
                    size[j] < p.cap[j]
                }
            })
            .min_by_key(|&j| {
                let same_org = usize::from(p.org[q] != NONE && has_org[j].contains(&p.org[q]));
                let gcount = if gq != NONE {
                    gc[j * g + gq as usize]
                } else {
                    0
                };
                (same_org, gcount, size[j] * 1000 / p.cap[j])
            })
            .ok_or(SeatingError::NotEnoughSeats {
                people: n,
                seats: p.cap.iter().sum(),
            })?;
        if gq != NONE {
            gc[j * g + gq as usize] += 1;
        }
        place(seat, &mut size, &mut has_org, q, j);
    }
    // repair minimum sizes
    while let Some(j) = (0..t).find(|&j| size[j] < p.min[j]) {
        let mut moved = false;
        for q in 0..n {
            let s = seat[q] as usize;
            if p.fixed[rr * n + q] == NONE && s != j && size[s] > p.min[s] {
                seat[q] = j as u32;
                size[s] -= 1;
                size[j] += 1;
                moved = true;
                break;
            }
        }
        if !moved {
            return Err(SeatingError::TooFewPeople {
                round: rr as u32 + 1,
                people: n,
                needed: p.min.iter().sum(),
            });
        }
    }
    Ok(())
}

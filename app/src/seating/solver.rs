//! Anytime solver: organisation-safe greedy construction (max-flow), then conflict-directed
//! tabu search over swaps/moves within a round with incremental delta evaluation.
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

/// Weight of one same-organisation pair: dominates every other term.
const W_ORG: i64 = 1_000_000_000_000;
/// Conflicting person-rounds examined per iteration.
const PICKS: usize = 3;
/// Tables examined per candidate in large rounds.
const SAMPLE_TABLES: usize = 48;

/// (best cost, best seats, iterations, stop reason) of one search thread.
type RunResult = (i64, Vec<u32>, u64, StopReason);

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
    /// No repeat, same-organisation pair, missing group or avoidable unmet need left.
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
    let mut best: Option<(i64, usize, Vec<u32>, u64, StopReason)> = None;
    let mut total_it = 0;
    for (i, res) in results.into_iter().enumerate() {
        let (cost, seats, it, stop) = res?;
        total_it += it;
        if best.as_ref().is_none_or(|b| cost < b.0) {
            best = Some((cost, i, seats, it, stop));
        }
    }
    let (cost, bi, seats, _, stop) = best.ok_or(SeatingError::Empty("no search thread ran"))?;
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
            objective: cost,
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
                }
            }
        }
        self.cost = self.full_cost();
    }

    /// Objective from scratch (used at start and by tests to check deltas).
    pub(crate) fn full_cost(&self) -> i64 {
        let (n, t) = (self.n, self.t);
        let mut c = 0i64;
        for a in 0..n {
            for b in a + 1..n {
                let m = self.meet[a * n + b] as i64;
                if m > 1 {
                    c += self.w_rep * (m - 1);
                }
            }
        }
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

    /// Is person `a` (counted at table `ti`) without a need met, if `out` left and `inn` joined?
    #[inline]
    fn need_unmet(&self, ti: usize, a: usize, out: Option<usize>, inn: Option<usize>) -> bool {
        let p = self.p;
        if !p.need_possible[a] {
            return false;
        }
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
        }
        self.seat[rr * n + a] = j as u32;
    }

    /// Delta of moving `a` to table `b` (and `q` from `b` to `a`'s table when given).
    fn delta(&self, rr: usize, a: usize, b: usize, q: Option<usize>) -> i64 {
        let ja = self.seat[rr * self.n + a] as usize;
        let (ta, tb) = (rr * self.t + ja, rr * self.t + b);
        self.table_delta(ta, Some(a), q) + self.table_delta(tb, q, Some(a))
    }

    fn apply(&mut self, rr: usize, a: usize, b: usize, q: Option<usize>, delta: i64) {
        let ja = self.seat[rr * self.n + a] as usize;
        self.remove(rr, a);
        if let Some(q) = q {
            self.remove(rr, q);
            self.insert(rr, q, ja);
        }
        self.insert(rr, a, b);
        self.cost += delta;
    }

    /// Does person-round (rr, a) take part in a conflict the search should fix?
    fn conflicted(&self, rr: usize, a: usize) -> bool {
        self.severity(rr, a) < 3
    }

    /// Conflict class of person-round (rr, a): 0 = same organisation or repeated pair,
    /// 1 = table misses a group, 2 = need unmet or seat changed (re-planning), 3 = none.
    fn severity(&self, rr: usize, a: usize) -> u8 {
        let n = self.n;
        let j = self.seat[rr * n + a] as usize;
        let ti = rr * self.t + j;
        let mem = &self.members[ti];
        for &m in mem {
            let m = m as usize;
            if m != a
                && (self.meet[a * n + m] >= 2
                    || (self.p.org[a] != NONE && self.p.org[a] == self.p.org[m]))
            {
                return 0;
            }
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

    fn collect_conflicts(&self, out: &mut Vec<(u32, u32)>) {
        out.clear();
        for rr in 0..self.p.r {
            for a in 0..self.n {
                if self.movable[rr * self.n + a] && self.conflicted(rr, a) {
                    out.push((rr as u32, a as u32));
                }
            }
        }
    }

    /// Tabu search; returns (best cost, best seats, iterations, stop reason).
    pub(crate) fn search(
        &mut self,
        rng: &mut Rng,
        max_it: u64,
        deadline: Option<Instant>,
    ) -> (i64, Vec<u32>, u64, StopReason) {
        let (n, t) = (self.n, self.t);
        let mut best_cost = self.cost;
        let mut best_seat = self.seat.clone();
        let mut tabu_until = vec![0u64; self.p.r * n * 2];
        let mut conflicts = Vec::new();
        let mut stable = 0u64;
        let max_stable = (300 + 20 * n as u64).min(50_000);
        let mut it = 0u64;
        let mut stop = StopReason::IterationCap;
        let mut tables: Vec<usize> = (0..t).collect();
        let any_movable = self.movable.iter().any(|&m| m);
        if !any_movable {
            return (best_cost, best_seat, 0, StopReason::TargetReached);
        }
        if self.pref.is_none() {
            // phase 1: repeats and same-organisation pairs only, on half the budget
            let now = Instant::now();
            let mid = deadline.map(|d| now + d.saturating_duration_since(now) / 2);
            let cap = if max_it == u64::MAX {
                max_it
            } else {
                max_it / 2
            };
            it = self.repeat_phase(rng, cap, mid);
            self.rebuild();
            if self.cost < best_cost {
                best_cost = self.cost;
                best_seat.copy_from_slice(&self.seat);
            } else {
                self.seat.copy_from_slice(&best_seat);
                self.rebuild();
            }
        }
        loop {
            if it >= max_it {
                break;
            }
            if it.is_multiple_of(128) {
                if let Some(d) = deadline {
                    if Instant::now() >= d {
                        stop = StopReason::TimeLimit;
                        break;
                    }
                }
            }
            it += 1;
            // evaluate a few conflicting person-rounds, keep the best move
            let mut best_move: Option<(usize, Option<usize>, i64)> = None;
            let mut best_pick = (0usize, 0usize);
            let mut ties = 0u32;
            let mut local_ties = 0u32;
            let mut picked = 0;
            for _ in 0..PICKS {
                // sample a few conflicts, prefer the most severe class
                let mut pick: Option<(usize, usize, u8)> = None;
                let mut tries = 0;
                while tries < 6 && pick.is_none_or(|x| x.2 > 0) {
                    if conflicts.is_empty() || conflicts.len() > 4 * n * self.p.r {
                        self.collect_conflicts(&mut conflicts);
                        if conflicts.is_empty() {
                            break;
                        }
                    }
                    let i = rng.below(conflicts.len());
                    let (rr, a) = conflicts[i];
                    let sev = self.severity(rr as usize, a as usize);
                    if sev < 3 {
                        tries += 1;
                        if pick.is_none_or(|x| sev < x.2) {
                            pick = Some((rr as usize, a as usize, sev));
                        }
                    } else {
                        conflicts.swap_remove(i);
                    }
                }
                let pick = pick.map(|x| (x.0, x.1));
                let Some((rr, a)) = pick else { break };
                picked += 1;
                let local = self.best_moves_for(
                    rr,
                    a,
                    it,
                    best_cost,
                    &tabu_until,
                    &mut tables,
                    rng,
                    &mut local_ties,
                );
                if let Some(l) = local {
                    let replace = match best_move {
                        None => true,
                        Some(b) if l.2 < b.2 => {
                            ties = 0;
                            true
                        }
                        Some(b) if l.2 == b.2 => {
                            ties += 1;
                            rng.below(ties as usize + 1) == 0
                        }
                        Some(_) => false,
                    };
                    if replace {
                        best_move = Some(l);
                        best_pick = (rr, a);
                    }
                }
            }
            if picked == 0 {
                stop = StopReason::TargetReached;
                break;
            }
            let (rr, a) = best_pick;
            let ja = self.seat[rr * n + a] as usize;
            let ta = rr * t + ja;
            let Some((b, q, d)) = best_move else {
                continue;
            };
            self.apply(rr, a, b, q, d);
            let tenure =
                4 + rng.below(12) as u64 + rng.below(1 + (conflicts.len() / 4).min(60)) as u64;
            tabu_until[(rr * n + a) * 2] = it + tenure;
            tabu_until[(rr * n + a) * 2 + 1] = ja as u64;
            if let Some(q) = q {
                tabu_until[(rr * n + q) * 2] = it + tenure;
                tabu_until[(rr * n + q) * 2 + 1] = b as u64;
            }
            for tt in [ta, rr * t + b] {
                for &m in &self.members[tt] {
                    if self.movable[rr * n + m as usize] && self.conflicted(rr, m as usize) {
                        conflicts.push((rr as u32, m));
                    }
                }
            }
            if self.cost < best_cost {
                best_cost = self.cost;
                best_seat.copy_from_slice(&self.seat);
                stable = 0;
            } else {
                stable += 1;
                if stable > max_stable {
                    // restart from the best plan with a random perturbation
                    self.seat.copy_from_slice(&best_seat);
                    self.rebuild();
                    self.perturb(rng, 2 + n / 5);
                    stable = 0;
                    conflicts.clear();
                }
            }
        }
        (best_cost, best_seat, it, stop)
    }

    /// Cost of repeats and same-organisation pairs only.
    fn repeat_cost(&self) -> i64 {
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

    /// Is person-round (rr, a) in a repeated or same-organisation pair?
    fn rep_conflicted(&self, rr: usize, a: usize) -> bool {
        let n = self.n;
        let ti = rr * self.t + self.seat[rr * n + a] as usize;
        self.members[ti].iter().any(|&m| {
            let m = m as usize;
            m != a && (self.meet[a * n + m] >= 2 || self.same_org(a, m))
        })
    }

    /// Repeat-breaking tabu search: objective = repeats + same-organisation pairs only.
    /// Every iteration examines all swaps/moves of (a sample of) the conflicting
    /// person-rounds and applies the best non-tabu one. Leaves the best plan found in
    /// `self.seat` (caller rebuilds); returns the iterations used.
    fn repeat_phase(&mut self, rng: &mut Rng, max_it: u64, deadline: Option<Instant>) -> u64 {
        const MAX_CONF: usize = 24;
        let (n, t, r) = (self.n, self.t, self.p.r);
        let mut cost = self.repeat_cost();
        let mut best = cost;
        let mut best_seat = self.seat.clone();
        let mut tabu = vec![0u64; r * n * 2];
        let mut conf: Vec<(usize, usize)> = Vec::new();
        let mut tables: Vec<usize> = (0..t).collect();
        let mut it = 0u64;
        let mut stable = 0u64;
        let max_stable = (200 + 10 * n as u64).min(20_000);
        while cost > 0 && it < max_it {
            if it.is_multiple_of(64) {
                if let Some(d) = deadline {
                    if Instant::now() >= d {
                        break;
                    }
                }
            }
            it += 1;
            conf.clear();
            for rr in 0..r {
                for a in 0..n {
                    if self.movable[rr * n + a] && self.rep_conflicted(rr, a) {
                        conf.push((rr, a));
                    }
                }
            }
            if conf.is_empty() {
                break;
            }
            if conf.len() > MAX_CONF {
                for x in 0..MAX_CONF {
                    let y = x + rng.below(conf.len() - x);
                    conf.swap(x, y);
                }
                conf.truncate(MAX_CONF);
            }
            let mut bm: Option<(usize, usize, usize, Option<usize>, i64)> = None;
            let mut ties = 0u32;
            for ci in 0..conf.len() {
                let (rr, a) = conf[ci];
                let ja = self.seat[rr * n + a] as usize;
                let ta = rr * t + ja;
                let size_a = self.members[ta].len();
                let cand: &[usize] = if t > SAMPLE_TABLES {
                    for x in 0..SAMPLE_TABLES {
                        let y = x + rng.below(t - x);
                        tables.swap(x, y);
                    }
                    &tables[..SAMPLE_TABLES]
                } else {
                    &tables[..]
                };
                let a_tabu_t = if tabu[(rr * n + a) * 2] > it {
                    tabu[(rr * n + a) * 2 + 1] as usize
                } else {
                    usize::MAX
                };
                for &b in cand {
                    if b == ja {
                        continue;
                    }
                    let tb = rr * t + b;
                    let a_tabu = a_tabu_t == b;
                    let mut offer = |d: i64, q: Option<usize>, tabu_hit: bool| {
                        if tabu_hit && cost + d >= best {
                            return;
                        }
                        match bm {
                            Some(x) if d > x.4 => {}
                            Some(x) if d == x.4 => {
                                ties += 1;
                                if rng.below(ties as usize + 1) == 0 {
                                    bm = Some((rr, a, b, q, d));
                                }
                            }
                            _ => {
                                ties = 0;
                                bm = Some((rr, a, b, q, d));
                            }
                        }
                    };
                    if size_a > self.p.min[ja] && self.members[tb].len() < self.p.cap[b] {
                        let d = self.rep_table_delta(ta, Some(a), None)
                            + self.rep_table_delta(tb, None, Some(a));
                        offer(d, None, a_tabu);
                    }
                    for &q in &self.members[tb] {
                        let q = q as usize;
                        if !self.movable[rr * n + q] {
                            continue;
                        }
                        let q_tabu = tabu[(rr * n + q) * 2] > it
                            && tabu[(rr * n + q) * 2 + 1] as usize == ja;
                        let d = self.rep_table_delta(ta, Some(a), Some(q))
                            + self.rep_table_delta(tb, Some(q), Some(a));
                        offer(d, Some(q), a_tabu || q_tabu);
                    }
                }
            }
            let Some((rr, a, b, q, d)) = bm else {
                stable += 1;
                continue;
            };
            let ja = self.seat[rr * n + a] as usize;
            self.remove(rr, a);
            if let Some(q) = q {
                self.remove(rr, q);
                self.insert(rr, q, ja);
            }
            self.insert(rr, a, b);
            cost += d;
            let tenure = 2 + rng.below(8) as u64 + rng.below(1 + conf.len() / 2) as u64;
            tabu[(rr * n + a) * 2] = it + tenure;
            tabu[(rr * n + a) * 2 + 1] = ja as u64;
            if let Some(q) = q {
                tabu[(rr * n + q) * 2] = it + tenure;
                tabu[(rr * n + q) * 2 + 1] = b as u64;
            }
            if cost < best {
                best = cost;
                best_seat.copy_from_slice(&self.seat);
                stable = 0;
            } else {
                stable += 1;
                if stable > max_stable {
                    // restart from the best plan with a few random swaps
                    self.seat.copy_from_slice(&best_seat);
                    self.rebuild();
                    for _ in 0..2 + n / 10 {
                        let rr = rng.below(r);
                        let (x, y) = (rng.below(n), rng.below(n));
                        let (jx, jy) = (
                            self.seat[rr * n + x] as usize,
                            self.seat[rr * n + y] as usize,
                        );
                        if jx == jy || !self.movable[rr * n + x] || !self.movable[rr * n + y] {
                            continue;
                        }
                        let d = self.rep_table_delta(rr * t + jx, Some(x), Some(y))
                            + self.rep_table_delta(rr * t + jy, Some(y), Some(x));
                        if d < W_ORG / 2 {
                            self.remove(rr, x);
                            self.remove(rr, y);
                            self.insert(rr, y, jx);
                            self.insert(rr, x, jy);
                        }
                    }
                    cost = self.repeat_cost();
                    stable = 0;
                }
            }
        }
        self.seat.copy_from_slice(&best_seat);
        it
    }

    #[allow(clippy::too_many_arguments)]
    fn best_moves_for(
        &self,
        rr: usize,
        a: usize,
        it: u64,
        best_cost: i64,
        tabu_until: &[u64],
        tables: &mut [usize],
        rng: &mut Rng,
        lties: &mut u32,
    ) -> Option<(usize, Option<usize>, i64)> {
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
            &tables[..]
        };
        let mut local: Option<(usize, Option<usize>, i64)> = None;
        *lties = 0;
        for &b in cand {
            if b == ja {
                continue;
            }
            let tb = rr * t + b;
            let size_b = self.members[tb].len();
            let a_tabu =
                tabu_until[(rr * n + a) * 2] > it && tabu_until[(rr * n + a) * 2 + 1] as usize == b;
            if size_a > self.p.min[ja] && size_b < self.p.cap[b] {
                let d = self.delta(rr, a, b, None);
                if !a_tabu || self.cost + d < best_cost {
                    consider(&mut local, lties, rng, (b, None, d));
                }
            }
            for &q in &self.members[tb] {
                let q = q as usize;
                if !self.movable[rr * n + q] {
                    continue;
                }
                let q_tabu = tabu_until[(rr * n + q) * 2] > it
                    && tabu_until[(rr * n + q) * 2 + 1] as usize == ja;
                let d = self.delta(rr, a, b, Some(q));
                if (!a_tabu && !q_tabu) || self.cost + d < best_cost {
                    consider(&mut local, lties, rng, (b, Some(q), d));
                }
            }
        }
        local
    }

    fn perturb(&mut self, rng: &mut Rng, swaps: usize) {
        let (n, t) = (self.n, self.t);
        for _ in 0..swaps {
            let rr = rng.below(self.p.r);
            let a = rng.below(n);
            let b = rng.below(n);
            let (ja, jb) = (
                self.seat[rr * n + a] as usize,
                self.seat[rr * n + b] as usize,
            );
            if ja == jb || !self.movable[rr * n + a] || !self.movable[rr * n + b] {
                continue;
            }
            let d = self.delta(rr, a, jb, Some(b));
            if d < W_ORG / 2 {
                self.apply(rr, a, jb, Some(b), d);
            }
        }
        let _ = t;
    }
}

#[inline]
fn consider(
    best: &mut Option<(usize, Option<usize>, i64)>,
    ties: &mut u32,
    rng: &mut Rng,
    cand: (usize, Option<usize>, i64),
) {
    match best {
        Some(b) if cand.2 > b.2 => {}
        Some(b) if cand.2 == b.2 => {
            *ties += 1;
            if rng.below(*ties as usize + 1) == 0 {
                *best = Some(cand);
            }
        }
        _ => {
            *ties = 0;
            *best = Some(cand);
        }
    }
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

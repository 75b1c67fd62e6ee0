//! Anytime solver: a first plan (`construct.rs`: design theory or max-flow greedy), then on
//! each thread a tabu phase that removes repeats first (`tabu.rs`) and simulated annealing on
//! the full objective (`anneal.rs`), over one incremental state (`state.rs`, `cost.rs`).
//! This file: the public API, the threads (several native, one on wasm32) and the two-phase
//! search of one thread; deterministic for a seed when stopped by iteration cap or target.

#![allow(clippy::needless_range_loop)] // index-based loops over parallel arrays

use web_time::{Duration, Instant};

use super::error::SeatingError;
use super::explain::{explain_plan, TableExplanation};
use super::problem::{Plan, Problem};
use super::rng::Rng;
use super::score::{quality_report, QualityReport};

mod anneal;
mod construct;
mod cost;
mod state;
mod tabu;

pub(crate) use state::State;

/// Weight of one same-organisation pair: dominates every other term.
const W_ORG: i64 = 1_000_000_000_000;

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

impl State<'_> {
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
}

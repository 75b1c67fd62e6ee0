//! Simulated annealing on the full objective: one random move or swap per step, accepted
//! by the Metropolis rule under a geometric cooling schedule (by iterations when capped,
//! else by time). Cheap steps let it cross the narrow valleys between repeat-free plans
//! that a best-move search cannot.

use web_time::Instant;

use super::{Rng, State, W_ORG};

/// Outcome of one annealing run.
pub(super) struct AnnealOutcome {
    pub iterations: u64,
}

/// Steps between clock reads and temperature updates.
const BATCH: u64 = 512;

impl State<'_> {
    /// Anneals from the current plan for `max_it` steps or until `deadline`, from
    /// temperature `t0` down to `t1`; leaves the best plan found in `self` (rebuilt).
    pub(super) fn anneal(
        &mut self,
        rng: &mut Rng,
        max_it: u64,
        deadline: Option<Instant>,
        t0: f64,
        t1: f64,
    ) -> AnnealOutcome {
        let (n, t) = (self.n, self.t);
        let slots: Vec<u32> = (0..self.p.r * n)
            .filter(|&k| self.movable[k])
            .map(|k| k as u32)
            .collect();
        let start = Instant::now();
        let span = deadline.map(|d| d.saturating_duration_since(start).as_secs_f64());
        // best plan in the priority order: repeats and colleagues first, then everything
        let mut rep = self.repeat_cost();
        let mut best = (rep, self.cost);
        let mut best_seat = self.seat.clone();
        let mut temp = t0;
        let mut it = 0u64;
        if slots.is_empty() || t < 2 {
            return AnnealOutcome { iterations: 0 };
        }
        while it < max_it {
            if it.is_multiple_of(BATCH) {
                // the larger of time used and iterations used, as a share of the budget
                let by_it = it as f64 / max_it as f64;
                let by_time = span.map_or(0.0, |s| start.elapsed().as_secs_f64() / s.max(1e-9));
                let progress = by_it.max(by_time);
                if progress >= 1.0 {
                    break;
                }
                temp = t0 * (t1 / t0).powf(progress);
            }
            it += 1;
            let k = slots[rng.below(slots.len())] as usize;
            let (rr, a) = (k / n, k % n);
            let ja = self.seat[k] as usize;
            let mut b = rng.below(t - 1);
            if b >= ja {
                b += 1;
            }
            let tb = rr * t + b;
            let size_b = self.members[tb].len();
            // a plain move when the tables' sizes allow it, with the chance of one seat among
            // the occupied ones; otherwise a swap with a random movable person at table b
            let q = if size_b < self.p.cap[b]
                && self.members[rr * t + ja].len() > self.p.min[ja]
                && rng.below(size_b + 1) == 0
            {
                None
            } else {
                if size_b == 0 {
                    continue;
                }
                let q = self.members[tb][rng.below(size_b)] as usize;
                if !self.movable[rr * n + q] {
                    continue;
                }
                Some(q)
            };
            let d = self.delta(rr, a, b, q);
            if d >= W_ORG / 2 {
                continue;
            }
            if d <= 0 || rng.unit() < (-(d as f64) / temp).exp() {
                rep += self.rep_delta(rr, a, b, q);
                self.make_move(rr, a, b, q);
                self.cost += d;
                if (rep, self.cost) < best {
                    best = (rep, self.cost);
                    best_seat.copy_from_slice(&self.seat);
                }
            }
        }
        if cfg!(test) {
            assert_eq!(
                (rep, self.cost),
                self.lex_cost(),
                "incremental cost drifted"
            );
        }
        self.seat.copy_from_slice(&best_seat);
        self.rebuild();
        AnnealOutcome { iterations: it }
    }
}

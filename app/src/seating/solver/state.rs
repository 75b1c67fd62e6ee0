//! Search state shared by the tabu and annealing phases: one seat per person-round plus
//! the per-table bookkeeping (members, group and offer counts, topic coverage bits, pair
//! meeting counts) that makes cost deltas cheap; owns creating it and moving people.

use super::construct::initial_seats;
use super::{Rng, SeatingError};
use crate::seating::problem::{Problem, NONE};

/// Search state for all rounds at once.
pub(crate) struct State<'a> {
    pub(super) p: &'a Problem,
    pub(super) n: usize,
    pub(super) t: usize,
    pub(super) g: usize,
    pub(super) k: usize,
    pub(super) seat: Vec<u32>,
    pub(super) members: Vec<Vec<u32>>,
    pub(super) gcnt: Vec<u16>,
    pub(super) offcnt: Vec<u16>,
    /// Per table: topics offered by at least 1, 2 and 3 people (only when `k <= 64`);
    /// makes the "is this need met" test a few bit operations.
    pub(super) cov: Vec<[u64; 3]>,
    pub(super) fast_need: bool,
    pub(super) meet: Vec<u8>,
    /// Topic bit masks (topics >= 63 share bit 63): quick "may change need status" test.
    pub(super) needmask: Vec<u64>,
    pub(super) offmask: Vec<u64>,
    pub(super) pref: Option<Vec<u32>>,
    pub(super) movable: Vec<bool>,
    pub(super) w_rep: i64,
    pub(super) w_grp: i64,
    pub(super) w_need: i64,
    pub(super) w_sec: i64,
    pub(super) w_chg: i64,
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

    pub(super) fn rebuild(&mut self) {
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

    #[inline]
    pub(super) fn seat_table_is(&self, ti: usize, a: usize) -> bool {
        let rr = ti / self.t;
        self.seat[rr * self.n + a] as usize == ti % self.t
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

    /// Moves `a` to table `b` in round `rr`, and `q` (if any) to `a`'s table.
    pub(super) fn make_move(&mut self, rr: usize, a: usize, b: usize, q: Option<usize>) {
        let ja = self.seat[rr * self.n + a] as usize;
        self.remove(rr, a);
        if let Some(q) = q {
            self.remove(rr, q);
            self.insert(rr, q, ja);
        }
        self.insert(rr, a, b);
    }
}

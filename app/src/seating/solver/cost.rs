//! The objective and its incremental evaluation: full cost from scratch, the cost change of
//! a move or swap at the two tables involved, and the same for repeats and same-organisation
//! pairs alone (the tabu phase's first criterion).

use super::{State, W_ORG};
use crate::seating::problem::NONE;

impl State<'_> {
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

    /// Cost as the tabu phase ranks it: (repeats and same-organisation pairs, everything).
    pub(crate) fn lex_cost(&self) -> (i64, i64) {
        (self.repeat_cost(), self.full_cost())
    }

    /// Cost of repeats and same-organisation pairs only.
    pub(super) fn repeat_cost(&self) -> i64 {
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

    #[inline]
    pub(super) fn same_org(&self, a: usize, b: usize) -> bool {
        self.p.org[a] != NONE && self.p.org[a] == self.p.org[b]
    }

    /// Missing groups at table `ti` with `size` people, after changing distinct count by `dd`.
    #[inline]
    pub(super) fn missing(&self, ti: usize, size: usize, dd: i64) -> i64 {
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
    /// A person's own offers never meet their own needs.
    #[inline]
    pub(super) fn need_unmet(
        &self,
        ti: usize,
        a: usize,
        out: Option<usize>,
        inn: Option<usize>,
    ) -> bool {
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

    /// Delta of moving `a` to table `b` (and `q` from `b` to `a`'s table when given).
    pub(super) fn delta(&self, rr: usize, a: usize, b: usize, q: Option<usize>) -> i64 {
        let ja = self.seat[rr * self.n + a] as usize;
        let (ta, tb) = (rr * self.t + ja, rr * self.t + b);
        self.table_delta(ta, Some(a), q) + self.table_delta(tb, q, Some(a))
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

    /// Change in repeats and same-organisation pairs of moving `a` to table `b` in round
    /// `rr` (swapping with `q`).
    #[inline]
    pub(super) fn rep_delta(&self, rr: usize, a: usize, b: usize, q: Option<usize>) -> i64 {
        let ta = rr * self.t + self.seat[rr * self.n + a] as usize;
        let tb = rr * self.t + b;
        self.rep_table_delta(ta, Some(a), q) + self.rep_table_delta(tb, q, Some(a))
    }
}

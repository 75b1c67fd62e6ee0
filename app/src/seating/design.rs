//! Design-theory start for unconstrained Social-Golfer-like problems: with q tables of s
//! (q a prime or 4, 8, 16, 32; s <= q) a transversal-design construction over GF(q) gives
//! q rounds without repeats, plus one more when s divides q. Other rounds start random.

use super::problem::{Problem, NONE};

fn field(q: usize) -> Option<(usize, u32)> {
    // (characteristic-2 reduction polynomial or 0 for prime fields, k)
    match q {
        4 => Some((0b111, 2)),
        8 => Some((0b1011, 3)),
        16 => Some((0b10011, 4)),
        32 => Some((0b100101, 5)),
        _ if q >= 2
            && (2..q)
                .take_while(|d| d * d <= q)
                .all(|d| !q.is_multiple_of(d)) =>
        {
            Some((0, 0))
        }
        _ => None,
    }
}

fn mul(a: usize, b: usize, q: usize, poly: usize, k: u32) -> usize {
    if poly == 0 {
        return a * b % q;
    }
    let (mut a, mut b, mut r) = (a, b, 0);
    while b > 0 {
        if b & 1 == 1 {
            r ^= a;
        }
        b >>= 1;
        a <<= 1;
        if a >> k & 1 == 1 {
            a ^= poly;
        }
    }
    r
}

fn sub(a: usize, b: usize, q: usize, poly: usize) -> usize {
    if poly == 0 {
        (a + q - b) % q
    } else {
        a ^ b
    }
}

/// Seats (table per (round, participant)) for the rounds the construction covers, or `None`
/// if the problem is not an unconstrained equal-table problem of a supported size.
pub fn construct(p: &Problem) -> Option<(Vec<u32>, usize)> {
    let q = p.t;
    let s = *p.cap.first()?;
    let plain = p.n_orgs == 0
        && p.groups.is_empty()
        && p.sectors.is_empty()
        && p.topics.is_empty()
        && p.met_before.is_empty()
        && p.fixed.iter().all(|&f| f == NONE)
        && p.cap.iter().all(|&c| c == s)
        && p.min.iter().all(|&m| m == s)
        && p.n == q * s
        && s >= 2
        && s <= q;
    if !plain {
        return None;
    }
    let (poly, k) = field(q)?;
    let n = p.n;
    let extra = usize::from(q.is_multiple_of(s));
    let rounds = p.r.min(q + extra);
    let mut seat = vec![NONE; p.r * n];
    for m in 0..rounds.min(q) {
        for i in 0..s {
            for x in 0..q {
                let table = sub(x, mul(m, i, q, poly, k), q, poly);
                seat[m * n + i * q + x] = table as u32;
            }
        }
    }
    if rounds > q {
        // each class i (q people, never met) split into q/s tables of s
        for i in 0..s {
            for x in 0..q {
                seat[q * n + i * q + x] = ((i * q + x) / s) as u32;
            }
        }
    }
    Some((seat, rounds))
}

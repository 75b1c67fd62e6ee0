//! First plans: a design-theory construction where it applies, otherwise one round at a
//! time: pins and locks, preferred seats (re-planning), organisation members spread by
//! max-flow, the rest greedily for group mixing, then minimum sizes repaired.

use super::{Rng, SeatingError};
use crate::seating::flow::MaxFlow;
use crate::seating::problem::{Problem, NONE};

/// A first plan: a design-theory construction for the rounds it covers (fresh plans only),
/// then `construct_round` for the others.
pub(super) fn initial_seats(
    p: &Problem,
    pref: Option<&[u32]>,
    rng: &mut Rng,
) -> Result<Vec<u32>, SeatingError> {
    let (n, r) = (p.n, p.r);
    let mut seat = vec![NONE; r * n];
    let designed = if pref.is_none() {
        crate::seating::design::construct(p)
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

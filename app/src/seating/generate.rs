//! Deterministic generator of realistic networking-event instances (organisations,
//! four groups, sectors, offered/needed topics, pinned table hosts) for tests and the
//! benchmark; same seed, same instance.

use super::format::{InstanceV1, ParticipantV1, TableV1};
use super::rng::Rng;

/// Parameters of a generated event.
#[derive(Debug, Clone)]
pub struct GenSpec {
    pub name: String,
    pub participants: usize,
    /// (capacity, min_size) per table.
    pub tables: Vec<(u32, u32)>,
    pub rounds: u32,
    pub multi_member_orgs: usize,
    pub pinned_hosts: usize,
    pub seed: u64,
}

const GROUPS: [&str; 4] = [
    "social_economy",
    "company",
    "local_government",
    "support_services",
];
const GROUP_SHARE: [f64; 4] = [0.4, 0.25, 0.15, 0.2];
const SECTORS: [&str; 8] = [
    "food",
    "construction",
    "care",
    "ict",
    "retail",
    "manufacturing",
    "culture",
    "environment",
];
const TOPICS: [&str; 20] = [
    "funding",
    "marketing",
    "legal_advice",
    "public_procurement",
    "recruitment",
    "training",
    "digitalisation",
    "premises",
    "logistics",
    "impact_measurement",
    "export",
    "partnerships",
    "mentoring",
    "volunteers",
    "sustainability",
    "accounting",
    "product_development",
    "sales_channels",
    "work_integration",
    "circular_economy",
];

fn pick_group(rng: &mut Rng) -> usize {
    let x = rng.unit();
    let mut acc = 0.0;
    for (i, s) in GROUP_SHARE.iter().enumerate() {
        acc += s;
        if x < acc {
            return i;
        }
    }
    GROUPS.len() - 1
}

fn topics(rng: &mut Rng, k: usize) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    while v.len() < k {
        let t = TOPICS[rng.below(TOPICS.len())].to_string();
        if !v.contains(&t) {
            v.push(t);
        }
    }
    v
}

/// Generates an instance (format v1). Multi-member organisations get 2..=8 people (same
/// group), everybody else is a one-person organisation; hosts are pinned to distinct tables.
pub fn generate_event(spec: &GenSpec) -> InstanceV1 {
    let mut rng = Rng::new(spec.seed, 0x6E6E);
    let n = spec.participants;
    let mut participants = Vec::with_capacity(n);
    let mut i = 0;
    for o in 0..spec.multi_member_orgs {
        let size = 2 + rng.below(7);
        let g = pick_group(&mut rng);
        let sector = SECTORS[rng.below(SECTORS.len())];
        for _ in 0..size {
            if i >= n {
                break;
            }
            participants.push(ParticipantV1 {
                id: format!("p{i:04}"),
                name: Some(format!("Participant {i}")),
                organisation: Some(format!("org{o:03}")),
                group: Some(GROUPS[g].into()),
                sector: Some(
                    if rng.below(3) == 0 {
                        SECTORS[rng.below(8)]
                    } else {
                        sector
                    }
                    .into(),
                ),
                ..Default::default()
            });
            i += 1;
        }
    }
    while i < n {
        participants.push(ParticipantV1 {
            id: format!("p{i:04}"),
            name: Some(format!("Participant {i}")),
            organisation: Some(format!("solo{i:04}")),
            group: Some(GROUPS[pick_group(&mut rng)].into()),
            sector: Some(SECTORS[rng.below(SECTORS.len())].into()),
            ..Default::default()
        });
        i += 1;
    }
    for p in &mut participants {
        let k_off = 1 + rng.below(3);
        let k_need = 1 + rng.below(2);
        p.offers = topics(&mut rng, k_off);
        p.needs = topics(&mut rng, k_need)
            .into_iter()
            .filter(|x| !p.offers.contains(x))
            .collect();
    }
    let tables: Vec<TableV1> = spec
        .tables
        .iter()
        .enumerate()
        .map(|(j, &(c, m))| TableV1 {
            id: format!("T{:03}", j + 1),
            capacity: c,
            min_size: m.min(c),
        })
        .collect();
    // hosts: one-person organisations, distinct tables
    let mut host_tables = 0;
    for p in participants.iter_mut().rev() {
        if host_tables >= spec.pinned_hosts.min(tables.len()) {
            break;
        }
        if p.organisation
            .as_deref()
            .is_some_and(|o| o.starts_with("solo"))
        {
            p.pinned_table = Some(tables[host_tables].id.clone());
            p.role = Some("host".into());
            host_tables += 1;
        }
    }
    InstanceV1 {
        format: "table-assignment-instance/v1".into(),
        name: spec.name.clone(),
        family: Some("networking_event".into()),
        description: Some(format!(
            "generated: {n} participants, {} tables, {} rounds",
            tables.len(),
            spec.rounds
        )),
        seed: Some(spec.seed),
        rounds: spec.rounds,
        tables,
        participants,
        ..Default::default()
    }
}

/// The benchmark's extra instances: 1000 people at 125 tables of 8 over 4 rounds, and a
/// 300-person event with tables of 6, 7 and 8 over 3 rounds.
pub fn bench_instances() -> Vec<InstanceV1> {
    let big = GenSpec {
        name: "gen1000_r4".into(),
        participants: 1000,
        tables: vec![(8, 6); 125],
        rounds: 4,
        multi_member_orgs: 40,
        pinned_hosts: 20,
        seed: 1000,
    };
    let mixed_tables: Vec<(u32, u32)> = (0..42).map(|j| [(6, 5), (7, 5), (8, 6)][j % 3]).collect();
    let mixed = GenSpec {
        name: "gen300_mixed_r3".into(),
        participants: 290,
        tables: mixed_tables,
        rounds: 3,
        multi_member_orgs: 15,
        pinned_hosts: 10,
        seed: 301,
    };
    vec![generate_event(&big), generate_event(&mixed)]
}

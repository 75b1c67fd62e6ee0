//! `tafelronde bench-planner`: the planner's time from registrations to a seating chart,
//! measured through the service on a fresh SQLite file (what the planner page waits for
//! after "Plan the tables", without the browser), then the time of one hand edit (a swap:
//! the service's edit, re-score and store) and of reading the chart again, as the page does
//! after each edit. Prints two lines per size.

use super::model::TableSetup;
use super::service::{Edit, Planner, PLAN_BUDGET};
use crate::domain::{OrgType, RegistrationForm, Sector, Status};
use crate::i18n::Lang;
use crate::seating::rng::Rng;
use crate::store::{events, registrations, Db, StoreError};
use std::fmt::Write;
use std::time::Instant;

#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("planner: {0}")]
    Planner(#[from] super::service::PlannerError),
    #[error("generated registration {0} is invalid")]
    Invalid(usize),
}

/// Measures `sizes` (people) over 3 rounds at tables of 8; returns the report.
pub async fn run(sizes: &[usize]) -> Result<String, BenchError> {
    let mut out = format!(
        "planner: confirmed registrations -> plan (engine budget {:.1} s) -> seating chart; 3 rounds, tables of 8\n",
        PLAN_BUDGET.as_secs_f64()
    );
    for &n in sizes {
        let path = std::env::temp_dir().join(format!(
            "tafelronde-bench-planner-{}.db",
            uuid::Uuid::new_v4().simple()
        ));
        let result = one(&format!("sqlite://{}", path.display()), n).await;
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        out.push_str(&result?);
    }
    Ok(out)
}

async fn one(url: &str, n: usize) -> Result<String, BenchError> {
    let db = Db::connect(url).await?;
    let now = chrono::Utc::now();
    let mut event = crate::demo::demo_event(now);
    event.slug = "bench".into();
    event.capacity = n as i64;
    let event_id = events::insert(&db, &event, now).await?;
    let menu = event.topic_codes();
    let offer = event.offer();
    let mut rng = Rng::new(7, n as u64);
    let mut tx = db.begin_write().await?;
    for i in 0..n {
        // about a third of the people come with a colleague
        let org = if i % 3 == 1 { i - 1 } else { i };
        let form = RegistrationForm {
            first_name: format!("Persoon{i}"),
            last_name: "Bench".into(),
            email: format!("p{i}@bench.example"),
            organisation: format!("Organisatie {org}"),
            org_type: OrgType::ALL[rng.below(4)].code().into(),
            sector: Sector::ALL[rng.below(Sector::ALL.len())].code().into(),
            offers: vec![menu[rng.below(menu.len())].clone()],
            needs: vec![menu[rng.below(menu.len())].clone()],
            consent: true,
            ..Default::default()
        };
        let valid = form
            .validate(&offer, Lang::Nl)
            .map_err(|_| BenchError::Invalid(i))?;
        registrations::insert(
            &mut tx,
            event_id,
            &valid,
            Status::Confirmed,
            &format!("{i:064x}"),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    let planner = Planner::without_mail(db.clone());
    let setup = TableSetup {
        tables: n.div_ceil(8) as u32,
        size: 8,
        rounds: 3,
    };
    planner.setup("bench", setup, true).await?;
    let started = Instant::now();
    planner.plan("bench", PLAN_BUDGET).await?;
    let planned = started.elapsed();
    let view = planner.view("bench").await?;
    let total = started.elapsed();
    // Hand edits: swaps of two people at different tables in round 2 (the tables are full,
    // so a swap is the move there is), each followed by the chart read again.
    let mut edits = Vec::new();
    let mut reads = Vec::new();
    if let Some(round) = view.plan.as_ref().and_then(|p| p.rounds.get(1)) {
        let tables = &round.tables;
        for k in 0..EDITS {
            let a = &tables[k % tables.len()].people;
            let b = &tables[(k + 1) % tables.len()].people;
            let (Some(a), Some(b)) = (a.get(k % 3), b.get(k % 3)) else {
                continue;
            };
            let t = Instant::now();
            planner.edit("bench", 2, a.id, Edit::Swap(b.id)).await?;
            edits.push(t.elapsed().as_secs_f64() * 1000.0);
            let t = Instant::now();
            planner.view("bench").await?;
            reads.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    db.close().await;
    let mut line = String::new();
    if let Some(plan) = view.plan {
        let q = plan.quality;
        let _ = writeln!(
            line,
            "{n:>5} people, {} tables: plan stored in {:.2} s, chart read in {:.0} ms, total {:.2} s; \
             repeats {}, colleagues together {}, types per table {:.2} (fewest {}), needs met {}/{}",
            setup.tables,
            planned.as_secs_f64(),
            (total - planned).as_secs_f64() * 1000.0,
            total.as_secs_f64(),
            q.repeats,
            q.colleagues_together,
            q.groups_mean,
            q.groups_min,
            q.needs_met,
            q.needs_total,
        );
    }
    if !edits.is_empty() {
        let _ = writeln!(
            line,
            "{n:>5} people, one hand edit (swap: edit + re-score + store): median {:.1} ms, max {:.1} ms \
             over {}; chart read again: median {:.1} ms",
            median(&mut edits),
            edits.iter().cloned().fold(0.0, f64::max),
            edits.len(),
            median(&mut reads),
        );
    }
    Ok(line)
}

/// Hand edits measured per size.
const EDITS: usize = 21;

fn median(xs: &mut [f64]) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    xs[xs.len() / 2]
}

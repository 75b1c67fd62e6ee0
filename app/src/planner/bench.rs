//! `tafelronde bench-planner`: the planner's time from registrations to a seating chart,
//! measured through the service on a fresh SQLite file (what the planner page waits for
//! after "Plan the tables", without the browser). Prints one line per size.

use super::model::TableSetup;
use super::service::{Planner, PLAN_BUDGET};
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
            .validate(&menu, Lang::Nl)
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
    Ok(line)
}

//! The table planner against the real server, on SQLite and PostgreSQL, by topic: set-up
//! and planning, planning jobs, hand edits, publishing, tables one by one, and the day of.
//! The helpers here register people, plan and read the plan back. Anonymous callers are
//! refused in the accounts module.

mod dayof;
mod hand_edits;
mod jobs;
mod publish;
mod setup;
mod tables;

use crate::common::coordinator::{get_as, job_outcome, json_as, post_as, signed_in};
use crate::common::*;
use serde_json::{json, Value};
use std::collections::HashSet;

/// Registers `n` people through the plain form: organisations "Org 0", "Org 1" … with two
/// people each, organisation types in turn.
async fn register(srv: &Running, slug: &str, n: usize) {
    let types = [
        "company",
        "social_economy",
        "local_government",
        "support_service",
    ];
    for i in 0..n {
        let mut f = form(&unique_email("plan"));
        for (k, v) in f.iter_mut() {
            match k.as_str() {
                "first_name" => *v = format!("Persoon{i}"),
                "organisation" => *v = format!("Org {}", i / 2),
                "org_type" => *v = types[i % types.len()].into(),
                _ => {}
            }
        }
        let r = post_form(srv, &format!("/e/{slug}/register"), &f).await;
        assert_eq!(r.status().as_u16(), 303, "registration {i}");
    }
}

async fn planner(srv: &Running, cookie: &str, slug: &str) -> Value {
    let (status, v) = json_as(
        srv,
        cookie,
        "/api/coordinator/planner",
        json!({ "slug": slug }),
    )
    .await;
    assert_eq!(status, 200, "{v}");
    v
}

async fn publish(srv: &Running, cookie: &str) -> reqwest::Response {
    post_as(
        srv,
        cookie,
        "/api/coordinator/planner/publish",
        &fields(&[("slug", "netwerk")]),
    )
    .await
}

/// Plans: the answer to the post; when it started a planning job, once that job is done.
async fn plan(srv: &Running, cookie: &str) -> reqwest::Response {
    let r = post_as(
        srv,
        cookie,
        "/api/coordinator/planner/plan",
        &fields(&[("slug", "netwerk")]),
    )
    .await;
    if r.status().is_success() {
        let done = job_outcome(srv, cookie, "netwerk", &r).await;
        assert!(done.is_ok(), "planning failed: {done:?}");
    }
    r
}

/// Plans and waits: what the planning job did (the planner page's query string).
async fn plan_outcome(srv: &Running, cookie: &str) -> String {
    let r = post_as(
        srv,
        cookie,
        "/api/coordinator/planner/plan",
        &fields(&[("slug", "netwerk")]),
    )
    .await;
    assert!(r.status().is_success(), "{}", r.status());
    job_outcome(srv, cookie, "netwerk", &r)
        .await
        .expect("a plan")
}

/// Sets up `tables` tables of two for two rounds; `confirm` as the confirmation box.
async fn setup(srv: &Running, cookie: &str, tables: &str, confirm: &str) -> reqwest::Response {
    post_as(
        srv,
        cookie,
        "/api/coordinator/planner/setup",
        &fields(&[
            ("slug", "netwerk"),
            ("tables", tables),
            ("size", "2"),
            ("rounds", "2"),
            ("confirm", confirm),
        ]),
    )
    .await
}

/// The plan on the planner page as registration ids per round and table (sorted within a
/// table).
fn seating(v: &Value) -> Vec<Vec<Vec<i64>>> {
    v["plan"]["rounds"]
        .as_array()
        .expect("a plan")
        .iter()
        .map(|r| {
            r["tables"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| {
                    let mut ids: Vec<i64> = t["people"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|p| p["id"].as_i64().unwrap())
                        .collect();
                    ids.sort_unstable();
                    ids
                })
                .collect()
        })
        .collect()
}

/// The table (index) of `id` in round `round` (from 0).
fn table_of(seats: &[Vec<Vec<i64>>], round: usize, id: i64) -> usize {
    seats[round]
        .iter()
        .position(|t| t.contains(&id))
        .expect("seated")
}

/// A hand edit (move or swap) on event "netwerk".
async fn edit(srv: &Running, cookie: &str, pairs: &[(&str, &str)]) -> reqwest::Response {
    let mut f = fields(&[("slug", "netwerk")]);
    f.extend(fields(pairs));
    post_as(srv, cookie, "/api/coordinator/planner/move", &f).await
}

fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .unwrap_or_else(|| panic!("a redirect: {}", r.status()))
        .to_str()
        .unwrap()
        .to_string()
}

/// `tables` tables of `size` for `rounds` rounds, and a plan.
async fn planned(srv: &Running, cookie: &str, tables: &str, size: &str, rounds: &str) -> Value {
    let r = post_as(
        srv,
        cookie,
        "/api/coordinator/planner/setup",
        &fields(&[
            ("slug", "netwerk"),
            ("tables", tables),
            ("size", size),
            ("rounds", rounds),
            ("confirm", "yes"),
        ]),
    )
    .await;
    assert!(r.status().is_success(), "{}", r.status());
    let r = plan(srv, cookie).await;
    assert!(r.status().is_success(), "{}", r.status());
    planner(srv, cookie, "netwerk").await
}

/// The id of event "netwerk".
async fn add_id(srv: &Running) -> i64 {
    app::store::events::by_slug(&srv.state.db, "netwerk")
        .await
        .unwrap()
        .unwrap()
        .id
}

/// The registration ids of the people the planner seats at event "netwerk".
async fn person_ids(srv: &Running) -> Vec<i64> {
    app::store::planner::people(&srv.state.db, add_id(srv).await)
        .await
        .unwrap()
        .iter()
        .map(|p| p.id)
        .collect()
}

//! The table planner against the real server, on SQLite and PostgreSQL: registrations made
//! through the form become a plan (everyone confirmed seated once per round, colleagues
//! apart, nobody at a table over its size); the set-up refuses bad numbers and asks before
//! it discards a plan; too few seats and no tables are refused with their message; the page
//! is server-rendered with the chart. Anonymous callers are refused in accounts.rs.

mod common;

use common::coordinator::{get_as, json_as, post_as, signed_in};
use common::*;
use serde_json::{json, Value};
use std::collections::HashSet;

on_both_databases!(
    registrations_become_a_plan,
    setup_and_planning_refuse_what_cannot_work,
    the_rounds_are_the_programmes_networking_rounds,
    publishing_shows_the_tables_and_mails_only_who_changed,
    the_check_in_desk_finds_and_checks_people_in,
);

/// The tables mails queued so far.
async fn tables_mails(srv: &Running) -> i64 {
    app::on_db!(&srv.state.db, p => {
        sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE kind = 'tables'").fetch_one(p).await.unwrap()
    })
}

/// Each confirmed person's published tables, by registration id.
async fn published(srv: &Running, event_id: i64) -> Vec<(i64, Vec<(i64, String)>)> {
    let mut out = Vec::new();
    for p in app::store::planner::people(&srv.state.db, event_id)
        .await
        .unwrap()
    {
        out.push((
            p.id,
            app::store::planner::seats_of(&srv.state.db, p.id)
                .await
                .unwrap(),
        ));
    }
    out
}

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

fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
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

async fn plan(srv: &Running, cookie: &str) -> reqwest::Response {
    post_as(
        srv,
        cookie,
        "/api/coordinator/planner/plan",
        &fields(&[("slug", "netwerk")]),
    )
    .await
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

async fn registrations_become_a_plan(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "netwerk", 100).await;
    register(&srv, "netwerk", 22).await;
    let cookie = signed_in(&srv, &mail, "planner").await;
    let v = planner(&srv, &cookie, "netwerk").await;
    assert_eq!(v["participants"], 22);
    assert!(v["plan"].is_null());
    assert!(v["tables"].as_array().unwrap().is_empty());
    // 5 tables of 5, 3 rounds
    let r = post_as(
        &srv,
        &cookie,
        "/api/coordinator/planner/setup",
        &fields(&[
            ("slug", "netwerk"),
            ("tables", "5"),
            ("size", "5"),
            ("rounds", "3"),
        ]),
    )
    .await;
    assert!(r.status().is_success(), "{}", r.status());
    let r = plan(&srv, &cookie).await;
    assert!(r.status().is_success(), "{}", r.status());
    let v = planner(&srv, &cookie, "netwerk").await;
    assert_eq!(v["rounds"], 3);
    let plan = &v["plan"];
    let rounds = plan["rounds"].as_array().expect("rounds");
    assert_eq!(rounds.len(), 3);
    for round in rounds {
        let tables = round["tables"].as_array().unwrap();
        assert_eq!(tables.len(), 5);
        let mut names = HashSet::new();
        for t in tables {
            let people = t["people"].as_array().unwrap();
            assert!(people.len() <= 5, "{t}");
            let orgs: Vec<&str> = people
                .iter()
                .map(|p| p["organisation"].as_str().unwrap())
                .collect();
            let distinct: HashSet<&&str> = orgs.iter().collect();
            assert_eq!(distinct.len(), orgs.len(), "colleagues apart: {orgs:?}");
            for p in people {
                assert!(
                    names.insert(p["name"].as_str().unwrap().to_string()),
                    "seated twice: {p}"
                );
            }
        }
        assert_eq!(
            names.len(),
            22,
            "everyone seated in round {}",
            round["number"]
        );
    }
    assert_eq!(plan["quality"]["colleagues_together"], 0);
    assert_eq!(
        plan["quality"]["repeats"], 0,
        "22 people at 5 tables of 5 need not meet twice in 3 rounds"
    );
    assert_eq!(plan["unseated"], 0);
    // the page itself is server-rendered with the chart
    let (status, page) = get_as(&srv, &cookie, "/coordinator/events/netwerk/planner").await;
    assert_eq!(status, 200);
    assert!(page.contains("class=\"plan-table\""), "{page}");
    assert!(page.contains("Persoon0"), "{page}");
    assert!(page.contains("0 — het minimum"), "{page}");
    srv.stop().await;
}

async fn setup_and_planning_refuse_what_cannot_work(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "netwerk", 100).await;
    let cookie = signed_in(&srv, &mail, "planner").await;
    // no tables yet
    let r = plan(&srv, &cookie).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("PlanErrNoTables"));
    // bad numbers, each with its message; nothing is stored
    for (tables, size, rounds, key) in [
        ("0", "8", "2", "PlanErrTables"),
        ("4", "1", "2", "PlanErrSize"),
        ("4", "8", "abc", "PlanErrRounds"),
    ] {
        let r = post_as(
            &srv,
            &cookie,
            "/api/coordinator/planner/setup",
            &fields(&[
                ("slug", "netwerk"),
                ("tables", tables),
                ("size", size),
                ("rounds", rounds),
            ]),
        )
        .await;
        assert_eq!(r.status(), 422);
        assert!(r.text().await.unwrap().contains(key), "{key}");
    }
    assert!(planner(&srv, &cookie, "netwerk").await["tables"]
        .as_array()
        .unwrap()
        .is_empty());
    // nobody confirmed yet
    let r = setup(&srv, &cookie, "1", "").await;
    assert!(r.status().is_success(), "{}", r.status());
    let r = plan(&srv, &cookie).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("PlanErrNobody"));
    // three people, one table of two
    register(&srv, "netwerk", 3).await;
    let r = plan(&srv, &cookie).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("PlanErrTooFewSeats"));
    // two tables of two: a plan; replacing the tables now asks first and keeps the plan
    setup(&srv, &cookie, "2", "").await;
    let r = plan(&srv, &cookie).await;
    assert!(r.status().is_success(), "{}", r.status());
    assert!(!planner(&srv, &cookie, "netwerk").await["plan"].is_null());
    let r = setup(&srv, &cookie, "3", "").await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("ConfirmationNeeded"));
    let v = planner(&srv, &cookie, "netwerk").await;
    assert!(!v["plan"].is_null());
    assert_eq!(v["tables"].as_array().unwrap().len(), 2);
    // confirmed: the new tables, and the plan is gone
    setup(&srv, &cookie, "3", "yes").await;
    let v = planner(&srv, &cookie, "netwerk").await;
    assert!(v["plan"].is_null());
    assert_eq!(v["tables"].as_array().unwrap().len(), 3);
    // an unknown event
    let (status, _) = json_as(
        &srv,
        &cookie,
        "/api/coordinator/planner",
        json!({ "slug": "nope" }),
    )
    .await;
    assert_eq!(status, 404);
    srv.stop().await;
}

async fn the_rounds_are_the_programmes_networking_rounds(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[("TAFELRONDE_DEMO", "true")]).await;
    let cookie = signed_in(&srv, &mail, "planner").await;
    let slug = app::demo::DEMO_SLUG;
    let v = planner(&srv, &cookie, slug).await;
    // the demo programme has two networking rounds
    assert_eq!(v["rounds"], 2, "{v}");
    assert_eq!(v["rounds_from_programme"], true);
    // a number typed in the set-up does not override the programme
    let r = post_as(
        &srv,
        &cookie,
        "/api/coordinator/planner/setup",
        &fields(&[
            ("slug", slug),
            ("tables", "4"),
            ("size", "6"),
            ("rounds", "5"),
        ]),
    )
    .await;
    assert!(r.status().is_success(), "{}", r.status());
    let v = planner(&srv, &cookie, slug).await;
    assert_eq!(v["rounds"], 2);
    assert_eq!(v["tables"].as_array().unwrap().len(), 4);
    // without a programme: the set-up's number
    add_event(&srv, "netwerk", 10).await;
    setup(&srv, &cookie, "2", "").await;
    let v = planner(&srv, &cookie, "netwerk").await;
    assert_eq!(v["rounds"], 2);
    assert_eq!(v["rounds_from_programme"], false);
    srv.stop().await;
}

async fn publishing_shows_the_tables_and_mails_only_who_changed(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let event_id = add_event(&srv, "netwerk", 100).await;
    let cookie = signed_in(&srv, &mail, "planner").await;
    // nothing to publish yet
    let r = publish(&srv, &cookie).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("PlanErrNoPlan"));
    let emails: Vec<String> = (0..9).map(|i| unique_email(&format!("seat{i}"))).collect();
    for (i, e) in emails.iter().enumerate() {
        let mut f = form(e);
        for (k, v) in f.iter_mut() {
            if k == "organisation" {
                *v = format!("Org {i}");
            }
        }
        assert_eq!(
            post_form(&srv, "/e/netwerk/register", &f)
                .await
                .status()
                .as_u16(),
            303
        );
    }
    for e in &emails {
        mail.wait_for_count_to(e, 1).await;
    }
    setup(&srv, &cookie, "5", "").await;
    assert!(plan(&srv, &cookie).await.status().is_success());
    let r = publish(&srv, &cookie).await;
    assert!(r.status().is_success(), "{}", r.status());
    // everyone: one mail with their tables, and their table per round on their page
    let seats = published(&srv, event_id).await;
    assert_eq!(seats.len(), 9);
    for e in &emails {
        let mails = mail.wait_for_count_to(e, 2).await;
        let tables = mails
            .iter()
            .find(|m| {
                m["subject"]
                    .as_str()
                    .unwrap_or_default()
                    .starts_with("Je tafels")
            })
            .expect("a tables mail");
        let text = tables["text"].as_str().unwrap();
        assert!(
            text.contains("Ronde 1: tafel ") && text.contains("Ronde 2: tafel "),
            "{text}"
        );
        let token = token_in(tables);
        let (status, page) = get(&srv, &format!("/m/{token}")).await;
        assert_eq!(status, 200);
        let round1 = text
            .lines()
            .find(|l| l.starts_with("Ronde 1: tafel "))
            .unwrap();
        assert!(page.contains(round1), "{round1} on the manage page");
    }
    assert_eq!(tables_mails(&srv).await, 9);
    // publishing the same plan again mails nobody
    let r = publish(&srv, &cookie).await;
    assert!(r.status().is_success());
    assert_eq!(tables_mails(&srv).await, 9);
    assert_eq!(published(&srv, event_id).await, seats);
    // a new plan at other tables: exactly those whose tables changed get a mail
    let r = post_as(
        &srv,
        &cookie,
        "/api/coordinator/planner/setup",
        &fields(&[
            ("slug", "netwerk"),
            ("tables", "3"),
            ("size", "3"),
            ("rounds", "2"),
            ("confirm", "yes"),
        ]),
    )
    .await;
    assert!(r.status().is_success());
    assert!(plan(&srv, &cookie).await.status().is_success());
    let r = publish(&srv, &cookie).await;
    assert!(r.status().is_success());
    let after = published(&srv, event_id).await;
    let changed = seats.iter().zip(&after).filter(|(a, b)| a != b).count() as i64;
    assert!(changed > 0);
    assert_eq!(tables_mails(&srv).await, 9 + changed);
    srv.stop().await;
}

async fn the_check_in_desk_finds_and_checks_people_in(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "netwerk", 100).await;
    let other = add_event(&srv, "ander", 100).await;
    register(&srv, "netwerk", 12).await;
    register(&srv, "ander", 1).await;
    let cookie = signed_in(&srv, &mail, "desk").await;
    let desk = |q: &str| json!({ "slug": "netwerk", "query": q });
    let (status, v) = json_as(&srv, &cookie, "/api/coordinator/checkin", desk("")).await;
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["expected"], 12);
    assert_eq!(v["arrived"], 0);
    // every word must match, in any case: "Persoon1" and "Persoon10", "Persoon11"
    let (_, v) = json_as(
        &srv,
        &cookie,
        "/api/coordinator/checkin",
        desk("PERSOON1 org"),
    )
    .await;
    assert_eq!(v["matching"], 3, "{v}");
    let (_, v) = json_as(&srv, &cookie, "/api/coordinator/checkin", desk("persoon7")).await;
    assert_eq!(v["matching"], 1);
    let id = v["people"][0]["id"].as_i64().unwrap().to_string();
    let set = |id: String, undo: &'static str| {
        fields(&[("slug", "netwerk"), ("id", id.as_str()), ("undo", undo)])
    };
    let r = post_as(
        &srv,
        &cookie,
        "/api/coordinator/checkin/set",
        &set(id.clone(), ""),
    )
    .await;
    assert!(r.status().is_success(), "{}", r.status());
    let (_, v) = json_as(&srv, &cookie, "/api/coordinator/checkin", desk("persoon7")).await;
    assert_eq!(v["people"][0]["arrived"], true);
    assert_eq!(v["arrived"], 1);
    // the page shows it, server-rendered
    let (status, page) = get_as(
        &srv,
        &cookie,
        "/coordinator/events/netwerk/checkin?q=persoon7",
    )
    .await;
    assert_eq!(status, 200);
    assert!(page.contains("class=\"checkin-person arrived\""), "{page}");
    // undo
    let r = post_as(&srv, &cookie, "/api/coordinator/checkin/set", &set(id, "1")).await;
    assert!(r.status().is_success());
    let (_, v) = json_as(&srv, &cookie, "/api/coordinator/checkin", desk("")).await;
    assert_eq!(v["arrived"], 0);
    // someone of another event cannot be checked in here
    let theirs = app::store::planner::people(&srv.state.db, other)
        .await
        .unwrap()[0]
        .id;
    let r = post_as(
        &srv,
        &cookie,
        "/api/coordinator/checkin/set",
        &set(theirs.to_string(), ""),
    )
    .await;
    assert_eq!(r.status(), 409);
    let (_, v) = json_as(&srv, &cookie, "/api/coordinator/checkin", desk("")).await;
    assert_eq!(v["arrived"], 0);
    srv.stop().await;
}

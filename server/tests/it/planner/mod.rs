//! The table planner against the real server, on SQLite and PostgreSQL: registrations made
//! through the form become a plan (everyone confirmed seated once per round, colleagues
//! apart, nobody at a table over its size); the set-up refuses bad numbers and asks before
//! it discards a plan; too few seats and no tables are refused with their message; the page
//! is server-rendered with the chart; hand edits (move, swap, lock) change the chart and
//! its quality and warn when they break a rule; planning again keeps locked seats; the
//! day-of re-plan keeps the held rounds and seats only who came; tables edited one by one
//! are checked field by field (minimum over the size, a name taken, a host who is not a
//! confirmed person of the event) and ask before they discard a plan; a host sits at their
//! table in every round, a person left out is in no round, and a theme reaches the table
//! cards. Anonymous callers are refused in the accounts module.

use crate::common::coordinator::{get_as, job_outcome, json_as, post_as, signed_in};
use crate::common::*;
use serde_json::{json, Value};
use std::collections::HashSet;

on_both_databases!(
    registrations_become_a_plan,
    setup_and_planning_refuse_what_cannot_work,
    the_rounds_are_the_programmes_networking_rounds,
    publishing_shows_the_tables_and_mails_only_who_changed,
    the_check_in_desk_finds_and_checks_people_in,
    hand_edits_change_the_chart_and_warn,
    a_full_table_or_an_unknown_seat_is_refused,
    planning_again_keeps_the_locked_seats,
    the_day_of_replan_keeps_held_rounds_and_seats_who_came,
    table_edits_are_checked_field_by_field,
    hosts_stay_at_their_table_and_people_left_out_are_not_seated,
    planning_runs_as_one_job_per_event_and_a_lost_job_is_reported,
    a_refused_form_post_without_the_wasm_comes_back_with_its_error,
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

/// Seats (person and round) at another table in `b` than in `a`, for people in both.
fn changed_seats(a: &[Vec<Vec<i64>>], b: &[Vec<Vec<i64>>]) -> usize {
    let mut n = 0;
    for (r, round) in a.iter().enumerate() {
        for (t, ids) in round.iter().enumerate() {
            for id in ids {
                if b[r].iter().any(|x| x.contains(id)) && table_of(b, r, *id) != t {
                    n += 1;
                }
            }
        }
    }
    n
}

/// A hand edit (move or swap) on event "netwerk".
async fn edit(srv: &Running, cookie: &str, pairs: &[(&str, &str)]) -> reqwest::Response {
    let mut f = fields(&[("slug", "netwerk")]);
    f.extend(fields(pairs));
    post_as(srv, cookie, "/api/coordinator/planner/move", &f).await
}

async fn lock(srv: &Running, cookie: &str, round: &str, person: i64) -> reqwest::Response {
    post_as(
        srv,
        cookie,
        "/api/coordinator/planner/lock",
        &fields(&[
            ("slug", "netwerk"),
            ("round", round),
            ("person", &person.to_string()),
            ("locked", "1"),
        ]),
    )
    .await
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

async fn hand_edits_change_the_chart_and_warn(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "netwerk", 100).await;
    register(&srv, "netwerk", 22).await;
    let cookie = signed_in(&srv, &mail, "edits").await;
    let v = planned(&srv, &cookie, "6", "5", "3").await;
    assert_eq!(v["plan"]["quality"]["colleagues_together"], 0);
    let before = seating(&v);
    // Colleagues are "Org 0" … in pairs: move someone to their colleague's table in
    // round 1, one with a free seat.
    let people = app::store::planner::people(&srv.state.db, add_id(&srv).await)
        .await
        .unwrap();
    let (mover, to) = people
        .chunks(2)
        .find_map(|pair| {
            let (a, b) = (pair[0].id, pair[1].id);
            let tb = table_of(&before, 0, b);
            (before[0][tb].len() < 5).then_some((a, tb))
        })
        .expect("a colleague at a table with a free seat");
    let name = v["tables"][to]["name"].as_str().unwrap().to_string();
    let r = edit(
        &srv,
        &cookie,
        &[
            ("round", "1"),
            ("person", &mover.to_string()),
            ("table", &name),
        ],
    )
    .await;
    let back = location(&r);
    assert!(
        back.starts_with(&format!(
            "/coordinator/events/netwerk/planner?sel=1-{mover}&done=moved"
        )),
        "{back}"
    );
    assert!(back.contains("warn=colleagues"), "{back}");
    let v = planner(&srv, &cookie, "netwerk").await;
    let after = seating(&v);
    assert_eq!(table_of(&after, 0, mover), to);
    assert_eq!(after[1], before[1], "other rounds stay");
    assert_eq!(changed_seats(&before, &after), 1);
    assert_eq!(v["plan"]["quality"]["colleagues_together"], 1);
    // the table's figures follow: one more person there
    assert_eq!(
        v["plan"]["rounds"][0]["tables"][to]["people"]
            .as_array()
            .unwrap()
            .len(),
        before[0][to].len() + 1
    );
    // the page says so, server-rendered, with the seat selected
    let (status, page) = get_as(&srv, &cookie, &back).await;
    assert_eq!(status, 200);
    assert!(page.contains("Verplaatst: Persoon"), "{page}");
    assert!(
        page.contains("collega&#x27;s aan één tafel") || page.contains("collega's aan één tafel"),
        "{page}"
    );
    assert!(page.contains("aria-current=\"true\""), "{page}");
    assert!(page.contains("Hierheen"), "{page}");
    // moving them back breaks no rule: no warning, and the quality is back
    let from = table_of(&before, 0, mover);
    let r = edit(
        &srv,
        &cookie,
        &[
            ("round", "1"),
            ("person", &mover.to_string()),
            ("table", v["tables"][from]["name"].as_str().unwrap()),
        ],
    )
    .await;
    assert!(!location(&r).contains("warn="), "{}", location(&r));
    let v = planner(&srv, &cookie, "netwerk").await;
    assert_eq!(seating(&v), before);
    assert_eq!(v["plan"]["quality"]["colleagues_together"], 0);
    // a swap in round 2 with someone at the table of a round-1 table mate: a repeat
    let a = people[4].id;
    let mates: Vec<i64> = before[0][table_of(&before, 0, a)]
        .iter()
        .copied()
        .filter(|x| *x != a)
        .collect();
    let ta = table_of(&before, 1, a);
    let (b, tb) = before[1]
        .iter()
        .enumerate()
        .filter(|(t, ids)| *t != ta && ids.iter().any(|x| mates.contains(x)))
        .find_map(|(t, ids)| ids.iter().find(|x| !mates.contains(x)).map(|x| (*x, t)))
        .expect("someone to swap with");
    let r = edit(
        &srv,
        &cookie,
        &[
            ("round", "2"),
            ("person", &a.to_string()),
            ("swap_with", &b.to_string()),
        ],
    )
    .await;
    let back = location(&r);
    assert!(
        back.contains("done=swapped") && back.contains(&format!("with={b}")),
        "{back}"
    );
    assert!(back.contains("repeats"), "{back}");
    let v = planner(&srv, &cookie, "netwerk").await;
    let after = seating(&v);
    assert_eq!(table_of(&after, 1, a), tb);
    assert_eq!(table_of(&after, 1, b), ta);
    assert_eq!(changed_seats(&before, &after), 2);
    assert!(v["plan"]["quality"]["repeats"].as_u64().unwrap() >= 1);
    srv.stop().await;
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

async fn a_full_table_or_an_unknown_seat_is_refused(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "netwerk", 100).await;
    let cookie = signed_in(&srv, &mail, "full").await;
    // no plan yet
    let r = edit(
        &srv,
        &cookie,
        &[("round", "1"), ("person", "1"), ("table", "1")],
    )
    .await;
    assert_eq!(r.status(), 422);
    // four people (two pairs of colleagues) at two tables of two: every table is full
    register(&srv, "netwerk", 4).await;
    let v = planned(&srv, &cookie, "2", "2", "2").await;
    let before = seating(&v);
    let someone = before[0][0][0].to_string();
    for (round, person, table, key) in [
        ("1", someone.as_str(), "2", "PlanErrEditFull"),
        ("1", someone.as_str(), "9", "PlanErrEditTable"),
        ("3", someone.as_str(), "2", "PlanErrEditRound"),
        ("1", "999999", "2", "PlanErrEditPerson"),
    ] {
        let r = edit(
            &srv,
            &cookie,
            &[("round", round), ("person", person), ("table", table)],
        )
        .await;
        assert_eq!(r.status(), 422, "{key}");
        assert!(r.text().await.unwrap().contains(key), "{key}");
    }
    let r = edit(
        &srv,
        &cookie,
        &[
            ("round", "1"),
            ("person", &someone),
            ("swap_with", "999999"),
        ],
    )
    .await;
    assert_eq!(r.status(), 422);
    assert_eq!(seating(&planner(&srv, &cookie, "netwerk").await), before);
    // a swap still works: colleagues trade places, and now meet their round-2 table mates
    // twice
    let v = planner(&srv, &cookie, "netwerk").await;
    assert_eq!(v["plan"]["quality"]["repeats"], 0);
    let (a, b) = (before[0][0][0], before[0][1][0]);
    let r = edit(
        &srv,
        &cookie,
        &[
            ("round", "1"),
            ("person", &a.to_string()),
            ("swap_with", &b.to_string()),
        ],
    )
    .await;
    assert!(location(&r).contains("done=swapped"), "{}", location(&r));
    let after = seating(&planner(&srv, &cookie, "netwerk").await);
    assert_eq!(table_of(&after, 0, a), 1);
    assert_eq!(table_of(&after, 0, b), 0);
    srv.stop().await;
}

async fn planning_again_keeps_the_locked_seats(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "netwerk", 100).await;
    register(&srv, "netwerk", 22).await;
    let cookie = signed_in(&srv, &mail, "locks").await;
    let v = planned(&srv, &cookie, "5", "5", "3").await;
    let before = seating(&v);
    let people = person_ids(&srv).await;
    let locked = [
        (1, people[0]),
        (2, people[1]),
        (3, people[2]),
        (3, people[7]),
    ];
    for (round, id) in locked {
        let r = lock(&srv, &cookie, &round.to_string(), id).await;
        assert!(location(&r).contains("done=locked"), "{}", location(&r));
    }
    // a hand move of someone not locked (the colleague rule broken), then plan again
    let mover = people[10];
    let from = table_of(&before, 0, mover);
    let to = (0..5)
        .find(|t| *t != from && before[0][*t].len() < 5)
        .expect("a free seat");
    let r = edit(
        &srv,
        &cookie,
        &[
            ("round", "1"),
            ("person", &mover.to_string()),
            ("table", v["tables"][to]["name"].as_str().unwrap()),
        ],
    )
    .await;
    assert!(location(&r).contains("done=moved"));
    let edited = seating(&planner(&srv, &cookie, "netwerk").await);
    let back = plan_outcome(&srv, &cookie).await;
    assert!(
        back.contains("planned=1") && back.contains("locked=4"),
        "{back}"
    );
    let changed: usize = back
        .split(['?', '&'])
        .find_map(|kv| kv.strip_prefix("changed="))
        .expect("changed count")
        .parse()
        .unwrap();
    let v = planner(&srv, &cookie, "netwerk").await;
    let after = seating(&v);
    for (round, id) in locked {
        let r = round as usize - 1;
        assert_eq!(
            table_of(&after, r, id),
            table_of(&edited, r, id),
            "locked {id}"
        );
    }
    assert_eq!(
        changed,
        changed_seats(&edited, &after),
        "the notice's count"
    );
    assert!(changed < 22 * 3 / 2, "few seats change: {changed}");
    assert_eq!(v["plan"]["locked"], 4);
    assert_eq!(v["plan"]["quality"]["colleagues_together"], 0);
    // the page marks the locks, with text
    let (_, page) = get_as(
        &srv,
        &cookie,
        &format!("/coordinator/events/netwerk/planner?{back}"),
    )
    .await;
    assert_eq!(page.matches("class=\"seat-lock\"").count(), 4, "{page}");
    assert!(page.contains("vastgezet"));
    assert!(page.contains("rond de vastgezette plaatsen"), "{page}");
    srv.stop().await;
}

async fn the_day_of_replan_keeps_held_rounds_and_seats_who_came(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "netwerk", 100).await;
    register(&srv, "netwerk", 22).await;
    let cookie = signed_in(&srv, &mail, "dayof").await;
    let v = planned(&srv, &cookie, "6", "5", "3").await;
    let before = seating(&v);
    let people = person_ids(&srv).await;
    // as many rounds held as there are: nothing left to plan
    let replan = |held: &'static str| {
        let cookie = cookie.clone();
        let srv = &srv;
        async move {
            post_as(
                srv,
                &cookie,
                "/api/coordinator/planner/replan",
                &fields(&[("slug", "netwerk"), ("held", held)]),
            )
            .await
        }
    };
    let r = replan("3").await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("PlanErrHeld"));
    // 18 of 22 came
    let came: Vec<i64> = people[..18].to_vec();
    for id in &came {
        let r = post_as(
            &srv,
            &cookie,
            "/api/coordinator/checkin/set",
            &fields(&[("slug", "netwerk"), ("id", &id.to_string())]),
        )
        .await;
        assert!(r.status().is_success() || r.status().is_redirection());
    }
    assert_eq!(planner(&srv, &cookie, "netwerk").await["arrived"], 18);
    let r = replan("1").await;
    assert!(r.status().is_success(), "{}", r.status());
    let back = job_outcome(&srv, &cookie, "netwerk", &r)
        .await
        .expect("a re-plan");
    assert!(
        back.contains("seated=18") && back.contains("held=1"),
        "{back}"
    );
    let changed: usize = back
        .split(['?', '&'])
        .find_map(|kv| kv.strip_prefix("replanned="))
        .expect("changed count")
        .parse()
        .unwrap();
    let v = planner(&srv, &cookie, "netwerk").await;
    let after = seating(&v);
    assert_eq!(
        after[0], before[0],
        "round 1 was held: verbatim, no-shows too"
    );
    for round in &after[1..] {
        let mut seated: Vec<i64> = round.iter().flatten().copied().collect();
        seated.sort_unstable();
        let mut want = came.clone();
        want.sort_unstable();
        assert_eq!(seated, want, "only who came, once each");
        assert!(round.iter().all(|t| t.len() <= 5));
    }
    // the count of changed seats is those of the people present in rounds 2 and 3
    let mut expected = 0;
    for r in 1..3 {
        for id in &came {
            if table_of(&before, r, *id) != table_of(&after, r, *id) {
                expected += 1;
            }
        }
    }
    assert_eq!(changed, expected);
    assert_eq!(v["plan"]["quality"]["colleagues_together"], 0);
    assert_eq!(
        v["plan"]["quality"]["repeats"], 0,
        "round 1's meetings are not repeated"
    );
    let (_, page) = get_as(
        &srv,
        &cookie,
        &format!("/coordinator/events/netwerk/planner?{back}"),
    )
    .await;
    assert!(
        page.contains("De resterende rondes zijn opnieuw geschikt"),
        "{page}"
    );
    srv.stop().await;
}

/// Saves a table of event "netwerk" through the table editor's server function.
async fn save_table(srv: &Running, cookie: &str, pairs: &[(&str, &str)]) -> reqwest::Response {
    let mut f = fields(&[("slug", "netwerk")]);
    f.extend(fields(pairs));
    post_as(srv, cookie, "/api/coordinator/planner/table", &f).await
}

/// Leaves registration `person` of event "netwerk" out of the tables (`out`) or takes them
/// back in.
async fn at_tables(srv: &Running, cookie: &str, person: i64, out: bool) -> reqwest::Response {
    post_as(
        srv,
        cookie,
        "/api/coordinator/planner/at-tables",
        &fields(&[
            ("slug", "netwerk"),
            ("person", &person.to_string()),
            ("out", if out { "1" } else { "" }),
        ]),
    )
    .await
}

/// The event's tables on the planner page: (id, name) in order.
fn table_ids(v: &Value) -> Vec<(i64, String)> {
    v["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["id"].as_i64().unwrap(),
                t["name"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// A refusal with status 422 whose body names every one of `keys`.
async fn refused(r: reqwest::Response, keys: &[&str]) {
    assert_eq!(r.status(), 422, "{keys:?}");
    let body = r.text().await.unwrap();
    for k in keys {
        assert!(body.contains(k), "{k} in {body}");
    }
}

async fn table_edits_are_checked_field_by_field(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "netwerk", 100).await;
    register(&srv, "netwerk", 6).await;
    add_event(&srv, "ander", 100).await;
    register(&srv, "ander", 1).await;
    let cookie = signed_in(&srv, &mail, "tables").await;
    let r = setup(&srv, &cookie, "3", "").await;
    assert!(r.status().is_success(), "{}", r.status());
    let ids = person_ids(&srv).await;
    let tables = table_ids(&planner(&srv, &cookie, "netwerk").await);
    assert_eq!(
        tables.iter().map(|t| t.1.as_str()).collect::<Vec<_>>(),
        ["1", "2", "3"]
    );
    let first = tables[0].0.to_string();
    // a minimum over the size, a name another table has (any case, outer spaces), each
    // with its field; a wrong size and a too long theme together
    refused(
        save_table(
            &srv,
            &cookie,
            &[
                ("table", &first),
                ("name", "1"),
                ("capacity", "4"),
                ("min_size", "5"),
            ],
        )
        .await,
        &["TableInvalid", "MinSize", "PlanErrMinAboveCapacity"],
    )
    .await;
    refused(
        save_table(
            &srv,
            &cookie,
            &[("table", &first), ("name", " 2 "), ("capacity", "4")],
        )
        .await,
        &["TableInvalid", "Name", "PlanErrTableNameTaken"],
    )
    .await;
    let long = "t".repeat(81);
    refused(
        save_table(
            &srv,
            &cookie,
            &[
                ("table", &first),
                ("name", "1"),
                ("capacity", "1"),
                ("theme", &long),
            ],
        )
        .await,
        &["Capacity", "PlanErrSize", "Theme", "PlanErrTheme"],
    )
    .await;
    // a host must be a confirmed person of this event: not unknown, not of another event,
    // not cancelled
    let other_event = app::store::planner::people(
        &srv.state.db,
        app::store::events::by_slug(&srv.state.db, "ander")
            .await
            .unwrap()
            .unwrap()
            .id,
    )
    .await
    .unwrap()[0]
        .id;
    let cancelled = ids[5];
    app::on_db!(&srv.state.db, p => {
        sqlx::query("UPDATE registrations SET status = 'cancelled' WHERE id = $1")
            .bind(cancelled)
            .execute(p)
            .await
            .unwrap();
    });
    for host in [
        "999999",
        &other_event.to_string(),
        &cancelled.to_string(),
        "abc",
    ] {
        refused(
            save_table(
                &srv,
                &cookie,
                &[
                    ("table", &first),
                    ("name", "1"),
                    ("capacity", "2"),
                    ("host", host),
                ],
            )
            .await,
            &["TableInvalid", "Host", "PlanErrHost"],
        )
        .await;
    }
    // nothing of that was stored
    let v = planner(&srv, &cookie, "netwerk").await;
    assert_eq!(v["tables"][0]["capacity"], 2);
    assert!(v["tables"][0]["host"].is_null());
    // a good edit: name, size, minimum, host and theme
    let host = ids[0].to_string();
    let r = save_table(
        &srv,
        &cookie,
        &[
            ("table", &first),
            ("name", "Tafel A"),
            ("capacity", "3"),
            ("min_size", "2"),
            ("host", &host),
            ("theme", " Circulaire economie "),
        ],
    )
    .await;
    assert!(r.status().is_success(), "{}", r.status());
    assert!(location(&r).contains("table_saved=1"));
    let v = planner(&srv, &cookie, "netwerk").await;
    let t = &v["tables"][0];
    assert_eq!(t["name"], "Tafel A");
    assert_eq!(
        (t["capacity"].as_i64(), t["min_size"].as_i64()),
        (Some(3), Some(2))
    );
    assert_eq!(t["host"]["id"].as_i64(), Some(ids[0]));
    assert_eq!(t["theme"], "Circulaire economie");
    // the same host at a second table is refused
    let second = tables[1].0.to_string();
    refused(
        save_table(
            &srv,
            &cookie,
            &[
                ("table", &second),
                ("name", "2"),
                ("capacity", "2"),
                ("host", &host),
            ],
        )
        .await,
        &["Host", "PlanErrHostTaken"],
    )
    .await;
    // a host cannot be left out of the tables
    refused(
        at_tables(&srv, &cookie, ids[0], true).await,
        &["PlanErrLeaveOutHost"],
    )
    .await;
    // add a table, remove it
    let r = save_table(&srv, &cookie, &[("name", "Extra"), ("capacity", "4")]).await;
    assert!(r.status().is_success(), "{}", r.status());
    let now = table_ids(&planner(&srv, &cookie, "netwerk").await);
    assert_eq!(now.last().unwrap().1, "Extra");
    assert_eq!(now.len(), 4);
    let extra = now[3].0.to_string();
    let remove = |table: String, confirm: &'static str| {
        let (srv, cookie) = (&srv, &cookie);
        async move {
            post_as(
                srv,
                cookie,
                "/api/coordinator/planner/table/remove",
                &fields(&[("slug", "netwerk"), ("table", &table), ("confirm", confirm)]),
            )
            .await
        }
    };
    assert!(remove(extra.clone(), "").await.status().is_success());
    assert_eq!(table_ids(&planner(&srv, &cookie, "netwerk").await).len(), 3);
    // an unknown table
    refused(
        save_table(
            &srv,
            &cookie,
            &[("table", &extra), ("name", "X"), ("capacity", "2")],
        )
        .await,
        &["PlanErrEditTable"],
    )
    .await;
    refused(remove(extra, "").await, &["PlanErrEditTable"]).await;
    // With a plan: a theme or host change keeps it, another size asks first, then discards it.
    let r = plan(&srv, &cookie).await;
    assert!(r.status().is_success(), "{}", r.status());
    let r = save_table(
        &srv,
        &cookie,
        &[
            ("table", &first),
            ("name", "Tafel A"),
            ("capacity", "3"),
            ("min_size", "2"),
            ("host", &host),
            ("theme", "Zorg"),
        ],
    )
    .await;
    assert!(r.status().is_success(), "{}", r.status());
    assert!(!planner(&srv, &cookie, "netwerk").await["plan"].is_null());
    let bigger = [
        ("table", first.as_str()),
        ("name", "Tafel A"),
        ("capacity", "4"),
        ("host", host.as_str()),
    ];
    refused(
        save_table(&srv, &cookie, &bigger).await,
        &["ConfirmationNeeded"],
    )
    .await;
    refused(remove(second.clone(), "").await, &["ConfirmationNeeded"]).await;
    let v = planner(&srv, &cookie, "netwerk").await;
    assert!(!v["plan"].is_null());
    assert_eq!(v["tables"][0]["capacity"], 3);
    let mut confirmed = bigger.to_vec();
    confirmed.push(("confirm", "yes"));
    let r = save_table(&srv, &cookie, &confirmed).await;
    assert!(r.status().is_success(), "{}", r.status());
    let v = planner(&srv, &cookie, "netwerk").await;
    assert!(v["plan"].is_null());
    assert_eq!(v["tables"][0]["capacity"], 4);
    // minimums that need more people than there are: refused with its message, no 500
    for (id, _) in &tables[1..] {
        let r = save_table(
            &srv,
            &cookie,
            &[
                ("table", &id.to_string()),
                ("name", &format!("M{id}")),
                ("capacity", "4"),
                ("min_size", "4"),
                ("confirm", "yes"),
            ],
        )
        .await;
        assert!(r.status().is_success(), "{}", r.status());
    }
    refused(plan(&srv, &cookie).await, &["PlanErrMinimums"]).await;
    srv.stop().await;
}

async fn hosts_stay_at_their_table_and_people_left_out_are_not_seated(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "netwerk", 100).await;
    register(&srv, "netwerk", 14).await;
    let cookie = signed_in(&srv, &mail, "hosts").await;
    let r = post_as(
        &srv,
        &cookie,
        "/api/coordinator/planner/setup",
        &fields(&[
            ("slug", "netwerk"),
            ("tables", "4"),
            ("size", "4"),
            ("rounds", "3"),
        ]),
    )
    .await;
    assert!(r.status().is_success(), "{}", r.status());
    let ids = person_ids(&srv).await;
    let (host, out) = (ids[5], ids[0]);
    let tables = table_ids(&planner(&srv, &cookie, "netwerk").await);
    let r = save_table(
        &srv,
        &cookie,
        &[
            ("table", &tables[2].0.to_string()),
            ("name", "3"),
            ("capacity", "4"),
            ("host", &host.to_string()),
            ("theme", "Circulaire economie"),
        ],
    )
    .await;
    assert!(r.status().is_success(), "{}", r.status());
    let r = at_tables(&srv, &cookie, out, true).await;
    assert!(r.status().is_success(), "{}", r.status());
    assert!(location(&r).contains(&format!("left_out={out}")));
    let v = planner(&srv, &cookie, "netwerk").await;
    assert_eq!(v["participants"], 13);
    assert_eq!(v["left_out"][0]["id"].as_i64(), Some(out));
    // someone of another event, or unknown, cannot be left out
    refused(
        at_tables(&srv, &cookie, 999_999, true).await,
        &["PlanErrEditPerson"],
    )
    .await;
    let r = plan(&srv, &cookie).await;
    assert!(r.status().is_success(), "{}", r.status());
    let v = planner(&srv, &cookie, "netwerk").await;
    let seats = seating(&v);
    assert_eq!(seats.len(), 3);
    for (r, round) in seats.iter().enumerate() {
        assert_eq!(
            table_of(&seats, r, host),
            2,
            "the host at table 3 in round {}",
            r + 1
        );
        assert!(
            round.iter().all(|t| !t.contains(&out)),
            "left out, yet seated: {round:?}"
        );
        assert_eq!(round.iter().map(Vec::len).sum::<usize>(), 13);
        let t = &v["plan"]["rounds"][r]["tables"][2];
        assert_eq!(t["theme"], "Circulaire economie");
        let marked: Vec<i64> = v["plan"]["rounds"][r]["tables"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|t| t["people"].as_array().unwrap().iter())
            .filter(|p| p["host"] == true)
            .map(|p| p["id"].as_i64().unwrap())
            .collect();
        assert_eq!(marked, vec![host], "only the host is marked");
    }
    // a hand edit cannot take the host away from their table, in a move or a swap
    let elsewhere = seats[0][0][0];
    refused(
        edit(
            &srv,
            &cookie,
            &[
                ("round", "1"),
                ("person", &host.to_string()),
                ("table", "1"),
            ],
        )
        .await,
        &["PlanErrEditHost"],
    )
    .await;
    refused(
        edit(
            &srv,
            &cookie,
            &[
                ("round", "1"),
                ("person", &elsewhere.to_string()),
                ("swap_with", &host.to_string()),
            ],
        )
        .await,
        &["PlanErrEditHost"],
    )
    .await;
    // the day-of re-plan keeps the host at their table in the remaining rounds too
    let r = post_as(
        &srv,
        &cookie,
        "/api/coordinator/planner/replan",
        &fields(&[("slug", "netwerk"), ("held", "1")]),
    )
    .await;
    assert!(r.status().is_success(), "{}", r.status());
    job_outcome(&srv, &cookie, "netwerk", &r)
        .await
        .expect("a re-plan");
    let v = planner(&srv, &cookie, "netwerk").await;
    let seats = seating(&v);
    for r in 0..3 {
        assert_eq!(
            table_of(&seats, r, host),
            2,
            "after the re-plan, round {}",
            r + 1
        );
        assert!(seats[r].iter().all(|t| !t.contains(&out)));
    }
    // leaving someone out after planning takes them out of every round at once
    let later = seats[0][1][0];
    assert_ne!(later, host);
    let r = at_tables(&srv, &cookie, later, true).await;
    assert!(r.status().is_success(), "{}", r.status());
    let v = planner(&srv, &cookie, "netwerk").await;
    let after = seating(&v);
    assert!(after.iter().flatten().all(|t| !t.contains(&later)));
    assert_eq!(v["plan"]["unseated"], 0);
    // back in: not seated until the next plan
    let r = at_tables(&srv, &cookie, later, false).await;
    assert!(r.status().is_success(), "{}", r.status());
    assert_eq!(
        planner(&srv, &cookie, "netwerk").await["plan"]["unseated"],
        1
    );
    // the theme and the host reach the table cards
    let (status, page) = get_as(&srv, &cookie, "/coordinator/events/netwerk/planner/cards").await;
    assert_eq!(status, 200);
    assert!(page.contains("Circulaire economie</p>"), "{page}");
    assert_eq!(
        page.matches("class=\"table-card-theme\"").count(),
        3,
        "one card per round"
    );
    assert!(page.contains("class=\"seat-host\""), "{page}");
    // and the chart, with the editor and the list of people left out
    let (_, page) = get_as(&srv, &cookie, "/coordinator/events/netwerk/planner").await;
    assert!(page.contains("class=\"table-theme\""));
    assert!(page.contains("id=\"table-editor\""));
    assert!(page.contains("class=\"left-out\""));
    srv.stop().await;
}

/// Planning returns at once with a job the page follows; while an event's job runs (on any
/// server instance: the row is in the database) another run is refused; a job unfinished
/// long past its budget (its server stopped) is reported lost and no longer blocks.
async fn planning_runs_as_one_job_per_event_and_a_lost_job_is_reported(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let event_id = add_event(&srv, "netwerk", 100).await;
    add_event(&srv, "ander", 100).await;
    let cookie = signed_in(&srv, &mail, "jobs").await;
    register(&srv, "netwerk", 6).await;
    assert!(setup(&srv, &cookie, "3", "").await.status().is_success());
    // a job of this event that another instance is running now
    let insert = |started: chrono::DateTime<chrono::Utc>| {
        let db = srv.state.db.clone();
        async move {
            let mut tx = db.begin_write().await.unwrap();
            let id = app::store::jobs::insert_tx(&mut tx, event_id, "plan", 1500, started)
                .await
                .unwrap();
            tx.commit().await.unwrap();
            id
        }
    };
    let running = insert(chrono::Utc::now()).await;
    let r = post_as(
        &srv,
        &cookie,
        "/api/coordinator/planner/plan",
        &fields(&[("slug", "netwerk")]),
    )
    .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("PlanErrJobRunning"));
    let (status, v) = json_as(
        &srv,
        &cookie,
        "/api/coordinator/planner/job",
        json!({ "slug": "netwerk", "job": running }),
    )
    .await;
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["state"], "Running");
    assert_eq!(v["budget_ms"], 1500);
    // the job of another event's page, or an unknown one: not found
    for (slug, job) in [("ander", running), ("netwerk", running + 1000)] {
        let (status, _) = json_as(
            &srv,
            &cookie,
            "/api/coordinator/planner/job",
            json!({ "slug": slug, "job": job }),
        )
        .await;
        assert_eq!(status, 404, "{slug} {job}");
    }
    // its server stopped an hour ago: lost, and a new plan may start
    app::on_db!(&srv.state.db, p => {
        sqlx::query("UPDATE planner_jobs SET started_at = $1 WHERE id = $2")
            .bind(chrono::Utc::now() - chrono::Duration::hours(1))
            .bind(running)
            .execute(p)
            .await
            .unwrap();
    });
    let done = plan_outcome(&srv, &cookie).await;
    assert_eq!(done, "planned=1");
    let (_, v) = json_as(
        &srv,
        &cookie,
        "/api/coordinator/planner/job",
        json!({ "slug": "netwerk", "job": running }),
    )
    .await;
    assert_eq!(v["state"]["Failed"]["Planner"], "PlanErrJobLost", "{v}");
    assert!(!planner(&srv, &cookie, "netwerk").await["plan"].is_null());
    srv.stop().await;
}

/// Before the wasm has loaded, a refused form post returns to its page (the coordinator's
/// pages name themselves as referrer, to this server only) and the page shows the error.
async fn a_refused_form_post_without_the_wasm_comes_back_with_its_error(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    add_event(&srv, "netwerk", 100).await;
    let cookie = signed_in(&srv, &mail, "nojs").await;
    let session = format!("{}={cookie}", server::SESSION_COOKIE);
    let page = format!("http://{}/coordinator/events/netwerk/planner", srv.addr);
    let r = client()
        .get(&page)
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["referrer-policy"], "same-origin");
    // as a browser posts the set-up form: HTML accepted, the page as referrer
    let r = client()
        .post(format!("http://{}/api/coordinator/planner/setup", srv.addr))
        .header("cookie", &session)
        .header("accept", "text/html,application/xhtml+xml")
        .header("referer", &page)
        .form(&[
            ("slug", "netwerk"),
            ("tables", "0"),
            ("size", "8"),
            ("rounds", "2"),
        ])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_redirection(), "{}", r.status());
    let back = r.headers()["location"].to_str().unwrap().to_string();
    assert!(back.starts_with(&page) && back.contains("__err="), "{back}");
    let path = back.trim_start_matches(&format!("http://{}", srv.addr));
    let (status, html) = get_as(&srv, &cookie, path).await;
    assert_eq!(status, 422);
    assert!(
        html.contains("Geef een aantal tafels van 1 tot 500."),
        "the error on the page"
    );
    // nothing was stored
    assert!(planner(&srv, &cookie, "netwerk").await["tables"]
        .as_array()
        .unwrap()
        .is_empty());
    srv.stop().await;
}

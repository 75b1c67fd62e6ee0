//! Set-up and planning: registrations made through the form become a plan (everyone
//! confirmed seated once per round, colleagues apart, nobody at a table over its size); the
//! set-up refuses bad numbers and asks before it discards a plan; too few seats and no
//! tables are refused with their message; the rounds are the programme's networking rounds.

use super::*;

on_both_databases!(
    registrations_become_a_plan,
    setup_and_planning_refuse_what_cannot_work,
    the_rounds_are_the_programmes_networking_rounds,
);

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

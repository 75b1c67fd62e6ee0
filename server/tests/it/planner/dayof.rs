//! The planner on the day: the check-in desk finds and checks people in, and the day-of
//! re-plan keeps the rounds already held and seats only who came.

use super::*;

on_both_databases!(
    the_check_in_desk_finds_and_checks_people_in,
    the_day_of_replan_keeps_held_rounds_and_seats_who_came,
);

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

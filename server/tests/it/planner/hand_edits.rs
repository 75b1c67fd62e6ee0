//! Hand edits on a plan: move, swap and lock change the chart and its quality and warn when
//! they break a rule; a full table or an unknown seat is refused; planning again keeps the
//! locked seats.

use super::*;

on_both_databases!(
    hand_edits_change_the_chart_and_warn,
    a_full_table_or_an_unknown_seat_is_refused,
    planning_again_keeps_the_locked_seats,
);

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

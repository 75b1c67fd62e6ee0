//! Tables edited one by one: checked field by field (minimum over the size, a name taken, a
//! host who is not a confirmed person of the event), asking before they discard a plan; a
//! host sits at their table in every round, a person left out is in no round, and a theme
//! reaches the table cards.

use super::*;

on_both_databases!(
    table_edits_are_checked_field_by_field,
    hosts_stay_at_their_table_and_people_left_out_are_not_seated,
);

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

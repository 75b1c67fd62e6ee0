//! Planning as a background job: one job per event at a time (on any instance), a lost job
//! reported and no longer blocking; and a refused form post without the wasm coming back to
//! its page with the error.

use super::*;

on_both_databases!(
    planning_runs_as_one_job_per_event_and_a_lost_job_is_reported,
    a_refused_form_post_without_the_wasm_comes_back_with_its_error,
);

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

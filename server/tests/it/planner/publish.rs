//! Publishing a plan: the tables shown to the people seated, and a tables mail only to who
//! changed table since the last publication.

use super::*;

on_both_databases!(publishing_shows_the_tables_and_mails_only_who_changed,);

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

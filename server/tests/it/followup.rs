//! The follow-up after the event, against the real server on SQLite and PostgreSQL with
//! maildev: consent to share (off by default, ticked on the register form, changed on the
//! manage page), the follow-up mail lists only the tablemates who consented, sending twice
//! mails nobody twice, the answer page stores and changes answers, wrong and expired links
//! are refused, the coordinator's functions need a session, and the privacy purge and
//! erasure remove the answers.

use crate::common::coordinator::{get_as, job_outcome, json_as, post_as, signed_in};
use crate::common::*;
use serde_json::{json, Value};

on_both_databases!(
    followup_lists_only_consenting_tablemates_once,
    answers_are_stored_changed_and_counted,
    wrong_and_expired_links_are_refused,
    purge_and_erasure_remove_the_followup,
    after_check_in_only_people_who_came_count,
);

/// One person to register: first name, whether they tick "share", what they offer and need.
struct Person {
    first: &'static str,
    share: bool,
    offers: &'static [&'static str],
    needs: &'static [&'static str],
}

const PEOPLE: [Person; 4] = [
    Person {
        first: "Anna",
        share: true,
        offers: &["personeel"],
        needs: &["opleiding", "begeleiding"],
    },
    Person {
        first: "Bart",
        share: true,
        offers: &["opleiding"],
        needs: &["stage"],
    },
    Person {
        first: "Chris",
        share: false,
        offers: &["stage"],
        needs: &["opleiding"],
    },
    Person {
        first: "Dina",
        share: false,
        offers: &["inclusief"],
        needs: &["personeel"],
    },
];

/// A running server with the four [`PEOPLE`] registered (each their own organisation),
/// seated at one table of four for one round, published; a signed-in coordinator.
struct Seated {
    mail: MailDev,
    srv: Running,
    cookie: String,
    emails: Vec<String>,
    event_id: i64,
}

async fn seated(db: &TestDb) -> Seated {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let event_id = add_event(&srv, "netwerk", 20).await;
    let mut emails = Vec::new();
    for (i, p) in PEOPLE.iter().enumerate() {
        let email = unique_email(&p.first.to_lowercase());
        let mut f: Vec<(String, String)> = form(&email)
            .into_iter()
            .filter(|(k, _)| k != "offers" && k != "needs")
            .map(|(k, v)| match k.as_str() {
                "first_name" => (k, p.first.to_string()),
                "organisation" => (k, format!("Organisatie {i}")),
                _ => (k, v),
            })
            .collect();
        f.extend(p.offers.iter().map(|o| ("offers".into(), o.to_string())));
        f.extend(p.needs.iter().map(|n| ("needs".into(), n.to_string())));
        if p.share {
            f.push(("share_contact".into(), "yes".into()));
        }
        let r = post_form(&srv, "/e/netwerk/register", &f).await;
        assert_eq!(r.status().as_u16(), 303, "registration of {}", p.first);
        emails.push(email);
    }
    let cookie = signed_in(&srv, &mail, "followup").await;
    plan_and_publish(&srv, &cookie, "4").await;
    Seated {
        mail,
        srv,
        cookie,
        emails,
        event_id,
    }
}

/// One table of `size` for one round (replacing an earlier set-up), planned and published.
async fn plan_and_publish(srv: &Running, cookie: &str, size: &str) {
    let r = post_as(
        srv,
        cookie,
        "/api/coordinator/planner/setup",
        &fields(&[
            ("slug", "netwerk"),
            ("tables", "1"),
            ("size", size),
            ("rounds", "1"),
            ("confirm", "yes"),
        ]),
    )
    .await;
    assert!(r.status().is_success(), "setup: {}", r.status());
    for step in ["plan", "publish"] {
        let r = post_as(
            srv,
            cookie,
            &format!("/api/coordinator/planner/{step}"),
            &fields(&[("slug", "netwerk")]),
        )
        .await;
        assert!(r.status().is_success(), "{step}: {}", r.status());
        if step == "plan" {
            job_outcome(srv, cookie, "netwerk", &r)
                .await
                .expect("a plan");
        }
    }
}

async fn send(s: &Seated, confirm: &str) -> reqwest::Response {
    post_as(
        &s.srv,
        &s.cookie,
        "/api/coordinator/followup/send",
        &fields(&[("slug", "netwerk"), ("confirm", confirm)]),
    )
    .await
}

async fn view(s: &Seated) -> Value {
    let (status, v) = json_as(
        &s.srv,
        &s.cookie,
        "/api/coordinator/followup",
        json!({ "slug": "netwerk" }),
    )
    .await;
    assert_eq!(status, 200, "{v}");
    v
}

fn is_followup(m: &Value) -> bool {
    m["subject"]
        .as_str()
        .is_some_and(|s| s.starts_with("Je tafelgenoten: "))
}

/// The follow-up mails each of `emails` got, once all have theirs.
async fn followups(mail: &MailDev, emails: &[String]) -> Vec<Vec<Value>> {
    let all = mail
        .wait_until(30, "a follow-up mail for everyone", |m| {
            emails
                .iter()
                .all(|e| to_address(m, e).iter().any(is_followup))
        })
        .await;
    emails
        .iter()
        .map(|e| {
            to_address(&all, e)
                .into_iter()
                .filter(is_followup)
                .collect()
        })
        .collect()
}

/// The answer link's token in a follow-up mail.
fn answer_token(mail: &Value) -> String {
    let text = mail["text"].as_str().expect("text part");
    let at = text.find("/f/").expect("answer link in mail");
    text[at + 3..at + 3 + 64].to_string()
}

/// The rest of the tag of the element with `id` (its attributes after the id).
fn tag_with_id(page: &str, id: &str) -> String {
    let at = page
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("#{id} in {page}"));
    let end = at + page[at..].find('>').expect("tag end");
    page[at..end].to_string()
}

async fn count(srv: &Running, sql: &'static str) -> i64 {
    app::on_db!(&srv.state.db, p => sqlx::query_scalar(sql).fetch_one(p).await.expect("count"))
}

async fn followup_lists_only_consenting_tablemates_once(db: &TestDb) {
    let s = seated(db).await;
    // Consent is off unless ticked, and shown ticked on the manage page.
    let anna = s.mail.wait_for_count_to(&s.emails[0], 1).await;
    let anna_link = token_in(&anna[0]);
    let (status, page) = get(&s.srv, &format!("/m/{anna_link}")).await;
    assert_eq!(status, 200);
    let share_box = |page: &str| tag_with_id(page, "f-share_contact");
    assert!(share_box(&page).contains("checked"), "{}", share_box(&page));
    let chris = s.mail.wait_for_count_to(&s.emails[2], 1).await;
    let (_, page) = get(&s.srv, &format!("/m/{}", token_in(&chris[0]))).await;
    assert!(!share_box(&page).contains("checked"), "off by default");

    // Without the confirmation box nothing is sent.
    let r = send(&s, "").await;
    assert_eq!(r.status(), 422);
    assert_eq!(
        count(
            &s.srv,
            "SELECT COUNT(*) FROM outbox WHERE kind = 'followup'"
        )
        .await,
        0
    );
    let v = view(&s).await;
    assert_eq!(
        (v["seated"].as_i64(), v["sent"].as_i64()),
        (Some(4), Some(0))
    );
    let preview = v["preview"][2].as_str().expect("a preview");
    assert!(!preview.contains(&s.emails[2]) && !preview.contains(&s.emails[3]));

    let r = send(&s, "yes").await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    let mails = followups(&s.mail, &s.emails).await;
    let text = |i: usize| mails[i][0]["text"].as_str().expect("text").to_string();
    // Anna and Bart agreed to share, Chris and Dina did not: nobody sees Chris or Dina.
    for i in 0..4 {
        let t = text(i);
        for (j, email) in s.emails.iter().enumerate() {
            let listed = t.contains(email.as_str());
            let expected = j != i && PEOPLE[j].share;
            assert_eq!(listed, expected, "mail {i} lists {j}: {t}");
        }
        assert!(
            t.contains("/f/"),
            "everyone looked for something: the question is there"
        );
    }
    assert!(text(2).contains("Anna Peeters") && text(2).contains("Organisatie 0"));
    let html = mails[0][0]["html"].as_str().expect("html");
    assert!(html.contains(&format!("mailto:{}", s.emails[1])));

    // Sending again mails nobody twice.
    let r = send(&s, "yes").await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    assert_eq!(
        count(
            &s.srv,
            "SELECT COUNT(*) FROM outbox WHERE kind = 'followup'"
        )
        .await,
        4
    );
    assert_eq!(count(&s.srv, "SELECT COUNT(*) FROM followup_sent").await, 4);
    let v = view(&s).await;
    assert_eq!(
        (v["seated"].as_i64(), v["sent"].as_i64()),
        (Some(4), Some(4))
    );
    assert!(v["preview"].is_null(), "nobody left to mail: {v}");
    // Everything queued is delivered; still one follow-up each.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while count(
        &s.srv,
        "SELECT COUNT(*) FROM outbox WHERE kind = 'followup' AND status <> 'sent'",
    )
    .await
        > 0
    {
        assert!(std::time::Instant::now() < deadline, "follow-ups not sent");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let mails = followups(&s.mail, &s.emails).await;
    assert!(mails.iter().all(|m| m.len() == 1), "one each");

    // A fifth person seated later (planned and published again) gets it; nobody else again.
    let eve = unique_email("eve");
    let r = post_form(&s.srv, "/e/netwerk/register", &form(&eve)).await;
    assert_eq!(r.status().as_u16(), 303);
    plan_and_publish(&s.srv, &s.cookie, "5").await;
    let v = view(&s).await;
    assert_eq!(
        (
            v["seated"].as_i64(),
            v["sent"].as_i64(),
            v["to_send"].as_i64()
        ),
        (Some(5), Some(4), Some(1))
    );
    assert!(send(&s, "yes").await.status().as_u16() < 400);
    assert_eq!(
        count(
            &s.srv,
            "SELECT COUNT(*) FROM outbox WHERE kind = 'followup'"
        )
        .await,
        5
    );
    let eve_mail = &followups(&s.mail, std::slice::from_ref(&eve)).await[0];
    assert_eq!(eve_mail.len(), 1);
    let t = eve_mail[0]["text"].as_str().expect("text");
    assert!(
        t.contains(s.emails[0].as_str()) && t.contains(s.emails[1].as_str()),
        "{t}"
    );
    assert!(
        !t.contains(s.emails[2].as_str()) && !t.contains(s.emails[3].as_str()),
        "{t}"
    );

    // Withdrawing consent on the manage page: Anna is off the next preview's list.
    let f = form(&s.emails[0]);
    let r = post_form(&s.srv, &format!("/m/{anna_link}"), &f).await;
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(
        count(
            &s.srv,
            "SELECT COUNT(*) FROM registrations WHERE share_contact"
        )
        .await,
        1
    );
    s.srv.stop().await;
}

async fn answers_are_stored_changed_and_counted(db: &TestDb) {
    let s = seated(db).await;
    assert!(send(&s, "yes").await.status().as_u16() < 400);
    let mails = followups(&s.mail, &s.emails).await;
    let anna = answer_token(&mails[0][0]);
    let (status, page) = get(&s.srv, &format!("/f/{anna}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("name=\"need-opleiding\"") && page.contains("name=\"need-begeleiding\""));
    assert!(!page.contains("need-personeel"), "only her needs");
    assert!(
        !page.contains("tafelronde.wasm") && !page.contains("tafelrondeWasm"),
        "no wasm"
    );

    // Nothing chosen: refused with the message, nothing stored.
    let r = post_form(
        &s.srv,
        &format!("/f/{anna}"),
        &fields(&[("need-opleiding", "maybe")]),
    )
    .await;
    assert_eq!(r.status(), 422);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("Kies bij minstens één onderwerp"));
    assert_eq!(
        count(&s.srv, "SELECT COUNT(*) FROM followup_answers").await,
        0
    );

    let r = post_form(
        &s.srv,
        &format!("/f/{anna}"),
        &fields(&[("need-opleiding", "yes"), ("need-begeleiding", "partly")]),
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"].to_str().unwrap(),
        format!("/f/{anna}?saved=1")
    );
    let (_, page) = get(&s.srv, &format!("/f/{anna}?saved=1")).await;
    assert!(page.contains("Bedankt voor je antwoord"));
    assert!(tag_with_id(&page, "need-opleiding-yes").contains("checked"));
    assert!(tag_with_id(&page, "need-begeleiding-partly").contains("checked"));
    assert!(!tag_with_id(&page, "need-opleiding-no").contains("checked"));

    // Chris answers "no" for opleiding; Anna changes hers to "no" later.
    let chris = answer_token(&mails[2][0]);
    let r = post_form(
        &s.srv,
        &format!("/f/{chris}"),
        &fields(&[("need-opleiding", "no")]),
    )
    .await;
    assert_eq!(r.status(), 303);
    let v = view(&s).await;
    let topic = |v: &Value, code: &str| {
        v["topics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["code"] == code)
            .cloned()
            .unwrap_or_else(|| panic!("{code} in {v}"))
    };
    assert_eq!(v["responded"], 2);
    assert_eq!(v["sent"], 4);
    let o = topic(&v, "opleiding");
    assert_eq!(
        (o["yes"].as_i64(), o["partly"].as_i64(), o["no"].as_i64()),
        (Some(1), Some(0), Some(1))
    );
    // Anna and Chris look for it; Bart, at their table, offers it.
    assert_eq!(
        (o["asked"].as_i64(), o["predicted_met"].as_i64()),
        (Some(2), Some(2))
    );
    assert_eq!(topic(&v, "begeleiding")["partly"], 1);
    assert!(v["plan_needs"].is_array(), "the plan's own figure: {v}");

    let r = post_form(
        &s.srv,
        &format!("/f/{anna}"),
        &fields(&[("need-opleiding", "no"), ("need-begeleiding", "partly")]),
    )
    .await;
    assert_eq!(r.status(), 303);
    let o = topic(&view(&s).await, "opleiding");
    assert_eq!((o["yes"].as_i64(), o["no"].as_i64()), (Some(0), Some(2)));
    // The coordinator's page shows the counts.
    let (status, page) = crate::common::coordinator::get_as(
        &s.srv,
        &s.cookie,
        "/coordinator/events/netwerk/followup",
    )
    .await;
    assert_eq!(status, 200);
    assert!(page.contains("data-topic=\"opleiding\""), "{page}");
    s.srv.stop().await;
}

async fn wrong_and_expired_links_are_refused(db: &TestDb) {
    let s = seated(db).await;
    // The coordinator's functions refuse callers without a session.
    let r = client()
        .post(format!(
            "http://{}/api/coordinator/followup/send",
            s.srv.addr
        ))
        .form(&fields(&[("slug", "netwerk"), ("confirm", "yes")]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let r = client()
        .post(format!("http://{}/api/coordinator/followup", s.srv.addr))
        .json(&json!({ "slug": "netwerk" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(count(&s.srv, "SELECT COUNT(*) FROM followup_sent").await, 0);

    assert!(send(&s, "yes").await.status().as_u16() < 400);
    let mails = followups(&s.mail, &s.emails).await;
    let anna = answer_token(&mails[0][0]);
    // A manage link is not an answer link, nor is a made-up or malformed token.
    let manage = token_in(&s.mail.wait_for_count_to(&s.emails[0], 1).await[0]);
    for bad in [manage.as_str(), &"ab".repeat(32), "not-a-token"] {
        let (status, page) = get(&s.srv, &format!("/f/{bad}")).await;
        assert_eq!(status, 404, "{bad}");
        assert!(
            page.contains("Ongeldige link") && page.contains("opvolgingsmail"),
            "{page}"
        );
        let r = post_form(
            &s.srv,
            &format!("/f/{bad}"),
            &fields(&[("need-opleiding", "yes")]),
        )
        .await;
        assert_eq!(r.status(), 404, "{bad}");
    }
    // In English for an English reader.
    let r = client()
        .get(format!("http://{}/f/{}", s.srv.addr, "cd".repeat(32)))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let page = r.text().await.unwrap();
    assert!(
        page.contains("Invalid link") && page.contains("follow-up mail"),
        "{page}"
    );
    assert_eq!(
        count(&s.srv, "SELECT COUNT(*) FROM followup_answers").await,
        0
    );

    // Once the event's data is due for the purge, the link has expired.
    let past = chrono::Utc::now() - chrono::Duration::days(200);
    app::on_db!(&s.srv.state.db, p => {
        sqlx::query("UPDATE events SET starts_at = $1, ends_at = $1 WHERE id = $2")
            .bind(past)
            .bind(s.event_id)
            .execute(p)
            .await
            .expect("move the event");
    });
    let (status, page) = get(&s.srv, &format!("/f/{anna}")).await;
    assert_eq!(status, 410);
    assert!(page.contains("verlopen"), "{page}");
    let r = post_form(
        &s.srv,
        &format!("/f/{anna}"),
        &fields(&[("need-opleiding", "yes")]),
    )
    .await;
    assert_eq!(r.status(), 410);
    assert_eq!(
        count(&s.srv, "SELECT COUNT(*) FROM followup_answers").await,
        0
    );
    s.srv.stop().await;
}

async fn purge_and_erasure_remove_the_followup(db: &TestDb) {
    let s = seated(db).await;
    assert!(send(&s, "yes").await.status().as_u16() < 400);
    let mails = followups(&s.mail, &s.emails).await;
    for (i, m) in mails.iter().enumerate().take(2) {
        let token = answer_token(&m[0]);
        let need = PEOPLE[i].needs[0];
        let r = post_form(
            &s.srv,
            &format!("/f/{token}"),
            &fields(&[(&format!("need-{need}"), "yes")]),
        )
        .await;
        assert_eq!(r.status(), 303);
    }
    assert_eq!(
        count(&s.srv, "SELECT COUNT(*) FROM followup_answers").await,
        2
    );
    // Erasing Anna removes her answers and her follow-up record.
    let anna_id: i64 = app::on_db!(&s.srv.state.db, p => {
        sqlx::query_scalar("SELECT id FROM registrations WHERE first_name = 'Anna'")
            .fetch_one(p)
            .await
            .expect("anna")
    });
    s.srv.state.privacy().erase(anna_id).await.expect("erase");
    assert_eq!(
        count(&s.srv, "SELECT COUNT(*) FROM followup_answers").await,
        1
    );
    assert_eq!(count(&s.srv, "SELECT COUNT(*) FROM followup_sent").await, 3);
    // The purge after the event removes the rest, and keeps the page's counts.
    let before = view(&s).await;
    assert!(before["kept_at"].is_null(), "{before}");
    let past = chrono::Utc::now() - chrono::Duration::days(200);
    app::on_db!(&s.srv.state.db, p => {
        sqlx::query("UPDATE events SET starts_at = $1, ends_at = $1 WHERE id = $2")
            .bind(past)
            .bind(s.event_id)
            .execute(p)
            .await
            .expect("move the event");
    });
    s.srv
        .state
        .privacy()
        .purge(chrono::Utc::now(), false)
        .await
        .expect("purge");
    assert_eq!(
        count(&s.srv, "SELECT COUNT(*) FROM followup_answers").await,
        0
    );
    assert_eq!(count(&s.srv, "SELECT COUNT(*) FROM followup_sent").await, 0);
    assert_eq!(count(&s.srv, "SELECT COUNT(*) FROM registrations").await, 0);
    // What the coordinator saw stays as anonymous counts: mailed, answered, per topic, and
    // the plan's figure; nobody to mail any more.
    let after = view(&s).await;
    assert!(after["kept_at"].is_string(), "{after}");
    for key in ["sent", "responded", "topics", "plan_needs"] {
        assert_eq!(after[key], before[key], "{key}");
    }
    assert_eq!(after["sent"], 3);
    assert_eq!(after["responded"], 1);
    assert!(!after["plan_needs"].is_null(), "{after}");
    let stage = after["topics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["code"] == "stage")
        .cloned()
        .expect("stage");
    assert_eq!(
        (stage["asked"].as_i64(), stage["yes"].as_i64()),
        (Some(1), Some(1))
    );
    assert_eq!(
        (after["seated"].as_i64(), after["to_send"].as_i64()),
        (Some(0), Some(0))
    );
    let kept: String = app::on_db!(&s.srv.state.db, p => {
        sqlx::query_scalar("SELECT summary FROM followup_kept WHERE event_id = $1")
            .bind(s.event_id)
            .fetch_one(p)
            .await
            .expect("kept counts")
    });
    for who in ["Anna", "Bart", "Chris", "Dina", "@"] {
        assert!(!kept.contains(who), "no people in {kept}");
    }
    let (status, page) = get_as(&s.srv, &s.cookie, "/coordinator/events/netwerk/followup").await;
    assert_eq!(status, 200);
    assert!(page.contains("anonieme tellingen"), "{page}");
    assert!(!page.contains("id=\"followup-confirm\""), "no send form");
    s.srv.stop().await;
}

async fn after_check_in_only_people_who_came_count(db: &TestDb) {
    let s = seated(db).await;
    // Anna, Chris and Dina came; Bart (who shares his details) did not.
    let ids: Vec<(i64, String)> = app::on_db!(&s.srv.state.db, p => {
        sqlx::query_as("SELECT id, first_name FROM registrations ORDER BY id")
            .fetch_all(p)
            .await
            .expect("ids")
    });
    for (id, name) in &ids {
        if name == "Bart" {
            continue;
        }
        let r = post_as(
            &s.srv,
            &s.cookie,
            "/api/coordinator/checkin/set",
            &fields(&[
                ("slug", "netwerk"),
                ("id", &id.to_string()),
                ("undo", ""),
                ("q", ""),
            ]),
        )
        .await;
        assert!(r.status().as_u16() < 400, "check-in: {}", r.status());
    }
    let v = view(&s).await;
    assert_eq!(
        (v["seated"].as_i64(), v["to_send"].as_i64()),
        (Some(3), Some(3))
    );
    assert!(send(&s, "yes").await.status().as_u16() < 400);
    let present = [
        s.emails[0].clone(),
        s.emails[2].clone(),
        s.emails[3].clone(),
    ];
    let mails = followups(&s.mail, &present).await;
    for (i, m) in mails.iter().enumerate() {
        let t = m[0]["text"].as_str().expect("text");
        assert!(!t.contains(s.emails[1].as_str()), "Bart was not there: {t}");
        if i == 0 {
            // Anna sat with Chris and Dina, who do not share.
            assert!(t.contains("Niemand aan je tafels"), "{t}");
        } else {
            assert!(t.contains(s.emails[0].as_str()), "Anna shares: {t}");
        }
    }
    assert_eq!(
        count(
            &s.srv,
            "SELECT COUNT(*) FROM outbox WHERE kind = 'followup'"
        )
        .await,
        3
    );
    s.srv.stop().await;
}

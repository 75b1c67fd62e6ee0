//! Two server instances on one PostgreSQL database draining one outbox: no mail twice,
//! counted in maildev once every outbox row is sent and both instances have stopped.

use crate::common::*;
use std::collections::HashMap;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(skip_pg, ignore = "PostgreSQL skipped (TAFELRONDE_SKIP_PG=1)")]
async fn two_instances_share_one_outbox_without_double_sends() {
    let db = TestDb::postgres().await;
    let mail = MailDev::start().await;
    let a = start(&db, mail.smtp, &[]).await;
    let b = start(&db, mail.smtp, &[]).await;
    add_event(&a, "samen", 100).await;
    let emails: Vec<String> = (0..40).map(|i| unique_email(&format!("two{i}"))).collect();
    let mut tasks = Vec::new();
    for (i, e) in emails.iter().enumerate() {
        let url = format!(
            "http://{}/e/samen/register",
            if i % 2 == 0 { a.addr } else { b.addr }
        );
        let f = form(e);
        tasks.push(tokio::spawn(async move {
            client()
                .post(url)
                .form(&f)
                .send()
                .await
                .map(|r| r.status().as_u16())
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap().unwrap(), 303);
    }
    mail.wait_until(60, "40 mails", |m| m.len() >= 40).await;
    // Every row sent, then both instances stopped (a stop finishes and records the mail in
    // flight): a copy sent twice would be in maildev by now, so the count below is final.
    let rows = wait_all_sent(&a, 60, |_| true).await;
    assert_eq!(rows.len(), 40, "one outbox row per registration");
    a.stop().await;
    b.stop().await;
    let all = mail.emails().await;
    assert_eq!(all.len(), 40);
    let mut ids: HashMap<String, usize> = HashMap::new();
    for m in &all {
        *ids.entry(m["headers"]["message-id"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    assert_eq!(ids.len(), 40, "every Message-ID once");
    for e in &emails {
        assert_eq!(to_address(&all, e).len(), 1);
    }
    db.cleanup().await;
}

//! Test harness: a fresh SQLite file or PostgreSQL database per test, a real SMTP server
//! (npm maildev) per test on free loopback ports, and the real server started on port 0.

use app::config::Config;
use app::event::EventView;
use app::store::outbox::{self, OutboxRow};
use serde_json::Value;
use std::path::PathBuf;
use std::time::{Duration, Instant};

pub use server::Running;

pub mod coordinator;
pub mod speakers;

/// Runs a test body against SQLite and against PostgreSQL. The PostgreSQL variant fails
/// when PostgreSQL is unreachable; built with `TAFELRONDE_SKIP_PG=1` it is ignored instead
/// (cfg `skip_pg`, set by server/build.rs), so the test report shows it was not run.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        $(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let db = $crate::common::TestDb::sqlite();
                super::$name(&db).await;
                db.cleanup().await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            #[cfg_attr(skip_pg, ignore = "PostgreSQL skipped (TAFELRONDE_SKIP_PG=1)")]
            async fn postgres() {
                let db = $crate::common::TestDb::postgres().await;
                super::$name(&db).await;
                db.cleanup().await;
            }
        }
        )*
    };
}

/// Runs a test body once, on SQLite: for scenarios the database takes no part in (the HTTP
/// layer, files delivered), where a run on PostgreSQL would test nothing more.
#[macro_export]
macro_rules! on_sqlite_only {
    ($($name:ident),* $(,)?) => {
        $(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let db = $crate::common::TestDb::sqlite();
                super::$name(&db).await;
                db.cleanup().await;
            }
        }
        )*
    };
}

pub struct TestDb {
    pub url: String,
    sqlite_path: Option<PathBuf>,
    pg: Option<(String, String)>,
}

impl TestDb {
    pub fn sqlite() -> TestDb {
        let dir = std::env::temp_dir().join("tafelronde-tests");
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join(format!("{}.db", uuid::Uuid::new_v4()));
        TestDb {
            url: format!("sqlite://{}", path.display()),
            sqlite_path: Some(path),
            pg: None,
        }
    }

    /// A fresh database on the PostgreSQL at `TEST_PG_URL` (default the local `test`
    /// database). Unreachable: the test fails, naming the URL and `TAFELRONDE_SKIP_PG=1`.
    pub async fn postgres() -> TestDb {
        let admin = std::env::var("TEST_PG_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
        // one plain connection: a refused connection fails at once (a pool would retry)
        let conn = tokio::time::timeout(
            Duration::from_secs(10),
            <sqlx::PgConnection as sqlx::Connection>::connect(&admin),
        )
        .await;
        let mut conn = match conn {
            Ok(Ok(c)) => c,
            Ok(Err(e)) => panic!("{}", pg_unreachable(&admin, &e.to_string())),
            Err(_) => panic!("{}", pg_unreachable(&admin, "no answer within 10 s")),
        };
        let name = format!("tafelronde_t_{}", uuid::Uuid::new_v4().simple());
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut conn)
            .await
            .expect("create test database");
        let _ = sqlx::Connection::close(conn).await;
        let base = admin
            .rsplit_once('/')
            .map(|(b, _)| b.to_string())
            .unwrap_or(admin.clone());
        TestDb {
            url: format!("{base}/{name}"),
            sqlite_path: None,
            pg: Some((admin, name)),
        }
    }

    pub fn is_postgres(&self) -> bool {
        self.pg.is_some()
    }

    pub async fn cleanup(&self) {
        if let Some(p) = &self.sqlite_path {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", p.display()));
            }
        }
        if let Some((admin, name)) = &self.pg {
            if let Ok(pool) = sqlx::PgPool::connect(admin).await {
                let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                )))
                .execute(&pool)
                .await;
                pool.close().await;
            }
        }
    }
}

/// The failure message of a PostgreSQL test when PostgreSQL cannot be reached.
fn pg_unreachable(admin: &str, why: &str) -> String {
    format!(
        "PostgreSQL at {admin} is unreachable ({why}). Start it, point TEST_PG_URL at one, \
         or build the tests with TAFELRONDE_SKIP_PG=1 to mark the PostgreSQL tests ignored."
    )
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// A maildev process (SMTP + HTTP API) on loopback, stopped when dropped.
pub struct MailDev {
    _child: tokio::process::Child,
    pub smtp: u16,
    pub web: u16,
    dir: PathBuf,
}

impl Drop for MailDev {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl MailDev {
    pub async fn start() -> MailDev {
        // A probed free port can be taken by a parallel test before maildev binds it; maildev
        // then exits at once, and we try again on fresh ports.
        for _ in 0..3 {
            if let Some(md) = MailDev::try_start(free_port(), free_port()).await {
                return md;
            }
        }
        panic!("maildev did not start on three pairs of free ports");
    }

    pub async fn start_on(smtp: u16) -> MailDev {
        for _ in 0..3 {
            if let Some(md) = MailDev::try_start(smtp, free_port()).await {
                return md;
            }
        }
        panic!("maildev did not start with SMTP port {smtp}");
    }

    /// Starts maildev on `smtp` and `web` and waits until both answer; `None` when the
    /// process exits first (a port was taken). Fails after 30 s of no answer.
    async fn try_start(smtp: u16, web: u16) -> Option<MailDev> {
        let bin = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../end2end/node_modules/.bin/maildev"
        );
        let dir = std::env::temp_dir().join(format!("tafelronde-maildev-{}", uuid::Uuid::new_v4()));
        let child = tokio::process::Command::new(bin)
            .args([
                "-s",
                &smtp.to_string(),
                "-w",
                &web.to_string(),
                "--ip",
                "127.0.0.1",
                "--web-ip",
                "127.0.0.1",
            ])
            .arg("--mail-directory")
            .arg(&dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start maildev ({bin}); run `make test` once to install it: {e}")
            });
        let mut md = MailDev {
            _child: child,
            smtp,
            web,
            dir,
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(r) = reqwest::get(format!("http://127.0.0.1:{web}/api/healthz")).await {
                if r.status().is_success()
                    && std::net::TcpStream::connect(("127.0.0.1", smtp)).is_ok()
                {
                    return Some(md);
                }
            }
            if md._child.try_wait().ok().flatten().is_some() {
                return None;
            }
            assert!(Instant::now() < deadline, "maildev did not start");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn emails(&self) -> Vec<Value> {
        reqwest::get(format!("http://127.0.0.1:{}/api/email", self.web))
            .await
            .expect("maildev api")
            .json()
            .await
            .expect("maildev json")
    }

    /// Waits until `pred` holds for the received mails (or fails after `secs`).
    pub async fn wait_until(
        &self,
        secs: u64,
        what: &str,
        pred: impl Fn(&[Value]) -> bool,
    ) -> Vec<Value> {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let mails = self.emails().await;
            if pred(&mails) {
                return mails;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; have {} mails",
                mails.len()
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    pub async fn wait_for_count_to(&self, to: &str, n: usize) -> Vec<Value> {
        let mails = self
            .wait_until(30, &format!("{n} mail(s) to {to}"), |m| {
                to_address(m, to).len() >= n
            })
            .await;
        to_address(&mails, to)
    }
}

/// Waits (at most `secs`) until the outbox holds rows that `pick` selects and every one of
/// them is sent; returns them. Maildev stores a mail before it accepts it, so once its row is
/// sent the mail is in maildev: a count taken then is final (no fixed wait for late copies).
pub async fn wait_all_sent(
    srv: &Running,
    secs: u64,
    pick: impl Fn(&OutboxRow) -> bool,
) -> Vec<OutboxRow> {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let rows: Vec<OutboxRow> = outbox::list(&srv.state.db)
            .await
            .expect("outbox rows")
            .into_iter()
            .filter(|r| pick(r))
            .collect();
        if !rows.is_empty() && rows.iter().all(|r| r.status == "sent") {
            return rows;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for the mails to be sent: {rows:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

pub fn to_address(mails: &[Value], to: &str) -> Vec<Value> {
    mails
        .iter()
        .filter(|m| {
            m["to"]
                .as_array()
                .is_some_and(|a| a.iter().any(|t| t["address"].as_str() == Some(to)))
        })
        .cloned()
        .collect()
}

/// The manage token in a mail's text.
pub fn token_in(mail: &Value) -> String {
    let text = mail["text"].as_str().expect("text part");
    let at = text.find("/m/").expect("manage link in mail");
    text[at + 3..at + 3 + 64].to_string()
}

pub fn config(db_url: &str, smtp: u16, extra: &[(&str, &str)]) -> Config {
    let site = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/site").to_string();
    let smtp = smtp.to_string();
    let mut vars: Vec<(String, String)> = vec![
        ("DATABASE_URL".into(), db_url.into()),
        ("TAFELRONDE_LISTEN".into(), "127.0.0.1:0".into()),
        ("SMTP_PORT".into(), smtp),
        ("MAIL_MAX_BACKOFF_SECS".into(), "1".into()),
        ("TAFELRONDE_DEMO".into(), "false".into()),
        ("TAFELRONDE_SITE_ROOT".into(), site),
        // Tests register many times from 127.0.0.1; the http module turns limits on.
        ("RATE_LIMIT_REGISTER_PER_MINUTE".into(), "0".into()),
        ("RATE_LIMIT_MANAGE_PER_MINUTE".into(), "0".into()),
        ("RATE_LIMIT_PASSWORD_PER_MINUTE".into(), "0".into()),
    ];
    for (k, v) in extra {
        vars.retain(|(kk, _)| kk != k);
        vars.push((k.to_string(), v.to_string()));
    }
    Config::from_lookup(|k| vars.iter().find(|(kk, _)| kk == k).map(|(_, v)| v.clone()))
        .expect("test config")
}

pub async fn start(db: &TestDb, smtp: u16, extra: &[(&str, &str)]) -> Running {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "error".into()),
        )
        .with_test_writer()
        .try_init();
    server::start(config(&db.url, smtp, extra))
        .await
        .expect("server starts")
}

/// Adds an open event with `capacity` seats; returns its id.
pub async fn add_event(running: &Running, slug: &str, capacity: i64) -> i64 {
    let now = chrono::Utc::now();
    let mut e: EventView = app::demo::demo_event(now);
    e.slug = slug.into();
    e.capacity = capacity;
    app::store::events::insert(&running.state.db, &e, now)
        .await
        .expect("insert event")
}

/// The full URL of `path` on the running server.
pub fn url(srv: &Running, path: &str) -> String {
    format!("http://{}{path}", srv.addr)
}

/// Form fields from pairs of text.
pub fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Sets form field `key` to `value`, replacing any value it had.
pub fn set(form: &mut Vec<(String, String)>, key: &str, value: &str) {
    form.retain(|(k, _)| k != key);
    form.push((key.into(), value.into()));
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

pub fn unique_email(tag: &str) -> String {
    format!(
        "{tag}-{}@example.be",
        &uuid::Uuid::new_v4().simple().to_string()[..10]
    )
}

/// A valid plain-form registration for `email`.
pub fn form(email: &str) -> Vec<(String, String)> {
    [
        ("first_name", "Anna"),
        ("last_name", "Peeters"),
        ("email", email),
        ("organisation", "Damhert Nutrition"),
        ("org_type", "company"),
        ("sector", "maakindustrie"),
        ("phone", ""),
        ("offers", "personeel"),
        ("needs", "opleiding"),
        ("needs", "begeleiding"),
        ("consent", "yes"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

pub async fn post_form(
    running: &Running,
    path: &str,
    form: &[(String, String)],
) -> reqwest::Response {
    client()
        .post(url(running, path))
        .form(form)
        .send()
        .await
        .expect("post")
}

pub async fn get(running: &Running, path: &str) -> (u16, String) {
    let r = client().get(url(running, path)).send().await.expect("get");
    let status = r.status().as_u16();
    (status, r.text().await.expect("body"))
}

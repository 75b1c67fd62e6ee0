//! Server configuration from environment variables (documented in `.env.example`).
//! A wrong value stops the start with one line naming the variable.

use std::net::SocketAddr;

mod http;
pub use http::{HttpConfig, RateLimit};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SmtpTls {
    /// Plain SMTP (a local relay or a test server).
    None,
    /// STARTTLS on a plain connection (port 587).
    StartTls,
    /// Implicit TLS (port 465).
    Tls,
}

/// Everything the server needs to start. `smtp_password` is never printed.
#[derive(Clone)]
pub struct Config {
    pub database_url: String,
    pub base_url: String,
    pub listen: SocketAddr,
    pub site_root: String,
    pub smtp_host: String,
    pub smtp_port: u16,
    pub smtp_user: Option<String>,
    pub smtp_password: Option<String>,
    pub smtp_tls: SmtpTls,
    pub mail_from: String,
    /// Longest wait between two delivery attempts of one mail.
    pub mail_max_backoff_secs: u64,
    /// Whether this instance runs the outbox worker.
    pub mail_worker: bool,
    /// Load the demo event when the database has no events (`TAFELRONDE_DEMO`, default
    /// false; `make run` sets it).
    pub demo: bool,
    /// Rate limits, proxy trust and timeouts of the HTTP server.
    pub http: HttpConfig,
    /// Personal links stop working this many days after the event ends.
    pub link_valid_days_after_event: i64,
    /// Editing and cancelling close this many minutes before the event starts (0 = at the start).
    pub changes_close_minutes_before_start: i64,
    /// Registering again with a known address re-sends its link at most once per this many minutes.
    pub link_resend_minutes: i64,
    /// Mails the outbox worker sends at the same time (`MAIL_CONCURRENCY`, 1–64).
    pub mail_concurrency: usize,
    /// Personal data of an event is purged this many days after it ends.
    pub privacy_purge_days_after_event: i64,
    /// This instance runs the purge at start and then every this many minutes (0 = never).
    pub privacy_purge_every_minutes: i64,
    /// A coordinator session ends after this many minutes without a request (`SESSION_IDLE_MINUTES`).
    pub session_idle_minutes: i64,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &redact_url(&self.database_url))
            .field("base_url", &self.base_url)
            .field("listen", &self.listen)
            .field("smtp_host", &self.smtp_host)
            .field("smtp_port", &self.smtp_port)
            .field("smtp_tls", &self.smtp_tls)
            .field("mail_from", &self.mail_from)
            .finish_non_exhaustive()
    }
}

fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://***{}", &url[..s], &url[at..]),
        _ => url.to_string(),
    }
}

#[derive(Debug, thiserror::Error)]
#[error("configuration error: {var}: {reason}")]
pub struct ConfigError {
    pub var: &'static str,
    pub reason: String,
}

fn err(var: &'static str, reason: impl Into<String>) -> ConfigError {
    ConfigError {
        var,
        reason: reason.into(),
    }
}

impl Config {
    /// Reads the configuration through `get` (the process environment in production).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let val = |k: &str| get(k).filter(|v| !v.trim().is_empty());
        let database_url =
            val("DATABASE_URL").unwrap_or_else(|| "sqlite://data/tafelronde.db".into());
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            return Err(err(
                "DATABASE_URL",
                "must start with sqlite:, postgres:// or postgresql://",
            ));
        }
        let listen_raw = val("TAFELRONDE_LISTEN").unwrap_or_else(|| "127.0.0.1:3000".into());
        let listen: SocketAddr = listen_raw.parse().map_err(|_| {
            err(
                "TAFELRONDE_LISTEN",
                format!("'{listen_raw}' is not an address like 127.0.0.1:3000"),
            )
        })?;
        let base_url = val("TAFELRONDE_BASE_URL")
            .unwrap_or_else(|| format!("http://{listen}"))
            .trim_end_matches('/')
            .to_string();
        if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
            return Err(err(
                "TAFELRONDE_BASE_URL",
                "must start with http:// or https://",
            ));
        }
        let smtp_tls = match val("SMTP_TLS").as_deref().unwrap_or("none") {
            "none" => SmtpTls::None,
            "starttls" => SmtpTls::StartTls,
            "tls" => SmtpTls::Tls,
            other => {
                return Err(err(
                    "SMTP_TLS",
                    format!("'{other}' is not one of none, starttls, tls"),
                ))
            }
        };
        let default_port = match smtp_tls {
            SmtpTls::None => "1025",
            SmtpTls::StartTls => "587",
            SmtpTls::Tls => "465",
        };
        let port_raw = val("SMTP_PORT").unwrap_or_else(|| default_port.into());
        let smtp_port: u16 = port_raw
            .parse()
            .ok()
            .filter(|p| *p > 0)
            .ok_or_else(|| err("SMTP_PORT", format!("'{port_raw}' is not a port number")))?;
        let mail_from =
            val("MAIL_FROM").unwrap_or_else(|| "Tafelronde <noreply@tafelronde.localhost>".into());
        if mail_from.parse::<lettre::message::Mailbox>().is_err() {
            return Err(err(
                "MAIL_FROM",
                format!("'{mail_from}' is not a mail address like 'Name <a@b.be>'"),
            ));
        }
        let backoff_raw = val("MAIL_MAX_BACKOFF_SECS").unwrap_or_else(|| "300".into());
        let mail_max_backoff_secs =
            backoff_raw
                .parse()
                .ok()
                .filter(|s| *s >= 1)
                .ok_or_else(|| {
                    err(
                        "MAIL_MAX_BACKOFF_SECS",
                        "must be a whole number of seconds ≥ 1",
                    )
                })?;
        let flag = |k: &'static str, default: bool| -> Result<bool, ConfigError> {
            match val(k).as_deref() {
                None => Ok(default),
                Some("1" | "true" | "yes") => Ok(true),
                Some("0" | "false" | "no") => Ok(false),
                Some(o) => Err(err(k, format!("'{o}' is not true or false"))),
            }
        };
        let whole = |k: &'static str, default: i64| -> Result<i64, ConfigError> {
            match val(k) {
                None => Ok(default),
                Some(raw) => raw
                    .trim()
                    .parse::<i64>()
                    .ok()
                    .filter(|n| (0..=1_000_000).contains(n))
                    .ok_or_else(|| err(k, format!("'{raw}' is not a whole number ≥ 0"))),
            }
        };
        let concurrency_raw = val("MAIL_CONCURRENCY").unwrap_or_else(|| "8".into());
        let mail_concurrency = concurrency_raw
            .parse()
            .ok()
            .filter(|n| (1..=64).contains(n))
            .ok_or_else(|| err("MAIL_CONCURRENCY", "must be a whole number from 1 to 64"))?;
        Ok(Config {
            link_valid_days_after_event: whole("LINK_VALID_DAYS_AFTER_EVENT", 30)?,
            changes_close_minutes_before_start: whole("CHANGES_CLOSE_MINUTES_BEFORE_START", 0)?,
            link_resend_minutes: whole("LINK_RESEND_MINUTES", 10)?,
            database_url,
            base_url,
            listen,
            site_root: val("TAFELRONDE_SITE_ROOT").unwrap_or_else(|| "target/site".into()),
            smtp_host: val("SMTP_HOST").unwrap_or_else(|| "127.0.0.1".into()),
            smtp_port,
            smtp_user: val("SMTP_USER"),
            smtp_password: val("SMTP_PASSWORD"),
            smtp_tls,
            mail_from,
            mail_max_backoff_secs,
            mail_worker: flag("MAIL_WORKER", true)?,
            demo: flag("TAFELRONDE_DEMO", false)?,
            http: HttpConfig::from_lookup(&val, &flag)?,
            mail_concurrency,
            privacy_purge_days_after_event: whole("PRIVACY_PURGE_DAYS_AFTER_EVENT", 90)?,
            privacy_purge_every_minutes: whole("PRIVACY_PURGE_EVERY_MINUTES", 60)?,
            session_idle_minutes: match whole("SESSION_IDLE_MINUTES", 120)? {
                0 => return Err(err("SESSION_IDLE_MINUTES", "must be at least 1")),
                n => n,
            },
        })
    }

    /// The domain of `MAIL_FROM`, used for the Message-IDs of the mails we send.
    pub fn mail_domain(&self) -> String {
        self.mail_from
            .rsplit_once('@')
            .map(|(_, d)| d.trim_end_matches('>').to_string())
            .unwrap_or_else(|| "tafelronde.localhost".into())
    }

    pub fn from_env() -> Result<Config, ConfigError> {
        Config::from_lookup(|k| std::env::var(k).ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn cfg(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let m: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|k| m.get(k).cloned())
    }

    #[test]
    fn defaults_are_sane() {
        let c = cfg(&[]).unwrap();
        assert!(c.database_url.starts_with("sqlite:"));
        assert_eq!(c.listen.port(), 3000);
        assert_eq!(c.base_url, "http://127.0.0.1:3000");
        assert_eq!(c.smtp_tls, SmtpTls::None);
        assert_eq!(
            (
                c.link_valid_days_after_event,
                c.changes_close_minutes_before_start,
                c.link_resend_minutes
            ),
            (30, 0, 10)
        );
        assert_eq!(
            (
                c.privacy_purge_days_after_event,
                c.privacy_purge_every_minutes
            ),
            (90, 60)
        );
        assert!(!c.demo, "the demo event is loaded only when asked");
        assert_eq!(c.session_idle_minutes, 120);
    }

    #[test]
    fn wrong_values_name_the_variable() {
        for (k, v) in [
            ("DATABASE_URL", "mysql://x"),
            ("TAFELRONDE_LISTEN", "localhost"),
            ("TAFELRONDE_BASE_URL", "example.org"),
            ("SMTP_TLS", "maybe"),
            ("SMTP_PORT", "70000"),
            ("MAIL_FROM", "not an address"),
            ("MAIL_MAX_BACKOFF_SECS", "0"),
            ("MAIL_WORKER", "perhaps"),
            ("LINK_VALID_DAYS_AFTER_EVENT", "-1"),
            ("CHANGES_CLOSE_MINUTES_BEFORE_START", "soon"),
            ("LINK_RESEND_MINUTES", "1.5"),
            ("MAIL_CONCURRENCY", "0"),
            ("PRIVACY_PURGE_DAYS_AFTER_EVENT", "-5"),
            ("PRIVACY_PURGE_EVERY_MINUTES", "hourly"),
            ("SESSION_IDLE_MINUTES", "0"),
            ("TAFELRONDE_DEMO", "maybe"),
        ] {
            let e = cfg(&[(k, v)])
                .err()
                .unwrap_or_else(|| panic!("{k}={v} accepted"));
            assert_eq!(e.var, k);
        }
    }

    #[test]
    fn debug_hides_secrets() {
        let c = cfg(&[
            ("DATABASE_URL", "postgres://u:secret@h/db"),
            ("SMTP_PASSWORD", "pw"),
        ])
        .unwrap();
        let s = format!("{c:?}");
        assert!(!s.contains("secret") && !s.contains("pw\""), "{s}");
    }
}

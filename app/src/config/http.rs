//! HTTP hardening settings: rate limits per client address, whether to trust a reverse
//! proxy's client-address header, timeouts for slow and idle clients and for shutting
//! down, and how many connections one client address may hold open.
//! Read from the environment together with the rest of [`super::Config`].

use super::{err, ConfigError};
use std::time::Duration;

/// A rate limit: `per_minute` requests per minute on average, `burst` at once.
/// `per_minute == 0` switches the limit off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    pub per_minute: u32,
    pub burst: u32,
}

impl RateLimit {
    pub fn enabled(self) -> bool {
        self.per_minute > 0
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpConfig {
    /// Registration and "send my link again" (same request), per client address.
    pub register_limit: RateLimit,
    /// Manage-link pages and their server functions, per client address.
    pub manage_limit: RateLimit,
    /// Coordinator login attempts (`/api/coordinator/login`), per client address.
    pub login_limit: RateLimit,
    /// Password reset requests and password settings with a token
    /// (`/api/coordinator/password/forgot` and `/set`, one budget), per client address.
    pub password_limit: RateLimit,
    /// Take the client address from `X-Forwarded-For` / `Forwarded` (only behind a proxy
    /// that sets them); otherwise the socket peer address is used.
    pub trust_proxy: bool,
    /// A client must send its request headers within this time; a new connection must
    /// send its first request within it (whatever the protocol), or it is closed.
    pub header_read_timeout: Duration,
    /// A connection with no request in flight is closed after this time (HTTP/1
    /// keep-alive and HTTP/2 alike).
    pub idle_timeout: Duration,
    /// Open connections per client address (socket peer, IPv6 per /64); one more is
    /// closed at once. 0 = no limit; the default is 64, or no limit with `trust_proxy`
    /// (then every connection comes from the proxy).
    pub max_connections_per_client: u32,
    /// A whole request (body and answer) must be done within this time.
    pub request_timeout: Duration,
    /// On SIGTERM/SIGINT, in-flight requests and the mail in progress get this long.
    pub shutdown_timeout: Duration,
}

impl HttpConfig {
    pub(super) fn from_lookup(
        val: &impl Fn(&str) -> Option<String>,
        flag: &impl Fn(&'static str, bool) -> Result<bool, ConfigError>,
    ) -> Result<HttpConfig, ConfigError> {
        let number = |k: &'static str, default: u64, min: u64| -> Result<u64, ConfigError> {
            match val(k) {
                None => Ok(default),
                Some(raw) => raw
                    .trim()
                    .parse::<u64>()
                    .ok()
                    .filter(|n| *n >= min && *n <= u64::from(u32::MAX))
                    .ok_or_else(|| err(k, format!("'{raw}' is not a whole number ≥ {min}"))),
            }
        };
        let limit = |rate: &'static str,
                     burst: &'static str,
                     default_rate: u64,
                     default_burst: u64|
         -> Result<RateLimit, ConfigError> {
            Ok(RateLimit {
                per_minute: number(rate, default_rate, 0)? as u32,
                burst: number(burst, default_burst, 1)? as u32,
            })
        };
        let secs = |k: &'static str, default: u64| -> Result<Duration, ConfigError> {
            number(k, default, 1).map(Duration::from_secs)
        };
        let trust_proxy = flag("TAFELRONDE_TRUST_PROXY", false)?;
        Ok(HttpConfig {
            register_limit: limit(
                "RATE_LIMIT_REGISTER_PER_MINUTE",
                "RATE_LIMIT_REGISTER_BURST",
                10,
                5,
            )?,
            manage_limit: limit(
                "RATE_LIMIT_MANAGE_PER_MINUTE",
                "RATE_LIMIT_MANAGE_BURST",
                60,
                20,
            )?,
            login_limit: limit(
                "RATE_LIMIT_LOGIN_PER_MINUTE",
                "RATE_LIMIT_LOGIN_BURST",
                10,
                5,
            )?,
            password_limit: limit(
                "RATE_LIMIT_PASSWORD_PER_MINUTE",
                "RATE_LIMIT_PASSWORD_BURST",
                10,
                5,
            )?,
            trust_proxy,
            header_read_timeout: secs("TAFELRONDE_HEADER_TIMEOUT_SECS", 10)?,
            idle_timeout: secs("TAFELRONDE_IDLE_TIMEOUT_SECS", 60)?,
            max_connections_per_client: number(
                "TAFELRONDE_MAX_CONNECTIONS_PER_CLIENT",
                if trust_proxy { 0 } else { 64 },
                0,
            )? as u32,
            request_timeout: secs("TAFELRONDE_REQUEST_TIMEOUT_SECS", 30)?,
            shutdown_timeout: secs("TAFELRONDE_SHUTDOWN_TIMEOUT_SECS", 20)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::Config;
    use std::collections::HashMap;
    use std::time::Duration;

    fn cfg(pairs: &[(&str, &str)]) -> Result<Config, super::ConfigError> {
        let m: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|k| m.get(k).cloned())
    }

    #[test]
    fn http_defaults() {
        let h = cfg(&[]).unwrap().http;
        assert_eq!(
            (h.register_limit.per_minute, h.register_limit.burst),
            (10, 5)
        );
        assert_eq!((h.manage_limit.per_minute, h.manage_limit.burst), (60, 20));
        assert_eq!(
            (h.password_limit.per_minute, h.password_limit.burst),
            (10, 5)
        );
        assert!(!h.trust_proxy);
        assert_eq!(h.header_read_timeout, Duration::from_secs(10));
        assert_eq!(h.idle_timeout, Duration::from_secs(60));
        assert_eq!(h.max_connections_per_client, 64);
        assert_eq!(h.request_timeout, Duration::from_secs(30));
        assert_eq!(h.shutdown_timeout, Duration::from_secs(20));
    }

    #[test]
    fn http_values_are_checked() {
        let h = cfg(&[("RATE_LIMIT_REGISTER_PER_MINUTE", "0")])
            .unwrap()
            .http;
        assert!(!h.register_limit.enabled());
        for (k, v) in [
            ("RATE_LIMIT_REGISTER_PER_MINUTE", "-1"),
            ("RATE_LIMIT_MANAGE_BURST", "0"),
            ("TAFELRONDE_TRUST_PROXY", "maybe"),
            ("TAFELRONDE_HEADER_TIMEOUT_SECS", "0"),
            ("TAFELRONDE_REQUEST_TIMEOUT_SECS", "soon"),
            ("TAFELRONDE_SHUTDOWN_TIMEOUT_SECS", "99999999999"),
            ("RATE_LIMIT_PASSWORD_PER_MINUTE", "ten"),
            ("RATE_LIMIT_PASSWORD_BURST", "0"),
            ("TAFELRONDE_IDLE_TIMEOUT_SECS", "0"),
            ("TAFELRONDE_IDLE_TIMEOUT_SECS", "-5"),
            ("TAFELRONDE_MAX_CONNECTIONS_PER_CLIENT", "-1"),
            ("TAFELRONDE_MAX_CONNECTIONS_PER_CLIENT", "many"),
        ] {
            let e = cfg(&[(k, v)])
                .err()
                .unwrap_or_else(|| panic!("{k}={v} accepted"));
            assert_eq!(e.var, k);
        }
    }

    #[test]
    fn connection_limit_follows_proxy_trust() {
        let h = |pairs: &[(&str, &str)]| cfg(pairs).unwrap().http.max_connections_per_client;
        // Behind a proxy every connection has the proxy's address: no limit by default.
        assert_eq!(h(&[("TAFELRONDE_TRUST_PROXY", "1")]), 0);
        assert_eq!(
            h(&[
                ("TAFELRONDE_TRUST_PROXY", "1"),
                ("TAFELRONDE_MAX_CONNECTIONS_PER_CLIENT", "500")
            ]),
            500
        );
        assert_eq!(h(&[("TAFELRONDE_MAX_CONNECTIONS_PER_CLIENT", "0")]), 0);
        let idle = cfg(&[("TAFELRONDE_IDLE_TIMEOUT_SECS", "5")])
            .unwrap()
            .http
            .idle_timeout;
        assert_eq!(idle, Duration::from_secs(5));
    }
}

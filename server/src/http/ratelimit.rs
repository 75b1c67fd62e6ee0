//! Per-client-address rate limits (governor, GCRA) on what an anonymous client can repeat:
//! registering (which also resends the link for a known address), opening or changing a
//! registration with a manage link, coordinator login attempts, and asking for or setting a
//! password with a token. Over the limit: 429 with `Retry-After`.

use super::client::client_ip;
use super::page::refuse;
use app::config::{HttpConfig, RateLimit};
use app::error::AppError;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::{Arc, Weak};
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bucket {
    Register,
    Manage,
    /// Coordinator login attempts (the per-account limit is in the account service).
    Login,
    /// Password reset requests and setting a password with an invitation or reset token
    /// (guessing tokens, mailing an address over and over): one budget for both.
    Password,
}

impl Bucket {
    /// Which limit `method path` counts against, if any.
    pub fn of(method: &Method, path: &str) -> Option<Bucket> {
        let post = *method == Method::POST;
        if post && path == LOGIN_PATH {
            return Some(Bucket::Login);
        }
        if post && PASSWORD_PATHS.contains(&path) {
            return Some(Bucket::Password);
        }
        let is_event_register = path
            .strip_prefix("/e/")
            .and_then(|rest| rest.strip_suffix("/register"))
            .is_some_and(|slug| !slug.is_empty() && !slug.contains('/'));
        if post && (path == "/api/register" || is_event_register) {
            return Some(Bucket::Register);
        }
        let page_method = matches!(*method, Method::GET | Method::HEAD | Method::POST);
        let link_page =
            path.starts_with("/m/") || path.starts_with("/s/") || path.starts_with("/f/");
        let link_api = path.starts_with("/api/manage")
            || path.starts_with("/api/speaker")
            || path == "/api/followup";
        if (page_method && link_page) || (post && link_api) {
            return Some(Bucket::Manage);
        }
        None
    }
}

/// The login server function.
pub const LOGIN_PATH: &str = "/api/coordinator/login";

/// The server functions that ask for a reset link and set a password with a token.
pub const PASSWORD_PATHS: [&str; 2] = [
    "/api/coordinator/password/forgot",
    "/api/coordinator/password/set",
];

pub struct RateLimits {
    register: Option<DefaultKeyedRateLimiter<IpAddr>>,
    manage: Option<DefaultKeyedRateLimiter<IpAddr>>,
    login: Option<DefaultKeyedRateLimiter<IpAddr>>,
    password: Option<DefaultKeyedRateLimiter<IpAddr>>,
    trust_proxy: bool,
}

fn limiter(l: RateLimit) -> Option<DefaultKeyedRateLimiter<IpAddr>> {
    let rate = NonZeroU32::new(l.per_minute)?;
    let burst = NonZeroU32::new(l.burst).unwrap_or(rate);
    Some(RateLimiter::keyed(
        Quota::per_minute(rate).allow_burst(burst),
    ))
}

impl RateLimits {
    /// The limits of `cfg`, with a task that forgets idle clients every minute (it ends
    /// when the router holding the limits is gone).
    pub fn new(cfg: &HttpConfig) -> Arc<RateLimits> {
        let limits = Arc::new(RateLimits {
            register: limiter(cfg.register_limit),
            manage: limiter(cfg.manage_limit),
            login: limiter(cfg.login_limit),
            password: limiter(cfg.password_limit),
            trust_proxy: cfg.trust_proxy,
        });
        if limits.all().any(|l| l.is_some()) {
            tokio::spawn(forget_idle_clients(Arc::downgrade(&limits)));
        }
        limits
    }

    fn of(&self, bucket: Bucket) -> Option<&DefaultKeyedRateLimiter<IpAddr>> {
        match bucket {
            Bucket::Register => self.register.as_ref(),
            Bucket::Manage => self.manage.as_ref(),
            Bucket::Login => self.login.as_ref(),
            Bucket::Password => self.password.as_ref(),
        }
    }

    fn all(&self) -> impl Iterator<Item = &Option<DefaultKeyedRateLimiter<IpAddr>>> {
        [&self.register, &self.manage, &self.login, &self.password].into_iter()
    }
}

async fn forget_idle_clients(limits: Weak<RateLimits>) {
    let mut tick = tokio::time::interval(Duration::from_secs(60));
    tick.tick().await;
    loop {
        tick.tick().await;
        let Some(l) = limits.upgrade() else { return };
        for lim in l.all().flatten() {
            lim.retain_recent();
            lim.shrink_to_fit();
        }
    }
}

pub async fn limit(State(limits): State<Arc<RateLimits>>, req: Request, next: Next) -> Response {
    let Some(bucket) = Bucket::of(req.method(), req.uri().path()) else {
        return next.run(req).await;
    };
    let Some(limiter) = limits.of(bucket) else {
        return next.run(req).await;
    };
    let Some(ip) = client_ip(&req, limits.trust_proxy) else {
        return next.run(req).await;
    };
    match limiter.check_key(&ip) {
        Ok(()) => next.run(req).await,
        Err(not_until) => {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            tracing::info!(client = %ip, ?bucket, retry_after = secs, "rate limited");
            let mut res = refuse(req.uri().path(), req.headers(), AppError::RateLimited);
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs.max(1)));
            res
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets() {
        let b = |m: Method, p: &str| Bucket::of(&m, p);
        assert_eq!(
            b(Method::POST, "/e/netwerk/register"),
            Some(Bucket::Register)
        );
        assert_eq!(b(Method::POST, "/api/register"), Some(Bucket::Register));
        assert_eq!(b(Method::GET, "/e/netwerk/register"), None);
        assert_eq!(b(Method::GET, "/e/netwerk"), None);
        assert_eq!(b(Method::GET, "/m/abc"), Some(Bucket::Manage));
        assert_eq!(b(Method::POST, "/m/abc/cancel"), Some(Bucket::Manage));
        assert_eq!(b(Method::GET, "/s/abc"), Some(Bucket::Manage));
        assert_eq!(b(Method::POST, "/f/abc"), Some(Bucket::Manage));
        assert_eq!(b(Method::POST, "/api/speaker/update"), Some(Bucket::Manage));
        assert_eq!(b(Method::POST, "/api/manage/update"), Some(Bucket::Manage));
        assert_eq!(b(Method::POST, "/api/events"), None);
        assert_eq!(b(Method::POST, LOGIN_PATH), Some(Bucket::Login));
        assert_eq!(b(Method::GET, "/coordinator/login"), None);
        for p in PASSWORD_PATHS {
            assert_eq!(b(Method::POST, p), Some(Bucket::Password), "{p}");
            assert_eq!(b(Method::GET, p), None, "{p}");
        }
        assert_eq!(
            b(Method::POST, "/api/coordinator/password/change"),
            None,
            "signed in: not anonymous"
        );
        assert_eq!(b(Method::POST, "/api/coordinator/password/set/x"), None);
        assert_eq!(b(Method::GET, "/coordinator/forgot-password"), None);
        assert_eq!(b(Method::GET, "/"), None);
    }
}

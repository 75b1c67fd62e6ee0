#![recursion_limit = "256"]
//! The Tafelronde server: axum router with the Leptos pages and server functions, the
//! plain-form routes that make every page work without JavaScript, static files, and the
//! outbox mail worker and the privacy purge. [`start`] is used by `main` and by the integration tests.

mod forms;
pub mod http;
mod strict_form;

use app::accounts::session_store::DbSessionStore;
use app::config::Config;
use app::mail::{worker, Mailer};
use app::state::AppState;
use app::store::Db;
use app::{shell, App};
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{get, post};
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::timeout::TimeoutLayer;
use tower_sessions::{Expiry, SessionManagerLayer};

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("{0}")]
    Store(#[from] app::store::StoreError),
    #[error("mail: {0}")]
    Mail(#[from] app::mail::sender::MailError),
    #[error("cannot listen on {0}: {1}")]
    Listen(SocketAddr, std::io::Error),
}

/// A running server: its address and the tasks to stop.
pub struct Running {
    pub addr: SocketAddr,
    pub state: AppState,
    /// Cancelled once the HTTP server has drained: the mail worker stops at this signal.
    pub shutdown: CancellationToken,
    server: http::serve::Server,
    in_flight: http::inflight::InFlight,
    worker: Option<tokio::task::JoinHandle<()>>,
    /// The periodic privacy purge (`PRIVACY_PURGE_EVERY_MINUTES`), stopped by `shutdown`.
    purger: Option<tokio::task::JoinHandle<()>>,
}

impl Running {
    /// Requests being handled right now.
    pub fn in_flight(&self) -> usize {
        self.in_flight.count()
    }

    /// Graceful stop, bounded by `TAFELRONDE_SHUTDOWN_TIMEOUT_SECS`: stop accepting, let
    /// in-flight requests finish, then stop the mail worker, then close the database.
    pub async fn stop(self) {
        let limit = self.state.config.http.shutdown_timeout;
        let deadline = tokio::time::Instant::now() + limit;
        tracing::info!(
            in_flight = self.in_flight.count(),
            "stopping: no new connections, finishing requests in flight"
        );
        if !self.server.shutdown(deadline).await {
            tracing::warn!("requests still open after {limit:?} were cut off");
        }
        self.shutdown.cancel();
        if let Some(mut w) = self.worker {
            if tokio::time::timeout_at(deadline, &mut w).await.is_err() {
                tracing::warn!("mail worker still busy after {limit:?}: stopped");
                w.abort();
            }
        }
        if let Some(mut p) = self.purger {
            if tokio::time::timeout_at(deadline, &mut p).await.is_err() {
                tracing::warn!("privacy purge still busy after {limit:?}: stopped");
                p.abort();
            }
        }
        self.state.db.close().await;
        tracing::info!("stopped");
    }
}

pub fn leptos_options(cfg: &Config, addr: SocketAddr) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("tafelronde")
        .site_root(cfg.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .build()
}

/// The app's routes, listed once per process. Listing them renders the app with resource
/// loading switched off by a process-wide flag (leptos_server's `SuppressResourceLoad`), so a
/// page rendered by another server in the same process at that moment would wait for ever
/// (leptos-rs/leptos#4773); the integration tests run many servers in one process.
static ROUTES: std::sync::LazyLock<Vec<leptos_axum::AxumRouteListing>> =
    std::sync::LazyLock::new(|| generate_route_list(App));

pub fn router(state: AppState) -> Router {
    router_counting(state, http::inflight::InFlight::default())
}

/// The router with the hardening layers; `in_flight` counts the requests being handled.
fn router_counting(state: AppState, in_flight: http::inflight::InFlight) -> Router {
    let routes = ROUTES.clone();
    let site_root = state.leptos_options.site_root.to_string();
    let ctx_state = state.clone();
    let fn_state = state.clone();
    let app = Router::new()
        .route(
            "/api/{*fn_name}",
            post(move |req| {
                let s = fn_state.clone();
                leptos_axum::handle_server_fns_with_context(move || provide_context(s.clone()), req)
            }),
        )
        .route("/lang/{code}", get(forms::set_language))
        .route("/e/{slug}/register", post(forms::register))
        .route("/m/{token}", post(forms::update))
        .route("/m/{token}/cancel", post(forms::cancel))
        .route("/m/{token}/share", post(forms::share))
        .route("/s/{token}", post(forms::speaker_update))
        .route(
            "/s/{token}/photo",
            post(forms::speaker_photo).layer(DefaultBodyLimit::max(forms::PHOTO_BODY_LIMIT)),
        )
        .route("/s/{token}/photo/remove", post(forms::speaker_photo_remove))
        .route("/f/{token}", post(forms::followup_answer))
        .route(
            "/coordinator/events/{slug}/speakers/{id}/photo",
            post(forms::coordinator_speaker_photo)
                .layer(DefaultBodyLimit::max(forms::PHOTO_BODY_LIMIT)),
        )
        .route(
            "/coordinator/events/{slug}/registrations.csv",
            get(app::registration::downloads::csv),
        )
        .route(
            "/coordinator/registrations/{id}/export.json",
            get(app::registration::downloads::person_json),
        )
        .route("/e/{slug}/agenda.ics", get(app::programme::calendar::feed))
        .route(
            "/e/{slug}/sessions/{file}",
            get(app::programme::calendar::session),
        )
        .route("/healthz", get(http::health::live))
        .route("/readyz", get(http::health::ready))
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(ctx_state.clone()),
            {
                let opts = state.leptos_options.clone();
                move || shell(opts.clone())
            },
        )
        // Pages, forms and server functions see the session; photos and static files below
        // do not (a coordinator's asset requests never read the session store).
        .layer(sessions(&state))
        .route("/photos/{file}", get(app::programme::photo_codec::serve))
        .nest_service(
            "/pkg",
            ServeDir::new(format!("{site_root}/pkg"))
                .precompressed_br()
                .precompressed_gzip(),
        )
        .fallback_service(
            ServeDir::new(site_root)
                .not_found_service(get(forms::not_found).with_state(state.clone())),
        )
        .with_state(state.clone());
    harden(app, &state, in_flight)
}

/// Name of the coordinator session cookie.
pub const SESSION_COOKIE: &str = "tafelronde_session";

/// Coordinator sessions, stored in the database (shared by every instance): cookie
/// HttpOnly, SameSite=Lax, path /, Secure when the base URL is https; the session ends
/// after `SESSION_IDLE_MINUTES` without a request (`require_coordinator` marks the session
/// seen at most once a minute, which saves it with a new expiry). Attendee requests never
/// touch the store (no cookie: nothing is loaded; only a changed session is written).
fn sessions(state: &AppState) -> SessionManagerLayer<DbSessionStore> {
    let idle = tower_sessions::cookie::time::Duration::minutes(state.config.session_idle_minutes);
    SessionManagerLayer::new(DbSessionStore::new(state.db.clone()))
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(tower_sessions::cookie::SameSite::Lax)
        .with_secure(state.config.base_url.starts_with("https://"))
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(idle))
}

/// Deletes expired sessions, and login failures older than a day, every hour until `stop`.
async fn purge_sessions(store: DbSessionStore, db: Db, stop: CancellationToken) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        tokio::select! {
            _ = stop.cancelled() => return,
            _ = tick.tick() => match store.delete_expired().await {
                Ok(0) => {}
                Ok(n) => tracing::info!(deleted = n, "expired sessions deleted"),
                Err(e) => tracing::warn!("deleting expired sessions: {e}"),
            },
        }
        if let Err(e) = app::accounts::service::forget_old_login_failures(&db).await {
            tracing::warn!("deleting old login failures: {e}");
        }
    }
}

/// The layers every request passes, outermost last: request id and log, in-flight count,
/// compression (gzip, brotli), security and cache headers, resource scripts moved into the
/// page, path check, cross-origin refusal, server-function statuses, request timeout, body
/// limit, rate limits.
fn harden(routes: Router, state: &AppState, in_flight: http::inflight::InFlight) -> Router {
    let cfg = &state.config.http;
    let routes = routes
        .layer(from_fn_with_state(cfg.trust_proxy, http::client::record))
        .layer(from_fn_with_state(
            http::ratelimit::RateLimits::new(cfg),
            http::ratelimit::limit,
        ))
        .layer(from_fn(http::limits::limit_api_body))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            cfg.request_timeout,
        ))
        .layer(from_fn(http::api_errors::map))
        .layer(from_fn_with_state(
            http::origin::OriginGuard::new(&state.config.base_url),
            http::origin::guard,
        ))
        .layer(from_fn(http::paths::refuse_control_characters))
        .layer(from_fn(http::document_end::fix))
        .layer(from_fn(http::cache::headers))
        .layer(from_fn(http::security::headers))
        .layer(CompressionLayer::new())
        .layer(from_fn_with_state(in_flight, http::inflight::track));
    http::trace::layer(routes)
}

/// Connects and migrates the database, loads the demo event when configured, binds the
/// listener (port 0 picks a free port) and starts the HTTP server and the mail worker.
pub async fn start(cfg: Config) -> Result<Running, StartError> {
    let db = Db::connect(&cfg.database_url).await?;
    let demo_loaded = cfg.demo && app::demo::load_if_empty(&db).await?;
    if demo_loaded {
        tracing::info!("loaded the demo event");
    }
    let mailer = Mailer::from_config(&cfg, cfg.mail_concurrency)?;
    let listener = tokio::net::TcpListener::bind(cfg.listen)
        .await
        .map_err(|e| StartError::Listen(cfg.listen, e))?;
    let addr = listener
        .local_addr()
        .map_err(|e| StartError::Listen(cfg.listen, e))?;
    let mut cfg = cfg;
    if cfg.listen.port() == 0 && cfg.base_url.ends_with(":0") {
        cfg.base_url = format!("http://{addr}");
    }
    let state = AppState {
        db: db.clone(),
        leptos_options: leptos_options(&cfg, addr),
        mail_wake: Arc::new(Notify::new()),
        config: Arc::new(cfg),
    };
    if demo_loaded {
        // The demo's speakers get their personal links, so one is in the mail catcher.
        match state
            .speakers()
            .send_all_links(app::demo::DEMO_SLUG, app::i18n::Lang::Nl)
            .await
        {
            Ok(n) => tracing::info!(mails = n, "mailed the demo speakers their links"),
            Err(e) => tracing::error!("demo speaker links: {e}"),
        }
    }
    // Mail worker, supervised; `shutdown` stops it.
    let shutdown = CancellationToken::new();
    let worker = state.config.mail_worker.then(|| {
        let settings = worker::WorkerSettings {
            wake: state.mail_wake.clone(),
            concurrency: state.config.mail_concurrency,
            max_backoff_secs: state.config.mail_max_backoff_secs,
        };
        tokio::spawn(worker::supervise(
            db.clone(),
            mailer,
            settings,
            shutdown.clone(),
        ))
    });
    // Privacy purge at start, then every PRIVACY_PURGE_EVERY_MINUTES; `shutdown` stops it.
    let every = state.config.privacy_purge_every_minutes;
    let purger = (every > 0).then(|| {
        tokio::spawn(app::privacy::task::run(
            state.privacy(),
            std::time::Duration::from_secs(every as u64 * 60),
            shutdown.clone(),
        ))
    });
    tokio::spawn(purge_sessions(
        DbSessionStore::new(db.clone()),
        db.clone(),
        shutdown.clone(),
    ));
    let in_flight = http::inflight::InFlight::default();
    let app = router_counting(state.clone(), in_flight.clone());
    let limits = http::serve::Limits::of(&state.config.http);
    let server = http::serve::spawn(listener, app, limits);
    Ok(Running {
        addr,
        state,
        shutdown,
        server,
        in_flight,
        worker,
        purger,
    })
}

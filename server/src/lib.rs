#![recursion_limit = "256"]
//! The Tafelronde server: axum router with the Leptos pages and server functions, the
//! plain-form routes that make every page work without JavaScript, static files, and the
//! outbox mail worker. [`start`] is used by `main` and by the integration tests.

mod forms;

use app::config::Config;
use app::mail::{worker, Mailer};
use app::state::AppState;
use app::store::Db;
use app::{shell, App};
use axum::routing::{get, post};
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;
use tower_http::services::ServeDir;

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
    server: tokio::task::JoinHandle<()>,
    worker: Option<tokio::task::JoinHandle<()>>,
    /// Cancelled by [`Running::stop`]: the mail worker stops claiming and finishes.
    pub shutdown: CancellationToken,
}

/// How long [`Running::stop`] waits for the mail worker to finish the mails in flight.
pub const MAIL_STOP_LIMIT: std::time::Duration = std::time::Duration::from_secs(40);

impl Running {
    pub async fn stop(self) {
        self.server.abort();
        // Mail worker: stop claiming, finish and record the mails in flight (bounded).
        self.shutdown.cancel();
        if let Some(w) = self.worker {
            if tokio::time::timeout(MAIL_STOP_LIMIT, w).await.is_err() {
                tracing::error!("mail worker did not finish within {MAIL_STOP_LIMIT:?}");
            }
        }
        let _ = self.server.await;
        self.state.db.close().await;
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

pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let site_root = state.leptos_options.site_root.to_string();
    let ctx_state = state.clone();
    let fn_state = state.clone();
    Router::new()
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
        .route("/healthz", get(|| async { "ok" }))
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(ctx_state.clone()),
            {
                let opts = state.leptos_options.clone();
                move || shell(opts.clone())
            },
        )
        .nest_service(
            "/pkg",
            ServeDir::new(format!("{site_root}/pkg")).precompressed_gzip(),
        )
        .fallback_service(
            ServeDir::new(site_root)
                .not_found_service(get(forms::not_found).with_state(state.clone())),
        )
        .with_state(state)
}

/// Connects and migrates the database, loads the demo event when configured, binds the
/// listener (port 0 picks a free port) and starts the HTTP server and the mail worker.
pub async fn start(cfg: Config) -> Result<Running, StartError> {
    let db = Db::connect(&cfg.database_url).await?;
    if cfg.demo && app::demo::load_if_empty(&db).await? {
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
    let app = router(state.clone());
    let server = tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app).await {
            tracing::error!("server stopped: {e}");
        }
    });
    Ok(Running {
        addr,
        state,
        server,
        worker,
        shutdown,
    })
}

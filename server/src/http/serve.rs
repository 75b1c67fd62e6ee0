//! The HTTP server loop (hyper-util, HTTP/1 and HTTP/2): records each connection's peer
//! address for the rate limits, closes connections that do not send their headers within
//! the header-read timeout, and stops gracefully: no new connections, in-flight requests
//! finish, idle connections close; what is still open at the deadline is dropped.

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use std::net::SocketAddr;
use std::pin::pin;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;
use tower::ServiceExt;

/// A running accept loop.
pub struct Server {
    stop: CancellationToken,
    force: CancellationToken,
    task: JoinHandle<()>,
}

/// Serves `app` on `listener` until [`Server::shutdown`].
pub fn spawn(listener: TcpListener, app: Router, header_read_timeout: Duration) -> Server {
    let stop = CancellationToken::new();
    let force = CancellationToken::new();
    let task = tokio::spawn(run(
        listener,
        app,
        header_read_timeout,
        stop.clone(),
        force.clone(),
    ));
    Server { stop, force, task }
}

impl Server {
    /// Stops accepting (the listener is closed), lets open requests finish until
    /// `deadline`, then drops what is left. Returns whether everything finished in time.
    pub async fn shutdown(self, deadline: Instant) -> bool {
        self.stop.cancel();
        let mut task = self.task;
        match tokio::time::timeout_at(deadline, &mut task).await {
            Ok(_) => true,
            Err(_) => {
                self.force.cancel();
                let _ = task.await;
                false
            }
        }
    }
}

async fn run(
    listener: TcpListener,
    app: Router,
    header_read_timeout: Duration,
    stop: CancellationToken,
    force: CancellationToken,
) {
    let connections = TaskTracker::new();
    loop {
        let (stream, peer) = tokio::select! {
            _ = stop.cancelled() => break,
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors and the like: back off instead of spinning.
                    tracing::warn!("accept: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        connections.spawn(connection(
            stream,
            peer,
            app.clone(),
            header_read_timeout,
            stop.clone(),
            force.clone(),
        ));
    }
    drop(listener);
    connections.close();
    if !connections.is_empty() {
        tracing::info!(
            connections = connections.len(),
            "no longer accepting; waiting for open connections"
        );
    }
    connections.wait().await;
}

async fn connection(
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
    app: Router,
    header_read_timeout: Duration,
    stop: CancellationToken,
    force: CancellationToken,
) {
    let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
        req.extensions_mut().insert(ConnectInfo(peer));
        app.clone().oneshot(req.map(Body::new))
    });
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(header_read_timeout);
    builder.http2().timer(TokioTimer::new());
    let mut conn = pin!(builder.serve_connection_with_upgrades(TokioIo::new(stream), service));
    let mut graceful = false;
    loop {
        tokio::select! {
            done = conn.as_mut() => {
                if let Err(e) = done {
                    tracing::debug!(%peer, "connection: {e}");
                }
                return;
            }
            _ = stop.cancelled(), if !graceful => {
                graceful = true;
                conn.as_mut().graceful_shutdown();
            }
            _ = force.cancelled() => {
                tracing::warn!(%peer, "connection still open at the shutdown deadline: closed");
                return;
            }
        }
    }
}

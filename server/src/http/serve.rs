//! The HTTP server loop (hyper-util, HTTP/1 and HTTP/2): records each connection's peer
//! address for the rate limits, caps open connections per client address, closes
//! connections that send no request within the header-read timeout or hold none in flight
//! for the idle timeout, and stops gracefully (in-flight requests finish, then closed).

use super::client::group;
use app::config::HttpConfig;
use axum::body::{Body, Bytes};
use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::{Frame, Incoming, SizeHint};
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use std::collections::HashMap;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tokio::task::JoinHandle;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;
use tower::ServiceExt;

/// The connection limits of the server loop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// A new connection must send its first request within this time (whatever the
    /// protocol: nothing, a partial request line or only the HTTP/2 preface all count as
    /// no request); HTTP/1 request headers must arrive within it.
    pub header_read_timeout: Duration,
    /// A connection without a request in flight for this long is closed.
    pub idle_timeout: Duration,
    /// Open connections per client address; 0 = no limit.
    pub max_connections_per_client: u32,
}

impl Limits {
    pub fn of(cfg: &HttpConfig) -> Limits {
        Limits {
            header_read_timeout: cfg.header_read_timeout,
            idle_timeout: cfg.idle_timeout,
            max_connections_per_client: cfg.max_connections_per_client,
        }
    }
}

/// A running accept loop.
pub struct Server {
    stop: CancellationToken,
    force: CancellationToken,
    task: JoinHandle<()>,
}

/// Serves `app` on `listener` until [`Server::shutdown`].
pub fn spawn(listener: TcpListener, app: Router, limits: Limits) -> Server {
    let stop = CancellationToken::new();
    let force = CancellationToken::new();
    let task = tokio::spawn(run(listener, app, limits, stop.clone(), force.clone()));
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
    limits: Limits,
    stop: CancellationToken,
    force: CancellationToken,
) {
    let connections = TaskTracker::new();
    let per_client = PerClient::new(limits.max_connections_per_client);
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
        let Some(place) = per_client.admit(group(peer.ip())) else {
            // Dropping the stream closes it. Debug level: a flood must not flood the log.
            tracing::debug!(client = %group(peer.ip()), "too many connections: closed");
            continue;
        };
        let _ = stream.set_nodelay(true);
        connections.spawn(connection(
            stream,
            peer,
            place,
            app.clone(),
            limits,
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

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Open connections per client address (the socket peer: a proxy header belongs to one
/// request, not to the connection).
struct PerClient {
    max: usize,
    open: Arc<Mutex<HashMap<IpAddr, usize>>>,
}

/// One admitted connection; gives its place back when dropped.
struct Place {
    open: Option<Arc<Mutex<HashMap<IpAddr, usize>>>>,
    ip: IpAddr,
}

impl PerClient {
    fn new(max: u32) -> PerClient {
        PerClient {
            max: max as usize,
            open: Arc::default(),
        }
    }

    /// A place for one more connection of `ip`, or `None` when it has `max` open.
    fn admit(&self, ip: IpAddr) -> Option<Place> {
        if self.max == 0 {
            return Some(Place { open: None, ip });
        }
        let mut open = lock(&self.open);
        let n = open.entry(ip).or_insert(0);
        if *n >= self.max {
            return None;
        }
        *n += 1;
        Some(Place {
            open: Some(self.open.clone()),
            ip,
        })
    }
}

impl Drop for Place {
    fn drop(&mut self) {
        let Some(open) = &self.open else { return };
        let mut open = lock(open);
        if let Some(n) = open.get_mut(&self.ip) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.ip);
            }
        }
    }
}

/// What one connection is doing, updated by its requests and read by its timer.
#[derive(Debug)]
struct Activity {
    in_flight: usize,
    requests: u64,
    /// Since when nothing is in flight (meaningful when `in_flight == 0`).
    idle_since: Instant,
}

/// A connection's [`Activity`], and the signal that it has just become idle (its timer
/// then starts the idle time; a request that starts needs no signal: the timer finds it
/// in flight when it fires and waits again).
struct Shared {
    activity: Mutex<Activity>,
    idle: Notify,
}

/// A request counted as in flight from the call of the service until its answer's body has
/// been sent (hyper then drops it) or the connection is gone.
struct InFlight(Arc<Shared>);

impl InFlight {
    fn start(shared: &Arc<Shared>) -> InFlight {
        let mut a = lock(&shared.activity);
        a.in_flight += 1;
        a.requests += 1;
        InFlight(shared.clone())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let mut a = lock(&self.0.activity);
        a.in_flight = a.in_flight.saturating_sub(1);
        if a.in_flight == 0 {
            a.idle_since = Instant::now();
            self.0.idle.notify_one();
        }
    }
}

/// An answer's body that keeps its request in flight while it is being sent.
struct Counted {
    body: Body,
    _request: InFlight,
}

impl hyper::body::Body for Counted {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

/// What a connection's timer does next.
#[derive(Debug, PartialEq, Eq)]
enum Due {
    /// Look again at this moment.
    Wait(Instant),
    /// Idle too long: announce the close (HTTP/1 closes at once, HTTP/2 sends GOAWAY).
    Idle,
    /// Drop the connection.
    Close(&'static str),
}

/// The timer's decision at `now` for a connection accepted at `started`; `closing` is the
/// end of the grace period once an idle close has been announced. A request in flight
/// is never cut here (the request timeout bounds it).
fn due(
    a: &Activity,
    started: Instant,
    closing: Option<Instant>,
    limits: &Limits,
    now: Instant,
) -> Due {
    let at_or_wait = |at: Instant, then: Due| if now >= at { then } else { Due::Wait(at) };
    if a.in_flight > 0 {
        Due::Wait(now + limits.idle_timeout)
    } else if let Some(at) = closing {
        at_or_wait(
            at,
            Due::Close("idle, still open after the close was announced"),
        )
    } else if a.requests == 0 {
        at_or_wait(
            started + limits.header_read_timeout,
            Due::Close("no request within the header read timeout"),
        )
    } else {
        at_or_wait(a.idle_since + limits.idle_timeout, Due::Idle)
    }
}

async fn connection(
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
    _place: Place,
    app: Router,
    limits: Limits,
    stop: CancellationToken,
    force: CancellationToken,
) {
    let started = Instant::now();
    let shared = Arc::new(Shared {
        activity: Mutex::new(Activity {
            in_flight: 0,
            requests: 0,
            idle_since: started,
        }),
        idle: Notify::new(),
    });
    let service = {
        let shared = shared.clone();
        hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
            let request = InFlight::start(&shared);
            req.extensions_mut().insert(ConnectInfo(peer));
            let answer = app.clone().oneshot(req.map(Body::new));
            async move {
                let res = answer.await?;
                Ok::<_, Infallible>(res.map(|body| Counted {
                    body,
                    _request: request,
                }))
            }
        })
    };
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout);
    // Pings find dead peers of long requests; idle connections are closed by `due`.
    builder
        .http2()
        .timer(TokioTimer::new())
        .keep_alive_interval(limits.idle_timeout);
    let mut conn = pin!(builder.serve_connection_with_upgrades(TokioIo::new(stream), service));
    let mut graceful = false;
    let mut closing = None;
    loop {
        let now = Instant::now();
        let next = due(&lock(&shared.activity), started, closing, &limits, now);
        let wake = match next {
            Due::Wait(at) => at,
            Due::Close(why) => {
                tracing::debug!(%peer, "connection closed: {why}");
                return;
            }
            Due::Idle => {
                // A client that ignores the close is dropped after a grace period.
                if !graceful {
                    graceful = true;
                    conn.as_mut().graceful_shutdown();
                }
                closing = Some(now + limits.header_read_timeout);
                continue;
            }
        };
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
            _ = tokio::time::sleep_until(wake) => {}
            _ = shared.idle.notified() => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: Limits = Limits {
        header_read_timeout: Duration::from_secs(10),
        idle_timeout: Duration::from_secs(60),
        max_connections_per_client: 2,
    };

    fn activity(in_flight: usize, requests: u64, idle_since: Instant) -> Activity {
        Activity {
            in_flight,
            requests,
            idle_since,
        }
    }

    #[test]
    fn silent_connections_close_at_the_header_timeout() {
        let t0 = Instant::now();
        let a = activity(0, 0, t0);
        let s = Duration::from_secs;
        assert_eq!(due(&a, t0, None, &LIMITS, t0), Due::Wait(t0 + s(10)));
        assert!(matches!(
            due(&a, t0, None, &LIMITS, t0 + s(10)),
            Due::Close(_)
        ));
    }

    #[test]
    fn idle_connections_close_and_busy_ones_do_not() {
        let t0 = Instant::now();
        let s = Duration::from_secs;
        // A request in flight for an hour: never idle.
        let busy = activity(1, 1, t0);
        assert_eq!(
            due(&busy, t0, None, &LIMITS, t0 + s(3600)),
            Due::Wait(t0 + s(3660))
        );
        // Idle since t0 + 5 s: announced at t0 + 65 s, dropped after the grace period.
        let idle = activity(0, 3, t0 + s(5));
        assert_eq!(
            due(&idle, t0, None, &LIMITS, t0 + s(30)),
            Due::Wait(t0 + s(65))
        );
        assert_eq!(due(&idle, t0, None, &LIMITS, t0 + s(65)), Due::Idle);
        let grace = Some(t0 + s(75));
        assert_eq!(
            due(&idle, t0, grace, &LIMITS, t0 + s(66)),
            Due::Wait(t0 + s(75))
        );
        assert!(matches!(
            due(&idle, t0, grace, &LIMITS, t0 + s(75)),
            Due::Close(_)
        ));
    }

    #[test]
    fn connections_per_client_are_capped_and_given_back() {
        let per = PerClient::new(2);
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        let one = per.admit(a).unwrap();
        let two = per.admit(a).unwrap();
        assert!(per.admit(a).is_none(), "third from the same address");
        let other = per.admit(b).unwrap();
        drop(one);
        let three = per.admit(a).unwrap();
        drop((two, three, other));
        assert!(lock(&per.open).is_empty(), "nothing left behind");
        let unlimited = PerClient::new(0);
        let many: Vec<_> = (0..1000).filter_map(|_| unlimited.admit(a)).collect();
        assert_eq!(many.len(), 1000);
    }
}

//! Counts the requests being handled (from their headers until their answer starts), so
//! a shutdown can say what it waits for and tests can see a request is in progress.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

#[derive(Clone, Default)]
pub struct InFlight(Arc<AtomicUsize>);

impl InFlight {
    pub fn count(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}

struct Guard(InFlight);

impl Drop for Guard {
    fn drop(&mut self) {
        (self.0).0.fetch_sub(1, Ordering::SeqCst);
    }
}

pub async fn track(State(n): State<InFlight>, req: Request, next: Next) -> Response {
    n.0.fetch_add(1, Ordering::SeqCst);
    let _guard = Guard(n);
    next.run(req).await
}

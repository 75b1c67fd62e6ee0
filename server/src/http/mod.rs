//! HTTP hardening and operations around the router: who the client is, which requests are
//! refused before any route runs (cross-origin, rate limits, bad paths), status codes for
//! server-function errors, request logs, health checks, and the server loop with its
//! timeouts and graceful shutdown. One concern per module.

pub mod api_errors;
pub mod cache;
pub mod client;
pub mod document_end;
pub mod health;
pub mod inflight;
pub mod limits;
pub mod origin;
pub mod page;
pub mod paths;
pub mod ratelimit;
pub mod security;
pub mod serve;
pub mod shutdown;
pub mod trace;

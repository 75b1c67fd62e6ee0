//! What every area uses and no area owns (server only): the coordinator guard, the
//! personal-link tokens, the outbox front door and the client address of a request.
//! Areas reach it downward; it imports no area.

pub mod auth;
pub mod outbox;
pub mod tokens;

/// The client address of a request as the server's hardening layers see it (the socket
/// peer, or the proxy's `X-Forwarded-For` hop when the proxy is trusted; IPv6 per /64),
/// put into each request's extensions by the server for the account service's throttle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddress(pub std::net::IpAddr);

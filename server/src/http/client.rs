//! The client address used for rate limiting. By default the socket peer address; only
//! with `TAFELRONDE_TRUST_PROXY=1` the address a reverse proxy put in front: the rightmost
//! hop of `X-Forwarded-For`, or else the last `for=` of `Forwarded`. IPv6 clients are
//! grouped per /64, the block one subscriber usually gets.

use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Request};
use std::net::{IpAddr, Ipv6Addr, SocketAddr};

/// The client address of `req`, or `None` when the server did not record the peer.
pub fn client_ip<B>(req: &Request<B>, trust_proxy: bool) -> Option<IpAddr> {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let forwarded = trust_proxy
        .then(|| from_x_forwarded_for(req.headers()).or_else(|| from_forwarded(req.headers())))
        .flatten();
    forwarded.or(peer).map(group)
}

/// IPv4 (also IPv4-mapped IPv6) as is; IPv6 cut to its /64 prefix.
pub fn group(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(Ipv6Addr::from(u128::from(v6) & (!0u128 << 64))),
        },
    }
}

/// The last hop of the last `X-Forwarded-For` line: the one our proxy appended.
fn from_x_forwarded_for(headers: &HeaderMap) -> Option<IpAddr> {
    let last_line = headers.get_all("x-forwarded-for").iter().next_back()?;
    let hop = last_line.to_str().ok()?.rsplit(',').next()?;
    parse_node(hop)
}

/// The `for=` of the last element of the last `Forwarded` line (RFC 7239).
fn from_forwarded(headers: &HeaderMap) -> Option<IpAddr> {
    let last_line = headers.get_all("forwarded").iter().next_back()?;
    let element = last_line.to_str().ok()?.rsplit(',').next()?;
    element.split(';').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("for")
            .then(|| parse_node(v))
            .flatten()
    })
}

/// `1.2.3.4`, `1.2.3.4:5678`, `2001:db8::1`, `"[2001:db8::1]:4711"`.
fn parse_node(raw: &str) -> Option<IpAddr> {
    let s = raw.trim().trim_matches('"');
    if let Some(rest) = s.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    s.parse::<IpAddr>()
        .ok()
        .or_else(|| s.parse::<SocketAddr>().ok().map(|a| a.ip()))
}

/// Middleware: records the request's client address (as the rate limits see it) in its
/// extensions as [`app::kernel::ClientAddress`], for the login throttle.
pub async fn record(
    axum::extract::State(trust_proxy): axum::extract::State<bool>,
    mut req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    if let Some(ip) = client_ip(&req, trust_proxy) {
        req.extensions_mut().insert(app::kernel::ClientAddress(ip));
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(peer: &str, headers: &[(&str, &str)]) -> Request<()> {
        let mut b = Request::builder();
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        let mut r = b.body(()).unwrap();
        r.extensions_mut()
            .insert(ConnectInfo(peer.parse::<SocketAddr>().unwrap()));
        r
    }

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn headers_count_only_behind_a_trusted_proxy() {
        let r = req("10.0.0.1:5000", &[("x-forwarded-for", "203.0.113.9")]);
        assert_eq!(client_ip(&r, false), ip("10.0.0.1"));
        assert_eq!(client_ip(&r, true), ip("203.0.113.9"));
    }

    #[test]
    fn the_rightmost_hop_is_the_one_the_proxy_saw() {
        let r = req(
            "10.0.0.1:5000",
            &[
                ("x-forwarded-for", "1.1.1.1, 2.2.2.2"),
                ("x-forwarded-for", "6.6.6.6, 203.0.113.9 "),
            ],
        );
        assert_eq!(client_ip(&r, true), ip("203.0.113.9"));
        let r = req(
            "10.0.0.1:5000",
            &[(
                "forwarded",
                "for=1.1.1.1, for=\"[2001:db8:1:2::7]:4711\";proto=https",
            )],
        );
        assert_eq!(client_ip(&r, true), ip("2001:db8:1:2::"));
        let r = req("10.0.0.1:5000", &[("x-forwarded-for", "garbage")]);
        assert_eq!(client_ip(&r, true), ip("10.0.0.1"));
    }

    #[test]
    fn ipv6_is_grouped_per_64() {
        assert_eq!(
            group("2001:db8:1:2:aaaa::1".parse().unwrap()),
            "2001:db8:1:2::".parse::<IpAddr>().unwrap()
        );
        assert_eq!(
            group("::ffff:192.0.2.1".parse().unwrap()),
            "192.0.2.1".parse::<IpAddr>().unwrap()
        );
    }
}

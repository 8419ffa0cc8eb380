//! Who is on the other end of a request: the client's address (what the rate limits and the
//! audit trail see) and whether it reached us over TLS (what decides HSTS).
//!
//! The connection's peer is the client, unless the peer is one of the configured trusted
//! proxies (`BUTLER_TRUSTED_PROXIES`): then the client is the nearest address in
//! `X-Forwarded-For` that is not itself a trusted proxy, and `X-Forwarded-Proto` tells the
//! scheme. A forwarding header from anyone else is ignored, so a stranger cannot pick the
//! address its requests are counted under.

use actix_web::HttpRequest;
use actix_web::web;
use ipnet::IpNet;
use std::net::IpAddr;

use crate::state::AppState;

/// The addresses (single ones or networks) whose forwarding headers are believed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// No proxy is trusted: the peer is always the client.
    pub fn none() -> Self {
        TrustedProxies(Vec::new())
    }

    /// Parses a comma-separated list of addresses and networks (`10.0.0.5, 192.168.1.0/24,
    /// ::1`); an empty list trusts nobody. Names the first entry that is neither.
    pub fn parse(list: &str) -> Result<Self, String> {
        let mut nets = Vec::new();
        for entry in list.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let net = match entry.parse::<IpNet>() {
                Ok(net) => net,
                Err(_) => entry.parse::<IpAddr>().map(IpNet::from).map_err(|_| entry.to_owned())?,
            };
            nets.push(net.trunc());
        }
        Ok(TrustedProxies(nets))
    }

    pub fn trusts(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0.iter().any(|net| net.contains(&ip))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// An IPv4 address mapped into IPv6 (`::ffff:10.0.0.1`) counts as the IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(IpAddr::V6(v6)),
        v4 => v4,
    }
}

/// The client of one request, as far as the server can tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Client {
    /// The client's address, or `unknown` when the connection has none (a test harness).
    pub ip: String,
    /// The request reached the server, or its trusted proxy, over TLS.
    pub https: bool,
}

/// The client of `req` by the rules of this module, with the proxies the app was configured
/// with.
pub fn client(req: &HttpRequest) -> Client {
    let state = req.app_data::<web::Data<AppState>>();
    let trusted = state.map(|s| s.trusted_proxies.as_ref());
    resolve(
        req.peer_addr().map(|a| a.ip()),
        trusted.unwrap_or(&TrustedProxies(Vec::new())),
        req.app_config().secure(),
        header(req, "x-forwarded-for"),
        header(req, "x-forwarded-proto"),
    )
}

fn header<'a>(req: &'a HttpRequest, name: &str) -> Option<&'a str> {
    req.headers().get(name).and_then(|v| v.to_str().ok())
}

/// The rule itself: `peer` is the connection's address, `tls` whether the connection itself
/// is encrypted, the last two the forwarding headers as received.
pub fn resolve(
    peer: Option<IpAddr>,
    trusted: &TrustedProxies,
    tls: bool,
    forwarded_for: Option<&str>,
    forwarded_proto: Option<&str>,
) -> Client {
    let Some(peer) = peer.map(canonical) else { return Client { ip: "unknown".into(), https: tls } };
    if !trusted.trusts(peer) {
        return Client { ip: peer.to_string(), https: tls };
    }
    // Walk from the nearest hop outwards; the first address no trusted proxy answers for is
    // the client. A malformed entry ends the walk: what lies beyond it cannot be believed.
    let mut client = peer;
    for hop in forwarded_for.unwrap_or("").rsplit(',').map(str::trim).filter(|h| !h.is_empty()) {
        let Ok(ip) = hop.parse::<IpAddr>().map(canonical) else { break };
        client = ip;
        if !trusted.trusts(ip) {
            break;
        }
    }
    // The scheme the client used towards the first proxy (the header's first entry).
    let proto_https =
        forwarded_proto.and_then(|p| p.split(',').next()).is_some_and(|p| p.trim().eq_ignore_ascii_case("https"));
    Client { ip: client.to_string(), https: tls || proto_https }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn a_stranger_cannot_choose_its_address_or_scheme() {
        let trusted = TrustedProxies::parse("10.0.0.5").unwrap();
        let c = resolve(ip("203.0.113.9"), &trusted, false, Some("198.51.100.1"), Some("https"));
        assert_eq!(c, Client { ip: "203.0.113.9".into(), https: false });
    }

    #[test]
    fn a_trusted_proxy_names_the_client_and_the_scheme() {
        let trusted = TrustedProxies::parse("10.0.0.0/8, 192.168.1.1").unwrap();
        let c = resolve(ip("10.0.0.5"), &trusted, false, Some("198.51.100.1"), Some("https"));
        assert_eq!(c, Client { ip: "198.51.100.1".into(), https: true });
        // Through two trusted proxies; the client's own claim before them is not believed.
        let c = resolve(ip("10.0.0.5"), &trusted, false, Some("1.1.1.1, 198.51.100.1, 192.168.1.1"), Some("http"));
        assert_eq!(c, Client { ip: "198.51.100.1".into(), https: false });
        // No header: the proxy itself.
        assert_eq!(resolve(ip("10.0.0.5"), &trusted, false, None, None).ip, "10.0.0.5");
        // Garbage ends the walk at the last address that was readable.
        assert_eq!(resolve(ip("10.0.0.5"), &trusted, false, Some("x, 10.1.1.1"), None).ip, "10.1.1.1");
    }

    #[test]
    fn mapped_addresses_and_bad_lists() {
        let trusted = TrustedProxies::parse("127.0.0.1").unwrap();
        assert!(trusted.trusts("::ffff:127.0.0.1".parse().unwrap()));
        assert_eq!(TrustedProxies::parse("10.0.0.1, nonsense"), Err("nonsense".to_owned()));
        assert!(TrustedProxies::parse(" ").unwrap().is_empty());
    }
}

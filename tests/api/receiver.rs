//! A real HTTP server on a free port standing in for a gateway, a robot or an integrator's
//! endpoint: it records every request (headers, body and its bytes) and can answer 503 for a
//! while or any status and body.

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

/// One request a receiver took, and the status it answered.
#[derive(Debug, Clone)]
pub struct Hit {
    pub method: String,
    pub path: String,
    pub query: BTreeMap<String, String>,
    pub headers: BTreeMap<String, String>,
    pub body: Value,
    /// The body's bytes as received (a signature covers them).
    pub raw: Vec<u8>,
    pub status: u16,
}

#[derive(Default)]
pub struct ReceiverState {
    hits: Mutex<Vec<Hit>>,
    /// Answer 503 to this many requests first.
    down_for: AtomicU32,
    /// The status and body answered otherwise.
    reply: Mutex<(u16, String)>,
}

/// A real HTTP server on a free port that records every request.
pub struct Receiver {
    pub url: String,
    state: Arc<ReceiverState>,
    handle: actix_web::dev::ServerHandle,
}

async fn receive(req: HttpRequest, body: web::Bytes, state: web::Data<Arc<ReceiverState>>) -> HttpResponse {
    let down = state.down_for.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1)).is_ok();
    let (status, text) = if down {
        (503, "busy".to_owned())
    } else {
        let reply = state.reply.lock().unwrap().clone();
        // `{uri}` echoes the request's URL (a careless provider quoting the key back).
        (reply.0, reply.1.replace("{uri}", &req.uri().to_string()))
    };
    let query = url_query(req.query_string());
    let headers =
        req.headers().iter().map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or("").to_owned())).collect();
    state.hits.lock().unwrap().push(Hit {
        method: req.method().to_string(),
        path: req.path().to_owned(),
        query,
        headers,
        body: serde_json::from_slice(&body).unwrap_or(Value::Null),
        raw: body.to_vec(),
        status,
    });
    HttpResponse::build(actix_web::http::StatusCode::from_u16(status).unwrap())
        .content_type("application/json")
        .body(text)
}

pub fn url_query(q: &str) -> BTreeMap<String, String> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(if bytes[i] == b'+' { b' ' } else { bytes[i] });
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

impl Receiver {
    pub async fn start(reply: &str) -> Receiver {
        let state = Arc::new(ReceiverState { reply: Mutex::new((200, reply.to_owned())), ..Default::default() });
        let data = web::Data::new(state.clone());
        let server = HttpServer::new(move || App::new().app_data(data.clone()).default_service(web::to(receive)))
            .workers(1)
            .bind(("127.0.0.1", 0))
            .unwrap();
        let addr = server.addrs()[0];
        let server = server.run();
        let handle = server.handle();
        tokio::spawn(server);
        Receiver { url: format!("http://{addr}"), state, handle }
    }

    pub fn hits(&self) -> Vec<Hit> {
        self.state.hits.lock().unwrap().clone()
    }

    /// The requests it took (answered 2xx).
    pub fn taken(&self) -> Vec<Hit> {
        self.hits().into_iter().filter(|h| (200..300).contains(&h.status)).collect()
    }

    pub fn answer(&self, status: u16, body: &str) {
        *self.state.reply.lock().unwrap() = (status, body.to_owned());
    }

    pub fn down_for(&self, requests: u32) {
        self.state.down_for.store(requests, Ordering::SeqCst);
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        drop(self.handle.stop(false));
    }
}

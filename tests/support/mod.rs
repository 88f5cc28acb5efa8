//! A small HTTP/1.1 server on 127.0.0.1 for the website-audit tests and the
//! `--list` benchmark: each test says, path by path, what the server answers
//! (a page, a redirect, an error, silence, a dropped connection, an endless
//! body) and then counts what the client asked for. Tests never touch the
//! outside network.

#![allow(dead_code)]

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the client sent (only what the tests look at).
#[derive(Clone, Debug)]
pub struct Request {
    pub method: String,
    /// Path and query, as sent.
    pub target: String,
    pub headers: Vec<(String, String)>,
}

impl Request {
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What the server answers.
#[derive(Clone, Debug)]
pub enum Reply {
    Full {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Waits, then answers.
    Delay(Duration, Box<Reply>),
    /// Reads the request and never answers (the connection stays open).
    Never,
    /// Closes the connection without a word.
    Drop,
    /// `total` bytes of `chunk` repeated, chunked, with no length declared
    /// (or with `Content-Length` when `declare_length`).
    Stream {
        content_type: String,
        chunk: Vec<u8>,
        total: u64,
        declare_length: bool,
    },
}

impl Reply {
    pub fn html(body: impl Into<String>) -> Reply {
        Reply::typed(200, "text/html; charset=utf-8", body.into().into_bytes())
    }

    pub fn typed(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
        Reply::Full {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body,
        }
    }

    pub fn status(status: u16) -> Reply {
        Reply::typed(
            status,
            "text/plain; charset=utf-8",
            format!("status {status}").into_bytes(),
        )
    }

    pub fn redirect(status: u16, location: &str) -> Reply {
        Reply::Full {
            status,
            headers: vec![("Location".into(), location.into())],
            body: Vec::new(),
        }
    }

    pub fn not_found() -> Reply {
        Reply::status(404)
    }

    pub fn with_header(self, name: &str, value: &str) -> Reply {
        match self {
            Reply::Full {
                status,
                mut headers,
                body,
            } => {
                headers.push((name.into(), value.into()));
                Reply::Full {
                    status,
                    headers,
                    body,
                }
            }
            other => other,
        }
    }
}

type Handler = dyn Fn(&Request, SocketAddr) -> Reply + Send + Sync;

struct Shared {
    handler: Box<Handler>,
    hits: Mutex<HashMap<String, usize>>,
    requests: Mutex<Vec<Request>>,
    bytes_sent: AtomicU64,
}

/// A running server; stops when dropped.
pub struct Server {
    /// One address per listener (several for the benchmark's many sites).
    pub addrs: Vec<SocketAddr>,
    shared: Arc<Shared>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    /// One listener; `handler` decides every answer.
    pub fn start(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Server {
        Server::start_many(1, move |req, _| handler(req))
    }

    /// `count` listeners on distinct ports, one handler told which address
    /// was asked.
    pub fn start_many(
        count: usize,
        handler: impl Fn(&Request, SocketAddr) -> Reply + Send + Sync + 'static,
    ) -> Server {
        let shared = Arc::new(Shared {
            handler: Box::new(handler),
            hits: Mutex::new(HashMap::new()),
            requests: Mutex::new(Vec::new()),
            bytes_sent: AtomicU64::new(0),
        });
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let inner = Arc::clone(&shared);
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("test server runtime");
            runtime.block_on(async move {
                let mut addrs = Vec::with_capacity(count);
                for _ in 0..count {
                    let listener = TcpListener::bind("127.0.0.1:0")
                        .await
                        .expect("bind 127.0.0.1");
                    let addr = listener.local_addr().expect("local address");
                    addrs.push(addr);
                    let shared = Arc::clone(&inner);
                    tokio::spawn(async move {
                        loop {
                            let Ok((stream, _)) = listener.accept().await else {
                                continue;
                            };
                            let shared = Arc::clone(&shared);
                            tokio::spawn(serve(stream, addr, shared));
                        }
                    });
                }
                addr_tx.send(addrs).expect("report addresses");
                let _ = stop_rx.await;
            });
            runtime.shutdown_background();
        });
        let addrs = addr_rx.recv().expect("server started");
        Server {
            addrs,
            shared,
            stop: Some(stop_tx),
            thread: Some(thread),
        }
    }

    pub fn addr(&self) -> SocketAddr {
        self.addrs[0]
    }

    /// `http://127.0.0.1:PORT/path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr(), path)
    }

    /// How many requests reached `path` (query ignored).
    pub fn hits(&self, path: &str) -> usize {
        self.shared
            .hits
            .lock()
            .expect("hits")
            .get(path)
            .copied()
            .unwrap_or(0)
    }

    pub fn total_hits(&self) -> usize {
        self.shared.hits.lock().expect("hits").values().sum()
    }

    pub fn requests(&self) -> Vec<Request> {
        self.shared.requests.lock().expect("requests").clone()
    }

    /// Body bytes written by `Stream` replies before the client hung up.
    pub fn bytes_sent(&self) -> u64 {
        self.shared.bytes_sent.load(Ordering::Relaxed)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

async fn serve(mut stream: TcpStream, addr: SocketAddr, shared: Arc<Shared>) {
    let Some(request) = read_request(&mut stream).await else {
        return;
    };
    {
        *shared
            .hits
            .lock()
            .expect("hits")
            .entry(request.path().to_string())
            .or_default() += 1;
        shared
            .requests
            .lock()
            .expect("requests")
            .push(request.clone());
    }
    let reply = (shared.handler)(&request, addr);
    answer(&mut stream, reply, &shared).await;
}

async fn read_request(stream: &mut TcpStream) -> Option<Request> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    loop {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).into_owned();
            let mut lines = head.split("\r\n");
            let mut first = lines.next()?.split(' ');
            let method = first.next()?.to_string();
            let target = first.next()?.to_string();
            let headers = lines
                .filter_map(|l| l.split_once(':'))
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                .collect();
            return Some(Request {
                method,
                target,
                headers,
            });
        }
        if buf.len() > 64 * 1024 {
            return None;
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

async fn answer(stream: &mut TcpStream, reply: Reply, shared: &Shared) {
    let mut reply = reply;
    loop {
        match reply {
            Reply::Delay(wait, inner) => {
                tokio::time::sleep(wait).await;
                reply = *inner;
            }
            Reply::Never => {
                tokio::time::sleep(Duration::from_secs(3600)).await;
                return;
            }
            Reply::Drop => return,
            Reply::Full {
                status,
                headers,
                body,
            } => {
                let mut head = format!(
                    "HTTP/1.1 {status} {}\r\nContent-Length: {}\r\nConnection: close\r\n",
                    reason(status),
                    body.len()
                );
                for (k, v) in headers {
                    head.push_str(&format!("{k}: {v}\r\n"));
                }
                head.push_str("\r\n");
                let _ = stream.write_all(head.as_bytes()).await;
                let _ = stream.write_all(&body).await;
                let _ = stream.shutdown().await;
                return;
            }
            Reply::Stream {
                content_type,
                chunk,
                total,
                declare_length,
            } => {
                let length = if declare_length {
                    format!("Content-Length: {total}\r\n")
                } else {
                    "Transfer-Encoding: chunked\r\n".to_string()
                };
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n{length}Connection: close\r\n\r\n"
                );
                if stream.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                let mut sent = 0u64;
                while sent < total {
                    let n = chunk.len().min((total - sent) as usize);
                    let piece = &chunk[..n];
                    let ok = if declare_length {
                        stream.write_all(piece).await.is_ok()
                    } else {
                        let framed = [format!("{n:x}\r\n").as_bytes(), piece, b"\r\n"].concat();
                        stream.write_all(&framed).await.is_ok()
                    };
                    if !ok {
                        return;
                    }
                    sent += n as u64;
                    shared.bytes_sent.fetch_add(n as u64, Ordering::Relaxed);
                }
                if !declare_length {
                    let _ = stream.write_all(b"0\r\n\r\n").await;
                }
                let _ = stream.shutdown().await;
                return;
            }
        }
    }
}

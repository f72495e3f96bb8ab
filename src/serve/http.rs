//! The guarded edge of `serve`'s HTTP server: how many connections it takes
//! at once, how long a request may take to arrive, how long its head may be,
//! and a warning when the preview is reachable from other machines.
//!
//! `serve` is a preview, but editors run it on shared networks, so a client
//! that opens many connections, sends a request one byte a second or sends
//! an endless header must cost it a bounded number of threads for a bounded
//! time, and gets an HTTP answer saying which limit it hit (503, 408, 414,
//! 431) rather than a dropped connection. Written on `std::net`: the whole
//! server is a few hundred lines and needs GET and HEAD only, less code than
//! wiring in an HTTP crate and its async runtime or thread pool.

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::diag::messages::Note;
use crate::lang::Lang;

/// Connections served at once (each open page holds one for its reload
/// events); a connection beyond them gets 503 at once.
pub const MAX_CONNECTIONS: usize = 64;
/// The time a client has to send its whole request head from connecting.
pub const REQUEST_DEADLINE: Duration = Duration::from_secs(5);
/// The longest request line (method, target, version) answered; longer gets 414.
pub const MAX_REQUEST_LINE: usize = 8 * 1024;
/// The longest request head (request line and headers); longer gets 431.
pub const MAX_REQUEST_HEAD: usize = 16 * 1024;
/// How long a response may wait for a client that does not read it.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// After refusing a request, how long its unread rest is read and dropped, so
/// that closing does not reset the connection before the client has read why.
const LINGER: Duration = Duration::from_millis(500);

/// A request's method and target, from its request line.
#[derive(Debug, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    pub target: String,
}

/// Why a request is not answered normally.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The client closed the connection (or sent nothing and closed): no answer.
    Closed,
    /// The head did not arrive within [`REQUEST_DEADLINE`]: 408.
    Timeout,
    /// The request line is longer than [`MAX_REQUEST_LINE`]: 414.
    LineTooLong,
    /// The head is longer than [`MAX_REQUEST_HEAD`]: 431.
    HeadTooLarge,
    /// No method and target in the request line: 400.
    Malformed,
}

impl Refusal {
    /// The status line and the plain-text body that say why, in both languages.
    fn status_and_body(&self) -> Option<(&'static str, &'static str)> {
        Some(match self {
            Refusal::Closed => return None,
            Refusal::Timeout => (
                "408 Request Timeout",
                "请求未能及时送达 / the request did not arrive in time\n",
            ),
            Refusal::LineTooLong => (
                "414 URI Too Long",
                "请求行过长 / the request line is too long\n",
            ),
            Refusal::HeadTooLarge => (
                "431 Request Header Fields Too Large",
                "请求头过长 / the request headers are too long\n",
            ),
            Refusal::Malformed => ("400 Bad Request", "请求无效 / bad request\n"),
        })
    }
}

/// Read a request head from `stream`, within [`REQUEST_DEADLINE`] of now and
/// the size limits. Bytes after the head (a body) are left unread.
pub fn read_request(stream: &mut TcpStream) -> Result<Request, Refusal> {
    let deadline = Instant::now() + REQUEST_DEADLINE;
    let mut head = Vec::with_capacity(1024);
    let mut buffer = [0u8; 4096];
    loop {
        if let Some(verdict) = judge(&head) {
            return verdict;
        }
        // The deadline is for the whole head, not for each read: a client
        // sending a byte a second is still dropped once it is reached.
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(Refusal::Timeout);
        }
        if stream.set_read_timeout(Some(left)).is_err() {
            return Err(Refusal::Closed);
        }
        match stream.read(&mut buffer) {
            Ok(0) => return Err(Refusal::Closed),
            Ok(read) => head.extend_from_slice(&buffer[..read]),
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error)
                if matches!(
                    error.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                return Err(Refusal::Timeout);
            }
            Err(_) => return Err(Refusal::Closed),
        }
    }
}

/// What the bytes read so far amount to: a whole request, a refusal, or
/// `None` while more is needed.
fn judge(head: &[u8]) -> Option<Result<Request, Refusal>> {
    let line_end = head.iter().position(|&byte| byte == b'\n');
    if line_end.unwrap_or(head.len()) > MAX_REQUEST_LINE {
        return Some(Err(Refusal::LineTooLong));
    }
    let Some(end) = end_of_head(head) else {
        return (head.len() > MAX_REQUEST_HEAD).then_some(Err(Refusal::HeadTooLarge));
    };
    if end > MAX_REQUEST_HEAD {
        return Some(Err(Refusal::HeadTooLarge));
    }
    let line = String::from_utf8_lossy(&head[..line_end.unwrap_or(0)]);
    let mut parts = line.trim_end_matches('\r').split(' ');
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    if method.is_empty() || target.is_empty() {
        return Some(Err(Refusal::Malformed));
    }
    Some(Ok(Request {
        method: method.to_string(),
        target: target.to_string(),
    }))
}

/// The length of the head up to and including the blank line that ends it.
fn end_of_head(bytes: &[u8]) -> Option<usize> {
    let mut start = 0;
    while let Some(offset) = bytes[start..].iter().position(|&byte| byte == b'\n') {
        let line = &bytes[start..start + offset];
        if start > 0 && (line.is_empty() || line == b"\r") {
            return Some(start + offset + 1);
        }
        start += offset + 1;
    }
    None
}

/// Answer a refused request with its status, then close without resetting
/// the connection under the client.
pub fn refuse(mut stream: TcpStream, refusal: &Refusal) -> io::Result<()> {
    let Some((status, body)) = refusal.status_and_body() else {
        return Ok(());
    };
    write_plain(&mut stream, status, body, &[])?;
    linger(stream);
    Ok(())
}

/// A short plain-text response with `Connection: close`.
fn write_plain(
    stream: &mut TcpStream,
    status: &str,
    body: &str,
    extra_headers: &[&str],
) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        body.len()
    );
    for header in extra_headers {
        head.push_str(header);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(body.as_bytes())?;
    stream.flush()
}

/// Close after a response: stop writing, then read and drop what the client
/// is still sending for a moment. Closing a socket with unread bytes resets
/// the connection, and a reset can discard the response before it is read.
fn linger(mut stream: TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let until = Instant::now() + LINGER;
    let mut buffer = [0u8; 4096];
    loop {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return;
        }
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
    }
}

/// Counts the connections being served; [`Slots::take`] gives a slot that
/// frees itself when dropped, or `None` when all are taken.
#[derive(Clone, Default)]
pub struct Slots(Arc<AtomicUsize>);

/// One connection's share of [`MAX_CONNECTIONS`], given back on drop.
pub struct Slot(Arc<AtomicUsize>);

impl Slots {
    pub fn take(&self) -> Option<Slot> {
        self.0
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |active| {
                (active < MAX_CONNECTIONS).then_some(active + 1)
            })
            .ok()
            .map(|_| Slot(Arc::clone(&self.0)))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Answer a connection beyond [`MAX_CONNECTIONS`] with 503, on the accepting
/// thread and without waiting for it: what it has sent already is read (so
/// closing does not reset the connection), nothing more.
pub fn refuse_busy(mut stream: TcpStream) {
    if stream.set_nonblocking(true).is_ok() {
        let mut buffer = [0u8; 4096];
        for _ in 0..(MAX_REQUEST_HEAD / buffer.len() + 1) {
            if !matches!(stream.read(&mut buffer), Ok(read) if read > 0) {
                break;
            }
        }
        let _ = stream.set_nonblocking(false);
    }
    let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
    let _ = write_plain(
        &mut stream,
        "503 Service Unavailable",
        "预览服务器正忙，请稍后重试 / the preview server is busy; try again in a moment\n",
        &["Retry-After: 1"],
    );
    let _ = stream.shutdown(Shutdown::Write);
}

/// A warning when `address` can be reached from other machines: the preview
/// shows drafts and unreviewed edits, and is not made to face a network.
pub fn exposure_warning(address: SocketAddr, lang: Lang) -> Option<String> {
    if address.ip().is_loopback() {
        return None;
    }
    Some(Note::ServeExposed.in_language(lang, &[&address.to_string()]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(method: &str, target: &str) -> Option<Result<Request, Refusal>> {
        Some(Ok(Request {
            method: method.into(),
            target: target.into(),
        }))
    }

    #[test]
    fn a_head_is_whole_at_its_blank_line() {
        assert_eq!(judge(b"GET / HTTP/1.1\r\nHost: x\r\n"), None);
        assert_eq!(
            judge(b"GET /a HTTP/1.1\r\nHost: x\r\n\r\n"),
            request("GET", "/a")
        );
        assert_eq!(judge(b"HEAD /b HTTP/1.0\n\n"), request("HEAD", "/b"));
        assert_eq!(judge(b"GET"), None);
        assert_eq!(judge(b"\r\n\r\n"), Some(Err(Refusal::Malformed)));
        assert_eq!(judge(b"GET\r\n\r\n"), Some(Err(Refusal::Malformed)));
    }

    #[test]
    fn limits_give_414_and_431_whether_or_not_the_head_is_whole() {
        let long_target = format!("GET /{} HTTP/1.1\r\n", "a".repeat(MAX_REQUEST_LINE));
        assert_eq!(
            judge(long_target.as_bytes()),
            Some(Err(Refusal::LineTooLong))
        );
        let unfinished = "a".repeat(MAX_REQUEST_LINE + 1);
        assert_eq!(
            judge(unfinished.as_bytes()),
            Some(Err(Refusal::LineTooLong))
        );
        let header = format!("X-Long: {}\r\n", "b".repeat(1000));
        let many = format!("GET / HTTP/1.1\r\n{}", header.repeat(17));
        assert_eq!(judge(many.as_bytes()), Some(Err(Refusal::HeadTooLarge)));
        let whole = format!("{many}\r\n");
        assert_eq!(judge(whole.as_bytes()), Some(Err(Refusal::HeadTooLarge)));
        let fits = format!("GET / HTTP/1.1\r\n{}\r\n", header.repeat(15));
        assert_eq!(judge(fits.as_bytes()), request("GET", "/"));
    }

    #[test]
    fn slots_run_out_and_come_back() {
        let slots = Slots::default();
        let taken: Vec<Slot> = (0..MAX_CONNECTIONS).map_while(|_| slots.take()).collect();
        assert_eq!(taken.len(), MAX_CONNECTIONS);
        assert!(slots.take().is_none());
        drop(taken);
        assert!(slots.take().is_some());
    }

    #[test]
    fn only_a_loopback_address_goes_unwarned() {
        for lang in [Lang::Zh, Lang::En] {
            assert_eq!(
                exposure_warning("127.0.0.1:1111".parse().unwrap(), lang),
                None
            );
            assert_eq!(exposure_warning("[::1]:1111".parse().unwrap(), lang), None);
        }
        for exposed in ["0.0.0.0:1111", "192.168.1.5:80", "[::]:1111"] {
            let zh = exposure_warning(exposed.parse().unwrap(), Lang::Zh).unwrap();
            assert!(zh.contains(exposed) && zh.starts_with("警告："), "{zh}");
            let en = exposure_warning(exposed.parse().unwrap(), Lang::En).unwrap();
            assert!(en.contains(exposed) && en.starts_with("warning: "), "{en}");
        }
    }
}

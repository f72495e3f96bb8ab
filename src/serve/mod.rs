//! `chengguo serve`: build in memory, serve over HTTP on loopback, rebuild on
//! every change and tell open pages to reload through server-sent events.
//!
//! A small HTTP/1.1 server on `std::net` (one thread per connection, every
//! response `Connection: close`, with the limits of [`http`]) is all a local
//! preview needs. Pages come from
//! memory only: nothing is written, `public/` included. A build that fails keeps
//! the last good site and sends its diagnostics to the pages, which show them
//! as an overlay; the next good build reloads them. The reload script is a
//! separate file under a reserved path and is added to served HTML only.

mod http;
mod open;
mod served;
mod watch;

use std::io::{self, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::BuildOptions;
use crate::config::{self, Lang};
use crate::diag::messages::Note;
use crate::diag::{Diagnostic, Diagnostics};
use crate::parse;
use crate::progress::{Mode, Progress, Terminal, Timer};
use crate::render::Renderer;

pub use http::exposure_warning;
pub use open::open_in_browser;
use served::{Found, Served};

/// The reserved folder, under the base path, of what `serve` adds to a site.
pub const RESERVED: &str = "__chengguo/";
const RELOAD_JS: &str = include_str!("reload.js");
const KEEPALIVE: Duration = Duration::from_secs(15);

/// What `serve` is asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: String,
    pub port: u16,
    /// Overrides `base_url` from the configuration (only its path is used).
    pub base_url: Option<String>,
    pub include_drafts: bool,
}

/// The site as last built, and the state of the latest build.
struct Snapshot {
    /// The last good build; `None` until there is one.
    site: Option<Arc<Served>>,
    base_path: String,
    /// Counts good builds; pages reload when it moves past the one they were served with.
    generation: u64,
    /// The last good build that changed a stylesheet or script: pages older than it
    /// reload in full, others swap in their new body.
    asset_generation: u64,
    /// Counts every build, good or bad, so event streams wake for each.
    version: u64,
    /// The diagnostics of the latest build if it failed, as text.
    error: Option<String>,
}

struct State {
    options: ServeOptions,
    /// What the last build parsed, so the next parses only what changed.
    /// (Rebuilds run one at a time, on the watcher's thread.)
    parsed: Mutex<parse::Cache>,
    snapshot: Mutex<Snapshot>,
    changed: Condvar,
}

/// A running server: its address, and its threads until the process ends.
pub struct Server {
    pub address: SocketAddr,
    pub base_path: String,
    state: Arc<State>,
    listener: TcpListener,
    _watch: watch::Watch,
}

impl Server {
    /// The URL of the site's home page.
    pub fn url(&self) -> String {
        format!("http://{}{}", self.address, self.base_path)
    }

    /// Serve until the process ends, one thread per connection up to
    /// [`http::MAX_CONNECTIONS`]; a connection beyond them is answered 503.
    pub fn run(self) -> io::Result<()> {
        let slots = http::Slots::default();
        for stream in self.listener.incoming() {
            let Ok(stream) = stream else { continue };
            let Some(slot) = slots.take() else {
                http::refuse_busy(stream);
                continue;
            };
            let state = Arc::clone(&self.state);
            std::thread::Builder::new()
                .name("chengguo-http".into())
                .spawn(move || {
                    let _slot = slot;
                    let _ = handle(stream, &state);
                })?;
        }
        Ok(())
    }
}

fn lock(state: &State) -> std::sync::MutexGuard<'_, Snapshot> {
    state.snapshot.lock().unwrap_or_else(|e| e.into_inner())
}

/// Build the site, bind the address and start watching; [`Server::run`] serves.
pub fn start(mut options: ServeOptions) -> io::Result<Server> {
    // The watcher reports absolute paths and compares them with the root, so
    // a relative root (`.`, the default, or `../site`) saw no change at all.
    // One absolute, symlink-free root from here on keeps every comparison true.
    options.root = options.root.canonicalize().map_err(|error| {
        io::Error::new(error.kind(), format!("{}: {error}", options.root.display()))
    })?;
    let listener = TcpListener::bind((options.bind.as_str(), options.port))?;
    let address = listener.local_addr()?;
    let state = Arc::new(State {
        options,
        parsed: Mutex::new(parse::Cache::keeping()),
        snapshot: Mutex::new(Snapshot {
            site: None,
            base_path: "/".into(),
            generation: 0,
            asset_generation: 0,
            version: 0,
            error: None,
        }),
        changed: Condvar::new(),
    });
    rebuild(&state);
    let watcher_state = Arc::clone(&state);
    let watch = watch::watch(&state.options.root, move || rebuild(&watcher_state))
        .map_err(|e| io::Error::other(e.to_string()))?;
    let base_path = lock(&state).base_path.clone();
    Ok(Server {
        address,
        base_path,
        state,
        listener,
        _watch: watch,
    })
}

/// Build the whole site again; keep the last good one if this build fails.
fn rebuild(state: &State) {
    let started = Instant::now();
    let root = &state.options.root;
    let config = config::load(root).ok();
    let lang = config.as_ref().map_or(Lang::Zh, |c| c.default_language);
    let base_path = served_base_path(state.options.base_url.as_deref(), config.as_ref());
    let options = BuildOptions {
        base_url: base_path.clone(),
        include_drafts: state.options.include_drafts,
    };
    // The last good site's index is out of date now: stop building it.
    let last_good = lock(state).site.clone();
    if let Some(site) = &last_good {
        site.supersede();
    }
    let result = build_in_memory(state, &options);
    let index_next;
    let mut snapshot = lock(state);
    snapshot.version += 1;
    match result {
        Ok(served) => {
            snapshot.take_good(Arc::clone(&served), base_path);
            let entries = served.entries().to_string();
            let took = started.elapsed().as_millis().to_string();
            // The first site served was built, not rebuilt.
            let note = if last_good.is_some() {
                Note::Rebuilt
            } else {
                Note::BuiltForPreview
            };
            eprintln!("{}", note.in_language(lang, &[&entries, &took]));
            index_next = Some(served);
        }
        Err(diagnostics) => {
            let sorted = diagnostics.sorted();
            let text = render_diagnostics(root, &sorted, lang);
            eprint!("{text}");
            eprintln!("{}", Note::RebuildFailed.in_language(lang, &[]));
            snapshot.error = Some(text);
            // It stays, so its index is wanted after all.
            index_next = last_good.filter(|site| !site.is_indexed());
        }
    }
    drop(snapshot);
    if let Some(site) = index_next {
        site.index_in_background();
    }
    state.changed.notify_all();
}

/// The path the site is served under: the configured one (or `--base-url`'s);
/// an origin in base_url is dropped so links stay local. `None` without a
/// configuration that loads.
fn served_base_path(base_url: Option<&str>, config: Option<&config::Config>) -> Option<String> {
    let config = config?;
    match base_url {
        Some(url) => {
            let mut config = config.clone();
            config.set_base_url(url).ok().map(|()| config.base_path)
        }
        None => Some(config.base_path.clone()),
    }
}

/// Everything but rendering: pages are rendered when asked for. One page of
/// each kind is rendered now, so a broken template fails the build (and
/// keeps the last good site) instead of every page that uses it.
fn build_in_memory(state: &State, options: &BuildOptions) -> Result<Arc<Served>, Diagnostics> {
    // Stage times for profiling (`CHENGGUO_PROGRESS=1`), otherwise quiet.
    let progress = match Mode::from_environment() {
        Mode::Always => Terminal::new(Mode::Always),
        _ => Terminal::new(Mode::Quiet),
    };
    let prepared = {
        let mut parsed = state.parsed.lock().unwrap_or_else(|e| e.into_inner());
        crate::assemble(&state.options.root, options, &progress, &mut parsed)?
    };
    let timer = Timer::start();
    let renderer = Renderer::new(Arc::new(prepared.site), prepared.theme);
    let mut failed = Diagnostics::new();
    for index in renderer.one_of_each() {
        if let Err(diagnostic) = renderer.render(index) {
            failed.push(diagnostic);
        }
    }
    if failed.has_errors() {
        return Err(failed);
    }
    progress.stage("pages", renderer.len(), "pages", timer.took());
    Ok(Served::new(renderer))
}

impl Snapshot {
    /// Serve `served` from now on, under `base_path` if the configuration
    /// gave one; pages reload, in full where a stylesheet, a script or the
    /// base path changed.
    fn take_good(&mut self, served: Arc<Served>, base_path: Option<String>) {
        let is_asset = |path: &String| path.ends_with(".css") || path.ends_with(".js");
        let assets_changed = match &self.site {
            Some(old) => served
                .statics()
                .keys()
                .chain(old.statics().keys())
                .filter(|p| is_asset(p))
                .any(|path| served.statics().get(path) != old.statics().get(path)),
            None => true,
        };
        self.site = Some(served);
        let base_changed = base_path.as_ref().is_some_and(|b| *b != self.base_path);
        if let Some(base_path) = base_path {
            self.base_path = base_path;
        }
        self.generation += 1;
        if assets_changed || base_changed {
            self.asset_generation = self.generation;
        }
        self.error = None;
    }
}

fn render_diagnostics(root: &Path, diagnostics: &[Diagnostic], lang: Lang) -> String {
    let sources = crate::diag::sources(root, diagnostics);
    diagnostics
        .iter()
        .map(|d| {
            let source = sources.get(&d.path).map(String::as_str);
            d.render(source, lang)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One request: read the head, answer, close.
fn handle(mut stream: TcpStream, state: &State) -> io::Result<()> {
    stream.set_write_timeout(Some(http::WRITE_TIMEOUT))?;
    let request = match http::read_request(&mut stream) {
        Ok(request) => request,
        Err(refusal) => return http::refuse(stream, &refusal),
    };
    let (method, target) = (request.method.as_str(), request.target.as_str());
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain; charset=utf-8",
            b"method not allowed\n",
            method == "HEAD",
        );
    }
    let is_head = method == "HEAD";
    let path = target.split(['?', '#']).next().unwrap_or("");
    let Some(path) = clean_path(path) else {
        return not_found(&mut stream, state, is_head);
    };
    let base_path = lock(state).base_path.clone();
    let Some(site_path) = path.strip_prefix(&base_path).map(str::to_string) else {
        if path == "/" || format!("{path}/") == base_path {
            return redirect(&mut stream, &base_path);
        }
        return not_found(&mut stream, state, is_head);
    };
    if site_path == format!("{RESERVED}reload.js") {
        return respond(
            &mut stream,
            "200 OK",
            "text/javascript; charset=utf-8",
            RELOAD_JS.as_bytes(),
            is_head,
        );
    }
    if site_path == format!("{RESERVED}events") {
        return events(stream, state);
    }
    if site_path.starts_with(RESERVED) {
        return not_found(&mut stream, state, is_head);
    }
    serve_site_file(stream, state, &site_path, is_head)
}

/// A file of the last good build at `site_path` (below the base path), with
/// the reload script in every page; the build's failure when there is none.
fn serve_site_file(
    mut stream: TcpStream,
    state: &State,
    site_path: &str,
    is_head: bool,
) -> io::Result<()> {
    let snapshot = lock(state);
    if snapshot.generation == 0 {
        // No good build yet: a page that shows why, and reloads once there is one.
        let text = snapshot.error.clone().unwrap_or_default();
        let base = snapshot.base_path.clone();
        drop(snapshot);
        return respond_error(
            &mut stream,
            "构建失败 / Build failed",
            &text,
            &base,
            0,
            is_head,
        );
    }
    let file = if site_path.is_empty() || site_path.ends_with('/') {
        format!("{site_path}index.html")
    } else {
        site_path.to_string()
    };
    let generation = snapshot.generation;
    let base = snapshot.base_path.clone();
    let Some(site) = snapshot.site.clone() else {
        drop(snapshot);
        return not_found(&mut stream, state, is_head);
    };
    drop(snapshot);
    match site.get(&file) {
        Found::File(bytes) => {
            let content_type = content_type(&file);
            if content_type.starts_with("text/html") {
                let html = inject(&bytes, &base, generation);
                return respond(&mut stream, "200 OK", content_type, &html, is_head);
            }
            respond(&mut stream, "200 OK", content_type, &bytes, is_head)
        }
        Found::Failed(message) => respond_error(
            &mut stream,
            "渲染失败 / Rendering failed",
            &message,
            &base,
            generation,
            is_head,
        ),
        Found::Missing if site.has(&format!("{site_path}/index.html")) => {
            redirect(&mut stream, &format!("{base}{site_path}/"))
        }
        Found::Missing => not_found(&mut stream, state, is_head),
    }
}

/// A 500 page with `text` shown as text under `title`; it reloads with the
/// next good build.
fn respond_error(
    stream: &mut TcpStream,
    title: &str,
    text: &str,
    base: &str,
    generation: u64,
    is_head: bool,
) -> io::Result<()> {
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head><meta charset=\"utf-8\"><title>{title}</title></head>\n<body>\n<pre>{}</pre>\n</body>\n</html>\n",
        escape_html(text)
    );
    let html = inject(page.as_bytes(), base, generation);
    respond(
        stream,
        "500 Internal Server Error",
        "text/html; charset=utf-8",
        &html,
        is_head,
    )
}

/// The decoded request path, or `None` if it is not a plain path inside the site
/// (`..` or `.` segments, encoded or not, backslashes, control characters).
fn clean_path(raw: &str) -> Option<String> {
    if !raw.starts_with('/') {
        return None;
    }
    let path = crate::url::percent_decode_strict(raw)?;
    let bad_segment = path.split('/').any(|s| s == ".." || s == ".");
    if bad_segment
        || path.contains('\\')
        || path.contains("//")
        || path.chars().any(char::is_control)
    {
        return None;
    }
    Some(path)
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Add the reload script before `</body>` (or at the end).
fn inject(html: &[u8], base: &str, generation: u64) -> Vec<u8> {
    let tag = format!(
        "<script src=\"{base}{RESERVED}reload.js\" data-chengguo-reload data-events=\"{base}{RESERVED}events\" data-generation=\"{generation}\" defer></script>\n"
    );
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(index) => format!("{}{tag}{}", &text[..index], &text[index..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

/// The site's own 404 page in the language the path is under, with status 404.
fn not_found(stream: &mut TcpStream, state: &State, is_head: bool) -> io::Result<()> {
    let snapshot = lock(state);
    let (site, base, generation) = (
        snapshot.site.clone(),
        snapshot.base_path.clone(),
        snapshot.generation,
    );
    drop(snapshot);
    let page = match site.map(|site| site.get("404.html")) {
        Some(Found::File(bytes)) => Some(inject(&bytes, &base, generation)),
        _ => None,
    };
    match page {
        Some(html) => respond(
            stream,
            "404 Not Found",
            "text/html; charset=utf-8",
            &html,
            is_head,
        ),
        None => respond(
            stream,
            "404 Not Found",
            "text/plain; charset=utf-8",
            b"not found\n",
            is_head,
        ),
    }
}

fn redirect(stream: &mut TcpStream, location: &str) -> io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    content_type: &str,
    body: &[u8],
    is_head: bool,
) -> io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if !is_head {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// The event stream: the build status now, then after every build.
fn events(mut stream: TcpStream, state: &State) -> io::Result<()> {
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 500\n\n",
    )?;
    let mut snapshot = lock(state);
    loop {
        let version = snapshot.version;
        let status = serde_json::json!({
            "generation": snapshot.generation,
            "assets": snapshot.asset_generation,
            "error": snapshot.error,
        });
        drop(snapshot);
        stream.write_all(format!("event: status\ndata: {status}\n\n").as_bytes())?;
        stream.flush()?;
        snapshot = lock(state);
        while snapshot.version == version {
            let (guard, timeout) = state
                .changed
                .wait_timeout(snapshot, KEEPALIVE)
                .unwrap_or_else(|e| e.into_inner());
            snapshot = guard;
            if timeout.timed_out() && snapshot.version == version {
                drop(snapshot);
                // A comment line: fails once the page is gone, ending this thread.
                stream.write_all(b": keepalive\n\n")?;
                snapshot = lock(state);
            }
        }
    }
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_outside_the_site() {
        for bad in [
            "/../etc/passwd",
            "/a/../../b",
            "/%2e%2e/config.yaml",
            "/%2E%2E%2fconfig.yaml",
            "/a/%2e/b",
            "/a\\..\\b",
            "//etc/passwd",
            "/%00",
            "/%zz",
            "relative",
        ] {
            assert_eq!(clean_path(bad), None, "{bad}");
        }
        assert_eq!(clean_path("/en/parks/").as_deref(), Some("/en/parks/"));
        assert_eq!(
            clean_path("/search/%E4%B8%AD").as_deref(),
            Some("/search/中")
        );
    }

    #[test]
    fn injects_the_script_before_the_end_of_body() {
        let html = inject(b"<html><body><p>x</p></body></html>", "/sub/", 3);
        let html = String::from_utf8(html).unwrap();
        assert!(html.starts_with("<html><body><p>x</p><script src=\"/sub/__chengguo/reload.js\""));
        assert!(html.ends_with("data-generation=\"3\" defer></script>\n</body></html>"));
    }
}

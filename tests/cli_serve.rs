//! The `chengguo serve` command as a user runs it: from the site's folder
//! with no `--root` or with a relative one, as the README says, a saved edit
//! shows in the page served over HTTP.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A running `chengguo serve`, stopped when dropped.
struct Serve {
    child: Child,
    /// `host:port` it listens on.
    address: String,
    /// The home page's URL path (the base path).
    base: String,
    /// Every line it wrote to standard error so far, as it arrives.
    stderr: mpsc::Receiver<String>,
    seen: Vec<String>,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Serve {
    /// Start `chengguo serve ARGS --port 0` in `dir`, with `env` set (a value of
    /// `None` removes the variable); returns once it prints its URL.
    fn start(dir: &Path, args: &[&str], env: &[(&str, Option<&str>)]) -> Serve {
        let mut command = Command::new(env!("CARGO_BIN_EXE_chengguo"));
        command
            .current_dir(dir)
            .arg("serve")
            .args(args)
            .args(["--port", "0"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (name, value) in env {
            match value {
                Some(value) => command.env(name, value),
                None => command.env_remove(name),
            };
        }
        let mut child = command.spawn().unwrap();
        let (sender, stderr) = mpsc::channel();
        let errors = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(errors).lines() {
                let Ok(line) = line else { break };
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        // Keep reading so that the server never blocks on a full pipe.
        std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
        let mut serve = Serve {
            child,
            address: String::new(),
            base: String::new(),
            stderr,
            seen: Vec::new(),
        };
        // `serving http://…` or `正在预览 http://…`, as the site speaks.
        let url = line
            .split_whitespace()
            .find_map(|word| word.strip_prefix("http://"))
            .unwrap_or_else(|| panic!("serve did not start: {line:?}\n{}", serve.log()));
        let slash = url.find('/').unwrap();
        serve.address = url[..slash].to_string();
        serve.base = url[slash..].to_string();
        serve
    }

    /// Standard error so far.
    fn log(&mut self) -> String {
        while let Ok(line) = self.stderr.try_recv() {
            self.seen.push(line);
        }
        self.seen.join("\n")
    }

    /// Wait until standard error has a line containing `text`.
    fn wait_for_log(&mut self, text: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(line) = self.seen.iter().find(|line| line.contains(text)) {
                return line.clone();
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.stderr.recv_timeout(left) {
                Ok(line) => self.seen.push(line),
                Err(_) => panic!("no {text:?} on standard error:\n{}", self.log()),
            }
        }
    }

    /// GET `path` (below the base path): the status code and the body.
    fn get(&self, path: &str) -> (u16, String) {
        let response = request(
            &self.address,
            format!(
                "GET {}{path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
                self.base, self.address
            )
            .as_bytes(),
        );
        let status = status_of(&response);
        let body = response
            .split_once("\r\n\r\n")
            .map_or("", |(_, body)| body)
            .to_string();
        (status, body)
    }

    /// GET `path` until its body contains `text`; panics after ten seconds.
    fn wait_for_page(&mut self, path: &str, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let (status, body) = self.get(path);
            if status == 200 && body.contains(text) {
                return;
            }
            if Instant::now() > deadline {
                panic!(
                    "{path} never showed {text:?} (last status {status})\n{}",
                    self.log()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// Send `bytes` as one request and read the whole response.
fn request(address: &str, bytes: &[u8]) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream.write_all(bytes).unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response).into_owned()
}

fn status_of(response: &str) -> u16 {
    response
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0)
}

/// The `minimal` fixture with the default theme, in `parent/site`.
fn site_in(parent: &Path) -> PathBuf {
    let site = parent.join("site");
    support::copy_tree(&support::repo().join("tests/fixtures/minimal"), &site);
    support::copy_tree(
        &support::repo().join("themes/default"),
        &site.join("themes/default"),
    );
    site
}

const PARK: &str = "content/parks/science-city.yaml";
const PARK_PAGE: &str = "parks/science-city/";

/// Save the park's Chinese title as `title`, the way editors' tools often do:
/// a temporary file beside it, renamed over it.
fn retitle_park(site: &Path, title: &str) {
    let path = site.join(PARK);
    let text = std::fs::read_to_string(&path).unwrap();
    let changed = text.replacen(
        "title: {zh: 西部(重庆)科学城",
        &format!("title: {{zh: {title}"),
        1,
    );
    assert_ne!(text, changed);
    let temporary = site.join("content/parks/.science-city.yaml.swp");
    std::fs::write(&temporary, changed).unwrap();
    std::fs::rename(&temporary, &path).unwrap();
}

/// Regression: `serve` with the default root (`.`) watched the site but
/// compared notify's absolute paths with the relative root, so no edit was
/// ever picked up: the README's own invocation never rebuilt.
#[test]
fn serve_run_from_the_site_folder_rebuilds_on_a_saved_edit() {
    let dir = tempfile::tempdir().unwrap();
    let site = site_in(dir.path());
    let mut serve = Serve::start(&site, &[], &[]);
    serve.wait_for_page(PARK_PAGE, "西部(重庆)科学城");
    retitle_park(&site, "默认根目录科学城");
    serve.wait_for_page(PARK_PAGE, "默认根目录科学城");
}

#[test]
fn serve_with_a_relative_root_rebuilds_on_a_saved_edit() {
    let dir = tempfile::tempdir().unwrap();
    let site = site_in(dir.path());
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let mut serve = Serve::start(&elsewhere, &["--root", "../site"], &[]);
    serve.wait_for_page(PARK_PAGE, "西部(重庆)科学城");
    retitle_park(&site, "相对根目录科学城");
    serve.wait_for_page(PARK_PAGE, "相对根目录科学城");
    // config.yaml, watched on its own at the top of the root, is seen too.
    let config = site.join("config.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{text}\n")).unwrap();
    let rebuilt = |serve: &mut Serve| serve.log().matches("已重新生成").count();
    let before = rebuilt(&mut serve);
    let deadline = Instant::now() + Duration::from_secs(10);
    while rebuilt(&mut serve) == before {
        assert!(Instant::now() < deadline, "config.yaml edit not seen");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The children of process `pid` as (pid, state), from /proc: state `Z` is a
/// zombie, a process that ended and was never waited for.
fn children_of(pid: u32) -> Vec<(u32, char)> {
    let mut children = Vec::new();
    for item in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(stat) = std::fs::read_to_string(item.path().join("stat")) else {
            continue;
        };
        // "PID (COMM) STATE PPID …"; COMM may hold spaces and parentheses.
        let Some((head, rest)) = stat.rsplit_once(')') else {
            continue;
        };
        let mut fields = rest.split_whitespace();
        let state = fields.next().and_then(|s| s.chars().next()).unwrap_or('?');
        let parent: Option<u32> = fields.next().and_then(|p| p.parse().ok());
        if parent == Some(pid) {
            let child = head.split_whitespace().next().and_then(|p| p.parse().ok());
            children.push((child.unwrap_or(0), state));
        }
    }
    children
}

/// Wait until `pid` has no child process left; panics, naming the zombies, if
/// one stays.
fn assert_no_child_left(pid: u32) {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let children = children_of(pid);
        if children.is_empty() {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "children of the server (Z = zombie): {children:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serve_open_without_a_display_says_so_and_gives_the_url() {
    let dir = tempfile::tempdir().unwrap();
    let site = site_in(dir.path());
    let mut serve = Serve::start(
        &site,
        &["--open"],
        &[
            ("DISPLAY", None),
            ("WAYLAND_DISPLAY", None),
            ("BROWSER", None),
        ],
    );
    let url = format!("http://{}{}", serve.address, serve.base);
    // The minimal site speaks Chinese.
    let note = serve.wait_for_log("没有图形界面", Duration::from_secs(5));
    assert!(note.contains(&url), "{note}");
    assert_no_child_left(serve.child.id());
    // The server serves on regardless.
    assert_eq!(serve.get("").0, 200);
}

/// Regression: the opener was spawned and never waited for, so once it
/// ended it stayed a zombie for as long as the server ran.
#[test]
fn serve_open_reaps_a_failing_opener_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let site = site_in(dir.path());
    let mut serve = Serve::start(
        &site,
        &["--open"],
        &[("DISPLAY", Some(":99")), ("BROWSER", Some("false"))],
    );
    let url = format!("http://{}{}", serve.address, serve.base);
    let note = serve.wait_for_log("未能打开浏览器", Duration::from_secs(5));
    assert!(note.contains(&url) && note.contains("请手动打开"), "{note}");
    assert_no_child_left(serve.child.id());
}

#[test]
fn serve_open_runs_the_browser_variable_reaps_it_and_stays_quiet() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let site = site_in(dir.path());
    let opened = dir.path().join("opened");
    let opener = dir.path().join("opener.sh");
    std::fs::write(
        &opener,
        format!("#!/bin/sh\necho \"$1\" > '{}'\n", opened.display()),
    )
    .unwrap();
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut serve = Serve::start(
        &site,
        &["--open"],
        &[
            ("DISPLAY", Some(":99")),
            ("BROWSER", Some(opener.to_str().unwrap())),
        ],
    );
    let deadline = Instant::now() + Duration::from_secs(5);
    while std::fs::read_to_string(&opened).map_or(true, |text| !text.ends_with('\n')) {
        assert!(Instant::now() < deadline, "the opener never ran");
        std::thread::sleep(Duration::from_millis(20));
    }
    let url = format!("http://{}{}\n", serve.address, serve.base);
    assert_eq!(std::fs::read_to_string(&opened).unwrap(), url);
    assert_no_child_left(serve.child.id());
    assert!(!serve.log().contains("注意："), "{}", serve.log());
}

/// Connect to the server with a read timeout long enough for any answer.
fn connect(address: &str) -> TcpStream {
    let stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream
}

fn read_all(stream: &mut TcpStream) -> String {
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response).into_owned()
}

/// Regression (slowloris): the read timeout was per read, so a client sending
/// a byte every few seconds held its thread for as long as it liked.
#[test]
fn serve_drops_a_request_sent_one_byte_a_second_after_a_few_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let site = site_in(dir.path());
    let serve = Serve::start(&site, &[], &[]);
    let mut stream = connect(&serve.address);
    let started = Instant::now();
    let mut writer = stream.try_clone().unwrap();
    let dripping = std::thread::spawn(move || {
        for byte in b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: "
            .iter()
            .cycle()
            .take(30)
        {
            if writer.write_all(&[*byte]).is_err() {
                return;
            }
            std::thread::sleep(Duration::from_secs(1));
        }
    });
    let response = read_all(&mut stream);
    let took = started.elapsed();
    assert_eq!(status_of(&response), 408, "{response}");
    assert!(
        took >= Duration::from_secs(4) && took < Duration::from_secs(9),
        "dropped after {took:?}"
    );
    dripping.join().unwrap();
    // The server still answers others.
    assert_eq!(serve.get("").0, 200);
}

#[test]
fn serve_answers_414_and_431_for_an_over_long_request_line_or_head() {
    let dir = tempfile::tempdir().unwrap();
    let site = site_in(dir.path());
    let serve = Serve::start(&site, &[], &[]);
    let long_line = format!("GET /{} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(10 * 1024));
    let response = request(&serve.address, long_line.as_bytes());
    assert_eq!(status_of(&response), 414, "{response}");
    assert!(response.contains("请求行过长"), "{response}");

    let header = format!("X-Filler: {}\r\n", "b".repeat(1000));
    let long_head = format!("GET / HTTP/1.1\r\n{}\r\n", header.repeat(20));
    let response = request(&serve.address, long_head.as_bytes());
    assert_eq!(status_of(&response), 431, "{response}");
    assert!(response.contains("请求头过长"), "{response}");

    // A head that never ends gets 431 too, once it passes the limit.
    let mut stream = connect(&serve.address);
    let endless = format!("GET / HTTP/1.1\r\n{}", header.repeat(40));
    stream.write_all(endless.as_bytes()).unwrap();
    assert_eq!(status_of(&read_all(&mut stream)), 431);

    // Big but within the limits: served.
    let fits = format!(
        "GET {}{PARK_PAGE} HTTP/1.1\r\nHost: x\r\n{}\r\n",
        serve.base,
        header.repeat(10)
    );
    let response = request(&serve.address, fits.as_bytes());
    assert_eq!(status_of(&response), 200);
}

#[test]
fn serve_answers_503_beyond_its_connection_cap_and_recovers() {
    const CAP: usize = 64;
    let dir = tempfile::tempdir().unwrap();
    let site = site_in(dir.path());
    let serve = Serve::start(&site, &[], &[]);
    // Connections that send nothing hold a thread each until the deadline.
    let idle: Vec<TcpStream> = (0..CAP).map(|_| connect(&serve.address)).collect();
    let mut beyond = connect(&serve.address);
    let response = read_all(&mut beyond);
    assert_eq!(status_of(&response), 503, "{response}");
    assert!(response.contains("Retry-After: 1"), "{response}");
    // Each idle one is dropped with 408 at the deadline, and the slots come back.
    for mut stream in idle {
        assert_eq!(status_of(&read_all(&mut stream)), 408);
    }
    let deadline = Instant::now() + Duration::from_secs(5);
    while serve.get("").0 != 200 {
        assert!(Instant::now() < deadline, "no slot came back");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serve_warns_when_other_machines_can_reach_it() {
    let dir = tempfile::tempdir().unwrap();
    let site = site_in(dir.path());
    let mut exposed = Serve::start(&site, &["--bind", "0.0.0.0"], &[]);
    let warning = exposed.wait_for_log("警告：预览服务器监听", Duration::from_secs(5));
    assert!(
        warning.contains("0.0.0.0:") && warning.contains("--bind 127.0.0.1"),
        "{warning}"
    );
    assert!(warning.starts_with("警告："), "{warning}");
    let mut local = Serve::start(&site, &[], &[]);
    assert_eq!(local.get("").0, 200);
    assert!(!local.log().contains("警告"), "{}", local.log());
}

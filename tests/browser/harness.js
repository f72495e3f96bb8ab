// Shared helpers for the end-to-end tests: build a site with the release
// binary, serve it with a real static server (nginx) on 127.0.0.1, and drive
// Debian's Chromium through playwright-core. A missing browser is a failure.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const REPO = path.resolve(import.meta.dirname, '..', '..');
/**
 * Cargo's target folder, as cargo itself reports it: `./target` unless
 * CARGO_TARGET_DIR (or a cargo config) puts it elsewhere.
 */
export const TARGET_DIR = JSON.parse(execFileSync('cargo', ['metadata', '--format-version', '1', '--no-deps'], {
  cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024,
})).target_directory;
/** The release binary `cargo build --release` made (scripts/test builds it first). */
export const BIN = path.join(TARGET_DIR, 'release', 'chengguo');
if (!fs.existsSync(BIN)) throw new Error(`${BIN} not found: run \`cargo build --release\` first`);
export const CHROMIUM = '/usr/bin/chromium';
export const NGINX = '/usr/sbin/nginx';

/** Build the site at `root` into a fresh temporary folder; returns the folder. */
export function buildSite({ root = REPO, baseUrl } = {}) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'chengguo-e2e-'));
  const output = path.join(out, 'public');
  const args = ['build', '--root', root, '--output', output];
  if (baseUrl) args.push('--base-url', baseUrl);
  execFileSync(BIN, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  return output;
}

/** The hostile fixture site with the default theme beside it, in a temporary root. */
export function hostileRoot() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'chengguo-hostile-'));
  fs.cpSync(path.join(REPO, 'tests', 'fixtures', 'hostile'), root, { recursive: true });
  fs.cpSync(path.join(REPO, 'themes', 'default'), path.join(root, 'themes', 'default'), { recursive: true });
  return root;
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export async function waitForPort(port, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => { socket.end(); resolve(true); });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on 127.0.0.1:${port}`);
}

/**
 * Serve `dir` with nginx under `prefix` (a sub-path such as /showcase/, or /).
 * Missing pages get the site's own 404 page, in English under `en/`; `headers` ([name, value] pairs)
 * are added to every response. Returns { origin, url, stop }.
 */
export async function serveWithNginx(dir, prefix = '/', headers = []) {
  if (!fs.existsSync(NGINX)) throw new Error(`nginx not found at ${NGINX}: run scripts/test to install it`);
  const port = await freePort();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'chengguo-nginx-'));
  const notFound = `${prefix}404.html`;
  const conf = `
daemon off;
master_process off;
worker_processes 1;
pid ${work}/nginx.pid;
error_log ${work}/error.log warn;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${work}/body;
  proxy_temp_path ${work}/proxy;
  fastcgi_temp_path ${work}/fastcgi;
  uwsgi_temp_path ${work}/uwsgi;
  scgi_temp_path ${work}/scgi;
  gzip on;
  gzip_types text/css application/javascript application/json;
  server {
    listen 127.0.0.1:${port};
    server_name localhost;
    ${headers.map(([name, value]) => `add_header ${name} "${value}" always;`).join('\n    ')}
    location ${prefix} {
      alias ${dir}/;
      index index.html;
      error_page 404 ${notFound};
    }
    location = ${notFound} { alias ${dir}/404.html; internal; }
    ${fs.existsSync(path.join(dir, 'en', '404.html')) ? `location ${prefix}en/ {
      alias ${dir}/en/;
      index index.html;
      error_page 404 ${prefix}en/404.html;
    }
    location = ${prefix}en/404.html { alias ${dir}/en/404.html; internal; }` : ''}
  }
}
`;
  fs.writeFileSync(path.join(work, 'nginx.conf'), conf);
  const child = spawn(NGINX, ['-p', work, '-c', path.join(work, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  try {
    await waitForPort(port);
  } catch (error) {
    child.kill();
    throw new Error(`nginx did not start: ${stderr}\n${error.message}`);
  }
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}${prefix}`,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/** Launch Debian's Chromium headless. Throws if it is not installed. */
export async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: run scripts/test to install it`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
    ],
  });
}

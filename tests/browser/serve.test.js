// `chengguo serve` end to end on a temporary copy of the bundled site, in
// Debian's Chromium: a saved edit shows up without a manual reload (and how
// long that takes is measured), a broken build shows its diagnostics over the
// last good page, fixing it clears them, deleted and renamed entries follow,
// paths outside the site get 404, and nothing is written to the site's folder.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BIN, REPO, launchBrowser } from './harness.js';

/** The bundled site's sources in a fresh temporary folder. */
function copySite() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'chengguo-serve-'));
  for (const name of ['config.yaml', 'content', 'themes', 'static']) {
    const from = path.join(REPO, name);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(root, name), { recursive: true });
  }
  return root;
}

/**
 * Start `chengguo serve` on a free port; resolves once it prints its URL.
 * With `cwd`, it runs there and `root` is passed as written (relative, or
 * `null` for no `--root` at all), as the README's own commands are run.
 */
async function startServe(root, extra = [], { cwd } = {}) {
  const rootArgs = root === null ? [] : ['--root', root];
  const child = spawn(BIN, ['serve', ...rootArgs, '--port', '0', ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd,
  });
  let log = '';
  child.stderr.on('data', (chunk) => { log += chunk; });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${log}`)), 20000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /(?:serving|正在预览) (http:\/\/\S+)/.exec(out);
      if (match) { clearTimeout(timer); resolve(match[1]); }
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${log}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    log: () => log,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/** Save the way many editors do: write a temporary file beside it, then rename it over. */
function saveByRename(file, text) {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.swp-${process.pid}`);
  fs.writeFileSync(temp, text);
  fs.renameSync(temp, file);
}

/** A raw GET, so `..` reaches the server as written (fetch would normalise it). */
function rawGet(origin, target) {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(`GET ${target} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`);
    });
    let data = '';
    socket.on('data', (chunk) => { data += chunk; });
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
}

const ENTRY = 'content/achievements/nano-displacement-measurement.zh.md';
const ENTRY_URL = 'achievements/nano-displacement-measurement/';

describe('chengguo serve on the bundled site', () => {
  let root;
  let server;
  let browser;
  let original;
  before(async () => {
    root = copySite();
    original = fs.readFileSync(path.join(root, ENTRY), 'utf8');
    server = await startServe(root);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  test('a saved edit shows in the open page without reloading by hand; measures save-to-reload', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${server.url}${ENTRY_URL}`);
    assert.equal(response.status(), 200);
    assert.match(await page.locator('h1').first().innerText(), /纳米位移测量技术/);
    // Wait until the page listens for rebuilds.
    await page.waitForSelector('script[data-chengguo-reload][data-connected]', { state: 'attached' });
    const times = [];
    for (let round = 1; round <= 5; round += 1) {
      const title = `纳米位移测量技术(第 ${round} 次修改)`;
      const started = performance.now();
      saveByRename(path.join(root, ENTRY), original.replace('title: 纳米位移测量技术', `title: ${title}`));
      await page.waitForFunction((t) => document.querySelector('h1')?.textContent.includes(t), title, { timeout: 10000, polling: 5 });
      times.push(performance.now() - started);
      await page.waitForSelector('script[data-chengguo-reload][data-connected]', { state: 'attached' });
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    console.log(`save-to-reload on the bundled site: median ${median.toFixed(0)} ms, `
      + `min ${times[0].toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms over ${times.length} edits`);
    assert.ok(median < 1500, `median save-to-reload ${median} ms`);
    await page.close();
  });

  test('a broken build shows the diagnostics over the last good page; fixing it clears them', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}${ENTRY_URL}`);
    const good = await page.locator('h1').first().innerText();
    const broken = original.replace('stage: 产业化', 'stage: 产业<b>化x');
    saveByRename(path.join(root, ENTRY), broken);
    const overlay = page.locator('#chengguo-build-error');
    await overlay.waitFor({ timeout: 10000 });
    const text = await overlay.innerText();
    assert.match(text, /nano-displacement-measurement\.zh\.md:6:8: 错误: 字段 "stage": 未知的值 "产业<b>化x"/);
    assert.match(text, /6 \| stage: 产业<b>化x/, 'the offending line is shown');
    assert.match(text, /构建失败/);
    // The markup in the bad value is shown as text, not parsed.
    assert.equal(await overlay.locator('b').count(), 0);
    // The last good site is still served underneath, to this page and to new requests.
    assert.equal(await page.locator('h1').first().innerText(), good);
    const again = await fetch(`${server.url}${ENTRY_URL}`);
    assert.equal(again.status, 200);
    assert.match(await again.text(), /纳米位移测量技术/);

    // The overlay can be closed to look at the last good page.
    await overlay.locator('button').click();
    assert.equal(await page.locator('#chengguo-build-error').count(), 0);

    const fixed = original.replace('title: 纳米位移测量技术', 'title: 纳米位移测量技术(已修复)');
    saveByRename(path.join(root, ENTRY), fixed);
    await page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('已修复'), null, { timeout: 10000 });
    assert.equal(await page.locator('#chengguo-build-error').count(), 0);
    await page.close();
  });

  test('a template that fails while rendering keeps the last good site and shows why', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}${ENTRY_URL}`);
    const good = await page.locator('h1').first().innerText();
    const template = path.join(root, 'themes/default/templates/entry.html');
    const html = fs.readFileSync(template, 'utf8');
    // It compiles, but fails on every entry page: the field does not exist.
    saveByRename(template, html.replace('{{ entry.slug }}', '{{ entry.no_such_field.x }}'));
    const overlay = page.locator('#chengguo-build-error');
    await overlay.waitFor({ timeout: 10000 });
    assert.match(await overlay.innerText(), /entry\.html/);
    assert.equal(await page.locator('h1').first().innerText(), good);
    const again = await fetch(`${server.url}${ENTRY_URL}`);
    assert.equal(again.status, 200, 'the last good page is still served');
    saveByRename(template, html);
    await overlay.waitFor({ state: 'detached', timeout: 10000 });
    await page.close();
  });

  test('theme edits show too: a stylesheet reloads the page, a template swaps in', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}en/${ENTRY_URL}`);
    await page.waitForSelector('script[data-chengguo-reload][data-connected]', { state: 'attached' });
    const css = path.join(root, 'themes/default/static/style.css');
    fs.appendFileSync(css, '\nbody { outline: 3px solid rgb(1, 2, 3); }\n');
    // The page reloads: while its head is parsed there is no body yet.
    await page.waitForFunction(() => document.body && getComputedStyle(document.body).outlineColor === 'rgb(1, 2, 3)', null, { timeout: 10000 });
    const template = path.join(root, 'themes/default/templates/base.html');
    const html = fs.readFileSync(template, 'utf8');
    saveByRename(template, html.replace('</body>', '<p id="added-by-test">added</p></body>'));
    await page.waitForSelector('#added-by-test', { timeout: 10000 });
    await page.close();
  });

  test('deleted and renamed entries follow, and new pages open too', async () => {
    const from = path.join(root, 'content/parks/dachuanggu.zh.md');
    const to = path.join(root, 'content/parks/dachuanggu-renamed.zh.md');
    const en = path.join(root, 'content/parks/dachuanggu.en.md');
    const waitFor = async (url, status) => {
      const deadline = Date.now() + 10000;
      for (;;) {
        const response = await fetch(url);
        if (response.status === status) return;
        if (Date.now() > deadline) throw new Error(`${url} still answers ${response.status}\n${server.log()}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    };
    fs.renameSync(from, to);
    fs.renameSync(en, path.join(root, 'content/parks/dachuanggu-renamed.en.md'));
    await waitFor(`${server.url}parks/dachuanggu-renamed/`, 200);
    await waitFor(`${server.url}parks/dachuanggu/`, 404);
    fs.rmSync(to);
    fs.rmSync(path.join(root, 'content/parks/dachuanggu-renamed.en.md'));
    await waitFor(`${server.url}parks/dachuanggu-renamed/`, 404);
  });

  test('a content folder replaced as a whole (a git checkout, say) is watched afresh', async () => {
    const content = path.join(root, 'content');
    const aside = `${root}-content-aside`;
    fs.renameSync(content, aside);
    fs.cpSync(aside, content, { recursive: true });
    fs.rmSync(aside, { recursive: true, force: true });
    await new Promise((r) => setTimeout(r, 300));
    const file = path.join(root, ENTRY);
    saveByRename(file, original.replace('title: 纳米位移测量技术', 'title: 纳米位移测量技术(检出之后)'));
    const deadline = Date.now() + 10000;
    for (;;) {
      const html = await (await fetch(`${server.url}${ENTRY_URL}`)).text();
      if (html.includes('检出之后')) break;
      if (Date.now() > deadline) throw new Error(`the edit after the checkout was not seen\n${server.log()}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  });

  test('the search index, built in the background, is served and answers a search', async () => {
    const manifest = await fetch(`${server.url}search-index/zh/manifest.json`);
    assert.equal(manifest.status, 200);
    const { count } = await manifest.json();
    const entries = fs.readdirSync(path.join(root, 'content'), { recursive: true })
      .filter((f) => /\.(yaml|zh\.md)$/.test(f)).length;
    assert.ok(count > 0 && count <= entries, `${count} documents for ${entries} entry files`);
    const page = await browser.newPage();
    await page.goto(`${server.url}search/?q=${encodeURIComponent('科学城')}`);
    await page.waitForSelector('#search-results[data-state="done"]', { state: 'attached' });
    const found = Number(await page.locator('#search-results').getAttribute('data-count'));
    assert.ok(found > 0, 'a search under serve finds entries');
    await page.close();
  });

  test('paths outside the site get 404, and the reserved paths are served', async () => {
    for (const target of ['/../config.yaml', '/%2e%2e/config.yaml', '/%2E%2E%2Fconfig.yaml', '/en/../../content/',
      '/..%5cconfig.yaml', '/no-such-page/']) {
      const answer = await rawGet(server.origin, target);
      assert.match(answer, /^HTTP\/1\.1 404 /, target);
      assert.doesNotMatch(answer, /vocabularies:/, target);
    }
    const script = await fetch(`${server.url}__chengguo/reload.js`);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type'), /javascript/);
    const page = await (await fetch(server.url)).text();
    assert.match(page, /<script src="\/__chengguo\/reload\.js" data-chengguo-reload/);
    assert.doesNotMatch(page, /<script>/, 'no inline script');
  });

  test('serve writes nothing, and build output has no reload script', () => {
    assert.equal(fs.existsSync(path.join(root, 'public')), false);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'chengguo-build-'));
    execFileSync(BIN, ['build', '--root', root, '--output', out], { stdio: 'ignore' });
    for (const name of fs.readdirSync(out, { recursive: true })) {
      if (!name.endsWith('.html')) continue;
      assert.doesNotMatch(fs.readFileSync(path.join(out, name), 'utf8'), /__chengguo/, name);
    }
    fs.rmSync(out, { recursive: true, force: true });
  });
});

// Regression: with the default root (`.`) or any relative `--root`, the
// watcher compared notify's absolute paths with the relative root and never
// rebuilt, so the README's own `chengguo serve` gave no live reload.
describe('chengguo serve run from the site folder, as the README says', () => {
  let root;
  let sibling;
  let browser;
  before(async () => {
    root = copySite();
    sibling = `${root}-elsewhere`;
    fs.mkdirSync(sibling);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    if (root) fs.rmSync(root, { recursive: true, force: true });
    if (sibling) fs.rmSync(sibling, { recursive: true, force: true });
  });

  for (const [name, rootArg, cwd] of [
    ['no --root, in the site folder', null, () => root],
    ['--root ../site-folder, from a sibling folder', () => `../${path.basename(root)}`, () => sibling],
    ['--root ., in the site folder', () => '.', () => root],
  ]) {
    test(`${name}: a saved edit reloads the open page`, async () => {
      const server = await startServe(typeof rootArg === 'function' ? rootArg() : rootArg, [], { cwd: cwd() });
      try {
        const page = await browser.newPage();
        const response = await page.goto(`${server.url}${ENTRY_URL}`);
        assert.equal(response.status(), 200);
        await page.waitForSelector('script[data-chengguo-reload][data-connected]', { state: 'attached' });
        const file = path.join(root, ENTRY);
        const text = fs.readFileSync(file, 'utf8');
        const title = `纳米位移测量技术(${name})`;
        saveByRename(file, text.replace(/^title: .*$/m, `title: ${title}`));
        await page.waitForFunction((t) => document.querySelector('h1')?.textContent.includes(t), title,
          { timeout: 10000, polling: 25 }).catch((error) => {
          throw new Error(`${error.message}\n${server.log()}`);
        });
        await page.close();
      } finally {
        await server.stop();
      }
    });
  }
});

describe('chengguo serve under a base path', () => {
  let root;
  let server;
  before(async () => {
    root = copySite();
    server = await startServe(root, ['--base-url', 'https://example.org/showcase/']);
  });
  after(async () => {
    await server?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  test('pages are served under the base path with local links, the root redirects there', async () => {
    assert.equal(new URL(server.url).pathname, '/showcase/');
    const response = await fetch(`${server.url}en/parks/`);
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(html, /href="\/showcase\/en\/parks\/dachuanggu\/"/);
    assert.match(html, /src="\/showcase\/__chengguo\/reload\.js"/);
    const root = await fetch(`${server.origin}/`, { redirect: 'manual' });
    assert.equal(root.status, 302);
    assert.equal(root.headers.get('location'), '/showcase/');
    assert.match(await rawGet(server.origin, '/showcase/../config.yaml'), /^HTTP\/1\.1 404 /);
    assert.match(await rawGet(server.origin, '/elsewhere/'), /^HTTP\/1\.1 404 /);
  });
});

describe('chengguo serve on a site that does not build yet', () => {
  let root;
  let server;
  let browser;
  before(async () => {
    root = copySite();
    const config = path.join(root, 'config.yaml');
    fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace('page_size: 20', 'page_size: <zero>'));
    server = await startServe(root);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  test('shows why, escaped, then the site once it is fixed', async () => {
    const response = await fetch(server.url);
    assert.equal(response.status, 500);
    const html = await response.text();
    assert.match(html, /config\.yaml:\d+:\d+: 错误: 字段 &quot;page_size&quot;/);
    assert.match(html, /page_size: &lt;zero&gt;/);
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.waitForSelector('#chengguo-build-error');
    const config = path.join(root, 'config.yaml');
    saveByRename(config, fs.readFileSync(config, 'utf8').replace('page_size: <zero>', 'page_size: 20'));
    await page.waitForSelector('main', { timeout: 10000 });
    assert.equal(await page.locator('#chengguo-build-error').count(), 0);
    await page.close();
  });
});

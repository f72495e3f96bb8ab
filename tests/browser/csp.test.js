// The default theme's Content-Security-Policy (issue 11): every page of the
// bundled site carries it in a <meta>, and nginx adds the headers of the
// build's `_headers` file the way the README's nginx lines do. Chromium must
// report no violation on any page (every .html file the build wrote), search
// must work under the policy, and `chengguo serve`'s reload script (a file,
// not inline) must keep working under it. A control shows that the listener
// does see what the policy blocks.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BIN, REPO, buildSite, launchBrowser, serveWithNginx } from './harness.js';

/** The headers `_headers` sets for every path, as [name, value] pairs. */
function headersFile(dir) {
  const text = fs.readFileSync(path.join(dir, '_headers'), 'utf8');
  const lines = text.split('\n').filter((l) => l && !l.startsWith('#'));
  assert.equal(lines[0], '/*');
  return lines.slice(1).map((line) => {
    const at = line.indexOf(':');
    return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
  });
}

/** Every .html file under `dir`, as paths relative to it with `/`. */
function htmlFiles(dir) {
  const found = [];
  const walk = (sub) => {
    for (const item of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const relative = sub ? `${sub}/${item.name}` : item.name;
      if (item.isDirectory()) walk(relative);
      else if (item.name.endsWith('.html')) found.push(relative);
    }
  };
  walk('');
  return found.sort();
}

/**
 * A page that records every CSP violation (the DOM event, before any script
 * of the page runs), every console error or warning and every page error.
 */
async function watchedPage(browser) {
  const page = await browser.newPage();
  const problems = [];
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
    }, true);
  });
  // A failed load is reported with its URL below; the console says it without.
  page.on('console', (m) => {
    const failedLoad = m.text().startsWith('Failed to load resource');
    if ((m.type() === 'error' || m.type() === 'warning') && !failedLoad) problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('response', (r) => {
    const expected404 = r.request().isNavigationRequest() && r.status() === 404 && /no-such-page/.test(r.url());
    if (r.status() >= 400 && !expected404) problems.push(`${r.url()}: status ${r.status()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  const violations = async () => {
    // Violation events are queued as tasks: let them arrive.
    await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
    return page.evaluate(() => window.cspViolations);
  };
  return { page, problems, violations };
}

describe('the Content-Security-Policy of the bundled site', () => {
  let dir;
  let server;
  let browser;
  let headers;
  before(async () => {
    dir = buildSite();
    headers = headersFile(dir);
    server = await serveWithNginx(dir, '/', headers);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the headers file and the pages carry the same policy, frame-ancestors in the header only', async () => {
    const byName = Object.fromEntries(headers);
    const policy = byName['Content-Security-Policy'];
    assert.match(policy, /^default-src 'self'; /);
    assert.match(policy, /frame-ancestors 'self'/);
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval/);
    assert.equal(byName['X-Content-Type-Options'], 'nosniff');
    assert.equal(byName['Referrer-Policy'], 'strict-origin-when-cross-origin');
    const response = await fetch(server.url);
    assert.equal(response.headers.get('content-security-policy'), policy);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    const html = await response.text();
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
    assert.ok(meta, 'the home page has a policy <meta>');
    const metaPolicy = meta[1].replaceAll('&#39;', "'");
    assert.equal(metaPolicy, policy.replace(/; frame-ancestors 'self'/, ''));
  });

  test('no page of the site reports a violation or a console error', async () => {
    const files = htmlFiles(dir);
    assert.ok(files.length > 200, `only ${files.length} pages`);
    const failures = [];
    // Two pages at a time: the machine has two cores.
    const queue = [...files];
    const worker = async () => {
      const { page, problems, violations } = await watchedPage(browser);
      for (let file = queue.shift(); file; file = queue.shift()) {
        // A 404 page is seen as a reader sees it: at a path that does not exist.
        const notFound = /(^|\/)404\.html$/.test(file);
        const url = notFound
          ? `${server.url}${file.replace(/404\.html$/, 'no-such-page/')}`
          : `${server.url}${file.replace(/(^|\/)index\.html$/, '$1')}`;
        const response = await page.goto(url);
        if (response.status() !== (notFound ? 404 : 200)) failures.push(`${url}: status ${response.status()}`);
        if (!(await page.locator('meta[http-equiv="Content-Security-Policy"]').count())) failures.push(`${url}: no policy <meta>`);
        for (const v of await violations()) failures.push(`${url}: ${v}`);
        for (const p of problems.splice(0)) failures.push(`${url}: ${p}`);
      }
      await page.close();
    };
    await Promise.all([worker(), worker()]);
    assert.deepEqual(failures, []);
  });

  test('search works under the policy', async () => {
    for (const [searchPath, query] of [['search/', '科学城'], ['en/search/', 'science city']]) {
      const { page, problems, violations } = await watchedPage(browser);
      await page.goto(`${server.url}${searchPath}`);
      await page.fill('#search-q', query);
      await page.waitForSelector('#search-results[data-state="done"]', { state: 'attached' });
      const count = Number(await page.getAttribute('#search-results', 'data-count'));
      assert.ok(count > 0, `no results for ${query}`);
      assert.ok(await page.locator('#search-results li a[href]').count() > 0);
      assert.deepEqual(await violations(), []);
      assert.deepEqual(problems, []);
      await page.close();
    }
  });

  test('control: an inline script or style attribute is blocked and seen; CSSOM styling is not', async () => {
    const { page, violations } = await watchedPage(browser);
    await page.goto(server.url);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.body.append(script);
      document.body.setAttribute('style', 'color: red');
      // What search.js and serve's reload.js do: allowed.
      document.querySelector('main').style.outline = '1px solid blue';
    });
    const seen = await violations();
    assert.equal(await page.evaluate(() => window.inlineRan), undefined);
    assert.ok(seen.some((v) => v.startsWith('script-src')), seen.join('\n'));
    assert.ok(seen.some((v) => v.startsWith('style-src')), seen.join('\n'));
    // Nothing else: the outline set through CSSOM is not a violation.
    assert.ok(seen.every((v) => /^(script-src|style-src)/.test(v)), seen.join('\n'));
    assert.equal(await page.$eval('main', (m) => getComputedStyle(m).outlineStyle), 'solid');
    await page.close();
  });
});

describe('chengguo serve under the policy', () => {
  let root;
  let child;
  let url;
  let browser;
  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'chengguo-csp-serve-'));
    for (const name of ['config.yaml', 'content', 'themes']) {
      fs.cpSync(path.join(REPO, name), path.join(root, name), { recursive: true });
    }
    child = spawn(BIN, ['serve', '--root', root, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    url = await new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error('serve did not start')), 20000);
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const match = /(?:serving|正在预览) (http:\/\/\S+)/.exec(out);
        if (match) { clearTimeout(timer); resolve(match[1]); }
      });
    });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  test('the reload script connects, reloads an edit and shows a failed build, with no violation', async () => {
    const { page, problems, violations } = await watchedPage(browser);
    const entryUrl = `${url}parks/western-science-city/`;
    const entry = path.join(root, 'content/parks/western-science-city.yaml');
    await page.goto(entryUrl);
    assert.ok(await page.locator('meta[http-equiv="Content-Security-Policy"]').count());
    await page.waitForSelector('script[data-chengguo-reload][data-connected]', { state: 'attached' });
    const original = fs.readFileSync(entry, 'utf8');
    assert.match(original, /zh: 西部（重庆）科学城/);
    fs.writeFileSync(entry, original.replace('zh: 西部（重庆）科学城', 'zh: 西部（重庆）科学城·改'));
    await page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('科学城·改'), null, { timeout: 10000 });
    fs.writeFileSync(entry, `${original}\nkind: [\n`);
    await page.locator('#chengguo-build-error').waitFor({ timeout: 10000 });
    assert.equal(await page.$eval('#chengguo-build-error', (o) => getComputedStyle(o).position), 'fixed');
    assert.deepEqual(await violations(), []);
    assert.deepEqual(problems, []);
    await page.close();
  });
});

// Discovery behind nginx, at the root and under a sub-path: the icons are
// found where each page says (so no request for a missing /favicon.ico), a
// missing page under /en/ gets the English 404 page marked noindex, the
// sitemap, robots.txt and feeds are served and parse as XML in Chromium, and
// the link checker passes over the built site with its new pages. The site is
// built and checked with the README's own invocations, run from the site's
// folder with no --root.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BIN, REPO, launchBrowser, serveWithNginx } from './harness.js';

for (const prefix of ['/', '/showcase/']) {
  describe(`discovery at ${prefix}`, () => {
    let server;
    let browser;
    let work;
    let output;
    before(async () => {
      work = fs.mkdtempSync(path.join(os.tmpdir(), 'chengguo-discovery-'));
      output = path.join(work, 'public');
      execFileSync(BIN, ['build', '--output', output, '--base-url', prefix], {
        cwd: REPO,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      server = await serveWithNginx(output, prefix);
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await server?.stop();
      if (work) fs.rmSync(work, { recursive: true, force: true });
    });

    test('the link checker passes over the built site, site map pages and all', () => {
      const report = execFileSync(BIN, ['check', '--output', output, '--base-url', prefix, '--lang', 'en'], {
        cwd: REPO,
        encoding: 'utf8',
      });
      assert.match(report, /: 0 broken$/m, report);
      assert.ok(fs.existsSync(path.join(output, 'sitemap', 'index.html')));
      assert.ok(fs.existsSync(path.join(output, 'en', 'sitemap', 'index.html')));
    });

    test('/favicon.ico and the icons each page names are served', async () => {
      const ico = await fetch(`${server.url}favicon.ico`);
      assert.equal(ico.status, 200);
      const bytes = new Uint8Array(await ico.arrayBuffer());
      assert.deepEqual([...bytes.slice(0, 4)], [0, 0, 1, 0], 'an ICO file');
      const page = await browser.newPage();
      const failed = [];
      page.on('response', (response) => {
        if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
      });
      for (const url of [server.url, `${server.url}en/policies/`]) {
        await page.goto(url);
        const icons = await page.$$eval('link[rel="icon"]', (links) => links.map((l) => l.href));
        assert.deepEqual(icons.map((href) => new URL(href).pathname), [`${prefix}favicon.ico`, `${prefix}icon.svg`]);
        for (const href of icons) {
          const response = await fetch(href);
          assert.equal(response.status, 200, href);
        }
      }
      assert.deepEqual(failed, []);
      await page.close();
    });

    test('a missing page gets the 404 page of its language, marked noindex', async () => {
      const page = await browser.newPage();
      for (const [missing, lang, heading] of [
        ['no-such-page/', 'zh-CN', '页面不存在'],
        ['en/no-such-page/', 'en', 'Page not found'],
        ['en/policies/no-such-policy/', 'en', 'Page not found'],
      ]) {
        const response = await page.goto(`${server.url}${missing}`);
        assert.equal(response.status(), 404, missing);
        assert.equal(await page.getAttribute('html', 'lang'), lang, missing);
        assert.equal(await page.textContent('h1'), heading, missing);
        assert.equal(await page.getAttribute('meta[name="robots"]', 'content'), 'noindex', missing);
        // The way on from the 404 page leads to pages that exist.
        const links = await page.$$eval('main a', (as) => as.map((a) => a.href));
        assert.ok(links.length >= 4, missing);
        for (const href of links) assert.equal((await fetch(href)).status, 200, href);
      }
      await page.close();
    });

    test('the sitemap, robots.txt and every feed a page links parse as XML', async () => {
      const robots = await (await fetch(`${server.url}robots.txt`)).text();
      assert.match(robots, new RegExp(`^Sitemap: ${prefix}sitemap\\.xml$`, 'm'));
      const page = await browser.newPage();
      await page.goto(`${server.url}en/`);
      const feeds = await page.$$eval('link[rel="alternate"][type="application/atom+xml"]', (links) =>
        links.map((l) => l.href));
      assert.equal(feeds.length, 4, feeds.join('\n'));
      for (const url of [`${server.url}sitemap.xml`, ...feeds]) {
        const response = await fetch(url);
        assert.equal(response.status, 200, url);
        assert.match(response.headers.get('content-type'), /xml/, url);
        const text = await response.text();
        // Chromium's own XML parser: a parse error is a <parsererror> element.
        const parsed = await page.evaluate((xml) => {
          const doc = new DOMParser().parseFromString(xml, 'application/xml');
          const error = doc.querySelector('parsererror');
          return { error: error ? error.textContent : null, root: doc.documentElement.localName,
            entries: doc.getElementsByTagName('entry').length, urls: doc.getElementsByTagName('url').length };
        }, text);
        assert.equal(parsed.error, null, url);
        if (url.endsWith('sitemap.xml')) {
          assert.equal(parsed.root, 'urlset');
          assert.ok(parsed.urls > 100, `${parsed.urls} pages`);
        } else {
          assert.equal(parsed.root, 'feed', url);
          assert.ok(parsed.entries > 0, url);
        }
      }
      // The site map page links the feeds too.
      await page.goto(`${server.url}en/sitemap/`);
      const listed = await page.$$eval('a[type="application/atom+xml"]', (as) => as.map((a) => a.href));
      assert.deepEqual(listed, feeds);
      await page.close();
    });
  });
}

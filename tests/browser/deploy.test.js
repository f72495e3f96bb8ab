// The README's nginx recipe, as written there, in front of the built site at a
// sub-path and at the root: the cache headers it promises (pages revalidated,
// search-index parts cached for a year, the manifest revalidated), the site's
// 404 page, and, in Chromium, that the search fetches every index part but the
// manifest with the index's version in its URL, which the long caching needs.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BIN, NGINX, REPO, freePort, launchBrowser, waitForPort } from './harness.js';

/** The README's ```nginx block in its Publishing section. */
function readmeRecipe() {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Publishing'));
  const match = section.match(/```nginx\n([\s\S]*?)```/);
  assert.ok(match, 'the README has an nginx recipe under Publishing');
  return match[1];
}

/**
 * Build the bundled site for `prefix` into a www folder laid out as the README
 * says, and serve it with the README's recipe, `/showcase/` written as `prefix`.
 */
async function serveRecipe(prefix) {
  if (!fs.existsSync(NGINX)) throw new Error(`nginx not found at ${NGINX}: run scripts/test to install it`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'chengguo-deploy-'));
  const www = path.join(work, 'www');
  execFileSync(BIN, ['build', '--root', REPO, '--output', path.join(www, prefix), '--base-url', prefix], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const recipe = readmeRecipe().replaceAll('/srv/www', www).replaceAll('/showcase/', prefix);
  const port = await freePort();
  fs.writeFileSync(path.join(work, 'nginx.conf'), `
daemon off;
master_process off;
pid ${work}/nginx.pid;
error_log ${work}/error.log warn;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path ${work}/body;
  proxy_temp_path ${work}/proxy;
  fastcgi_temp_path ${work}/fastcgi;
  uwsgi_temp_path ${work}/uwsgi;
  scgi_temp_path ${work}/scgi;
  server {
    listen 127.0.0.1:${port};
${recipe}
  }
}
`);
  const child = spawn(NGINX, ['-p', work, '-c', path.join(work, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  try {
    await waitForPort(port);
  } catch (error) {
    child.kill();
    throw new Error(`nginx did not start: ${stderr}\n${error.message}`);
  }
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(work, { recursive: true, force: true });
    },
  };
}

for (const prefix of ['/showcase/', '/']) {
  describe(`the README's nginx recipe at ${prefix}`, () => {
    let server;
    before(async () => { server = await serveRecipe(prefix); });
    after(async () => { await server?.stop(); });

    test('pages are revalidated, index parts cached for a year, the manifest revalidated', async () => {
      const cache = async (file) => {
        const response = await fetch(server.url + file);
        assert.equal(response.status, 200, file);
        return response.headers.get('cache-control');
      };
      for (const file of ['', 'en/parks/', 'style.css', 'search.js']) {
        assert.equal(await cache(file), 'no-cache', file);
      }
      assert.equal(await cache('search-index/zh/titles.bin?v=1'), 'public, max-age=31536000, immutable');
      assert.equal(await cache('search-index/en/s/0.bin?v=1'), 'public, max-age=31536000, immutable');
      assert.equal(await cache('search-index/zh/manifest.json'), 'no-cache');
      const missing = await fetch(`${server.url}no-such-page/`);
      assert.equal(missing.status, 404);
      assert.match(await missing.text(), /<html lang="zh-CN">/);
      const missingEn = await fetch(`${server.url}en/no-such-page/`);
      assert.equal(missingEn.status, 404);
      assert.match(await missingEn.text(), /<html lang="en">/);
    });

    test('the search asks for every index part but the manifest with the version in its URL', async () => {
      const browser = await launchBrowser();
      try {
        const page = await browser.newPage();
        const asked = [];
        page.on('request', (request) => {
          if (request.url().includes('/search-index/')) asked.push(request.url());
        });
        await page.goto(`${server.url}search/?q=${encodeURIComponent('科学城')}`);
        await page.waitForSelector('#search-results li', { timeout: 10000 });
        const manifest = await (await fetch(`${server.url}search-index/zh/manifest.json`)).json();
        const parts = asked.filter((url) => !url.endsWith('/manifest.json'));
        assert.ok(parts.length >= 3, asked.join('\n'));
        for (const url of parts) assert.ok(url.endsWith(`?v=${manifest.version}`), url);
      } finally {
        await browser.close();
      }
    });
  });
}

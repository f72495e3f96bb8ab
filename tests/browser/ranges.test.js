// A common trigram's positions are read for a few candidates only, several
// ranges in one request (src/search/mod.rs). On a generated corpus large
// enough for such lists (the bundled site has none), long Chinese phrases
// must find exactly what a brute-force search of the pages finds, whatever
// the server does with several ranges: nginx answers with a multipart body;
// a server may instead join them into one range or send the whole file
// (which search.js stops, then reads one range a key).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { REPO, buildSite, launchBrowser, serveWithNginx } from './harness.js';
import { entryTexts, substringSampler } from './corpus.js';

const ENTRIES = 1500;
const QUERIES = 25;
// Above this many expected results, their number is compared, not the entries.
const MANY = 100;

describe(`long phrases on a generated corpus of ${ENTRIES} entries`, () => {
  let server;
  let browser;
  let site;
  let texts;
  let root;
  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'chengguo-ranges-'));
    execFileSync('cargo', ['run', '--quiet', '--release', '--example', 'gen_corpus', '--',
      '--entries', String(ENTRIES), '--out', root], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
    fs.cpSync(path.join(REPO, 'themes', 'default'), path.join(root, 'themes', 'default'), { recursive: true });
    site = buildSite({ root });
    server = await serveWithNginx(site, '/');
    browser = await launchBrowser();
    const page = await browser.newPage();
    await page.goto(`${server.url}search/`);
    texts = await entryTexts(page, site);
    await page.close();
    assert.ok(texts.length > ENTRIES / 2, `only ${texts.length} Chinese entries read`);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
    if (site) fs.rmSync(path.dirname(site), { recursive: true, force: true });
  });

  // How the server answers a request for several ranges of a positions file.
  const SERVERS = {
    multipart: null,
    'one range holding them all': async (route, request, ranges) => {
      const whole = await (await route.fetch({ headers: { ...request.headers(), range: '' } })).body();
      const from = ranges[0][0];
      const to = ranges[ranges.length - 1][1];
      await route.fulfill({
        status: 206,
        headers: { 'content-type': 'application/octet-stream', 'content-range': `bytes ${from}-${to}/${whole.length}` },
        body: whole.subarray(from, to + 1),
      });
    },
    'the whole file': async (route, request) => {
      const whole = await (await route.fetch({ headers: { ...request.headers(), range: '' } })).body();
      await route.fulfill({ status: 200, headers: { 'content-type': 'application/octet-stream' }, body: whole });
    },
  };

  for (const [name, answer] of Object.entries(SERVERS)) {
    test(`random phrases of 4–14 characters find exactly the entries holding them (several ranges answered with ${name})`, async () => {
      const sample = substringSampler(texts, 1500, 4, 14);
      let severalRanges = 0;
      let page;
      for (let run = 0; run < QUERIES; run++) {
        // A fresh page every five queries: first searches, as a reader's.
        if (run % 5 === 0) {
          await page?.close();
          page = await browser.newPage();
          await page.route('**/search-index/zh/p/*', async (route, request) => {
            const range = request.headers().range ?? '';
            if (!range.includes(',')) return route.continue();
            severalRanges++;
            if (!answer) return route.continue();
            const ranges = range.replace('bytes=', '').split(',').map((r) => r.split('-').map(Number));
            return answer(route, request, ranges);
          });
          await page.goto(`${server.url}search/`);
        }
        const query = sample();
        const expected = texts.filter((e) => e.norm.includes(query)).map((e) => e.path).sort();
        if (expected.length > MANY) {
          // Their count, on the results page (a first search of its own):
          // chengguoSearch reads every result's record, too many at once.
          await page.goto(`${server.url}search/?q=${encodeURIComponent(query)}`);
          await page.waitForSelector('#search-results[data-state="done"]', { state: 'attached' });
          assert.equal(Number(await page.getAttribute('#search-results', 'data-count')), expected.length, query);
          continue;
        }
        const results = await page.evaluate((q) => window.chengguoSearch(q), query);
        const found = results.map((r) => new URL(r.url, server.url).pathname).sort();
        assert.deepEqual(found, expected, query);
      }
      await page.close();
      assert.ok(severalRanges > 0, 'no query read positions by several ranges: the test tests nothing');
    });
  }
});

// Exactness at scale: random Chinese substrings (4 to 14 characters) of the
// entry pages of a built site, each searched in Chromium and compared with a
// brute-force search over the text of every page's [data-entry] element.
// Any difference is printed, and the script then exits with status 1. Run
// from the repository root after `cargo build --release`:
//
//   node benches/exactness.mjs --corpus DIR             # builds DIR (from gen_corpus), 200 queries
//   node benches/exactness.mjs --site OUT --runs 500    # a site already built
//
// Every tenth query starts a fresh page (and every query with many results
// is a first search on its own results page), so that the index
// parts are read as by a first search (a common trigram's positions by
// range) as well as from what earlier queries loaded.
import fs from 'node:fs';
import path from 'node:path';
import { REPO, buildSite, launchBrowser, serveWithNginx } from '../tests/browser/harness.js';
import { entryTexts, substringSampler } from '../tests/browser/corpus.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const runs = Number(option('runs', '200'));
let site = option('site', null);
const corpus = option('corpus', null);
if (!site && !corpus) throw new Error('give --site OUT (a built site) or --corpus DIR (a site root to build)');
if (!site) {
  fs.cpSync(path.join(REPO, 'themes', 'default'), path.join(corpus, 'themes', 'default'), { recursive: true });
  site = buildSite({ root: corpus });
}

const server = await serveWithNginx(site, '/');
const browser = await launchBrowser();
let failures = 0;
try {
  let page = await browser.newPage();
  await page.goto(`${server.url}search/`);
  const texts = await entryTexts(page, site);
  console.log(`${texts.length} Chinese entry pages read from ${site}`);
  const sample = substringSampler(texts, Number(option('seed', '20261202')), 4, 14);
  // Up to this many expected results, the results themselves are compared;
  // above, their count.
  const COMPARE_PATHS = 200;
  let counted = 0;
  const started = Date.now();
  for (let run = 0; run < runs; run++) {
    if (run > 0 && run % 10 === 0) {
      await page.close();
      page = await browser.newPage();
      await page.goto(`${server.url}search/`);
    }
    const query = sample();
    const expected = texts.filter((e) => e.norm.includes(query)).map((e) => e.path).sort();
    let found;
    if (expected.length > COMPARE_PATHS) {
      // Many results: their count, from the results page (no forgiving
      // above three exact results), rather than reading every record.
      await page.goto(`${server.url}search/?q=${encodeURIComponent(query)}`);
      await page.waitForSelector('#search-results:is([data-state="done"], [data-state="error"])', { state: 'attached', timeout: 120000 });
      counted++;
      const count = Number(await page.getAttribute('#search-results', 'data-count'));
      found = count === expected.length ? expected : [`${count} results`];
    } else {
      const results = await page.evaluate((q) => window.chengguoSearch(q), query);
      found = results.map((r) => new URL(r.url, server.url).pathname).sort();
    }
    if (JSON.stringify(found) !== JSON.stringify(expected)) {
      failures++;
      const missing = expected.filter((p) => !found.includes(p));
      const extra = found.filter((p) => !expected.includes(p));
      console.log(`MISMATCH ${query}: ${found.length} found, ${expected.length} expected; missing ${missing.slice(0, 5)}; extra ${extra.slice(0, 5)}`);
    }
  }
  console.log(`${runs} queries (${counted} compared by count, the rest entry by entry) in ${((Date.now() - started) / 1000).toFixed(0)} s: ${failures} mismatches`);
} finally {
  await browser.close();
  await server.stop();
}
if (failures) process.exitCode = 1;

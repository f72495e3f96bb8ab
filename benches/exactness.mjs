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
import { CJK_RUN, normalise } from '../tests/browser/corpus.js';

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

// A seeded generator, so a failure can be repeated (--seed).
let seed = Number(option('seed', '20261202')) >>> 0;
const random = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

// The Chinese entry pages: <type>/<slug>/index.html outside en/.
const pages = ['achievements', 'parks', 'policies'].flatMap((folder) => {
  const dir = path.join(site, folder);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'page' && fs.existsSync(path.join(dir, d.name, 'index.html')))
    .map((d) => `/${folder}/${d.name}/`);
});

const server = await serveWithNginx(site, '/');
const browser = await launchBrowser();
let failures = 0;
try {
  let page = await browser.newPage();
  await page.goto(`${server.url}search/`);
  // Each page's [data-entry] text, normalised, parsed in the browser in batches.
  const texts = [];
  for (let at = 0; at < pages.length; at += 500) {
    const batch = pages.slice(at, at + 500).map((p) => fs.readFileSync(path.join(site, p, 'index.html'), 'utf8'));
    const found = await page.evaluate((htmls) => htmls.map((html) => {
      const element = new DOMParser().parseFromString(html, 'text/html').querySelector('[data-entry]');
      return element ? element.textContent : '';
    }), batch);
    found.forEach((text, i) => texts.push({ path: pages[at + i], norm: normalise(text) }));
  }
  console.log(`${texts.length} Chinese entry pages read from ${site}`);
  const sample = () => {
    for (;;) {
      const entry = texts[Math.floor(random() * texts.length)];
      const cjkRuns = entry.norm.match(CJK_RUN)?.filter((r) => Array.from(r).length >= 4) ?? [];
      if (!cjkRuns.length) continue;
      const chars = Array.from(cjkRuns[Math.floor(random() * cjkRuns.length)]);
      const length = Math.min(chars.length, 4 + Math.floor(random() * 11));
      const start = Math.floor(random() * (chars.length - length + 1));
      return chars.slice(start, start + length).join('');
    }
  };
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

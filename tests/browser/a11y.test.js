// axe-core over the bundled site in Chromium behind nginx (issue 12 item 7):
// no violation of any impact, best-practice rules included, on one page of
// each kind in each language. The pages are found in the sitemap.xml the
// build writes, so a new kind of page (statistics, open data, …) is checked
// as soon as the build lists it; the 404 page and the search page with
// and without results are not in the sitemap and are added by hand.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { REPO, buildSite, launchBrowser, serveWithNginx } from './harness.js';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SECTIONS = ['achievements', 'parks', 'policies'];
const LANGS = { zh: '', en: 'en/' };
/** Kinds every build has; a missing one fails the test instead of shrinking it. */
const REQUIRED_KINDS = ['home', 'search', 'sitemap', ...SECTIONS.flatMap((s) => [
  `list ${s}`, `entry ${s}`, `terms ${s}`, `term ${s}`,
])];

/**
 * Pages checked whenever the build has them, listed in the sitemap or not;
 * a name moves to REQUIRED_KINDS once every build writes that page.
 */
const PAGES_IF_BUILT = ['statistics', 'open-data'];

/** The site paths sitemap.xml lists, in its order. */
function sitemapPaths(dir) {
  const xml = fs.readFileSync(path.join(dir, 'sitemap.xml'), 'utf8');
  return [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map(([, loc]) => new URL(loc, 'http://site/').pathname);
}

/**
 * What kind of page a path (without its language prefix, split at `/`) is.
 * `isParent` says whether another page lives under it: a vocabulary's index
 * (`/parks/kind/`) has its values below it, an entry (`/parks/slug/`) has not.
 */
function kindOf(segments, isParent) {
  const [first, second, third] = segments;
  if (segments.length === 0) return 'home';
  if (!SECTIONS.includes(first)) return segments.length === 1 ? first : null;
  if (segments.length === 1) return `list ${first}`;
  if (second === 'page') return `list page ${first}`;
  if (segments.length === 2) return isParent ? `terms ${first}` : `entry ${first}`;
  return third ? `term ${first}` : null;
}

/** The first sitemap path of each kind of page, per language: { zh: Map(kind → path), en: … }. */
function pagesByKind(dir) {
  const paths = sitemapPaths(dir);
  const result = {};
  for (const [lang, prefix] of Object.entries(LANGS)) {
    const kinds = new Map();
    for (const sitePath of paths) {
      const rest = sitePath.slice(1);
      if (!rest.startsWith(prefix) || (prefix === '' && rest.startsWith('en/'))) continue;
      const segments = rest.slice(prefix.length).split('/').filter(Boolean);
      const isParent = paths.some((other) => other !== sitePath && other.startsWith(sitePath));
      const kind = kindOf(segments, isParent);
      if (kind && !kinds.has(kind)) kinds.set(kind, sitePath);
    }
    for (const name of PAGES_IF_BUILT) {
      const built = fs.existsSync(path.join(dir, prefix, name, 'index.html'));
      if (built && !kinds.has(name)) kinds.set(name, `/${prefix}${name}/`);
    }
    result[lang] = kinds;
  }
  return result;
}

/** Run axe on the page open in `page`; returns one line per violation and element. */
async function axeViolations(page) {
  // Injected through DevTools (page.evaluate), which the page's strict CSP
  // does not govern: a <script> tag with axe's source would be inline script
  // and blocked, and turning the policy off (bypassCSP) would let axe check a
  // page that differs from the one readers get.
  await page.evaluate(AXE_SOURCE);
  // Closed <details> (a list's facets) hide their content from axe: open them.
  await page.evaluate(() => { for (const details of document.querySelectorAll('details')) details.open = true; });
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return results.violations.flatMap((v) => v.nodes.map((node) =>
    `${v.id} (${v.impact}): ${v.help} at ${node.target.join(' ')}: ${node.failureSummary.replace(/\s+/g, ' ')}`));
}

/** The title of the entry at `url`, a query the search must find. */
async function titleAt(page, url) {
  await page.goto(url);
  return (await page.textContent('h1')).trim();
}

describe('axe-core on the bundled site', () => {
  let server;
  let browser;
  let byLang;
  before(async () => {
    // Served at /, so built for / whatever base_url config.yaml sets.
    const dir = buildSite({ baseUrl: '/' });
    byLang = pagesByKind(dir);
    server = await serveWithNginx(dir, '/');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('axe reports a violation it is shown', async () => {
    // Without this, a test whose axe never ran would pass for the wrong reason.
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.evaluate(() => document.querySelector('main').append(document.createElement('img')));
    const found = await axeViolations(page);
    await page.close();
    assert.ok(found.some((line) => line.startsWith('image-alt ')), found.join('\n'));
  });

  for (const [lang, prefix] of Object.entries(LANGS)) {
    test(`every kind of page in ${lang} has no axe violation`, async (t) => {
      const kinds = byLang[lang];
      for (const kind of REQUIRED_KINDS) assert.ok(kinds.has(kind), `sitemap.xml lists no ${kind} page in ${lang}`);
      const page = await browser.newPage();
      const query = await titleAt(page, `${server.origin}${kinds.get('entry achievements')}`);
      const checks = [...kinds].map(([kind, sitePath]) => [kind, `${server.origin}${sitePath}`]);
      checks.push(['404', `${server.url}${prefix}no-such-page/`]);
      checks.push(['search with results', `${server.origin}${kinds.get('search')}?q=${encodeURIComponent(query)}`]);
      checks.push(['search without results', `${server.origin}${kinds.get('search')}?q=qqqqzzzzxxxx`]);
      const found = [];
      for (const [kind, url] of checks) {
        const response = await page.goto(url, { waitUntil: 'load' });
        assert.equal(response.status(), kind === '404' ? 404 : 200, url);
        if (kind === 'search with results') await page.waitForSelector('#search-results > li');
        if (kind === 'search without results') await page.waitForSelector('#search-empty', { state: 'visible' });
        found.push(...(await axeViolations(page)).map((line) => `${kind} ${url}: ${line}`));
      }
      await page.close();
      t.diagnostic(`${checks.length} pages checked: ${checks.map(([kind]) => kind).join(', ')}`);
      assert.deepEqual(found, [], `${found.length} axe violations:\n${found.join('\n')}`);
    });
  }
});

// The business fixture: achievement pages with every block a company acts on
// (IP records, terms, the contact block, attachments, 我要对接, a free-text
// contact), its list with the cards' flags, and its data pages.
describe('axe-core on the business fixture', () => {
  let server;
  let browser;
  before(async () => {
    const dir = buildSite({ root: path.join(REPO, 'tests', 'fixtures', 'business'), baseUrl: '/' });
    server = await serveWithNginx(dir, '/');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const [lang, prefix] of Object.entries(LANGS)) {
    test(`its achievement pages and list in ${lang} have no axe violation`, async (t) => {
      const paths = [
        'achievements/graphene-sensor/',
        'achievements/bio-fertiliser/',
        ...(lang === 'zh' ? ['achievements/free-text-contact/'] : []),
        'achievements/',
        'statistics/',
        'open-data/',
      ];
      const page = await browser.newPage();
      const found = [];
      for (const sitePath of paths) {
        const url = `${server.url}${prefix}${sitePath}`;
        const response = await page.goto(url, { waitUntil: 'load' });
        assert.equal(response.status(), 200, url);
        found.push(...(await axeViolations(page)).map((line) => `${url}: ${line}`));
      }
      // The blocks under test are there, so a page without them cannot pass unseen.
      await page.goto(`${server.url}${prefix}achievements/graphene-sensor/`);
      for (const selector of ['[data-contact]', '[data-enquiry]', '.attachments a[download]']) {
        assert.ok(await page.$(selector), `${selector} on the sensor page in ${lang}`);
      }
      await page.close();
      t.diagnostic(`${paths.length} pages checked`);
      assert.deepEqual(found, [], `${found.length} axe violations:\n${found.join('\n')}`);
    });
  }
});

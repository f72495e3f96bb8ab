// Search on the bundled site, in Chromium behind nginx. Expected results are
// never written down: they are computed here by crawling the site's own list
// pages, reading the text of every entry's [data-entry] element and searching
// it by brute force.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildSite, launchBrowser, serveWithNginx } from './harness.js';
import { CJK_RUN, crawl, normalise, words } from './corpus.js';

/** Queries with the rule that says which entries each must find. */
// A word that ends in a digit is a number, matched whole; others match the words they begin.
const hasWord = (start) => (e) => words(e.norm).some((w) => (/\p{N}$/u.test(start) ? w === start : w.startsWith(start)));
const contains = (s) => (e) => e.norm.includes(s);
const both = (a, b) => (e) => a(e) && b(e);
const QUERIES = {
  zh: [
    ['纳米位移', contains('纳米位移')],
    ['科学城', contains('科学城')],
    ['技术经纪人', contains('技术经纪人')],
    ['技', contains('技')],
    ['中试平台', contains('中试平台')],
    ['渝科局函', contains('渝科局函')],
    // Many candidates: decided by the positions of covering trigrams, not by entry text.
    ['科技成果转化', contains('科技成果转化')],
    ['重庆市科学技术局', contains('重庆市科学技术局')],
    ['109号', both(hasWord('109'), contains('号'))],
    ['〔2020〕', hasWord('2020')],
    ['１１６０', hasWord('1160')],
    // Numbers are exact: 10 is not the start of 109 or 1060.
    ['10', hasWord('10')],
    ['渝科局函〔2020〕109号', (e) => contains('渝科局函')(e) && hasWord('2020')(e) && hasWord('109')(e) && contains('号')(e)],
    ['重庆 中试', both(contains('重庆'), contains('中试'))],
  ],
  en: [
    ['Parks', hasWord('park')],
    ['ＰＡＲＫ', hasWord('park')],
    ['POLICIES', (e) => words(e.norm).some((w) => /^polic(y|ie)/.test(w))],
    ['science city', both(hasWord('scienc'), (e) => words(e.norm).some((w) => /^cit(y|ie)/.test(w)))],
    ['testing', hasWord('test')],
    ['technology 技术经纪人', both(hasWord('technolog'), contains('技术经纪人'))],
  ],
};

/** A few CJK substrings of 1–6 characters taken from the entries, picked by a fixed-seed generator. */
function sampledSubstrings(entries, count) {
  let seed = 20240531;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed;
  };
  const picked = [];
  while (picked.length < count) {
    const entry = entries[next() % entries.length];
    const runs = entry.norm.match(CJK_RUN) ?? [];
    if (!runs.length) continue;
    const run = Array.from(runs[next() % runs.length]);
    const length = 1 + (next() % Math.min(6, run.length));
    const start = next() % (run.length - length + 1);
    picked.push(run.slice(start, start + length).join(''));
  }
  return picked;
}

for (const prefix of ['/', '/showcase/']) {
  describe(`search on the bundled site served at ${prefix}`, () => {
    let server;
    let browser;
    let page;
    const corpus = {};
    before(async () => {
      const dir = buildSite({ baseUrl: prefix });
      server = await serveWithNginx(dir, prefix);
      browser = await launchBrowser();
      page = await browser.newPage();
      await page.goto(`${server.url}search/`);
      for (const lang of ['zh', 'en']) {
        corpus[lang] = (await crawl(page, server.origin, prefix, lang)).map((e) => ({ ...e, norm: normalise(e.text) }));
      }
      assert.ok(corpus.zh.length > 40, `only ${corpus.zh.length} Chinese entries crawled`);
      assert.ok(corpus.en.length > 20, `only ${corpus.en.length} English entries crawled`);
    });
    after(async () => {
      await browser?.close();
      await server?.stop();
    });

    const searchPage = (lang) => `${server.url}${lang === 'en' ? 'en/' : ''}search/`;
    const run = async (lang, query) => {
      if (!page.url().startsWith(searchPage(lang))) await page.goto(searchPage(lang));
      return page.evaluate((q) => window.chengguoSearch(q), query);
    };
    const waitDone = () => page.waitForSelector('#search-results[data-state="done"]', { state: 'attached' });

    for (const lang of ['zh', 'en']) {
      const queries = prefix === '/' ? QUERIES[lang] : QUERIES[lang].slice(0, 3);
      for (const [query, rule] of queries) {
        test(`${lang}: "${query}" finds exactly the entries the brute-force search finds`, async () => {
          const expected = corpus[lang].filter(rule).map((e) => e.path).sort();
          assert.ok(expected.length > 0, `no ${lang} entry matches ${query}: the query tests nothing`);
          const results = await run(lang, query);
          assert.deepEqual(results.map((r) => new URL(r.url, server.origin).pathname).sort(), expected);
          for (const r of results) {
            assert.ok(['achievement', 'park', 'policy'].includes(r.type), r.type);
            assert.equal(typeof r.title, 'string');
          }
          for (let i = 1; i < results.length; i++) assert.ok(results[i - 1].score >= results[i].score, 'best first');
        });
      }
    }

    test('zh: sampled Chinese substrings of every length find exactly the entries containing them', async () => {
      const count = prefix === '/' ? 40 : 8;
      for (const query of sampledSubstrings(corpus.zh, count)) {
        const expected = corpus.zh.filter((e) => e.norm.includes(query)).map((e) => e.path).sort();
        const results = await run('zh', query);
        assert.deepEqual(results.map((r) => new URL(r.url, server.origin).pathname).sort(), expected, query);
      }
    });

    test('zh: entries with the query in their title rank first', async () => {
      for (const query of ['科学城', '技术经纪人', '中试']) {
        const results = await run('zh', query);
        const inTitle = results.map((r) => normalise(r.title).includes(query));
        const firstOther = inTitle.indexOf(false);
        assert.ok(inTitle.indexOf(true) === 0, `${query}: the first result has no title match`);
        if (firstOther >= 0) assert.ok(!inTitle.slice(firstOther).includes(true), `${query}: a title match ranks below a body match`);
      }
      const park = (await run('zh', '科学城'))[0];
      assert.equal(park.title, '西部（重庆）科学城');
    });

    test('the page lists results with one link each, marks matches and counts every match', async () => {
      await page.goto(`${searchPage('zh')}?q=${encodeURIComponent('技')}`);
      await waitDone();
      const expected = corpus.zh.filter(contains('技')).length;
      assert.equal(await page.getAttribute('#search-results', 'data-count'), String(expected));
      const items = await page.$$eval('#search-results > li', (lis) => lis.map((li) => li.querySelectorAll('a[href]').length));
      assert.ok(items.length > 0 && items.length < expected, `${items.length} shown of ${expected}`);
      assert.ok(items.every((n) => n === 1), 'each result holds one link');
      const marks = await page.$$eval('#search-results mark', (ms) => ms.map((m) => m.textContent));
      assert.ok(marks.length > 0 && marks.every((m) => m === '技'), `marks: ${marks}`);
      assert.match(await page.textContent('#search-status'), new RegExp(String(expected)));
      await page.click('#search-more');
      await page.waitForFunction((n) => document.querySelectorAll('#search-results > li').length > n, items.length);
      await page.goto(`${searchPage('zh')}?q=${encodeURIComponent('纳米位移')}`);
      await waitDone();
      const first = await page.$eval('#search-results li mark', (m) => m.textContent);
      assert.equal(normalise(first), '纳米位移');
    });

    test('facets narrow the results, count what the query finds and browse without a query', async () => {
      await page.goto(`${searchPage('zh')}?q=${encodeURIComponent('科学城')}`);
      await waitDone();
      const total = Number(await page.getAttribute('#search-results', 'data-count'));
      const typeCounts = await page.$$eval('.facet-type label', (ls) => ls.map((l) => ({
        value: l.querySelector('input').value,
        count: Number(l.querySelector('.facet-count').textContent.replace(/\D/g, '')),
      })));
      assert.equal(typeCounts.reduce((sum, c) => sum + c.count, 0), total, 'type counts add up to the result count');
      const policies = typeCounts.find((c) => c.value === 'policy');
      assert.ok(policies && policies.count > 0);
      await page.check('.facet-type input[value="policy"]');
      await waitDone();
      assert.equal(await page.getAttribute('#search-results', 'data-count'), String(policies.count));
      const urls = await page.$$eval('#search-results a', (as) => as.map((a) => new URL(a.href).pathname));
      assert.ok(urls.every((u) => u.includes('/policies/')), urls.join(' '));
      assert.match(page.url(), /[?&]type=policy/);
      const expected = corpus.zh.filter((e) => e.path.includes('/policies/') && e.norm.includes('科学城')).length;
      assert.equal(policies.count, expected);

      await page.goto(`${searchPage('zh')}?type=park`);
      await waitDone();
      const parks = corpus.zh.filter((e) => e.path.includes('/parks/')).length;
      assert.equal(await page.getAttribute('#search-results', 'data-count'), String(parks));
      const labels = await page.$$eval('.facet summary', (ls) => ls.map((l) => l.textContent));
      assert.ok(labels.includes('类型') && labels.includes('地区'), labels.join(' '));
      // Other facets load when opened, with counts that follow the query.
      await page.goto(`${searchPage('zh')}?q=${encodeURIComponent('科学城')}`);
      await waitDone();
      await page.click('.facet-region summary');
      await page.waitForSelector('.facet-region input', { state: 'attached' });
      const regions = await page.$$eval('.facet-region label', (ls) => ls.map((l) => ({
        value: l.querySelector('input').value,
        count: Number(l.querySelector('.facet-count').textContent.replace(/\D/g, '')),
      })));
      const region = regions[0];
      await page.check(`.facet-region input[value="${region.value}"]`);
      await waitDone();
      assert.equal(await page.getAttribute('#search-results', 'data-count'), String(region.count));
      assert.match(page.url(), new RegExp(`[?&]region=${region.value}`));
      await page.reload();
      await waitDone();
      assert.equal(await page.getAttribute('#search-results', 'data-count'), String(region.count));
      assert.ok(await page.isChecked(`.facet-region input[value="${region.value}"]`));
    });

    test('without a query, a facet browses its entries newest first, as the lists order them', async () => {
      await page.goto(`${searchPage('zh')}?type=park`);
      await waitDone();
      const listed = corpus.zh.filter((e) => e.path.includes('/parks/')).map((e) => e.path);
      const shown = [];
      for (;;) {
        shown.splice(0, shown.length, ...await page.$$eval('#search-results a', (as) => as.map((a) => new URL(a.href).pathname)));
        if (await page.isHidden('#search-more')) break;
        await page.click('#search-more');
        await page.waitForFunction((n) => document.querySelectorAll('#search-results > li').length > n, shown.length);
      }
      assert.deepEqual(shown, listed);
    });

    test('the query lives in the URL and a reload restores it', async () => {
      await page.goto(searchPage('zh'));
      await page.fill('#search-q', '技术经纪人');
      await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === '技术经纪人');
      await waitDone();
      const count = await page.getAttribute('#search-results', 'data-count');
      assert.equal(count, String(corpus.zh.filter(contains('技术经纪人')).length));
      await page.reload();
      await waitDone();
      assert.equal(await page.inputValue('#search-q'), '技术经纪人');
      assert.equal(await page.getAttribute('#search-results', 'data-count'), count);
    });

    test('keyboard: Enter searches, arrows move through the results, Escape returns, Enter opens', async () => {
      await page.goto(`${server.url}en/`);
      await page.fill('#header-q', 'science city');
      await page.press('#header-q', 'Enter');
      await page.waitForURL(/\/en\/search\/\?q=science/);
      await waitDone();
      await page.fill('#search-q', 'Parks');
      await page.press('#search-q', 'Enter');
      await waitDone();
      assert.equal(await page.getAttribute('#search-results', 'data-count'), String(corpus.en.filter(hasWord('park')).length));
      const hrefs = await page.$$eval('#search-results a[href]', (as) => as.map((a) => a.href));
      assert.ok(hrefs.length >= 2);
      const focused = () => page.evaluate(() => document.activeElement.href || document.activeElement.id);
      await page.keyboard.press('ArrowDown');
      assert.equal(await focused(), hrefs[0]);
      await page.keyboard.press('ArrowDown');
      assert.equal(await focused(), hrefs[1]);
      await page.keyboard.press('ArrowUp');
      assert.equal(await focused(), hrefs[0]);
      await page.keyboard.press('Escape');
      assert.equal(await focused(), 'search-q');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.waitForURL(hrefs[0]);
      assert.equal(await page.locator('[data-entry]').count(), 1);
    });

    test('nothing found: the count is zero and the page offers help', async () => {
      await page.goto(`${searchPage('zh')}?q=${encodeURIComponent('没有这种条目乙')}`);
      await waitDone();
      assert.equal(await page.getAttribute('#search-results', 'data-count'), '0');
      assert.ok(await page.isVisible('#search-empty'));
      assert.ok((await page.textContent('#search-status')).length > 0);
    });

    test('search works under a Content-Security-Policy without inline scripts', async () => {
      const strict = await browser.newPage();
      const violations = [];
      strict.on('console', (m) => { if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text()); });
      await strict.route('**/search/**', async (route) => {
        const response = await route.fetch();
        await route.fulfill({
          response,
          headers: { ...response.headers(), 'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'" },
        });
      });
      await strict.goto(`${searchPage('zh')}?q=${encodeURIComponent('科学城')}`);
      await strict.waitForSelector('#search-results[data-state="done"]', { state: 'attached' });
      assert.equal(await strict.getAttribute('#search-results', 'data-count'), String(corpus.zh.filter(contains('科学城')).length));
      assert.equal(await strict.locator('script:not([src])').count(), 0);
      // A query that needs forgiving loads search-forgive.js and the folding table.
      await strict.goto(`${searchPage('zh')}?q=${encodeURIComponent('科學城')}`);
      await strict.waitForSelector('#search-results[data-state="done"]', { state: 'attached' });
      assert.equal(await strict.getAttribute('#search-results', 'data-count'), String(corpus.zh.filter(contains('科学城')).length));
      assert.ok((await strict.textContent('#search-notes')).includes('科学城'));
      assert.deepEqual(violations, []);
      await strict.close();
    });
  });
}

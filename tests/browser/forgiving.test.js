// Search that forgives, on the bundled site in Chromium behind nginx: the
// rows of issue 14's table (traditional characters, typos, words typed
// together, a term no entry has) and the results page around them. What each
// query should find is worked out here by brute force over the crawled entry
// texts, never written down.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { REPO, buildSite, launchBrowser, serveWithNginx } from './harness.js';
import { crawl, normalise, words } from './corpus.js';

/** The traditional → simplified table the build ships, read from its source. */
const T2S = (() => {
  const table = new Map();
  for (const line of fs.readFileSync(path.join(REPO, 'src/search/t2s.txt'), 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const chars = Array.from(line);
    for (let i = 0; i + 1 < chars.length; i += 2) table.set(chars[i], chars[i + 1]);
  }
  return table;
})();
const simplify = (text) => Array.from(text).map((c) => T2S.get(c) ?? c).join('');

const paths = (list) => list.map((e) => e.path).sort();
const urlPaths = (results, origin) => results.map((r) => new URL(r.url, origin).pathname).sort();

/** Runs of `length` characters in the corpus that differ from `query` in one character, not the first. */
function oneCharacterVariants(corpus, query) {
  const chars = Array.from(query);
  const found = new Map();
  for (const entry of corpus) {
    const text = Array.from(entry.norm);
    const seen = new Set();
    for (let at = 0; at + chars.length <= text.length; at++) {
      let differ = 0;
      let where = -1;
      for (let i = 0; i < chars.length && differ < 2; i++) {
        if (text[at + i] !== chars[i]) { differ++; where = i; }
      }
      if (differ !== 1 || where === 0) continue;
      const variant = text.slice(at, at + chars.length).join('');
      if (/\s/.test(variant) || seen.has(variant)) continue;
      seen.add(variant);
      found.set(variant, (found.get(variant) ?? 0) + 1);
    }
  }
  return found;
}

/** Levenshtein distance, plainly. */
function distance(a, b) {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next.push(Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    row = next;
  }
  return row[b.length];
}

describe('forgiving search on the bundled site', () => {
  let server;
  let browser;
  let page;
  const corpus = {};
  before(async () => {
    const dir = buildSite({});
    server = await serveWithNginx(dir, '/');
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.goto(`${server.url}search/`);
    for (const lang of ['zh', 'en']) {
      corpus[lang] = (await crawl(page, server.origin, '/', lang)).map((e) => ({ ...e, norm: normalise(e.text) }));
    }
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const searchPage = (lang) => `${server.url}${lang === 'en' ? 'en/' : ''}search/`;
  const on = async (lang) => {
    if (!page.url().startsWith(searchPage(lang))) await page.goto(searchPage(lang));
  };
  const forgiving = async (lang, query) => {
    await on(lang);
    return page.evaluate((q) => window.chengguoSearchForgiving(q), query);
  };
  const exact = async (lang, query) => {
    await on(lang);
    return page.evaluate((q) => window.chengguoSearch(q), query);
  };

  test('科學城 (traditional) finds the entries with 科学城, and says so', async () => {
    const query = '科學城';
    const folded = simplify(query);
    assert.notEqual(folded, query, 'the table folds the query');
    assert.equal(corpus.zh.filter((e) => e.norm.includes(query)).length, 0, 'no entry has the traditional form');
    const expected = paths(corpus.zh.filter((e) => simplify(e.norm).includes(folded)));
    assert.ok(expected.length > 0);
    const answer = await forgiving('zh', query);
    assert.deepEqual(urlPaths(answer.results, server.origin), expected);
    assert.ok(answer.results.every((r) => !r.exact));
    assert.deepEqual(answer.notes, [{ kind: 'folded', from: query, to: folded }]);
    assert.deepEqual(await exact('zh', query), [], 'the exact search stays exact');
  });

  for (const query of ['技术经济人', '科技成果专化']) {
    test(`${query} (a typo) is offered a one-character change that some entry has, with its results`, async () => {
      assert.equal(corpus.zh.filter((e) => e.norm.includes(query)).length, 0);
      const variants = oneCharacterVariants(corpus.zh, query);
      const answer = await forgiving('zh', query);
      assert.equal(answer.notes.length, 1, JSON.stringify(answer.notes));
      const note = answer.notes[0];
      assert.equal(note.kind, 'typo');
      assert.ok(variants.get(note.to) > 0, `${note.to} is no one-character change of ${query} found in the entries`);
      assert.deepEqual(urlPaths(answer.results, server.origin), paths(corpus.zh.filter((e) => e.norm.includes(note.to))));
    });
  }

  test('知识产权作价入股 (two words typed together) finds the entries with both, closest first', async () => {
    const query = '知识产权作价入股';
    assert.equal(corpus.zh.filter((e) => e.norm.includes(query)).length, 0);
    const answer = await forgiving('zh', query);
    assert.equal(answer.notes.length, 1, JSON.stringify(answer.notes));
    const { kind, pieces } = answer.notes[0];
    assert.equal(kind, 'split');
    assert.equal(pieces.join(''), query);
    // Leftmost longest: the first piece is the longest start of the query some entry has.
    const chars = Array.from(query);
    let longest = 0;
    for (let n = 2; n < chars.length; n++) if (corpus.zh.some((e) => e.norm.includes(chars.slice(0, n).join('')))) longest = n;
    assert.equal(Array.from(pieces[0]).length, longest);
    const expected = corpus.zh.filter((e) => pieces.every((p) => e.norm.includes(p)));
    assert.ok(expected.length > 0);
    assert.deepEqual(urlPaths(answer.results, server.origin), paths(expected));
  });

  test('AI 芯片 leaves out the term no entry has (芯片, in the English entries) and finds AI', async () => {
    const hasAi = (e) => words(e.norm).some((w) => w.startsWith('ai'));
    assert.equal(corpus.en.filter((e) => e.norm.includes('芯片')).length, 0, 'no English entry has 芯片');
    const expected = corpus.en.filter(hasAi);
    assert.ok(expected.length > 0, 'some English entry has AI');
    const answer = await forgiving('en', 'AI 芯片');
    assert.deepEqual(answer.notes, [{ kind: 'dropped', from: '芯片' }]);
    assert.deepEqual(urlPaths(answer.results, server.origin), paths(expected));
    await page.goto(`${searchPage('en')}?q=${encodeURIComponent('AI 芯片')}`);
    await page.waitForSelector('#search-results[data-state="done"]', { state: 'attached' });
    assert.equal(await page.textContent('#search-notes'), 'Left out: “芯片” (no entry has it)');
  });

  test('a left-out word is named as it was typed', async () => {
    assert.equal(corpus.zh.filter((e) => words(e.norm).some((w) => w.startsWith('xyzq'))).length, 0);
    const answer = await forgiving('zh', '科学城 XYZQ');
    assert.deepEqual(answer.notes, [{ kind: 'dropped', from: 'XYZQ' }]);
    assert.deepEqual(urlPaths(answer.results, server.origin), paths(corpus.zh.filter((e) => e.norm.includes('科学城'))));
  });

  test('tecnology transfer (a typo) is mended to the nearest indexed word', async () => {
    const answer = await forgiving('en', 'tecnology transfer');
    assert.equal(answer.notes.length, 1, JSON.stringify(answer.notes));
    const note = answer.notes[0];
    assert.equal(note.kind, 'typo');
    assert.equal(note.from, 'tecnology');
    // As near as the nearest word of the English entries.
    const all = new Set(corpus.en.flatMap((e) => words(e.norm)));
    assert.ok(all.has(note.to), `${note.to} is a word of the entries`);
    assert.ok(!all.has('tecnology'));
    const nearest = Math.min(...Array.from(all, (w) => distance(w, 'tecnology')));
    assert.ok(nearest <= 2);
    assert.equal(distance(note.to, 'tecnology'), nearest);
    const expected = corpus.en.filter((e) => words(e.norm).includes(note.to) && words(e.norm).some((w) => w.startsWith('transfer')));
    assert.ok(expected.length > 0);
    assert.deepEqual(urlPaths(answer.results, server.origin), paths(expected));
  });

  test('a document number finds the entries it belongs to first, and numbers match whole', async () => {
    // The document numbers in the entries' metadata (before the body).
    const heads = corpus.zh.map((e) => ({ ...e, head: e.text.slice(0, e.text.length - e.body.length) }));
    const numbers = new Set(heads.flatMap((e) => e.head.match(/[\p{Script=Han}]{2,6}〔\d{4}〕\d+号/gu) ?? []));
    assert.ok(numbers.size > 0, 'the bundled site has document numbers');
    for (const number of numbers) {
      const owners = paths(heads.filter((e) => e.head.includes(number)));
      const results = await exact('zh', number);
      const first = results.slice(0, owners.length).map((r) => new URL(r.url, server.origin).pathname).sort();
      assert.deepEqual(first, owners, number);
      // Its serial number alone finds no entry whose only number merely begins with it.
      const serial = number.match(/〕(\d+)号/)[1];
      const shorter = serial.slice(0, -1);
      const expected = paths(corpus.zh.filter((e) => words(e.norm).includes(shorter)));
      assert.deepEqual(urlPaths(await exact('zh', shorter), server.origin), expected, shorter);
    }
  });

  test('forgiving never loses or demotes an exact match (sampled runs, and two runs typed together)', async () => {
    let seed = 14;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const run = () => {
      for (;;) {
        const entry = corpus.zh[next() % corpus.zh.length];
        const runs = entry.norm.match(/[\u4e00-\u9fff]{2,}/g) ?? [];
        if (!runs.length) continue;
        const chars = Array.from(runs[next() % runs.length]);
        const length = Math.min(chars.length, 2 + (next() % 4));
        const start = next() % (chars.length - length + 1);
        return chars.slice(start, start + length).join('');
      }
    };
    for (let i = 0; i < 24; i++) {
      const query = i % 2 ? run() + run() : run();
      const expected = paths(corpus.zh.filter((e) => e.norm.includes(query)));
      const answer = await forgiving('zh', query);
      const exactOnes = answer.results.filter((r) => r.exact);
      assert.deepEqual(urlPaths(exactOnes, server.origin), expected, query);
      assert.deepEqual(answer.results.slice(0, exactOnes.length), exactOnes, `${query}: exact results first`);
      if (expected.length >= 3) assert.equal(answer.results.length, expected.length, `${query}: enough exact results, nothing added`);
    }
  });

  test('the page says what the search did and labels close matches; nothing to mend finds nothing', async () => {
    const answer = await forgiving('zh', '没有这种条目乙');
    assert.deepEqual(answer.results, [], 'nothing to mend: nothing found');
    await page.goto(`${searchPage('zh')}?q=${encodeURIComponent('科學城')}`);
    await page.waitForSelector('#search-results[data-state="done"]', { state: 'attached' });
    const note = await page.textContent('#search-notes');
    assert.equal(note, '没有找到“科學城”，已显示“科学城”的结果');
    const kinds = await page.$$eval('#search-results .match-kind', (ks) => ks.map((k) => k.textContent));
    assert.ok(kinds.length > 0 && kinds.every((k) => k === '相近结果'), kinds.join());
  });
});

describe('the results page', () => {
  let server;
  let browser;
  let page;
  let corpus;
  before(async () => {
    const dir = buildSite({});
    server = await serveWithNginx(dir, '/');
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.goto(`${server.url}search/`);
    corpus = (await crawl(page, server.origin, '/', 'zh')).map((e) => ({ ...e, norm: normalise(e.text) }));
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
  const waitDone = (p = page) => p.waitForSelector('#search-results[data-state="done"]', { state: 'attached' });
  const open = async (query, extra = '') => {
    await page.goto(`${server.url}search/?q=${encodeURIComponent(query)}${extra}`);
    await waitDone();
  };

  test('snippets are passages of the body, not the title and metadata run together', async () => {
    await open('科学城');
    const shown = await page.$$eval('#search-results > li', (lis) => lis.map((li) => ({
      path: new URL(li.querySelector('a').href).pathname,
      snippet: li.querySelector('.snippet').textContent,
    })));
    assert.ok(shown.length > 0);
    let withBody = 0;
    for (const { path: url, snippet } of shown) {
      const entry = corpus.find((e) => e.path === url);
      if (!entry.body.trim()) continue;
      withBody++;
      const passage = normalise(snippet.replace(/…/g, ' '));
      assert.ok(normalise(entry.body).includes(passage), `${url}: «${passage}» is not from the body`);
    }
    assert.ok(withBody > 0);
  });

  test('choosing a facet with the keyboard keeps focus on it', async () => {
    await open('科学城');
    const box = page.locator('.facet-type input[value="policy"]');
    await box.focus();
    await page.keyboard.press('Space');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('type') === 'policy');
    await waitDone();
    const focused = await page.evaluate(() => {
      const a = document.activeElement;
      return a && a.tagName === 'INPUT' ? `${a.name}=${a.value}:${a.checked}` : a && a.tagName;
    });
    assert.equal(focused, 'type=policy:true');
  });

  test('"show more" survives Back: the result opened is still there', async () => {
    const query = '技';
    const total = corpus.filter((e) => e.norm.includes(query)).length;
    assert.ok(total > 10, 'the query needs a second page');
    await open(query);
    await page.click('#search-more');
    await page.waitForFunction(() => document.querySelectorAll('#search-results > li').length > 10);
    const shown = await page.$$eval('#search-results > li', (lis) => lis.length);
    const link = page.locator('#search-results > li a').nth(shown - 1);
    const href = await link.getAttribute('href');
    await link.click();
    await page.waitForSelector('[data-entry]');
    await page.goBack();
    await waitDone();
    await page.waitForFunction((n) => document.querySelectorAll('#search-results > li').length >= n, shown);
    assert.equal(await page.locator(`#search-results a[href="${href}"]`).count(), 1);
    // Not only from the browser's page cache: the count is in the history entry.
    await page.reload();
    await waitDone();
    assert.ok(await page.$$eval('#search-results > li', (lis) => lis.length) >= shown);
    assert.equal(await page.locator(`#search-results a[href="${href}"]`).count(), 1);
  });

  test('the language switcher keeps the query and the facets', async () => {
    await open('科学城', '&type=policy');
    const href = await page.getAttribute('a.lang-switch', 'href');
    const target = new URL(href, server.origin);
    assert.equal(target.pathname, '/en/search/');
    assert.equal(target.searchParams.get('q'), '科学城');
    assert.equal(target.searchParams.get('type'), 'policy');
    await page.fill('#search-q', '中试');
    await page.waitForFunction(() => new URL(document.querySelector('a.lang-switch').href).searchParams.get('q') === '中试');
  });

  test('on a phone the facets are one tap away, above the results', async () => {
    const phone = await browser.newPage({ viewport: { width: 375, height: 700 } });
    await phone.goto(`${server.url}search/?q=${encodeURIComponent('技')}`);
    await waitDone(phone);
    const toggle = phone.locator('.search-filter-toggle');
    assert.ok(await toggle.isVisible());
    const toggleBox = await toggle.boundingBox();
    const firstResult = await phone.locator('#search-results > li').first().boundingBox();
    assert.ok(toggleBox.y + toggleBox.height <= firstResult.y, 'the filter toggle is above the results');
    assert.ok(toggleBox.y < 700, 'and on the first screen');
    assert.equal(await phone.locator('.facet-type input').first().isVisible(), false, 'closed at first');
    await toggle.click();
    assert.ok(await phone.locator('.facet-type input').first().isVisible());
    await phone.close();
  });
});

describe('a site with an entry written in traditional characters', () => {
  let server;
  let browser;
  let page;
  let root;
  const ENTRY = `---
title: 奈米光柵測量技術
summary: 以技術作價入股方式在西部科學城實現轉化。
date: 2023-01
field: 先进制造
stage: 产业化
region: 重庆市
---

## 轉化情況

科學城的企業與大學合作，技術經紀人參與。
`;
  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'chengguo-traditional-'));
    fs.cpSync(path.join(REPO, 'config.yaml'), path.join(root, 'config.yaml'));
    fs.cpSync(path.join(REPO, 'content'), path.join(root, 'content'), { recursive: true });
    fs.cpSync(path.join(REPO, 'themes'), path.join(root, 'themes'), { recursive: true });
    fs.writeFileSync(path.join(root, 'content/achievements/grating-measurement.zh.md'), ENTRY);
    const dir = buildSite({ root });
    server = await serveWithNginx(dir, '/');
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.goto(`${server.url}search/`);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });
  const search = (query) => page.evaluate((q) => window.chengguoSearch(q), query);
  const paths = async (query) => (await search(query)).map((r) => new URL(r.url, server.origin).pathname);
  const ENTRY_PATH = '/achievements/grating-measurement/';

  test('simplified input finds it, and its own spelling still finds it exactly', async () => {
    for (const query of ['科学城', '技术经纪人', '光栅测量', '技术作价入股']) {
      assert.ok((await paths(query)).includes(ENTRY_PATH), `${query} finds the traditional entry`);
    }
    for (const query of ['科學城', '技術經紀人', '光柵測量']) {
      assert.deepEqual(await paths(query), [ENTRY_PATH], `${query} finds only the entry written so`);
    }
    // A simplified query finds nothing it should not: every result holds it in one spelling or the other.
    const found = await search('技术经纪人');
    for (const r of found) {
      const text = await page.evaluate(async (url) => {
        const doc = new DOMParser().parseFromString(await (await fetch(url)).text(), 'text/html');
        return doc.querySelector('[data-entry]').textContent;
      }, r.url);
      assert.ok(simplify(normalise(text)).includes('技术经纪人'), r.url);
    }
  });

  test('with few results, those in the other spelling follow the exact ones and are labelled close', async () => {
    const answer = await page.evaluate((q) => window.chengguoSearchForgiving(q), '技术经纪人');
    const kinds = answer.results.map((r) => [new URL(r.url, server.origin).pathname, r.exact]);
    const other = kinds.findIndex(([url]) => url === ENTRY_PATH);
    assert.ok(other >= 0, 'the traditional entry is found');
    assert.equal(kinds[other][1], false, 'and not labelled exact');
    assert.ok(kinds.slice(0, other).every(([, exact]) => exact), 'the exact ones come first');
    assert.ok(kinds.filter(([url]) => url !== ENTRY_PATH).every(([, exact]) => exact));
    const own = await page.evaluate((q) => window.chengguoSearchForgiving(q), '技術經紀人');
    assert.deepEqual(own.results.map((r) => [new URL(r.url, server.origin).pathname, r.exact]), [[ENTRY_PATH, true]]);
  });
});

// The hostile fixture site (tests/fixtures/hostile: script in every field, in
// Markdown attributes, link and image schemes, raw HTML) opened page by page in
// Chromium behind nginx. Every payload that ran would open a dialog or set
// window.__pwned; the test fails on either, after focusing, hovering and
// clicking every element so that handlers needing a user would fire too.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildSite, hostileRoot, launchBrowser, serveWithNginx } from './harness.js';

/** Every HTML page of the built site, as URL paths. */
function pagesOf(dir) {
  return fs.readdirSync(dir, { recursive: true })
    .filter((file) => file.endsWith('.html'))
    .map((file) => `/${file.split(path.sep).join('/')}`.replace(/index\.html$/, ''))
    .sort();
}

/** A page that records every dialog; `whatRuns` then opens URLs in it. */
async function watchedPage(browser) {
  const page = await browser.newPage();
  page.ran = [];
  page.on('dialog', async (dialog) => {
    page.ran.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  return page;
}

/** Open `url` in `page`, poke every element, and say what ran. */
async function whatRuns(page, url) {
  page.ran.length = 0;
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => {
    for (const element of document.querySelectorAll('body *')) {
      for (const type of ['mouseover', 'mouseenter', 'focus', 'focusin', 'click']) {
        element.dispatchEvent(new Event(type, { bubbles: true }));
      }
    }
    // Links are followed only by a real click; clicking one that kept a
    // script URL would run it here.
    for (const link of document.querySelectorAll('a[href]')) {
      if (/^\s*(javascript|vbscript|data):/i.test(link.getAttribute('href'))) link.click();
    }
  });
  const pwned = await page.evaluate(() => window.__pwned);
  const ran = [...page.ran];
  if (pwned !== undefined) ran.push(`window.__pwned = ${JSON.stringify(pwned)}`);
  return ran;
}

describe('the hostile site in Chromium', () => {
  let server;
  let browser;
  let pages;
  before(async () => {
    const dir = buildSite({ root: hostileRoot() });
    pages = pagesOf(dir);
    server = await serveWithNginx(dir, '/');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the detector sees a payload that runs', async () => {
    // Without this, a test that never caught anything would pass for the wrong reason.
    const page = await browser.newPage();
    const ran = [];
    page.on('dialog', async (dialog) => { ran.push(dialog.message()); await dialog.dismiss(); });
    // about:blank carries no Content-Security-Policy, so the probe shows the
    // detector itself, not the site's policy.
    await page.goto('about:blank');
    await page.setContent('<img src="data:," onerror="window.__pwned=1;alert(\'probe\')">');
    await page.waitForFunction(() => window.__pwned === 1);
    assert.deepEqual(ran, ['probe']);
    await page.close();
  });

  test('no page runs script from content', async () => {
    assert.ok(pages.length > 20, `only ${pages.length} pages`);
    for (const want of ['/achievements/xss/', '/en/achievements/xss/', '/parks/xss-park/', '/policies/xss-policy/']) {
      assert.ok(pages.includes(want), `${want} was not built`);
    }
    const page = await watchedPage(browser);
    const found = [];
    for (const pagePath of pages) {
      for (const what of await whatRuns(page, `${server.origin}${pagePath}`)) found.push(`${pagePath}: ${what}`);
    }
    await page.close();
    assert.deepEqual(found, []);
  });

  test('search results for the payloads run nothing', async () => {
    for (const [lang, query] of [['zh', 'script'], ['zh', '成果'], ['en', 'pwned'], ['en', 'onerror']]) {
      const url = `${server.url}${lang === 'en' ? 'en/' : ''}search/?q=${encodeURIComponent(query)}`;
      const page = await browser.newPage();
      const ran = [];
      page.on('dialog', async (dialog) => { ran.push(dialog.message()); await dialog.dismiss(); });
      await page.goto(url);
      await page.waitForSelector('#search-results[data-state="done"]', { state: 'attached' });
      const count = Number(await page.getAttribute('#search-results', 'data-count'));
      assert.ok(count > 0, `"${query}" found nothing, so its results were not tried`);
      await page.$$eval('#search-results *', (elements) => elements.forEach((e) => e.dispatchEvent(new Event('mouseover', { bubbles: true }))));
      const pwned = await page.evaluate(() => window.__pwned);
      assert.deepEqual([ran, pwned], [[], undefined], `${lang} "${query}"`);
      await page.close();
    }
  });
});

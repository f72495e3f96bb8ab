// The bundled site in a real browser behind nginx, at the domain root and under a sub-path.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildSite, launchBrowser, serveWithNginx } from './harness.js';

for (const prefix of ['/', '/showcase/']) {
  describe(`bundled site served at ${prefix}`, () => {
    let server;
    let browser;
    before(async () => {
      const dir = buildSite({ baseUrl: prefix });
      server = await serveWithNginx(dir, prefix);
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await server?.stop();
    });

    test('every internal link on the home pages and one entry of each type resolves', async () => {
      const page = await browser.newPage();
      const seen = new Set();
      const start = [`${server.url}`, `${server.url}en/`];
      for (const url of start) {
        const response = await page.goto(url);
        assert.equal(response.status(), 200, url);
        const links = await page.$$eval('a[href]', (as) => as.map((a) => a.href));
        for (const link of links) {
          if (!link.startsWith(server.origin) || seen.has(link)) continue;
          seen.add(link);
          assert.ok(new URL(link).pathname.startsWith(prefix), `${link} is outside ${prefix}`);
        }
      }
      assert.ok(seen.size > 20, `only ${seen.size} links found`);
      for (const link of seen) {
        const response = await page.request.get(link);
        assert.equal(response.status(), 200, `${link} answered ${response.status()}`);
      }
      await page.close();
    });

    test('the stylesheet loads and the language switcher goes to the same entry', async () => {
      const page = await browser.newPage();
      await page.goto(`${server.url}parks/`);
      const entryLink = page.locator('.cards a').first();
      const title = await entryLink.textContent();
      await entryLink.click();
      await page.waitForLoadState();
      assert.equal((await page.locator('[data-entry] h1').textContent()).trim(), title.trim());
      const background = await page.$eval('.site-header', (el) => getComputedStyle(el).backgroundColor);
      assert.notEqual(background, 'rgba(0, 0, 0, 0)', 'style.css did not apply');
      const zhPath = new URL(page.url()).pathname;
      await page.click('.lang-switch');
      await page.waitForLoadState();
      const enPath = new URL(page.url()).pathname;
      assert.equal(enPath, zhPath.replace(prefix, `${prefix}en/`));
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      await page.close();
    });

    test('a missing page gets the site 404 page', async () => {
      const page = await browser.newPage();
      const response = await page.goto(`${server.url}no/such/page/`);
      assert.equal(response.status(), 404);
      assert.match(await page.locator('h1').textContent(), /页面不存在/);
      await page.close();
    });
  });
}

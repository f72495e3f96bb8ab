// An achievement page as a company uses it (issue 15), on the `business`
// fixture served by nginx with the build's headers, at / and at a sub-path:
// the contact block's tel: and mailto: links, the 我要对接 link with its
// subject, the attachment that downloads, all under the strict
// Content-Security-Policy with no violation; and, with an enquiry form
// configured, the link to it carrying the entry's slug and title.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { REPO, buildSite, launchBrowser, serveWithNginx } from './harness.js';

const FIXTURE = path.join(REPO, 'tests', 'fixtures', 'business');

/** The headers `_headers` sets for every path, as [name, value] pairs. */
function headersFile(dir) {
  const lines = fs.readFileSync(path.join(dir, '_headers'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  return lines.slice(1).map((line) => {
    const at = line.indexOf(':');
    return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
  });
}

/** A page that records every CSP violation and page error. */
async function watchedPage(browser) {
  const page = await browser.newPage({ acceptDownloads: true });
  const problems = [];
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
    }, true);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.url()}: status ${r.status()}`); });
  const violations = async () => {
    await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
    return page.evaluate(() => window.cspViolations);
  };
  return { page, problems, violations };
}

for (const prefix of ['/', '/showcase/']) {
  describe(`an achievement page with every business field, served at ${prefix}`, () => {
    let server;
    let browser;
    before(async () => {
      // The origin stays the fixture's: pages link by path, the mail names the page's full address.
      const dir = buildSite({ root: FIXTURE, baseUrl: `https://example.org${prefix}` });
      server = await serveWithNginx(dir, prefix, headersFile(dir));
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await server?.stop();
    });

    test('contact links, the enquiry link and the attachment work under the policy', async () => {
      const { page, problems, violations } = await watchedPage(browser);
      await page.goto(`${server.url}achievements/graphene-sensor/`);
      const contact = page.locator('[data-contact]');
      assert.equal(await contact.locator('a[href^="tel:"]').getAttribute('href'), 'tel:02360001234');
      assert.equal(await contact.locator('a[href^="mailto:"]').getAttribute('href'), 'mailto:transfer@example.edu.cn');

      const enquiry = page.getByRole('link', { name: '我要对接' });
      assert.ok(await enquiry.isVisible());
      const mail = new URL(await enquiry.getAttribute('href'));
      assert.equal(mail.protocol, 'mailto:');
      assert.equal(mail.pathname, 'transfer@example.edu.cn');
      const subject = mail.searchParams.get('subject');
      assert.equal(subject, `我要对接：石墨烯压力传感器 https://example.org${prefix}achievements/graphene-sensor/`);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: '项目介绍' }).click(),
      ]);
      assert.equal(download.suggestedFilename(), 'brochure.pdf');
      assert.equal(fs.statSync(await download.path()).size, 1536);
      assert.match(await page.locator('.attachments').innerText(), /（PDF 1\.5 KB）/);

      assert.deepEqual(await violations(), []);
      assert.deepEqual(problems, []);
      await page.close();
    });
  });
}

describe('with an enquiry form configured', () => {
  let server;
  let browser;
  let site;
  before(async () => {
    site = fs.mkdtempSync(path.join(os.tmpdir(), 'chengguo-business-'));
    fs.cpSync(FIXTURE, site, { recursive: true });
    const config = fs.readFileSync(path.join(site, 'config.yaml'), 'utf8');
    fs.writeFileSync(path.join(site, 'config.yaml'), config.replace('  email: office@example.org\n', '  enquiry_form: https://forms.example.org/enquiry?from=site\n'));
    const dir = buildSite({ root: site });
    server = await serveWithNginx(dir, '/', headersFile(dir));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(site, { recursive: true, force: true });
  });

  test('I am interested leads to the form with the slug and title', async () => {
    const { page, violations } = await watchedPage(browser);
    await page.goto(`${server.url}en/achievements/graphene-sensor/`);
    const link = page.getByRole('link', { name: 'I am interested' });
    const form = new URL(await link.getAttribute('href'));
    assert.equal(form.origin + form.pathname, 'https://forms.example.org/enquiry');
    assert.equal(form.searchParams.get('from'), 'site');
    assert.equal(form.searchParams.get('slug'), 'graphene-sensor');
    assert.equal(form.searchParams.get('title'), 'Graphene pressure sensor');
    // The form replaces e-mail even where the entry has an address of its own.
    assert.equal(await page.locator('a[href^="mailto:"][data-enquiry]').count(), 0);
    assert.deepEqual(await violations(), []);
    await page.close();
  });
});

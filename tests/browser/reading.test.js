// Reading and printing (issue 12, items 1 and 6), on the `identity` fixture
// built under a sub-path and served by nginx with the build's `_headers`:
// the larger-text and high-contrast modes change the computed styles, are
// kept across pages and set before the page is drawn; print emulation hides
// the header, navigation and footer of a policy and shows outside links'
// addresses; the focus ring's contrast is measured from computed styles; the
// footer's filing, phone and e-mail links go where they must. Chromium must
// report no Content-Security-Policy violation on the way.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { REPO, buildSite, launchBrowser, serveWithNginx } from './harness.js';

const FIXTURE = path.join(REPO, 'tests', 'fixtures', 'identity');
const PREFIX = '/showcase/';

/** The headers `_headers` sets for every path, as [name, value] pairs. */
function headersFile(dir) {
  return fs.readFileSync(path.join(dir, '_headers'), 'utf8').split('\n')
    .filter((l) => l && !l.startsWith('#') && l !== '/*')
    .map((line) => [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1).trim()]);
}

/** WCAG relative luminance of `rgb(r, g, b)` / `rgba(…)`. */
function luminance(color) {
  const [r, g, b] = color.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

describe('reading modes, print and footer', () => {
  let site;
  let browser;
  let context;
  const violations = [];

  before(async () => {
    const dir = buildSite({ root: FIXTURE, baseUrl: PREFIX });
    site = await serveWithNginx(dir, PREFIX, headersFile(dir));
    browser = await launchBrowser();
    context = await browser.newContext();
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`CSP: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
      }, true);
    });
    context.on('console', (m) => { if (m.type() === 'error') violations.push(m.text()); });
  });

  after(async () => {
    await browser?.close();
    await site?.stop();
    assert.deepEqual(violations, [], 'no console error and no CSP violation on any page');
  });

  /** The computed style of the first element matching `selector`. */
  const style = (page, selector, ...names) => page.$eval(selector, (el, names) => {
    const computed = getComputedStyle(el);
    return Object.fromEntries(names.map((n) => [n, computed.getPropertyValue(n)]));
  }, names);

  test('the modes change font size and colours, stay on for the next page, and turn off', async () => {
    const page = await context.newPage();
    await page.goto(`${site.url}policies/transfer-rules/`);
    const plain = await style(page, 'main p', 'font-size', 'color');
    const body = await style(page, 'body', 'background-color');
    const large = page.locator('button[data-reading-mode="large"]');
    const high = page.locator('button[data-reading-mode="contrast"]');
    assert.equal(await large.textContent(), '大字');
    assert.equal(await large.getAttribute('aria-pressed'), 'false');
    await large.click();
    await high.click();
    assert.equal(await large.getAttribute('aria-pressed'), 'true');
    assert.equal(await high.getAttribute('aria-pressed'), 'true');
    const bigger = await style(page, 'main p', 'font-size', 'color');
    assert.ok(parseFloat(bigger['font-size']) >= parseFloat(plain['font-size']) * 1.2, `${plain['font-size']} → ${bigger['font-size']}`);
    const dark = await style(page, 'body', 'background-color');
    assert.notEqual(dark['background-color'], body['background-color']);
    // High contrast: body text and links at least 7:1 on the page.
    assert.ok(contrast(bigger.color, dark['background-color']) >= 7, `text ${bigger.color} on ${dark['background-color']}`);
    const link = await style(page, 'main .meta a', 'color');
    assert.ok(contrast(link.color, dark['background-color']) >= 7, `link ${link.color}`);

    // Kept across pages, in the other language too, and set before first paint.
    await page.goto(`${site.url}en/parks/science-city/`);
    assert.deepEqual(await page.evaluate(() => [...document.documentElement.classList].sort()), ['mode-contrast', 'mode-large']);
    assert.equal(await page.locator('button[data-reading-mode="large"]').textContent(), 'Larger text');
    assert.equal(await page.locator('button[data-reading-mode="contrast"]').getAttribute('aria-pressed'), 'true');
    await page.locator('button[data-reading-mode="large"]').click();
    await page.goto(`${site.url}parks/`);
    assert.deepEqual(await page.evaluate(() => [...document.documentElement.classList]), ['mode-contrast']);
    await page.locator('button[data-reading-mode="contrast"]').click();
    await page.reload();
    assert.deepEqual(await page.evaluate(() => [...document.documentElement.classList]), []);
    await page.close();
  });

  test('a policy prints without header, navigation and footer, with outside links\' addresses', async () => {
    const page = await context.newPage();
    await page.goto(`${site.url}en/policies/transfer-rules/`);
    await page.emulateMedia({ media: 'print' });
    for (const selector of ['.site-header', '.site-nav', '.header-search', '.lang-switch', '.site-footer', '.breadcrumbs']) {
      assert.equal(await page.$eval(selector, (el) => getComputedStyle(el).display === 'none' || el.offsetParent === null), true, selector);
    }
    assert.equal(await page.isVisible('main h1'), true);
    const after = (selector) => page.$eval(selector, (el) => getComputedStyle(el, '::after').content);
    assert.equal(await after('main .body a[href^="http"]'), '" (https://www.example.com/rules)"');
    // A link within the site shows no address.
    assert.equal(await after('main .body a[href^="/"]'), 'none');
    await page.emulateMedia({ media: 'screen' });
    assert.equal(await page.isVisible('.site-header'), true);
    await page.close();
  });

  test('the focus ring stands out 3:1 from the page and from what it surrounds', async () => {
    const page = await context.newPage();
    for (const mode of [[], ['contrast']]) {
      await page.goto(`${site.url}policies/transfer-rules/`);
      await page.evaluate((mode) => localStorage.setItem('chengguo-reading-modes', mode.join(' ')), mode);
      await page.reload();
      for (const selector of ['main .meta a', '.site-footer a', '#header-q', '.header-search button', '.lang-switch', 'button[data-reading-mode="large"]']) {
        await page.keyboard.press('Escape');
        await page.focus(selector);
        const ring = await page.$eval(selector, (el) => {
          const own = getComputedStyle(el);
          // The colour behind the element: its nearest ancestor with a background.
          let behind = 'rgb(255, 255, 255)';
          for (let up = el.parentElement; up; up = up.parentElement) {
            const bg = getComputedStyle(up).backgroundColor;
            if (!/rgba\(.*, 0\)$/.test(bg) && bg !== 'transparent') { behind = bg; break; }
          }
          const inset = own.boxShadow.match(/rgba?\([^)]*\)(?= 0px 0px 0px \d+px inset)/);
          return {
            visible: el.matches(':focus-visible'),
            width: parseFloat(own.outlineWidth),
            outline: own.outlineColor,
            behind,
            background: /rgba\(.*, 0\)$/.test(own.backgroundColor) ? behind : own.backgroundColor,
            inset: inset ? inset[0] : null,
          };
        });
        const where = `${selector} (${mode.join(' ') || 'normal'}): ${JSON.stringify(ring)}`;
        assert.ok(ring.visible && ring.width >= 2, where);
        assert.ok(contrast(ring.outline, ring.behind) >= 3, `against the page, ${where}`);
        const inner = Math.max(contrast(ring.outline, ring.background), ring.inset ? contrast(ring.inset, ring.background) : 0);
        assert.ok(inner >= 3, `against the element, ${where}`);
      }
    }
    await page.evaluate(() => localStorage.clear());
    await page.close();
  });

  test('the footer links to the filing registers, a phone number and an e-mail address', async () => {
    const page = await context.newPage();
    await page.goto(`${site.url}`);
    const href = (selector) => page.getAttribute(`.site-footer ${selector}`, 'href');
    assert.equal(await href('a.icp'), 'https://beian.miit.gov.cn/');
    assert.equal(await href('a.public-security'), 'https://beian.mps.gov.cn/#/query/webSearch?code=50000000000000');
    assert.equal(await href('a[href^="tel:"]'), 'tel:+862360000000');
    assert.equal(await href('a[href^="mailto:"]'), 'mailto:office@kjj.example.gov.cn');
    assert.equal(await href('a.site-mark'), 'https://bszs.conac.cn/sitename?method=show&id=EXAMPLE');
    // The mark's image and the statement pages are files of the site.
    const image = await page.$eval('.site-footer .site-mark img', (img) => img.complete && img.naturalWidth > 0);
    assert.equal(image, true);
    for (const text of ['网站地图', '版权声明', '隐私声明']) {
      const url = await page.getAttribute(`.footer-links a:text-is("${text}")`, 'href');
      const response = await page.request.get(new URL(url, site.url).href);
      assert.equal(response.status(), 200, `${text} → ${url}`);
    }
    await page.close();
  });
});

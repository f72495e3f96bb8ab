// The statistics and open-data pages behind nginx under a sub-path, in both
// languages: they load with no failed request and no CSP violation, a bar of
// a chart leads to a page that lists the entries it counts, and the data
// files and the catalogue are fetched as a data user would and validated with
// an independent validator (Ajv, draft 2020-12) against the schema the site
// publishes. The site is built with the README's own invocation, run from
// the site's folder.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import { BIN, REPO, launchBrowser, serveWithNginx } from './harness.js';

const PREFIX = '/showcase/';

describe('statistics and open data under a sub-path', () => {
  let server;
  let browser;
  let work;
  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'chengguo-opendata-'));
    const output = path.join(work, 'public');
    execFileSync(BIN, ['build', '--output', output, '--base-url', PREFIX], {
      cwd: REPO,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    server = await serveWithNginx(output, PREFIX);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  /** A page opened with every failed response and console error collected. */
  async function open(url) {
    const page = await browser.newPage();
    const problems = [];
    page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`); });
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    const response = await page.goto(url);
    assert.equal(response.status(), 200, url);
    return { page, problems };
  }

  for (const [lang, prefix, heading] of [['zh-CN', '', '统计'], ['en', 'en/', 'Statistics']]) {
    test(`the ${lang} statistics page draws each chart with its table, and a bar leads to its entries`, async () => {
      const { page, problems } = await open(`${server.url}${prefix}statistics/`);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      assert.equal(await page.textContent('h1'), heading);
      const charts = await page.$$eval('section.chart', (sections) => sections.map((s) => ({
        bars: [...s.querySelectorAll('svg a')].map((a) => ({
          href: a.getAttribute('href'),
          count: Number(a.querySelector('.chart-count').textContent),
        })),
        rows: [...s.querySelectorAll('table tbody tr')].map((tr) => ({
          href: tr.querySelector('a').getAttribute('href'),
          count: Number(tr.querySelector('td').textContent),
        })),
        hidden: s.querySelector('svg')?.getAttribute('aria-hidden'),
        summary: s.querySelector('.chart-summary').textContent,
      })));
      assert.equal(charts.length, 10);
      const drawn = charts.filter((c) => c.bars.length);
      assert.ok(drawn.length >= 8, `${drawn.length} charts drawn`);
      for (const chart of drawn) {
        assert.deepEqual(chart.bars, chart.rows, 'the table holds the chart\'s numbers');
        assert.equal(chart.hidden, 'true');
        assert.ok(chart.summary.includes(String(Math.max(...chart.rows.map((r) => r.count)))), chart.summary);
      }
      // The first bar of the first chart: a vocabulary value's page listing
      // as many entries as the bar counts (a page holds them all: page size 20).
      const bar = drawn[0].bars[0];
      assert.ok(bar.href.startsWith(`${PREFIX}${prefix}`), bar.href);
      await page.click(`svg a[href="${bar.href}"]`);
      await page.waitForURL(`**${bar.href}`);
      assert.equal(await page.locator('main .card').count(), bar.count);
      assert.deepEqual(problems, []);
      await page.close();
    });

    test(`the ${lang} open-data page links every file, and carries a Dataset description`, async () => {
      const { page, problems } = await open(`${server.url}${prefix}open-data/`);
      const links = await page.$$eval('main a[href]', (as) => as.map((a) => a.getAttribute('href')));
      for (const file of ['achievements', 'parks', 'policies'].flatMap((t) => [`data/${t}.json`, `data/${t}.csv`])
        .concat(['data/catalog.json', 'data/schema.json'])) {
        assert.ok(links.includes(`${PREFIX}${file}`), `${file} is linked`);
      }
      const jsonLd = JSON.parse(await page.textContent('script[type="application/ld+json"]'));
      assert.equal(jsonLd['@type'], 'Dataset');
      assert.equal(jsonLd.distribution.length, 6);
      for (const download of jsonLd.distribution) {
        const response = await fetch(new URL(download.contentUrl, server.origin));
        assert.equal(response.status, 200, download.contentUrl);
      }
      assert.deepEqual(problems, []);
      await page.close();
    });
  }

  test('the data files and each entry\'s JSON validate against the published schema', async () => {
    const get = async (file) => {
      const response = await fetch(`${server.url}${file}`);
      assert.equal(response.status, 200, file);
      return response;
    };
    const schema = await (await get('data/schema.json')).json();
    const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
    let entries = 0;
    for (const type of ['achievements', 'parks', 'policies']) {
      const response = await get(`data/${type}.json`);
      assert.match(response.headers.get('content-type'), /^application\/json/);
      const data = await response.json();
      assert.ok(validate(data), `${type}.json: ${JSON.stringify(validate.errors, null, 1)}`);
      assert.equal(data.version, 1);
      for (const entry of data.entries) {
        const own = await (await get(`${type}/${entry.slug}/index.json`)).json();
        assert.ok(validate(own), `${type}/${entry.slug}: ${JSON.stringify(validate.errors)}`);
        assert.deepEqual(own.entry, entry);
        entries += 1;
      }
      const csv = new Uint8Array(await (await get(`data/${type}.csv`)).arrayBuffer());
      assert.deepEqual([...csv.slice(0, 3)], [0xef, 0xbb, 0xbf], `${type}.csv starts with a BOM`);
    }
    assert.ok(entries > 30, `${entries} entries`);
    // A broken file is refused: the schema is not a formality.
    const data = await (await get('data/parks.json')).json();
    data.entries[0].kind = { key: 'no-such-kind', label: { zh: '无', en: 'None' } };
    assert.equal(validate(data), false);
  });

  test('the catalogue lists every dataset with download URLs that are served', async () => {
    const catalog = await (await fetch(`${server.url}data/catalog.json`)).json();
    assert.equal(catalog['@type'], 'dcat:Catalog');
    assert.deepEqual(catalog['dct:title'].map((t) => t['@language']), ['zh-CN', 'en']);
    assert.equal(catalog['dct:license'], undefined, 'the bundled config names no licence');
    const datasets = catalog['dcat:dataset'];
    assert.deepEqual(datasets.map((d) => d['dct:identifier']), ['achievements', 'parks', 'policies']);
    for (const dataset of datasets) {
      for (const distribution of dataset['dcat:distribution']) {
        const url = distribution['dcat:downloadURL']['@id'];
        assert.ok(url.startsWith(PREFIX), url);
        const response = await fetch(new URL(url, server.origin));
        assert.equal(response.status, 200, url);
        assert.equal((await response.arrayBuffer()).byteLength, distribution['dcat:byteSize'], url);
      }
    }
  });

  test('an entry page links its JSON, which is served', async () => {
    const { page, problems } = await open(`${server.url}en/achievements/`);
    await page.click('main .card a');
    const href = await page.getAttribute('link[rel="alternate"][type="application/json"]', 'href');
    assert.match(href, new RegExp(`^${PREFIX}achievements/[a-z0-9-]+/index\\.json$`));
    const data = await (await fetch(new URL(href, server.origin))).json();
    assert.equal(data.type, 'achievement');
    assert.ok(page.url().endsWith(`/${data.entry.slug}/`), page.url());
    assert.deepEqual(problems, []);
    await page.close();
  });
});

// The business fixture: achievements with IP records, terms, contacts and
// attachments, its contact details shown in full and then masked; every data
// file read from the build validates against the schema it publishes.
for (const shown of ['full', 'masked']) {
  test(`the business fixture's data validate against its schema, contacts ${shown}`, () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'chengguo-business-'));
    fs.cpSync(path.join(REPO, 'tests', 'fixtures', 'business'), root, { recursive: true });
    const config = path.join(root, 'config.yaml');
    fs.writeFileSync(config, fs.readFileSync(config, 'utf8')
      .replace('show_phone: full', `show_phone: ${shown}`).replace('show_email: full', `show_email: ${shown}`));
    const output = path.join(root, 'public');
    execFileSync(BIN, ['build', '--root', root, '--output', output], { stdio: ['ignore', 'inherit', 'inherit'] });
    const read = (file) => JSON.parse(fs.readFileSync(path.join(output, file), 'utf8'));
    const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(read('data/schema.json'));
    const data = read('data/achievements.json');
    assert.ok(validate(data), JSON.stringify(validate.errors, null, 1));
    for (const entry of data.entries) {
      const own = read(`achievements/${entry.slug}/index.json`);
      assert.ok(validate(own), `${entry.slug}: ${JSON.stringify(validate.errors)}`);
    }
    const sensor = data.entries.find((e) => e.slug === 'graphene-sensor');
    assert.equal(sensor.contact.email, shown === 'full' ? 'transfer@example.edu.cn' : 't***@example.edu.cn');
    assert.equal(sensor.ip.length, 2);
    assert.equal(sensor.attachments[0].size, 1536);
    // A price that is neither an amount nor negotiable is refused.
    sensor.cooperation.price = { negotiable: false, amount: null, currency: null };
    assert.equal(validate(data), false);
  });
}

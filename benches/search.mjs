// Search benchmark: for the bundled site and a generated corpus of N entries,
// the index size on disk and its file count, the bytes a first search
// downloads (raw and gzip, scripts included) for each of QUERIES (their
// median and maximum) and the time a query takes in Chromium once its parts
// are loaded (median of five runs). A first search above LIMIT gzip bytes is
// a FAIL (issue 14), and the script then exits with status 1. Run from the
// repository root after `cargo build --release`:
//
//   node benches/search.mjs                 # bundled site and N = 10,000
//   node benches/search.mjs --entries 2000  # another N
//   node benches/search.mjs --corpus DIR    # a corpus already generated
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { REPO, buildSite, launchBrowser, serveWithNginx } from '../tests/browser/harness.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const entries = Number(option('entries', '10000'));
let corpus = option('corpus', null);

const QUERIES = {
  zh: ['科学城', '技术经纪人', '纳米位移测量', '科技成果转化', '中试', '技', '赋权改革', '知识产权',
    // Long phrases, and a document number.
    '职务科技成果赋权改革', '高分子复合材料成果转化项目', '重庆邮电大学研发的高分子复合材料', '渝科局发〔2023〕232号',
    // Queries that need forgiving (issue 14): traditional, typos, words typed together.
    '科學城', '技术经济人', '科技成果专化', '知识产权作价入股', 'AI 芯片'],
  en: ['park', 'science city', 'technology transfer', 'tecnology transfer', 'intellectual property rights'],
};

// The most a first search may download, gzip, scripts included (issue 14).
const LIMIT = 100 * 1024;

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((item) => {
    const full = path.join(dir, item.name);
    return item.isDirectory() ? walk(full) : [full];
  });
}

function indexSize(site) {
  const sizes = {};
  const all = walk(path.join(site, 'search-index'));
  sizes.total = { files: all.length, bytes: all.reduce((sum, f) => sum + fs.statSync(f).size, 0) };
  // One folder per language (with a manifest); the folding table (t2s.txt, t2s/) beside them is fetched only by forgiving queries.
  for (const lang of fs.readdirSync(path.join(site, 'search-index')).filter((name) => fs.existsSync(path.join(site, 'search-index', name, 'manifest.json')))) {
    const files = walk(path.join(site, 'search-index', lang));
    const bytes = files.reduce((sum, f) => sum + fs.statSync(f).size, 0);
    const parts = (folder) => files.filter((f) => f.includes(`/${lang}/${folder}/`));
    const sum = (list) => list.reduce((total, f) => total + fs.statSync(f).size, 0);
    sizes[lang] = {
      files: files.length,
      bytes,
      shards: sum(parts('s')),
      positions: sum(parts('p')),
      longer: sum(parts('l')),
      dictionary: sum(parts('k')),
      documents: sum(parts('d')),
      manifest: fs.statSync(path.join(site, 'search-index', lang, 'manifest.json')).size,
    };
  }
  return sizes;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function measure(label, site) {
  console.log(`\n## ${label}`);
  const sizes = indexSize(site);
  for (const [lang, s] of Object.entries(sizes)) {
    if (lang === 'total') continue;
    console.log(`index ${lang}: ${mb(s.bytes)} on disk in ${s.files} files ` +
      `(shards ${mb(s.shards)}, positions ${mb(s.positions)}, longer keys ${mb(s.longer)}, ` +
      `dictionary ${mb(s.dictionary)}, entry bundles ${mb(s.documents)}, manifest ${kb(s.manifest)})`);
  }
  console.log(`index in all: ${mb(sizes.total.bytes)} (${sizes.total.bytes} bytes) in ${sizes.total.files} files`);
  const firsts = [];
  const server = await serveWithNginx(site, '/');
  const browser = await launchBrowser();
  try {
    console.log('| lang | query | results | first search: files | raw | gzip | search, parts loaded | search + facets + 10 results shown |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const [lang, queries] of Object.entries(QUERIES)) {
      for (const query of queries) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const bodies = [];
        const names = [];
        page.on('response', async (response) => {
          const url = new URL(response.url());
          // search-forgive.js and search-ranges.js too, which a query loads when it needs them.
          if (!/search(-[a-z]+)?\.js$|\/search-index\//.test(url.pathname)) return;
          const body = response.body().catch(() => Buffer.alloc(0));
          bodies.push(body);
          names.push(url.pathname.replace(/^.*\/(search-index\/|static\/)/, '$1'));
        });
        const searchUrl = `${server.url}${lang === 'en' ? 'en/' : ''}search/?q=${encodeURIComponent(query)}`;
        await page.goto(searchUrl);
        await page.waitForSelector('#search-results:is([data-state="done"], [data-state="error"])', { state: 'attached', timeout: 120000 });
        if (await page.getAttribute('#search-results', 'data-state') === 'error') throw new Error(`${query}: the search failed`);
        const count = await page.getAttribute('#search-results', 'data-count');
        const loaded = await Promise.all(bodies);
        const perFile = loaded.map((b, i) => `${names[i]} ${kb(zlib.gzipSync(b, { level: 6 }).length)}`);
        const raw = loaded.reduce((sum, b) => sum + b.length, 0);
        const gzip = loaded.reduce((sum, b) => sum + zlib.gzipSync(b, { level: 6 }).length, 0);
        const times = await page.evaluate(async (q) => {
          const input = document.getElementById('search-q');
          const form = document.getElementById('search-form');
          const list = document.getElementById('search-results');
          const once = () => new Promise((resolve) => {
            const start = performance.now();
            const observer = new MutationObserver(() => {
              if (list.getAttribute('data-state') === 'done') {
                observer.disconnect();
                const engine = performance.getEntriesByName('chengguo-search').pop().duration;
                resolve([engine, performance.now() - start]);
              }
            });
            observer.observe(list, { attributes: true });
            input.value = q;
            form.requestSubmit();
          });
          const engine = [];
          const total = [];
          for (let i = 0; i < 5; i++) {
            const [e, t] = await once();
            engine.push(e);
            total.push(t);
          }
          const median = (list) => list.sort((a, b) => a - b)[2];
          return [median(engine), median(total)];
        }, query);
        firsts.push({ query, gzip, perFile });
        const over = gzip > LIMIT ? ' FAIL' : '';
        console.log(`| ${lang} | ${query} | ${count} | ${loaded.length} | ${kb(raw)} | ${kb(gzip)}${over} | ${times[0].toFixed(1)} ms | ${times[1].toFixed(1)} ms |`);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  const sorted = firsts.map((f) => f.gzip).sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  const over = firsts.filter((f) => f.gzip > LIMIT);
  console.log(`first search, gzip, over ${firsts.length} queries: median ${kb(median)}, maximum ${kb(sorted[sorted.length - 1])}`);
  if (over.length) {
    console.log(`FAIL: ${over.length} of ${firsts.length} first searches above ${kb(LIMIT)}: ${over.map((f) => `${f.query} ${kb(f.gzip)}`).join(', ')}`);
    // What each of them fetched, file by file (gzip), to see where the bytes go.
    for (const f of over) console.log(`  ${f.query}: ${f.perFile.join(', ')}`);
    process.exitCode = 1;
  } else {
    console.log(`PASS: every one of the ${firsts.length} first searches is within ${kb(LIMIT)}`);
  }
}

// Each build goes to a fresh temporary folder; remove it once measured.
const removeBuild = (site) => fs.rmSync(path.dirname(site), { recursive: true, force: true });

const bundled = buildSite();
await measure('bundled site', bundled);
removeBuild(bundled);

if (!corpus) {
  corpus = path.join('/tmp', `chengguo-bench-corpus-${entries}`);
  if (!fs.existsSync(path.join(corpus, 'content'))) {
    execFileSync('cargo', ['run', '--quiet', '--release', '--example', 'gen_corpus', '--',
      '--entries', String(entries), '--out', corpus], { cwd: REPO, stdio: 'inherit' });
  }
}
// The generator copies the theme; measure the current one.
fs.cpSync(path.join(REPO, 'themes', 'default'), path.join(corpus, 'themes', 'default'), { recursive: true });
const started = Date.now();
const generated = buildSite({ root: corpus });
console.log(`\n(built ${corpus} in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
await measure(`generated corpus (${corpus})`, generated);
removeBuild(generated);

// Serve benchmark: from a saved edit to the reloaded page, in Chromium, on a
// generated corpus of N entries (or the bundled site). It copies the site to a
// temporary folder, starts `chengguo serve` on it, opens one entry page, then
// saves five edits of that entry's title the way editors do (write beside it,
// rename over) and times each until the page shows the new title. Run from
// the repository root after `cargo build --release`:
//
//   node benches/serve.mjs --entries 10000   # generates the corpus first
//   node benches/serve.mjs --corpus DIR      # a corpus already generated
//   node benches/serve.mjs --bundled         # the bundled site
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BIN, REPO, launchBrowser } from '../tests/browser/harness.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const EDITS = 5;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'chengguo-serve-bench-'));
const site = path.join(work, 'site');
let label;
if (args.includes('--bundled')) {
  label = 'the bundled site';
  for (const name of ['config.yaml', 'content', 'themes', 'static']) {
    const from = path.join(REPO, name);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(site, name), { recursive: true });
  }
} else if (option('corpus', null)) {
  label = option('corpus', null);
  fs.cpSync(label, site, { recursive: true });
} else {
  const entries = option('entries', '10000');
  label = `N = ${entries}`;
  execFileSync('cargo', ['run', '--release', '--quiet', '--example', 'gen_corpus', '--',
    '--entries', entries, '--out', site], { cwd: REPO, stdio: 'inherit' });
}

// One Chinese Markdown entry with a plain `title:` line.
const folder = path.join(site, 'content', 'achievements');
const name = fs.readdirSync(folder).sort().find((f) => f.endsWith('.zh.md')
  && /^title: .+$/m.test(fs.readFileSync(path.join(folder, f), 'utf8')));
if (!name) throw new Error(`no Chinese Markdown achievement in ${folder}`);
const file = path.join(folder, name);
const original = fs.readFileSync(file, 'utf8');
const slug = name.replace(/\.zh\.md$/, '');

function saveByRename(text) {
  const temp = path.join(folder, `.${name}.swp-${process.pid}`);
  fs.writeFileSync(temp, text);
  fs.renameSync(temp, file);
}

const started = performance.now();
const child = spawn(BIN, ['serve', '--root', site, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
let log = '';
child.stderr.on('data', (chunk) => { log += chunk; });
const url = await new Promise((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
    // The site's language decides the words: `serving URL` or `正在预览 URL`.
    const match = /(?:serving|正在预览) (http:\/\/\S+)/.exec(out);
    if (match) resolve(match[1]);
  });
  child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${log}`)));
});
const startup = performance.now() - started;

const browser = await launchBrowser();
const times = [];
try {
  const page = await browser.newPage();
  const response = await page.goto(`${url}achievements/${slug}/`);
  if (response.status() !== 200) throw new Error(`entry page: ${response.status()}`);
  await page.waitForSelector('script[data-chengguo-reload][data-connected]', { state: 'attached' });
  for (let round = 1; round <= EDITS; round += 1) {
    const marker = `改动${round}`;
    const edited = original.replace(/^title: "?/m, (head) => `${head}${marker}`);
    const at = performance.now();
    saveByRename(edited);
    await page.waitForFunction((t) => document.querySelector('h1')?.textContent.includes(t),
      marker, { timeout: 60000, polling: 5 });
    times.push(performance.now() - at);
    await page.waitForSelector('script[data-chengguo-reload][data-connected]', { state: 'attached' });
  }
} finally {
  await browser.close();
  child.kill('SIGTERM');
  fs.rmSync(work, { recursive: true, force: true });
}
times.sort((a, b) => a - b);
const rebuilds = [...log.matchAll(/rebuilt \d+ entries in (\d+) ms|已重新生成 \d+ 个条目，用时 (\d+) 毫秒/g)]
  .map((m) => Number(m[1] ?? m[2]));
console.log(`serve on ${label}: ready in ${(startup / 1000).toFixed(2)} s; `
  + `save-to-reload median ${times[EDITS >> 1].toFixed(0)} ms `
  + `(min ${times[0].toFixed(0)}, max ${times[EDITS - 1].toFixed(0)}) over ${EDITS} edits; `
  + `rebuilds ${rebuilds.join(', ')} ms`);
// With CHENGGUO_PROGRESS=1, the server's stage times for each rebuild.
if (process.env.CHENGGUO_PROGRESS === '1') process.stderr.write(log);

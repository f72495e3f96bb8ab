import zlib from 'node:zlib';
import { buildSite, launchBrowser, serveWithNginx } from './harness.js';
const root = process.argv[2] === '-' ? undefined : process.argv[2];
const dir = buildSite(root ? { root } : {});
const server = await serveWithNginx(dir, '/');
const browser = await launchBrowser();
for (const q of process.argv.slice(3)) {
  const [lang, query] = q.startsWith('en:') ? ['en', q.slice(3)] : ['zh', q];
  const context = await browser.newContext();
  const page = await context.newPage();
  const bodies = [];
  page.on('response', (r) => { if (/search.*\.js$|\/search-index\//.test(new URL(r.url()).pathname)) bodies.push(r.body().catch(() => Buffer.alloc(0))); });
  await page.goto(`${server.url}${lang === 'en' ? 'en/' : ''}search/?q=${encodeURIComponent(query)}`);
  await page.waitForSelector('#search-results[data-state="done"]', { state: 'attached', timeout: 120000 });
  const loaded = await Promise.all(bodies);
  const gz = loaded.reduce((s, b) => s + zlib.gzipSync(b).length, 0);
  console.log(lang, query, await page.getAttribute('#search-results', 'data-count'), loaded.length, (gz / 1024).toFixed(1) + ' KB', (await page.textContent('#search-notes')));
  await context.close();
}
await browser.close(); await server.stop();

// The bundled site as a reader sees it, for searching by brute force: every
// entry crawled from the list pages, and the matching rules of the product
// brief written out plainly.

import fs from 'node:fs';
import path from 'node:path';

export const CJK = '\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff';
const BETWEEN_CJK = new RegExp(`([${CJK}])\\p{White_Space}+(?=[${CJK}])`, 'gu');
export const CJK_RUN = new RegExp(`[${CJK}]+`, 'gu');

/** The matching rules of the product brief, written out plainly. */
export function normalise(text) {
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .toLowerCase()
    .replace(BETWEEN_CJK, '$1')
    .replace(/\p{White_Space}+/gu, ' ')
    .trim();
}

export function words(normalised) {
  return normalised.replace(CJK_RUN, ' ').match(/[\p{Alphabetic}\p{N}]+/gu) ?? [];
}

/** Every entry written in the language at `home` (`/` or `/en/`), found from its list pages. */
export async function crawl(page, origin, prefix, lang) {
  return page.evaluate(async ({ origin, prefix, lang }) => {
    const space = lang === 'en' ? `${prefix}en/` : prefix;
    const inLanguage = (path) => path.startsWith(space) && (lang === 'en' || !path.startsWith(`${prefix}en/`));
    const parse = async (path) => new DOMParser().parseFromString(await (await fetch(origin + path)).text(), 'text/html');
    const lists = ['achievements', 'parks', 'policies'].map((folder) => `${space}${folder}/`);
    const seen = new Set(lists);
    const candidates = new Set();
    while (lists.length) {
      const doc = await parse(lists.shift());
      for (const a of doc.querySelectorAll('main a[href]')) {
        const path = new URL(a.getAttribute('href'), origin + space).pathname;
        if (!inLanguage(path) || seen.has(path)) continue;
        seen.add(path);
        if (/\/page\/\d+\/$/.test(path)) lists.push(path);
        else if (/^(achievements|parks|policies)\/[a-z0-9-]+\/$/.test(path.slice(space.length))) candidates.add(path);
      }
    }
    const entries = [];
    for (const path of candidates) {
      const doc = await parse(path);
      const element = doc.querySelector('[data-entry]');
      if (!element) continue;
      entries.push({
        path,
        title: element.querySelector('h1').textContent.trim(),
        text: element.textContent,
        body: element.querySelector('[data-entry-body]')?.textContent ?? '',
      });
    }
    return entries;
  }, { origin, prefix, lang });
}

/**
 * Every Chinese entry page of the site built at `site` (`<type>/<slug>/index.html`
 * outside en/), with its [data-entry] text normalised: `{path, norm}`. The
 * pages are read from disk and parsed in `page`, 500 at a time.
 */
export async function entryTexts(page, site) {
  const pages = ['achievements', 'parks', 'policies'].flatMap((folder) => {
    const dir = path.join(site, folder);
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'index.html')))
      .map((d) => `/${folder}/${d.name}/`);
  });
  const texts = [];
  for (let at = 0; at < pages.length; at += 500) {
    const batch = pages.slice(at, at + 500).map((p) => fs.readFileSync(path.join(site, p, 'index.html'), 'utf8'));
    const found = await page.evaluate((htmls) => htmls.map((html) => {
      const element = new DOMParser().parseFromString(html, 'text/html').querySelector('[data-entry]');
      return element ? element.textContent : null;
    }), batch);
    found.forEach((text, i) => {
      if (text !== null) texts.push({ path: pages[at + i], norm: normalise(text) });
    });
  }
  return texts;
}

/**
 * A function that gives a random CJK substring of `shortest` to `longest`
 * characters of one of `texts` (from `entryTexts`) each call, from a seeded
 * generator so that a failure can be repeated.
 */
export function substringSampler(texts, seed, shortest, longest) {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => {
    for (;;) {
      const entry = texts[Math.floor(random() * texts.length)];
      const runs = entry.norm.match(CJK_RUN)?.filter((r) => Array.from(r).length >= shortest) ?? [];
      if (!runs.length) continue;
      const chars = Array.from(runs[Math.floor(random() * runs.length)]);
      const length = Math.min(chars.length, shortest + Math.floor(random() * (longest - shortest + 1)));
      const start = Math.floor(random() * (chars.length - length + 1));
      return chars.slice(start, start + length).join('');
    }
  };
}

// The bundled site as a reader sees it, for searching by brute force: every
// entry crawled from the list pages, and the matching rules of the product
// brief written out plainly.

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

// Writes src/search/t2s.txt, the traditional → simplified table of single
// characters that search folds with (in Rust at index time, in search.js at
// query time), from OpenCC's TSCharacters dictionary as the opencc-js npm
// package ships it. Run once when the table should follow a newer OpenCC:
//
//   npm pack opencc-js@1.4.2 && tar xzf opencc-js-1.4.2.tgz
//   node scripts/gen-t2s.mjs package/dist/esm-lib/dict/TSCharacters.js > src/search/t2s.txt
//
// Kept: pairs whose two characters are both CJK (as text.rs's is_cjk says)
// and differ, with the first simplified candidate; a character whose
// simplified form is itself in the table is left out, so folding twice
// changes nothing.
import { readFileSync } from 'node:fs';

function isCjk(cp) {
  return cp === 0x3007 || (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7af) ||
    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x2fa1f);
}

const source = readFileSync(process.argv[2], 'utf8');
const body = source.slice(source.indexOf('"') + 1, source.lastIndexOf('"'));
const table = new Map();
for (const pair of body.split('|')) {
  const [from, to] = pair.split(' ');
  const target = Array.from(to || '')[0];
  if (Array.from(from).length !== 1 || !target || from === target) continue;
  if (!isCjk(from.codePointAt(0)) || !isCjk(target.codePointAt(0))) continue;
  table.set(from, target);
}
for (const [from] of table) {
  let to = table.get(from);
  for (let steps = 0; table.has(to) && steps < 8; steps++) to = table.get(to);
  if (to === from || table.has(to)) table.delete(from);
  else table.set(from, to);
}
const pairs = Array.from(table).sort((a, b) => a[0].codePointAt(0) - b[0].codePointAt(0));
process.stdout.write('# Traditional → simplified, one character each: pairs written one after the other.\n' +
  '# From OpenCC (https://github.com/BYVoid/OpenCC) data/dictionary/TSCharacters.txt,\n' +
  '# Apache License 2.0, as shipped by the opencc-js 1.4.2 npm package; made by scripts/gen-t2s.mjs.\n' +
  pairs.map((p) => p[0] + p[1]).join('') + '\n');

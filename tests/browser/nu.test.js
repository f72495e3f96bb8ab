// The Nu HTML checker (npm vnu-jar, run on the machine's Java) over every
// .html and .svg file of a build of the bundled site, of the hostile
// fixture site (issue 12 item 7) and of the business fixture (an achievement
// page with IP records, terms, a contact block, attachments and 我要对接): any error fails the test, listed with its
// file, line and message. One Java start checks every file; a control page
// with a known error goes into the same run, so a checker that checked
// nothing cannot pass.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { REPO, buildSite, hostileRoot } from './harness.js';

const VNU_JAR = path.join(path.dirname(createRequire(import.meta.url).resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');

/** Every file under `dir` whose name ends in one of `extensions`, as absolute paths. */
function filesOf(dir, extensions) {
  return fs.readdirSync(dir, { recursive: true })
    .filter((file) => extensions.some((extension) => file.endsWith(extension)))
    .map((file) => path.join(dir, file))
    .sort();
}

/** A page with one error the checker must find: a <title> is required. */
function controlPage() {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chengguo-nu-')), 'control.html');
  fs.writeFileSync(file, '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"></head>\n<body><p>x</p></body>\n</html>\n');
  return file;
}

/** Check `files` in one run of the Nu checker; returns its messages. */
function nuMessages(files) {
  // One short run: the quick compiler alone (C1) and the serial collector
  // take less than half the CPU time of the defaults for the same report; C1
  // code needs the deeper stack the checker asks for on overflow.
  const java = ['-Xss8m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-jar', VNU_JAR];
  const run = spawnSync('java', [...java, '--errors-only', '--also-check-svg', '--format', 'json', ...files], {
    encoding: 'utf8', maxBuffer: 256 * 1024 * 1024,
  });
  if (run.error) throw new Error(`cannot run java (scripts/test installs default-jre-headless): ${run.error.message}`);
  try {
    return JSON.parse(run.stderr).messages;
  } catch {
    throw new Error(`the Nu checker exited with ${run.status} and no JSON report:\n${run.stderr}`);
  }
}

const fileOf = (message) => decodeURIComponent(new URL(message.url).pathname);

test('the Nu HTML checker finds no error in any page of the bundled, the hostile and the business site', (t) => {
  const sites = {
    bundled: buildSite(),
    hostile: buildSite({ root: hostileRoot() }),
    business: buildSite({ root: path.join(REPO, 'tests', 'fixtures', 'business') }),
  };
  const control = controlPage();
  const files = [control, ...Object.values(sites).flatMap((dir) => filesOf(dir, ['.html', '.svg']))];
  const started = Date.now();
  const messages = nuMessages(files);
  t.diagnostic(`${files.length - 1} files checked in ${Date.now() - started} ms`);
  assert.ok(messages.some((m) => fileOf(m) === control && /title/.test(m.message)),
    `the control page's missing <title> was not reported: ${JSON.stringify(messages.slice(0, 3))}`);
  // `hostile: parks/x/index.html` rather than a temporary folder's path.
  const shown = (file) => Object.entries(sites).reduce((name, [site, dir]) =>
    (file.startsWith(`${dir}${path.sep}`) ? `${site}: ${path.relative(dir, file)}` : name), file);
  const found = messages.filter((m) => fileOf(m) !== control)
    .map((m) => `${shown(fileOf(m))}:${m.lastLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}: ${m.type}: ${m.message}`);
  assert.deepEqual(found, [], `${found.length} Nu errors:\n${found.join('\n')}`);
});

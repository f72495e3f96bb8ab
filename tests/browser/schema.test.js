// The JSON Schemas written by `chengguo schema`, checked with an independent
// validator (Ajv, draft 2020-12): every bundled entry and config.yaml validate,
// and broken entries are rejected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import YAML from 'yaml';
import { REPO, BIN } from './harness.js';

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'chengguo-schema-'));
const written = execFileSync(BIN, ['schema', '--root', REPO, '--out', out], { encoding: 'utf8' })
  .trim()
  .split('\n');

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
const load = (name) => ajv.compile(JSON.parse(fs.readFileSync(path.join(out, name), 'utf8')));
const TYPES = { achievements: 'achievement', parks: 'park', policies: 'policy' };
const validators = {};
for (const type of Object.values(TYPES)) {
  validators[`${type}.frontmatter`] = load(`${type}.frontmatter.schema.json`);
  validators[`${type}.yaml`] = load(`${type}.yaml.schema.json`);
}
const configValidator = load('config.schema.json');

/** The YAML data of an entry file and the validator it is checked with. */
function entryData(file, type) {
  const text = fs.readFileSync(file, 'utf8');
  if (file.endsWith('.md')) {
    const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
    assert.ok(match, `${file} has front matter`);
    return { data: YAML.parse(match[1]) ?? {}, validate: validators[`${type}.frontmatter`] };
  }
  return { data: YAML.parse(text) ?? {}, validate: validators[`${type}.yaml`] };
}

function entryFiles(root) {
  const files = [];
  for (const [folder, type] of Object.entries(TYPES)) {
    const dir = path.join(root, 'content', folder);
    for (const name of fs.readdirSync(dir, { recursive: true })) {
      if (/\.(md|ya?ml)$/.test(name)) files.push({ file: path.join(dir, name), type });
    }
  }
  return files;
}

test('schema writes one schema per entry type and form, and one for the config', () => {
  assert.equal(written.length, 8);
  for (const file of written) assert.ok(fs.existsSync(file), file);
});

test('every bundled entry validates against its schema', () => {
  const files = entryFiles(REPO);
  assert.ok(files.length >= 60, `found ${files.length} entry files`);
  for (const { file, type } of files) {
    const { data, validate } = entryData(file, type);
    assert.ok(validate(data), `${path.relative(REPO, file)}: ${ajv.errorsText(validate.errors)}`);
  }
});

test('the bundled config.yaml validates', () => {
  const data = YAML.parse(fs.readFileSync(path.join(REPO, 'config.yaml'), 'utf8'));
  assert.ok(configValidator(data), ajv.errorsText(configValidator.errors));
  assert.equal(configValidator({ ...data, page_sise: 10 }), false);
  assert.equal(configValidator({ ...data, default_language: 'fr' }), false);
  // The policy: what chengguo accepts, and not what it refuses.
  const policy = "default-src 'self'; img-src 'self' https://img.example.org; frame-ancestors 'none'";
  assert.ok(configValidator({ ...data, content_security_policy: policy }), ajv.errorsText(configValidator.errors));
  assert.ok(configValidator({ ...data, content_security_policy: false }));
  for (const bad of ['default-src "><script>', "default-src 'self', img-src *", true]) {
    assert.equal(configValidator({ ...data, content_security_policy: bad }), false, String(bad));
  }
});

test('broken entries are rejected, each for its mistake', () => {
  const achievement = validators['achievement.frontmatter'];
  const cases = [
    [{ title: '成果', stage: '中式' }, '/stage'],
    [{ title: '成果', titel: '多余' }, 'additionalProperties'],
    [{ title: '成果', date: '2022/05' }, '/date'],
    [{ title: '成果', park: 'Science City' }, '/park'],
    [{ title: '成果', links: [{ title: '官网' }] }, '/links'],
    [{ summary: '没有标题' }, 'required'],
    [{ title: '成果', body: '正文' }, 'additionalProperties'],
  ];
  for (const [data, mistake] of cases) {
    assert.equal(achievement(data), false, JSON.stringify(data));
    assert.ok(
      achievement.errors.some((e) => e.keyword === mistake || e.instancePath === mistake),
      `${JSON.stringify(data)}: ${ajv.errorsText(achievement.errors)}`,
    );
  }
  // The same values written right are accepted: key, Chinese label or English label.
  for (const stage of ['pilot', '中试', 'Pilot testing']) {
    assert.ok(achievement({ title: '成果', stage, date: 2022, park: 'western-science-city' }), stage);
  }
  const park = validators['park.yaml'];
  assert.equal(park({ title: { zh: '园区', en: 'Park' } }), false, 'kind is required in slug.yaml');
  assert.ok(park({ title: { zh: '园区', en: 'Park' }, kind: '科学城', figures: [{ label: { zh: '企业', en: 'Firms' }, value: 12 }] }),
    ajv.errorsText(park.errors));
});

#!/usr/bin/env node
/**
 * Generate the README's configuration reference from the zod schema (via the JSON Schema), between
 * <!-- config-reference:start --> and <!-- config-reference:end -->. `--check` exits 1 when the README
 * is out of date (the test suite runs it). Run after `npm run build`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { jsonSchema } = await import(join(root, 'dist', 'config', 'json-schema.js'));
const { POLICIES } = await import(join(root, 'dist', 'policies', 'index.js'));

const schema = await jsonSchema();

function typeOf(s) {
  if (!s) return 'any';
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.anyOf || s.oneOf) return (s.anyOf ?? s.oneOf).map(typeOf).join(' \\| ');
  if (s.type === 'array') {
    const inner = typeOf(s.items);
    return inner.includes(' \\| ') ? `(${inner})[]` : `${inner}[]`;
  }
  if (s.type === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object') return `{ [key]: ${typeOf(s.additionalProperties)} }`;
  if (Array.isArray(s.type)) return s.type.join(' \\| ');
  return s.type ?? 'any';
}

function rows(obj, prefix, out) {
  for (const [k, s] of Object.entries(obj.properties ?? {})) {
    const key = prefix ? `${prefix}.${k}` : k;
    const isObj = s.type === 'object' && s.properties && Object.keys(s.properties).length;
    if (isObj && !['sources'].includes(k)) {
      rows(s, key, out);
      continue;
    }
    const def = s.default !== undefined ? `\`${JSON.stringify(s.default)}\`` : '';
    const desc = (s.description ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
    out.push(`| \`${key}\` | ${typeOf(s).replace(/\n/g, ' ')} | ${def} | ${desc} |`);
  }
}

const lines = [];
lines.push('Generated from the config schema (`npm run docs` rewrites this section; a test fails when it is stale).', '');
lines.push('### Top level', '', '| key | type | default | description |', '|---|---|---|---|');
const top = { properties: Object.fromEntries(Object.entries(schema.properties).filter(([k]) => k !== 'policies')) };
rows(top, '', lines);
const pol = schema.properties.policies.properties ?? {};
for (const p of POLICIES) {
  const s = pol[p.id];
  const obj = s?.anyOf?.find((x) => x.type === 'object') ?? s;
  lines.push('', `### \`policies.${p.id}\``, '', `${p.description} Runs on: ${p.hooks.join(', ')}. ${p.waivable ? 'Waivable.' : 'Not waivable.'} Details: [docs/policies/${p.id}.md](docs/policies/${p.id}.md).`, '');
  lines.push('| key | type | default | description |', '|---|---|---|---|');
  rows(obj ?? {}, '', lines);
}
const block = lines.join('\n');

const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const start = '<!-- config-reference:start -->';
const end = '<!-- config-reference:end -->';
const a = readme.indexOf(start);
const b = readme.indexOf(end);
if (a < 0 || b < 0) {
  console.error('README.md has no config-reference markers');
  process.exit(2);
}
const next = readme.slice(0, a + start.length) + '\n' + block + '\n' + readme.slice(b);
if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error('README.md configuration reference is out of date: run `npm run build && npm run docs`.');
    process.exit(1);
  }
  console.log('README configuration reference is up to date.');
} else {
  writeFileSync(readmePath, next);
  console.log('README configuration reference written.');
}

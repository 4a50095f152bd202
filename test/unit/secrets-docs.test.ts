/** Generated artefacts stay current: docs/secrets-rules.md and the keyword -> family index. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES, RULE_FAMILIES } from '../../src/secrets/rules/index.js';
import { VALIDATORS } from '../../src/secrets/rules/validators.js';
import { builtinRules } from '../../src/secrets/rules/builtin.js';
import { engineForTexts } from '../../src/secrets/lazy.js';
// @ts-expect-error: a plain .mjs script without types
import { tableSource } from '../../scripts/gen-secrets-table.mjs';
import { scanText } from '../../src/secrets/engine.js';
import { PROJECT_ROOT } from '../helpers/repo.js';

describe('secrets generated files', () => {
  it('docs/secrets-rules.md names every rule id and no removed ones', () => {
    const doc = readFileSync(join(PROJECT_ROOT, 'docs', 'secrets-rules.md'), 'utf8');
    const listed = [...doc.matchAll(/^\| `([\w.-]+)` \|/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(RULES.map((r) => r.id).sort());
  });

  it('src/secrets/rules/table.ts is generated from the current rule files (npm run build regenerates it)', () => {
    const current = readFileSync(join(PROJECT_ROOT, 'src', 'secrets', 'rules', 'table.ts'), 'utf8');
    expect(current === tableSource(RULES), 'src/secrets/rules/table.ts is stale: run `npm run build` (it regenerates the table) and commit it').toBe(true);
    // What the scanner loads is the rule files' data, field for field.
    const data = (r: object) => JSON.parse(JSON.stringify(r, (k, v) => (k === 'samples' || k === 'validate' ? undefined : v)));
    expect(builtinRules().map(data)).toEqual(RULES.map(data));
    expect(Object.keys(RULE_FAMILIES)).toHaveLength(11);
  });

  it('each rule validates with exactly its VALIDATORS entry, and every entry belongs to a rule', () => {
    const ids = new Set(RULES.map((r) => r.id));
    for (const r of RULES) expect(r.validate, r.id).toBe(VALIDATORS[r.id]);
    for (const id of Object.keys(VALIDATORS)) expect(ids.has(id), id).toBe(true);
    for (const r of builtinRules()) expect(r.validate, r.id).toBe(VALIDATORS[r.id]);
  });

  it('the pre-commit fast path (only the families whose keywords occur) finds every rule\'s first sample', async () => {
    const missed: string[] = [];
    for (const r of RULES) {
      const p = r.samples().positive[0]!;
      const text = p.text ?? `${p.name ?? 'CREDENTIAL'}=${p.secret}`;
      const engine = await engineForTexts(['unrelated line', text]);
      if (!scanText(engine, text, { only: [r.id] }).some((f) => f.secret === p.secret)) missed.push(r.id);
    }
    expect(missed).toEqual([]);
    expect((await engineForTexts(['const a = 1;'])).rules).toHaveLength(0);
  });
});

/** Generated artefacts stay current: docs/secrets-rules.md and the keyword -> family index. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES, RULE_FAMILIES } from '../../src/secrets/rules/index.js';
import { FAMILY_KEYWORDS } from '../../src/secrets/rules/keywords.js';
import { engineForTexts, FAMILIES } from '../../src/secrets/lazy.js';
import { scanText } from '../../src/secrets/engine.js';
import { PROJECT_ROOT } from '../helpers/repo.js';

describe('secrets generated files', () => {
  it('docs/secrets-rules.md names every rule id and no removed ones', () => {
    const doc = readFileSync(join(PROJECT_ROOT, 'docs', 'secrets-rules.md'), 'utf8');
    const listed = [...doc.matchAll(/^\| `([\w.-]+)` \|/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(RULES.map((r) => r.id).sort());
  });

  it('src/secrets/rules/keywords.ts matches the rule files (regenerate it from RULE_FAMILIES if not)', () => {
    const expected: Record<string, string[]> = {};
    for (const [f, rs] of Object.entries(RULE_FAMILIES)) expected[f] = [...new Set(rs.flatMap((r) => r.keywords))].sort();
    expect(FAMILY_KEYWORDS, JSON.stringify(expected, null, 2)).toEqual(expected);
    expect([...FAMILIES].sort()).toEqual(Object.keys(RULE_FAMILIES).sort());
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

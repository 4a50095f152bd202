/** docs/secrets-rules.md lists every rule, and the policy page exists. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/secrets/rules/index.js';
import { PROJECT_ROOT } from '../helpers/repo.js';

describe('secrets docs', () => {
  it('docs/secrets-rules.md names every rule id and no removed ones', () => {
    const doc = readFileSync(join(PROJECT_ROOT, 'docs', 'secrets-rules.md'), 'utf8');
    const listed = [...doc.matchAll(/^\| `([\w.-]+)` \|/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(RULES.map((r) => r.id).sort());
  });
});

/**
 * The table-driven rule test: every rule's own samples. Each positive is placed in a matrix of
 * contexts (.env, JSON, YAML, TS, Python, shell export, URL) and must be found with its exact span,
 * by the keyword prefilter and by the rule; each negative (placeholder, wrong length, near-miss
 * prefix, extras) must stay silent for that rule.
 */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/secrets/rules/index.js';
import { compileRules, prefilter, scanText } from '../../src/secrets/engine.js';
import { checkPattern } from '../../src/secrets/safety.js';
import type { SampleContext } from '../../src/secrets/types.js';

const engine = compileRules(RULES, { checkPattern });
const CONTEXTS: SampleContext[] = ['env', 'json', 'yaml', 'ts', 'python', 'shell', 'url'];

function place(ctx: SampleContext, name: string, secret: string): string {
  switch (ctx) {
    case 'env':
      return `${name}=${secret}`;
    case 'json':
      return `{\n  "${name}": "${secret}",\n  "region": "eu-west-1"\n}`;
    case 'yaml':
      return `config:\n  ${name}: ${secret}\n`;
    case 'ts':
      return `export const ${name} = '${secret}';`;
    case 'python':
      return `${name} = "${secret}"  # set up`;
    case 'shell':
      return `export ${name}="${secret}"`;
    case 'url':
      return `GET https://api.internal/v1/items?${name}=${secret}&page=2`;
    case 'raw':
      return secret;
  }
}

describe('secret rule table', () => {
  it('has at least 120 rules, unique ids, and every rule has samples', () => {
    expect(RULES.length).toBeGreaterThanOrEqual(120);
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) {
      const s = r.samples();
      expect(s.positive.length, r.id).toBeGreaterThanOrEqual(2);
      expect(s.negative.placeholder, r.id).toBeTruthy();
      expect(s.negative.length, r.id).toBeTruthy();
      expect(s.negative.prefix, r.id).toBeTruthy();
    }
  });

  it('refuses a rule without samples or with an unbounded pattern', () => {
    const base = RULES.find((r) => r.id === 'github-pat')!;
    expect(() => compileRules([{ ...base, samples: undefined as never }], { checkPattern })).toThrow(/no samples/);
    expect(() => compileRules([{ ...base, pattern: 'ghp_[A-Za-z0-9]+' }], { checkPattern })).toThrow(/unbounded/);
    expect(() => compileRules([{ ...base, pattern: '(ghp_)\\1' }], { checkPattern })).toThrow(/back-reference/);
    expect(() => compileRules([{ ...base, pattern: '(?:[a-z]{1,100}){1,100}' }], { checkPattern })).toThrow(/nested/);
  });

  for (const rule of RULES) {
    describe(rule.id, () => {
      const samples = rule.samples();
      samples.positive.forEach((p, pi) => {
        const texts: Array<[string, string]> = p.text
          ? [['text', p.text]]
          : (p.in ?? CONTEXTS).map((c) => [c, place(c, p.name ?? 'CREDENTIAL', p.secret)]);
        for (const [ctx, text] of texts) {
          it(`positive #${pi + 1} in ${ctx}: exact span, prefilter fires`, () => {
            const start = text.indexOf(p.secret);
            expect(start, 'sample secret must occur in its text').toBeGreaterThanOrEqual(0);
            expect(prefilter(engine, text).has(rule.id)).toBe(true);
            const found = scanText(engine, text, { only: [rule.id] });
            expect(found.map((f) => [f.start, f.end])).toContainEqual([start, start + p.secret.length]);
          });
        }
      });
      const n = samples.negative;
      const negatives: Array<[string, string]> = [
        ['placeholder', n.placeholder],
        ['wrong length', n.length],
        ['near-miss prefix', n.prefix],
        ...(n.other ?? []).map((o, i) => [`other #${i + 1}`, o] as [string, string]),
      ];
      for (const [kind, text] of negatives) {
        it(`negative (${kind}) stays silent`, () => {
          expect(scanText(engine, text, { only: [rule.id] }).map((f) => f.rule)).toEqual([]);
          expect(scanText(engine, place('env', 'X', text), { only: [rule.id] }).map((f) => f.rule)).toEqual([]);
        });
      }
    });
  }
});

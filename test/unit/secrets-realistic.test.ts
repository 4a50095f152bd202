/**
 * Recall and precision on realistic text: whole files as people and agents commit them
 * (test/fixtures/secrets-realistic/). Every LEAK case must report exactly its secrets (exact span,
 * the expected rule) and nothing else; every NO-LEAK case must stay silent. Known misses and accepted
 * noise are explicit expectations with a reason, so a change in either direction fails here.
 * SECRETS_REALISTIC_REPORT=1 prints the figures (found/total, false positives/total).
 */
import { describe, expect, it } from 'vitest';
import { scanFileText } from '../../src/secrets/index.js';
import { LEAK_CASES, type Expect } from '../fixtures/secrets-realistic/leaks.js';
import { CLEAN_CASES } from '../fixtures/secrets-realistic/clean.js';

const show = (f: { rule: string; secret: string }) => `${f.rule}: ${f.secret.slice(0, 10)}…(${f.secret.length})`;
const ruleOk = (e: Expect, rule: string) => !e.rule || (Array.isArray(e.rule) ? e.rule.includes(rule) : e.rule === rule);

describe('realistic corpus: leaks are found', () => {
  for (const c of LEAK_CASES) {
    it(`${c.path}: ${c.name}`, () => {
      const found = scanFileText(c.text);
      for (const e of c.expect) {
        const start = c.text.indexOf(e.secret);
        expect(start, 'the expected secret occurs in the text').toBeGreaterThanOrEqual(0);
        const hit = found.find((f) => f.start === start && f.end === start + e.secret.length);
        if (e.miss) {
          expect(hit, `known miss (${e.miss}) is now found: update the corpus`).toBeUndefined();
          continue;
        }
        expect(hit ? null : found.map(show), `not found: ${e.secret.slice(0, 10)}… (${e.rule ?? 'any rule'})`).toBeNull();
        expect(ruleOk(e, hit!.rule), `${show(hit!)} expected rule ${String(e.rule)}`).toBe(true);
      }
      // Nothing else: extra findings in a leak file are false positives too.
      const extra = found.filter((f) => !c.expect.some((e) => !e.miss && e.secret === f.secret));
      expect(extra.map(show)).toEqual([]);
    });
  }
});

describe('realistic corpus: non-secrets stay silent', () => {
  for (const c of CLEAN_CASES) {
    it(`${c.path}: ${c.name}`, () => {
      const found = scanFileText(c.text).map((f) => ({ rule: f.rule, secret: f.secret }));
      expect(found.map(show)).toEqual((c.flagged ?? []).map(show));
    });
  }
});

describe('realistic corpus: figures', () => {
  it('holds at least 60 leak and 60 non-leak cases, with every known miss and accepted noise explained', () => {
    expect(LEAK_CASES.length).toBeGreaterThanOrEqual(60);
    expect(CLEAN_CASES.length).toBeGreaterThanOrEqual(60);
    for (const c of LEAK_CASES) for (const e of c.expect) if (e.miss !== undefined) expect(e.miss.length, c.name).toBeGreaterThan(20);
    for (const c of CLEAN_CASES) for (const f of c.flagged ?? []) expect(f.reason.length, c.name).toBeGreaterThan(20);

    let secrets = 0;
    let found = 0;
    let casesAll = 0;
    let extra = 0;
    for (const c of LEAK_CASES) {
      const hits = scanFileText(c.text);
      let all = true;
      for (const e of c.expect) {
        secrets++;
        const s = c.text.indexOf(e.secret);
        const h = hits.find((f) => f.start === s && f.end === s + e.secret.length && ruleOk(e, f.rule));
        if (h) found++;
        else all = false;
      }
      if (all) casesAll++;
      extra += hits.filter((f) => !c.expect.some((e) => e.secret === f.secret)).length;
    }
    const noisy = CLEAN_CASES.filter((c) => scanFileText(c.text).length > 0).length;
    const figures = {
      leakSecretsFound: `${found}/${secrets}`,
      leakCasesFullyFound: `${casesAll}/${LEAK_CASES.length}`,
      extraFindingsInLeakFiles: extra,
      cleanCasesWithFindings: `${noisy}/${CLEAN_CASES.length}`,
    };
    if (process.env.SECRETS_REALISTIC_REPORT) console.log(JSON.stringify(figures));
    const misses = LEAK_CASES.flatMap((c) => c.expect).filter((e) => e.miss).length;
    expect(found).toBe(secrets - misses);
    expect(noisy).toBe(CLEAN_CASES.filter((c) => c.flagged?.length).length);
  });
});

/**
 * No hangs. Every rule, on inputs built to make a backtracking engine suffer: 100 kB lines of its own
 * alphabet, long runs of its keyword, near-miss secrets repeated, unterminated quotes, and a 1 MB
 * minified line. Each must finish in under 100 ms (the minimum of 3 runs, to resist a busy machine).
 * This is the one timing assertion in the unit suite: the issue makes "no hangs" a requirement, and a
 * regression here is a hang in someone's pre-commit hook.
 */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/secrets/rules/index.js';
import { compileRules, scanText } from '../../src/secrets/engine.js';
import { checkPattern } from '../../src/secrets/safety.js';
import { rnd, B64 } from '../../src/secrets/kit.js';

const engine = compileRules(RULES, { checkPattern });
const KB100 = 100_000;

function fill(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / Math.max(1, unit.length))).slice(0, size);
}

const minified = (() => {
  const chunk = `var a={token:e.token,password:"",apiKey:t,secret:n.secret||"${rnd(B64, 40, 'min')}"},o="https://x.y/api?token="+r;function u(e){return"sk-"+e+"AKIA"+e.slice(0,16)}`;
  return fill(chunk, 1_000_000);
})();

function adversarial(ruleId: string): Array<[string, string]> {
  const rule = RULES.find((r) => r.id === ruleId)!;
  const s = rule.samples().positive[0]!.secret;
  const alphabet = [...new Set(s.replace(/\s/g, ''))].join('');
  const kw = rule.keywords[0]!;
  return [
    ['100 kB of its alphabet', rnd(alphabet, KB100, ruleId)],
    ['keyword repeated', fill(kw, KB100)],
    ['keyword + 100 kB run', kw + fill(alphabet.slice(0, 1), KB100)],
    ['near-miss secrets repeated', fill(s.slice(0, -1) + ' ', KB100)],
    ['secret without its last char, no separator', fill(s.slice(0, -1), KB100)],
    ['unterminated quote', `${kw}="${fill(alphabet, KB100)}`],
    ['1 MB minified line', minified],
  ];
}

function minMs(fn: () => void, runs = 3): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

describe('adversarial inputs finish in under 100 ms per rule', () => {
  for (const rule of RULES) {
    it(rule.id, () => {
      const slow: string[] = [];
      for (const [name, input] of adversarial(rule.id)) {
        const ms = minMs(() => scanText(engine, input, { only: [rule.id] }));
        if (ms >= 100) slow.push(`${name}: ${ms.toFixed(1)} ms`);
      }
      expect(slow).toEqual([]);
    });
  }

  it('V8 linear-time fallback is on once the engine is built (a catastrophic pattern returns at once)', () => {
    const evil = new RegExp('(a+)+$');
    const ms = minMs(() => evil.test('a'.repeat(28) + 'b'), 1);
    expect(ms).toBeLessThan(100);
  });
});

/** The Aho-Corasick keyword prefilter finds exactly what a naive case-insensitive search finds. */
import { describe, expect, it } from 'vitest';
import { buildAutomaton, bytesHaveKeyword, findKeywords } from '../../src/secrets/keywords-ac.js';

function naive(keywords: string[], text: string): number[] {
  const low = text.toLowerCase();
  const out: number[] = [];
  keywords.forEach((k, id) => {
    for (let i = low.indexOf(k); i !== -1; i = low.indexOf(k, i + 1)) out.push(i * 65536 + id);
  });
  return out.sort((a, b) => a - b);
}

describe('keyword automaton', () => {
  const keywords = ['token', 'tok', 'oken', 'pat', 'pat.', 'https://', 'sk-', 'sk_', 'ghp_', '"\n_auth="'];
  const a = buildAutomaton(keywords);

  it('reports overlapping keywords and ignores case', () => {
    const text = 'TOKEN=1 ghP_x Pat.y sk-sk_ https://h "\n_auth="z';
    expect(findKeywords(a, text)).toEqual(naive(keywords, text));
    expect(findKeywords(a, text).length).toBe(10);
  });

  it('matches a naive search on random text, including non-ASCII characters', () => {
    const alphabet = 'tokenpaTOKENPA.:/hs-_kgé€\n"=au ';
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 200; n++) {
      let text = '';
      for (let i = 0; i < 300; i++) text += alphabet[Math.floor(rnd() * alphabet.length)];
      if (n % 3 === 0) text += keywords[n % keywords.length]!.toUpperCase();
      expect(findKeywords(a, text)).toEqual(naive(keywords, text));
      expect(bytesHaveKeyword(a, Buffer.from(text, 'utf8'))).toBe(naive(keywords, text).length > 0);
    }
  });

  it('finds nothing where no keyword occurs', () => {
    expect(findKeywords(a, 'nothing to see here: to ken, pa th, s k-')).toEqual([]);
    expect(bytesHaveKeyword(a, Buffer.from('plain text'))).toBe(false);
  });
});

describe('both prefilters (regex for hooks, automaton for trees) agree on the rule table', async () => {
  const { RULES } = await import('../../src/secrets/rules/index.js');
  const { compileRules, keywordHitsVia, keywordHitsInBytes, scanText } = await import('../../src/secrets/engine.js');
  const engine = compileRules(RULES);
  const texts: string[] = [];
  for (const r of RULES) {
    const s = r.samples();
    for (const p of s.positive) texts.push(p.text ?? `${p.name ?? 'CREDENTIAL'}="${p.secret}"\nurl: https://x/?token=${p.secret}&é=1`);
    texts.push(s.negative.placeholder, s.negative.length, s.negative.prefix);
  }
  it('same keyword hits and same findings for every sample text', () => {
    let found = 0;
    for (const text of texts) {
      const viaRegex = keywordHitsVia(engine, text, 'regex');
      expect(keywordHitsVia(engine, text, 'automaton')).toEqual(viaRegex);
      if (/^[\x00-\x7f]*$/.test(text)) expect(keywordHitsInBytes(engine, Buffer.from(text))).toEqual(viaRegex);
      const a = scanText(engine, text, { keywordHits: viaRegex });
      expect(scanText(engine, text, { keywordHits: keywordHitsVia(engine, text, 'automaton') })).toEqual(a);
      found += a.length;
    }
    expect(found).toBeGreaterThan(RULES.length);
  });
});

describe('the regex prefilter on text whose lower-casing is not one-to-one', async () => {
  const { RULES } = await import('../../src/secrets/rules/index.js');
  const { compileRules, keywordHitsVia, scanText } = await import('../../src/secrets/engine.js');
  const engine = compileRules(RULES);
  const gh = RULES.find((r) => r.id === 'github-pat-classic') ?? RULES.find((r) => r.id.startsWith('github'))!;
  const secret = gh.samples().positive[0]!.secret;
  it('finds a secret at the right offset after İ (lower-casing adds a code unit) and next to the Kelvin sign', () => {
    for (const prefix of ['İstanbul İİ ', '\u212Aey=\u212A ', 'ǅ ß ﬁ İ\u212A ']) {
      const text = `${prefix}const t = "${secret}";\nTOKEN_\u212AEY=1`;
      const viaRegex = keywordHitsVia(engine, text, 'regex');
      const found = scanText(engine, text, { keywordHits: viaRegex });
      const hit = found.find((f) => f.secret === secret);
      expect(hit, prefix).toBeDefined();
      expect(text.slice(hit!.start, hit!.end)).toBe(secret);
      // The automaton (ASCII folding) reports the same findings.
      expect(scanText(engine, text, { keywordHits: keywordHitsVia(engine, text, 'automaton') })).toEqual(found);
    }
  });
});

describe('overlapping matches', async () => {
  const { RULES } = await import('../../src/secrets/rules/index.js');
  const { compileRules, scanText } = await import('../../src/secrets/engine.js');
  const { crcToken, rnd, B62 } = await import('../../src/secrets/kit.js');
  const engine = compileRules(RULES);
  it('thousands of generic matches each stand; a provider token wins over the generic match on the same value', () => {
    const lines: string[] = [];
    for (let i = 0; i < 4000; i++) lines.push(`db_password_${i} = "${rnd(B62, 14, `ov${i}`)}9x"`);
    const gh = crcToken('ghp_', 'overlap');
    lines.push(`token = "${gh}"`);
    const text = lines.join('\n');
    const found = scanText(engine, text);
    // The oracle: each line scanned alone (lines do not overlap), shifted to its offset.
    let at = 0;
    const perLine = lines.flatMap((l) => {
      const r = scanText(engine, l).map((f) => ({ ...f, start: f.start + at, end: f.end + at }));
      at += l.length + 1;
      return r;
    });
    expect(found).toEqual(perLine);
    expect(found.filter((f) => f.rule === 'generic-password').length).toBeGreaterThan(3900);
    // The GitHub token is reported once, by its provider rule, not also as a generic token.
    expect(found.filter((f) => f.secret === gh).map((f) => f.rule)).toEqual(['github-pat']);
    expect(found.map((f) => f.start)).toEqual([...found.map((f) => f.start)].sort((a, b) => a - b));
  });
});

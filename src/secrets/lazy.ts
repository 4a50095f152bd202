/**
 * The pre-commit fast path: find which keywords occur in the change (a keyword-only prefilter from a
 * small generated table), import only the rule families that use them, and compile only the rules
 * with a keyword in the change (no other rule can match: every rule runs at its keyword hits only).
 */
import type { RuleSpec } from './types.js';
import { compileRules, keywordHitsVia, rememberHits, type Engine } from './engine.js';
import { FAMILY_KEYWORDS } from './rules/keywords.js';

const LOADERS: Record<string, () => Promise<readonly RuleSpec[]>> = {
  cloud: async () => (await import('./rules/cloud.js')).cloudRules,
  'vcs-ci': async () => (await import('./rules/vcs.js')).vcsRules,
  registries: async () => (await import('./rules/registries.js')).registryRules,
  ai: async () => (await import('./rules/ai.js')).aiRules,
  payments: async () => (await import('./rules/payments.js')).paymentRules,
  messaging: async () => (await import('./rules/messaging.js')).messagingRules,
  saas: async () => (await import('./rules/saas.js')).saasRules,
  'private-keys-jwt': async () => (await import('./rules/keys.js')).keyRules,
  'connection-strings': async () => (await import('./rules/connection.js')).connectionRules,
  http: async () => (await import('./rules/http.js')).httpRules,
  generic: async () => (await import('./rules/generic.js')).genericRules,
};

export const FAMILIES = Object.keys(LOADERS);

let familyEngine: Engine | undefined;

/** The keywords (of any rule) that occur in any of the texts, and the families using them. */
export function keywordsInTexts(texts: readonly string[]): { keywords: Set<string>; families: Set<string>; hits: Array<{ text: string; hits: number[] }>; from: Engine } {
  familyEngine ??= compileRules(
    Object.entries(FAMILY_KEYWORDS).map(([id, keywords]) => ({
      id,
      description: id,
      keywords: [...keywords],
      pattern: '(?!)',
      samples: () => ({ positive: [], negative: { placeholder: '', length: '', prefix: '' } }),
    })),
  );
  const keywords = new Set<string>();
  const hits: Array<{ text: string; hits: number[] }> = [];
  for (const text of texts) {
    const h = keywordHitsVia(familyEngine, text, 'regex');
    hits.push({ text, hits: h });
    for (const x of h) keywords.add(familyEngine.kw.keywords[x % 65536]!);
  }
  const families = new Set<string>();
  for (const [f, ks] of Object.entries(FAMILY_KEYWORDS)) if (ks.some((k) => keywords.has(k))) families.add(f);
  return { keywords, families, hits, from: familyEngine };
}

/** Families whose keywords occur in any of the texts. */
export function familiesIn(texts: readonly string[]): Set<string> {
  return keywordsInTexts(texts).families;
}

/** An engine with only the rules the texts can trigger. */
export async function engineForTexts(texts: readonly string[], disabled: readonly string[] = []): Promise<Engine> {
  const { keywords, families, hits, from } = keywordsInTexts(texts);
  const fams = [...families].sort((a, b) => FAMILIES.indexOf(a) - FAMILIES.indexOf(b));
  const rules = (await Promise.all(fams.map((f) => LOADERS[f]!()))).flat().filter((r) => r.keywords.some((k) => keywords.has(k)));
  const engine = compileRules(rules, { disabled });
  // The family table holds every rule's keywords (checked by secrets-docs.test.ts), so its hits are complete.
  rememberHits(engine, from, hits);
  return engine;
}

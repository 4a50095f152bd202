/**
 * The pre-commit fast path: find which rule families' keywords occur in the change (a keyword-only
 * prefilter from a small generated table), then import and compile only those families.
 */
import type { RuleSpec } from './types.js';
import { compileRules, prefilter, type Engine } from './engine.js';
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

/** Families whose keywords occur in any of the texts. */
export function familiesIn(texts: readonly string[]): Set<string> {
  familyEngine ??= compileRules(
    Object.entries(FAMILY_KEYWORDS).map(([id, keywords]) => ({
      id,
      description: id,
      keywords: [...keywords],
      pattern: '(?!)',
      samples: () => ({ positive: [], negative: { placeholder: '', length: '', prefix: '' } }),
    })),
  );
  const out = new Set<string>();
  for (const t of texts) for (const f of prefilter(familyEngine, t)) out.add(f);
  return out;
}

/** An engine with only the rule families the texts can trigger. */
export async function engineForTexts(texts: readonly string[], disabled: readonly string[] = []): Promise<Engine> {
  const fams = [...familiesIn(texts)].sort((a, b) => FAMILIES.indexOf(a) - FAMILIES.indexOf(b));
  const rules = (await Promise.all(fams.map((f) => LOADERS[f]!()))).flat();
  return compileRules(rules, { disabled });
}

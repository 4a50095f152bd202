/**
 * The pre-commit fast path: find which keywords occur in the change (one prefilter over the
 * generated keyword index), and compile only the rules that list one of them (no other rule can
 * match: every rule runs at its keyword hits only). Nothing else of the rule table is touched.
 */
import type { ScanRule } from './types.js';
import { compileRules, keywordIndex, regexKeywords, scanText, type Engine, type KeywordIndex } from './engine.js';
import { maskMatches, withheld } from './redact.js';
import { KEYWORDS, KEYWORD_PREFIXES, KEYWORD_RULES } from './rules/table.js';
import { builtinRule } from './rules/builtin.js';

let prefilterIndex: KeywordIndex | undefined;

/** The keywords (of any rule) that occur in any of the texts, and the rules (table indexes) listing them. */
export function keywordsInTexts(texts: readonly string[]): { keywords: Set<string>; rules: number[]; hits: Array<{ text: string; hits: number[] }>; from: KeywordIndex } {
  const kw = (prefilterIndex ??= keywordIndex(KEYWORDS as string[], KEYWORD_RULES as number[][], KEYWORD_PREFIXES as number[][]));
  const ids = new Set<number>();
  const hits: Array<{ text: string; hits: number[] }> = [];
  for (const text of texts) {
    const h = regexKeywords(kw, text);
    hits.push({ text, hits: h });
    for (const x of h) ids.add(x % 65536);
  }
  const keywords = new Set<string>();
  const rules = new Set<number>();
  for (const id of ids) {
    keywords.add(kw.keywords[id]!);
    for (const r of kw.rules[id]!) rules.add(r);
  }
  return { keywords, rules: [...rules].sort((a, b) => a - b), hits, from: kw };
}

/** An engine with only the rules the texts can trigger. */
export async function engineForTexts(texts: readonly string[], disabled: readonly string[] = []): Promise<Engine> {
  return engineAndKeywords(texts, disabled).engine;
}

function engineAndKeywords(texts: readonly string[], disabled: readonly string[] = []): { engine: Engine; keywords: Set<string> } {
  const { keywords, rules, hits, from } = keywordsInTexts(texts);
  // The prefilter indexes every rule's keywords (the table is generated from them): the engine shares
  // it, and its hits for these texts are complete.
  const engine = compileRules(rules.map((i): ScanRule => builtinRule(i)), { disabled, keywords: from });
  engine.kw.known = new Map(hits.map((h) => [h.text, h.hits]));
  return { engine, keywords };
}

/**
 * redactText for a known set of texts, loading only the rule families their keywords need (the
 * whole table costs ~15 ms to load and compile). Meant for those texts; another text is scanned
 * only when all its keywords are among theirs, and otherwise withheld (fail closed), since it
 * could hold a secret of a rule that was not loaded.
 */
export async function textRedactor(texts: readonly string[]): Promise<(text: string) => string> {
  const given = texts.filter(Boolean);
  const { engine, keywords: loaded } = engineAndKeywords(given);
  const known = new Set(given);
  // Rules were chosen by the keywords that occur in `texts`: any other text must not need more.
  const covered = (text: string) => known.has(text) || [...keywordsInTexts([text]).keywords].every((k) => loaded.has(k));
  return (text) => {
    if (!text) return text;
    try {
      if (!covered(text)) return withheld(text);
      return maskMatches(text, scanText(engine, text));
    } catch {
      return withheld(text);
    }
  };
}

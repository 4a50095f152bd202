/**
 * The built-in rules as the scanner uses them: the generated table (rules as JSON data), parsed on
 * first use, with each rule's validation attached. The rule files themselves (with samples) are
 * for the test suite and the docs.
 */
import type { RuleData, ScanRule } from '../types.js';
import { RULE_JSON } from './table.js';
import { VALIDATORS } from './validators.js';

const parsed: ScanRule[] = [];

/** Built-in rule number `i` (an index into the table, as KEYWORD_RULES holds them). */
export function builtinRule(i: number): ScanRule {
  let r = parsed[i];
  if (!r) {
    const data = JSON.parse(RULE_JSON[i]!) as RuleData;
    const validate = VALIDATORS[data.id];
    r = parsed[i] = validate ? { ...data, validate } : data;
  }
  return r;
}

/** Every built-in rule, in table order. */
export function builtinRules(): readonly ScanRule[] {
  return RULE_JSON.map((_, i) => builtinRule(i));
}

/** The built-in rules' ids, in table order. */
export function builtinRuleIds(): string[] {
  return builtinRules().map((r) => r.id);
}

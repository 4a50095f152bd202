/**
 * The registry of built-in policies. Each file declares one policy with definePolicy(); the config
 * schema, JSON Schema, docs check and runner all read this list, so a policy is declared once.
 * Keep policy modules light at import time: load heavy data (secret rules, lint-staged) in run().
 */
import type { Policy } from '../engine/types.js';
import { commandsPolicy } from './commands.js';
import { evidencePolicy } from './evidence.js';

// The order here is the order of the report.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const POLICIES: readonly Policy<any>[] = [commandsPolicy, evidencePolicy];

export function getPolicy(id: string) {
  return POLICIES.find((p) => p.id === id);
}

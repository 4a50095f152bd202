/** Building blocks every policy's config schema uses, so all policies share one shape. */
import { z } from 'zod';
import type { HookName } from '../engine/types.js';

export const hookNameSchema = z.enum(['pre-commit', 'commit-msg', 'pre-push', 'post-commit', 'manual']);

export const ruleSourceSchema = z.strictObject({
  file: z.string(),
  line: z.number().int().positive(),
  text: z.string(),
});

/** Fields every policy accepts. `enabled` defaults per policy; presets turn policies on. */
export function baseFields(enabledByDefault: boolean) {
  return {
    enabled: z.boolean().default(enabledByDefault).describe('Run this policy.'),
    severity: z.enum(['error', 'warning']).default('error').describe('`warning` reports without blocking.'),
    hooks: z.array(hookNameSchema).optional().describe("Hooks to run on (default: the policy's own)."),
    sources: z
      .record(z.string(), ruleSourceSchema)
      .optional()
      .describe('AGENTS.md citations per config key (written by `rules --apply`); findings quote them.'),
  };
}

/**
 * A policy config schema: the shared base fields plus the policy's own, strict (unknown keys are
 * errors), and accepting `true` / `false` as shorthand for `{ enabled: true|false }`.
 */
export function policyConfig<S extends z.ZodRawShape>(shape: S, opts: { enabled?: boolean } = {}) {
  const obj = z.strictObject({ ...baseFields(opts.enabled ?? false), ...shape });
  return z.preprocess((v) => (typeof v === 'boolean' ? { enabled: v } : v === undefined ? {} : v), obj);
}

export type HookList = HookName[];

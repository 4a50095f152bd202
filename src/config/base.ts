/**
 * Building blocks every policy's config schema uses, so all policies share one shape.
 *
 * Schemas are LAZY: zod costs about as much to import as node itself takes to start, and a hook runs
 * on every commit. A policy declares its schema as `policyConfig((z) => ({ ...its keys }))`; zod is
 * imported and the schema built only when a config must be validated (a cache miss in load.ts), never
 * on the hot path of an unchanged config.
 */
import type { z as Z, ZodType } from 'zod';
import type { HookName } from '../engine/types.js';

type ZodNs = typeof Z;
let zod: ZodNs | undefined;

/** Load zod (once). Must be awaited before any lazy schema is built. */
export async function ensureZod(): Promise<ZodNs> {
  if (!zod) zod = (await import('zod')).z;
  return zod;
}

export function loadedZod(): ZodNs {
  if (!zod) throw new Error('internal: zod used before ensureZod()');
  return zod;
}

export interface LazySchema<C> {
  /** Build (once) and return the zod schema. Call ensureZod() first. */
  get(): ZodType<C>;
  /** Phantom for type inference. */
  readonly _output?: C;
}

export function lazySchema<C>(build: (z: ZodNs) => ZodType<C>): LazySchema<C> {
  let built: ZodType<C> | undefined;
  return { get: () => (built ??= build(loadedZod())) };
}

export function hookNameSchema(z: ZodNs) {
  return z.enum(['pre-commit', 'commit-msg', 'pre-push', 'post-commit', 'manual']);
}

export function ruleSourceSchema(z: ZodNs) {
  return z.strictObject({
    file: z.string(),
    line: z.number().int().positive(),
    text: z.string(),
  });
}

/** Fields every policy accepts. `enabled` defaults per policy; presets turn policies on. */
export function baseFields(z: ZodNs, enabledByDefault: boolean) {
  return {
    enabled: z.boolean().default(enabledByDefault).describe('Run this policy.'),
    severity: z.enum(['error', 'warning']).default('error').describe('`warning` reports without blocking.'),
    hooks: z.array(hookNameSchema(z)).optional().describe("Hooks to run on (default: the policy's own)."),
    sources: z
      .record(z.string(), ruleSourceSchema(z))
      .optional()
      .describe('AGENTS.md citations per config key (written by `rules --apply`); findings quote them.'),
  };
}

type BaseShape = ReturnType<typeof baseFields>;

/**
 * A policy config schema: the shared base fields plus the policy's own, strict (unknown keys are
 * errors), and accepting `true` / `false` as shorthand for `{ enabled: true|false }`.
 *
 *   schema: policyConfig((z) => ({ maxLines: z.number().int().positive().nullable().default(null) }))
 */
export function policyConfig<S extends Z.core.$ZodLooseShape>(
  shape: (z: ZodNs) => S,
  opts: { enabled?: boolean } = {},
): LazySchema<Z.output<Z.ZodObject<BaseShape & S, Z.core.$strict>>> {
  return lazySchema((z) => {
    const obj = z.strictObject({ ...baseFields(z, opts.enabled ?? false), ...shape(z) });
    return z.preprocess((v) => (typeof v === 'boolean' ? { enabled: v } : v === undefined || v === null ? {} : v), obj) as never;
  });
}

export type HookList = HookName[];

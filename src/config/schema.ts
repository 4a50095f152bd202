/**
 * The config schema: the single source of truth for validation, types, JSON Schema and the README's
 * configuration reference. Composed from each policy's own (lazy) schema and each subsystem's
 * section. Only loaded when a config must be validated: importing zod is not free.
 */
import { z } from 'zod';
import { POLICIES } from '../policies/index.js';
import { handoffConfigSchema } from '../handoff/config.js';
import { agentsMdConfigSchema } from '../agents-md/config.js';
import { ensureZod } from './base.js';
import type { PolicyBaseConfig } from '../engine/types.js';

function policiesSchema() {
  const shape: Record<string, z.ZodType> = {};
  for (const p of POLICIES) shape[p.id] = (p.schema.get() as z.ZodType).optional();
  return z.strictObject(shape).prefault({});
}

export const waiversSchema = z
  .strictObject({
    allow: z.boolean().default(true).describe('Allow waivers at all (HARNESS_WAIVE and Harness-Waive trailers).'),
    allowAgents: z.boolean().default(true).describe('Allow waivers when an AI agent is committing.'),
    minReasonLength: z.number().int().min(1).default(8).describe('Shortest acceptable waiver reason, in characters.'),
  })
  .prefault({});

export const skipSchema = z
  .strictObject({
    allowAgents: z.boolean().default(false).describe('Honour HARNESS_SKIP / HARNESS_EMERGENCY when an AI agent is committing.'),
  })
  .prefault({});

function buildConfigSchema() {
  return z.strictObject({
    $schema: z.string().optional().describe('JSON Schema reference for editors.'),
    extends: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .describe('Presets to start from: harness-hooks/recommended, an npm package, or a relative path.'),
    policies: policiesSchema().describe('Policy configs, keyed by policy id. `false` turns a policy off.'),
    waivers: waiversSchema.describe('Who may waive findings, and how.'),
    skip: skipSchema.describe('Explicit skips (HARNESS_SKIP, HARNESS_EMERGENCY).'),
    handoff: handoffConfigSchema.describe('Handoff files, ledger and evidence.'),
    agentsMd: agentsMdConfigSchema.describe('How AGENTS.md files are read.'),
  });
}

let cached: ReturnType<typeof buildConfigSchema> | undefined;
export async function configSchema() {
  await ensureZod();
  return (cached ??= buildConfigSchema());
}

type Parsed = z.output<ReturnType<typeof buildConfigSchema>>;
/** The resolved config: every policy present, with its defaults applied. */
export type ResolvedConfig = Omit<Parsed, 'policies'> & { policies: Record<string, PolicyBaseConfig & Record<string, unknown>> };
export type UserConfig = z.input<ReturnType<typeof buildConfigSchema>>;

/** Validate a merged raw config; fills every policy with its defaults. */
export async function parseConfig(raw: unknown) {
  const schema = await configSchema();
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { success: false as const, error: parsed.error, schema };
  const policies: Record<string, unknown> = { ...(parsed.data.policies as Record<string, unknown>) };
  for (const p of POLICIES) if (policies[p.id] === undefined) policies[p.id] = p.schema.get().parse({});
  return { success: true as const, data: { ...parsed.data, policies } as ResolvedConfig, schema };
}

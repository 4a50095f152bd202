/**
 * The config schema: the single source of truth for validation, types, JSON Schema and the README's
 * configuration reference. Composed from each policy's own schema (src/policies) and each
 * subsystem's section.
 */
import { z } from 'zod';
import { POLICIES } from '../policies/index.js';
import { handoffConfigSchema } from '../handoff/config.js';
import { agentsMdConfigSchema } from '../agents-md/config.js';

function policiesSchema() {
  const shape: Record<string, z.ZodType> = {};
  for (const p of POLICIES) shape[p.id] = p.schema.optional();
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

export function buildConfigSchema() {
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
export function configSchema() {
  return (cached ??= buildConfigSchema());
}

export type ResolvedConfig = z.output<ReturnType<typeof buildConfigSchema>>;
export type UserConfig = z.input<ReturnType<typeof buildConfigSchema>>;

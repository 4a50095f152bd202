/** JSON Schema generated from the zod schema, so editors complete keys in JSON configs. */
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { configSchema } from './schema.js';

export const SCHEMA_URL = 'https://unpkg.com/harness-hooks/schema.json';

export async function jsonSchema(): Promise<Record<string, unknown>> {
  const s = z.toJSONSchema(await configSchema(), { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...s, $id: SCHEMA_URL, title: 'harness-hooks config' };
}

export async function writeJsonSchema(file: string): Promise<void> {
  writeFileSync(file, JSON.stringify(await jsonSchema(), null, 2) + '\n');
}

/** JSON Schema generated from the zod schema, so editors complete keys in JSON configs. */
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { configSchema } from './schema.js';

export const SCHEMA_URL = 'https://unpkg.com/harness-hooks/schema.json';

export function jsonSchema(): Record<string, unknown> {
  const s = z.toJSONSchema(configSchema(), { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...s, $id: SCHEMA_URL, title: 'harness-hooks config' };
}

export function writeJsonSchema(file: string): void {
  writeFileSync(file, JSON.stringify(jsonSchema(), null, 2) + '\n');
}

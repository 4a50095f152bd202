#!/usr/bin/env node
// Build: compile TypeScript to dist/, then write schema.json from the zod schema.
// --if-needed (used by `prepare`) skips the work when dist/ is newer than every source file.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ifNeeded = process.argv.includes('--if-needed');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

if (ifNeeded) {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!existsSync(tsc)) process.exit(0); // installed as a dependency: dist/ ships prebuilt
  const stamp = join(root, 'dist', '.build-stamp');
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= Math.max(newest(join(root, 'src')), newest(join(root, 'presets')))) {
    process.exit(0);
  }
}

rmSync(join(root, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.json')], {
  stdio: 'inherit',
});
const { writeJsonSchema } = await import(join(root, 'dist', 'config', 'json-schema.js'));
await writeJsonSchema(join(root, "schema.json"));
writeFileSync(join(root, 'dist', '.build-stamp'), new Date().toISOString() + '\n');

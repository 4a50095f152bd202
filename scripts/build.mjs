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
  // Sources, presets, and what the build itself is made of (these scripts, package.json, tsconfig).
  const inputs = [newest(join(root, 'src')), newest(join(root, 'presets')), newest(join(root, 'scripts'))];
  for (const f of ['package.json', 'tsconfig.json']) if (existsSync(join(root, f))) inputs.push(statSync(join(root, f)).mtimeMs);
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= Math.max(...inputs)) {
    process.exit(0);
  }
}

rmSync(join(root, 'dist'), { recursive: true, force: true });
const tsc = () =>
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.json')], {
    stdio: 'inherit',
  });
// The secret scanner's rule table (src/secrets/rules/table.ts) is generated from the compiled rule
// files: compile again when it changed. tsc emits even when the stale table does not type-check
// (after a change to its format), so the table is regenerated before the error counts.
let firstError;
try {
  tsc();
} catch (e) {
  firstError = e;
}
const { writeTable } = await import('./gen-secrets-table.mjs');
let regenerated = false;
try {
  regenerated = await writeTable(root);
} catch (e) {
  if (!firstError) throw e;
}
if (regenerated) {
  console.log(
    firstError
      ? 'build: src/secrets/rules/table.ts regenerated from the rule files (the type errors above were expected: the stale table did not match the code); compiling again'
      : 'build: src/secrets/rules/table.ts regenerated from the rule files; compiling again',
  );
  tsc();
} else if (firstError) {
  process.exit(1);
}
const { writeJsonSchema } = await import(join(root, 'dist', 'config', 'json-schema.js'));
await writeJsonSchema(join(root, "schema.json"));
// The CLI runs from a few bundled chunks (fewer module loads per hook run); see scripts/bundle.mjs.
const { bundle } = await import('./bundle.mjs');
await bundle(root);
writeFileSync(join(root, 'dist', '.build-stamp'), new Date().toISOString() + '\n');

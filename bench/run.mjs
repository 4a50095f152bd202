#!/usr/bin/env node
/** `npm run bench`: run every benchmark under bench/ in turn. Results are written down in bench/RESULTS*.md by hand. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const benches = ['startup.mjs', 'policies-prepush.mjs', 'secrets/run.mjs'].map((f) => join(here, f)).filter(existsSync);
let failed = 0;
for (const b of benches) {
  console.log(`\n### ${b.slice(here.length + 1)}`);
  const r = spawnSync(process.execPath, [b, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);

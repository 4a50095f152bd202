#!/usr/bin/env node
/**
 * Benchmark: `harness-hooks run pre-commit` on a staged change of 10 files / 500 lines with the
 * recommended preset, against `node -e 0` measured in the same run (runs interleaved, so machine
 * noise hits both). Reports medians and their ratio. Target: ratio <= 2.0.
 *
 *   node bench/startup.mjs [--runs 21] [--json] [--policies secrets,paths,size,tests] [--cli path/to/bin.js]
 * --policies enables those policies on top of the preset (the recommended preset may be empty);
 * --cli measures another build (e.g. a baseline copy) with the same setup.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchEnv, gitIn } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const opt = (name) => (process.argv.indexOf(name) > 0 ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const cli = opt('--cli') ?? join(root, 'bin', 'harness-hooks.js');
const extraPolicies = (opt('--policies') ?? '').split(',').filter(Boolean);
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 21;

const dir = mkdtempSync(join(tmpdir(), 'hh-bench-'));
const { home, env } = benchEnv();
const git = gitIn(dir, env);
git('init', '-q', '-b', 'feature');
writeFileSync(join(dir, 'README.md'), '# bench\n');
git('add', '.');
git('commit', '-q', '-m', 'init');
writeFileSync(
  join(dir, '.harnessrc.json'),
  JSON.stringify({ extends: 'harness-hooks/recommended', ...(extraPolicies.length ? { policies: Object.fromEntries(extraPolicies.map((p) => [p, true])) } : {}) }),
);
// The config is committed, as in a real repo; the measured commit is an ordinary 10-file change.
git('add', '.harnessrc.json');
git('commit', '-q', '-m', 'chore: harness config');
mkdirSync(join(dir, 'src'), { recursive: true });
mkdirSync(join(dir, 'test'), { recursive: true });
for (let i = 0; i < 10; i++) {
  const lines = [];
  for (let j = 0; j < 50; j++) lines.push(`export const value${i}_${j} = computeSomething(${j}, 'text ${i}-${j}'); // line ${j}`);
  const isTest = i >= 8;
  writeFileSync(join(dir, isTest ? 'test' : 'src', `module${i}${isTest ? '.test' : ''}.ts`), lines.join('\n') + '\n');
}
git('add', '.');
// Install hooks so the run sees a real setup (and a commit-msg hook for pending waivers).
const init = spawnSync(process.execPath, [cli, 'init', '--no-install', '--quiet'], { cwd: dir, env, encoding: 'utf8' });
if (init.status !== 0) throw new Error(init.stderr);

function time(cmd, args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: dir, env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { ms, status: r.status, out: r.stderr + r.stdout };
}

// Warm-up (fills the config cache and the OS file cache), then interleaved measured runs.
const warm = time(process.execPath, [cli, 'run', 'pre-commit']);
time(process.execPath, ['-e', '0']);
const node = [];
const hh = [];
for (let i = 0; i < RUNS; i++) {
  node.push(time(process.execPath, ['-e', '0']).ms);
  const r = time(process.execPath, [cli, 'run', 'pre-commit']);
  if (r.status !== 0) throw new Error(`harness-hooks run pre-commit exited ${r.status}:\n${r.out}`);
  hh.push(r.ms);
}
const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)];
};
const res = {
  runs: RUNS,
  nodeMedianMs: +median(node).toFixed(1),
  harnessMedianMs: +median(hh).toFixed(1),
  ratio: +(median(hh) / median(node)).toFixed(2),
  policiesRan: warm.out.split('\n')[0],
};
rmSync(dir, { recursive: true, force: true });
rmSync(home, { recursive: true, force: true });
if (process.argv.includes('--json')) console.log(JSON.stringify(res));
else {
  console.log(`node -e 0                      median ${res.nodeMedianMs} ms`);
  console.log(`harness-hooks run pre-commit   median ${res.harnessMedianMs} ms`);
  console.log(`ratio ${res.ratio}x (target <= 2.0x), ${RUNS} interleaved runs`);
  console.log(`what ran: ${res.policiesRan}`);
}

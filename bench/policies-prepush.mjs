#!/usr/bin/env node
/**
 * Benchmark: `harness-hooks run pre-push` with the branches and size policies over a 200-commit
 * branch (git's real stdin ref line), against a local bare remote with origin/HEAD set. Two cases:
 * under the limits (pass) and over them (blocked, with the split proposal). Also the pre-commit of
 * a recommended-like config with all six policies on, against `node -e 0` (runs interleaved).
 * Reports medians. Targets: pre-push < 500 ms; pre-commit <= 2.0x node -e 0.
 *
 *   node bench/policies-prepush.mjs [--runs 11] [--commits 200] [--json]
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchEnv, gitIn } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'bin', 'harness-hooks.js');
const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const RUNS = arg('--runs', 11);
const COMMITS = arg('--commits', 200);

const base = mkdtempSync(join(tmpdir(), 'hh-bench-push-'));
const { home, env } = benchEnv('[init]\n\tdefaultBranch = main\n');
const dir = join(base, 'repo');
const remote = join(base, 'remote.git');
const git = gitIn(dir, env);
spawnSync('git', ['init', '-q', '--bare', remote], { env });
mkdirSync(dir);
git('init', '-q', '-b', 'main');
// A repository of ~300 files in a few packages.
for (const pkg of ['api', 'web', 'cli', 'shared']) {
  mkdirSync(join(dir, 'packages', pkg, 'src'), { recursive: true });
  writeFileSync(join(dir, 'packages', pkg, 'package.json'), JSON.stringify({ name: pkg }) + '\n');
  for (let i = 0; i < 75; i++) writeFileSync(join(dir, 'packages', pkg, 'src', `m${i}.ts`), `export const m${i} = ${i};\n`.repeat(20));
}
const config = (branch) => ({ policies: { branches: { enabled: true }, size: { enabled: true, maxLines: 1500, maxFiles: 50, branch } } });
writeFileSync(join(dir, '.harnessrc.json'), JSON.stringify(config({ maxLines: 100000, maxFiles: 5000 })));
git('add', '.');
git('commit', '-q', '-m', 'base');
git('remote', 'add', 'origin', remote);
git('push', '-q', 'origin', 'main');
git('remote', 'set-head', 'origin', 'main');
git('switch', '-q', '-c', 'feature');
// The branch: COMMITS commits, each editing two files (fast-import keeps setup quick).
let fi = '';
let mark = 1;
const parent = git('rev-parse', 'HEAD').trim();
for (let c = 0; c < COMMITS; c++) {
  const pkg = ['api', 'web', 'cli', 'shared'][c % 4];
  const msg = `feat: change ${c}`;
  fi += `commit refs/heads/feature\nmark :${mark++}\ncommitter Bench <bench@example.com> ${1700000000 + c} +0000\ndata ${Buffer.byteLength(msg)}\n${msg}\n`;
  if (c === 0) fi += `from ${parent}\n`;
  for (const f of [`packages/${pkg}/src/m${c % 75}.ts`, `packages/${pkg}/src/new${c}.ts`]) {
    const body = `export const v${c} = ${c};\n`.repeat(5 + (c % 7));
    fi += `M 100644 inline ${f}\ndata ${Buffer.byteLength(body)}\n${body}\n`;
  }
}
const imp = spawnSync('git', ['fast-import', '--quiet', '--force'], { cwd: dir, env, input: fi, encoding: 'utf8' });
if (imp.status !== 0) throw new Error(imp.stderr);
git('reset', '-q', '--hard', 'feature');
const tip = git('rev-parse', 'HEAD').trim();
const count = Number(git('rev-list', '--count', 'origin/main..HEAD').trim());
spawnSync(process.execPath, [cli, 'init', '--hooks-only', '--no-install'], { cwd: dir, env });

const zero = '0'.repeat(40);
const stdin = `refs/heads/feature ${tip} refs/heads/feature ${zero}\n`;
function time(cmd, args, input, cwd = dir) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, env, input, encoding: 'utf8' });
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, status: r.status, out: r.stderr + r.stdout };
}
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

function prePush(label, branchLimits, expectStatus) {
  writeFileSync(join(dir, '.harnessrc.json'), JSON.stringify(config(branchLimits)));
  const warm = time(process.execPath, [cli, 'run', 'pre-push', 'origin', remote], stdin);
  if (warm.status !== expectStatus) throw new Error(`${label}: expected exit ${expectStatus}, got ${warm.status}\n${warm.out}`);
  const ms = [];
  for (let i = 0; i < RUNS; i++) ms.push(time(process.execPath, [cli, 'run', 'pre-push', 'origin', remote], stdin).ms);
  return { label, medianMs: +median(ms).toFixed(1), minMs: +Math.min(...ms).toFixed(1), maxMs: +Math.max(...ms).toFixed(1), firstLine: warm.out.split('\n')[0] };
}

const results = {
  commits: count,
  runs: RUNS,
  prePush: [prePush('pass (under the limits)', { maxLines: 100000, maxFiles: 5000 }, 0), prePush('blocked (over the limits, split proposed)', { maxLines: 500, maxFiles: 50 }, 1)],
};

// pre-commit with all six policies on (a recommended-like setup), 10 files / 500 lines staged.
git('switch', '-q', '-c', 'precommit', 'main');
writeFileSync(
  join(dir, '.harnessrc.json'),
  JSON.stringify({
    policies: {
      worktree: { enabled: true },
      branches: { enabled: true },
      paths: { enabled: true, protected: ['.github/workflows/**'] },
      size: { enabled: true, maxLines: 1500, maxFiles: 50 },
      tests: { enabled: true },
      'commit-message': { enabled: true, requireTrailers: ['Assisted-by'] },
    },
  }),
);
git('add', '.harnessrc.json');
git('commit', '-q', '--no-verify', '-m', 'config');
mkdirSync(join(dir, 'packages', 'api', 'test'), { recursive: true });
for (let i = 0; i < 10; i++) {
  const lines = Array.from({ length: 50 }, (_, j) => `export const value${i}_${j} = compute(${j}, 'text ${i}-${j}'); // line ${j}`).join('\n') + '\n';
  writeFileSync(join(dir, 'packages', 'api', i < 5 ? 'src' : 'test', i < 5 ? `feature${i}.ts` : `feature${i - 5}.test.ts`), lines);
}
git('add', '.');
// Baseline: the same repo and staged change with only a no-op policy (the ChangeSet is still read),
// in a copy so each keeps its config cache warm.
const dir2 = join(base, 'repo-baseline');
cpSync(dir, dir2, { recursive: true });
writeFileSync(join(dir2, '.harnessrc.json'), JSON.stringify({ policies: { commands: { enabled: true, tasks: {} } } }));
spawnSync('git', ['add', '.harnessrc.json'], { cwd: dir2, env });
const warm = time(process.execPath, [cli, 'run', 'pre-commit']);
if (warm.status !== 0) throw new Error(`pre-commit: exit ${warm.status}\n${warm.out}`);
time(process.execPath, [cli, 'run', 'pre-commit'], undefined, dir2);
const node = [];
const hh = [];
const bl = [];
for (let i = 0; i < Math.max(RUNS, 21); i++) {
  node.push(time(process.execPath, ['-e', '0']).ms);
  hh.push(time(process.execPath, [cli, 'run', 'pre-commit']).ms);
  bl.push(time(process.execPath, [cli, 'run', 'pre-commit'], undefined, dir2).ms);
}
results.preCommit = {
  nodeMedianMs: +median(node).toFixed(1),
  baselineMedianMs: +median(bl).toFixed(1),
  baselineRatio: +(median(bl) / median(node)).toFixed(2),
  harnessMedianMs: +median(hh).toFixed(1),
  ratio: +(median(hh) / median(node)).toFixed(2),
  policiesCostMs: +(median(hh) - median(bl)).toFixed(1),
  firstLine: warm.out.split('\n')[0],
};

rmSync(base, { recursive: true, force: true });
rmSync(home, { recursive: true, force: true });
if (process.argv.includes('--json')) console.log(JSON.stringify(results, null, 2));
else {
  console.log(`pre-push over ${results.commits} commits (${RUNS} runs):`);
  for (const r of results.prePush) console.log(`  ${r.label.padEnd(44)} median ${r.medianMs} ms (min ${r.minMs}, max ${r.maxMs})  ${r.firstLine}`);
  const p = results.preCommit;
  console.log(`pre-commit: node -e 0 median ${p.nodeMedianMs} ms; ChangeSet + no-op policy ${p.baselineMedianMs} ms (${p.baselineRatio}x); six policies ${p.harnessMedianMs} ms (${p.ratio}x); the policies' own cost ${p.policiesCostMs} ms`);
  console.log(`  ${p.firstLine}`);
}

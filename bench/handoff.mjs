#!/usr/bin/env node
/**
 * Benchmark: the cost the handoff subsystem adds to a commit, and verify over a long range.
 *  1. `run commit-msg` (patch-ids + trailer) and `run post-commit` (handoff) against `run pre-commit`
 *     with no policies (the bare cost of starting the CLI), interleaved, medians.
 *  2. `verify --evidence-only` over 500 commits.
 *
 *   node bench/handoff.mjs [--runs 11] [--json]      (needs dist/: npm run build)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchEnv, gitIn } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'bin', 'harness-hooks.js');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 11;

const dir = mkdtempSync(join(tmpdir(), 'hh-bench-handoff-'));
const { home, env } = benchEnv();
const git = gitIn(dir, env);
const time = (args) => {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

git('init', '-q', '-b', 'main');
writeFileSync(join(dir, '.harnessrc.json'), JSON.stringify({ policies: { evidence: true } }));
for (let i = 0; i < 10; i++) writeFileSync(join(dir, `f${i}.txt`), Array.from({ length: 50 }, (_, j) => `line ${j}`).join('\n') + '\n');
git('add', '-A');
git('-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', 'base');
for (let i = 0; i < 10; i++) appendFileSync(join(dir, `f${i}.txt`), 'more\n');
git('add', '-A');
const msg = join(dir, '.git', 'BENCH_MSG');
const bare = [], commitMsg = [], postCommit = [];
for (let r = 0; r < RUNS; r++) {
  writeFileSync(msg, 'bench: change\n');
  bare.push(time(['run', 'pre-commit']));
  commitMsg.push(time(['run', 'commit-msg', msg]));
  postCommit.push(time(['run', 'post-commit']));
}
for (let i = 0; i < 500; i++) {
  appendFileSync(join(dir, `f${i % 10}.txt`), `c${i}\n`);
  git('add', '-A');
  git('-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', `c${i}`);
}
const baseSha = git('rev-list', '--max-parents=0', 'HEAD').trim();
const verify = [];
for (let r = 0; r < Math.min(RUNS, 5); r++) {
  const t = process.hrtime.bigint();
  spawnSync(process.execPath, [cli, 'verify', '--range', `${baseSha}..HEAD`, '--evidence-only', '--format', 'json'], { cwd: dir, env });
  verify.push(Number(process.hrtime.bigint() - t) / 1e6);
}
const out = {
  runs: RUNS,
  bareHookMs: median(bare),
  commitMsgMs: median(commitMsg),
  postCommitMs: median(postCommit),
  addedByCommitMsgMs: median(commitMsg) - median(bare),
  addedByPostCommitMs: median(postCommit) - median(bare),
  verify500CommitsMs: median(verify),
};
rmSync(dir, { recursive: true, force: true });
rmSync(home, { recursive: true, force: true });
if (process.argv.includes('--json')) console.log(JSON.stringify(out, null, 2));
else
  console.log(
    `bare hook run ${out.bareHookMs.toFixed(0)} ms · commit-msg ${out.commitMsgMs.toFixed(0)} ms (+${out.addedByCommitMsgMs.toFixed(0)}) · ` +
      `post-commit ${out.postCommitMs.toFixed(0)} ms (+${out.addedByPostCommitMs.toFixed(0)}) · verify 500 commits ${out.verify500CommitsMs.toFixed(0)} ms`,
  );

#!/usr/bin/env node
/**
 * Secret-scanning benchmark. Installs a fixed, pinned set of real npm packages into
 * bench/.work/secrets/corpus (npm registry only, --ignore-scripts), then measures on that tree:
 *   - harness-hooks scan (tree scan): wall MB/s and peak RSS (/usr/bin/time -v), median of N runs,
 *     with worker threads (default) and single-threaded (--jobs 0);
 *   - ripgrep running our own patterns (the floor: a native engine, no per-match checks);
 *   - secretlint with its recommended preset (once: it is slow);
 *   - the staged-scan overhead of a 500-line change on the pre-commit hook.
 * Usage: node scripts/build.mjs && node bench/secrets/run.mjs [--runs 5] [--skip-secretlint] [--prepare-only]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync, statSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WORK = join(ROOT, 'bench', '.work', 'secrets');
const INSTALL = join(WORK, 'install');
// The packages are copied out of node_modules: secretlint never scans a node_modules directory.
const CORPUS = join(WORK, 'corpus');
const SL = join(WORK, 'secretlint');
const CLI = join(ROOT, 'bin', 'harness-hooks.js');
const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 5;
const skipSecretlint = args.includes('--skip-secretlint');

export const PACKAGES = ['typescript@5.6.3', 'prettier@3.3.3', 'rxjs@7.8.1', 'lodash@4.17.21', 'moment@2.30.1', 'express@4.21.0', 'axios@1.7.7'];
const SECRETLINT = ['secretlint@11.7.1', '@secretlint/secretlint-rule-preset-recommend@11.7.1'];

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const log = (s) => process.stderr.write(s + '\n');

function npmInstall(dir, pkgs) {
  const stamp = join(dir, '.installed');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === pkgs.join(' ')) return;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"name":"bench-corpus","private":true}\n');
  log(`npm install ${pkgs.join(' ')} -> ${dir}`);
  execFileSync('npm', ['install', '--prefix', dir, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', ...pkgs], { stdio: 'inherit' });
  writeFileSync(stamp, pkgs.join(' '));
}

function timed(cmd, argv, cwd) {
  const r = spawnSync('/usr/bin/time', ['-v', cmd, ...argv], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(r.stderr);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(r.stderr);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(r.stderr);
  const cpuSecs = user && sys ? Number(user[1]) + Number(sys[1]) : NaN;
  const secs = wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : NaN;
  return { secs, cpuSecs, rssMB: rss ? Number(rss[1]) / 1024 : NaN, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function corpusBytes() {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: CORPUS, maxBuffer: 1 << 30 }).toString().split('\0').filter(Boolean);
  let bytes = 0;
  for (const f of files) try { bytes += statSync(join(CORPUS, f)).size; } catch { /* */ }
  return { files: files.length, bytes };
}

async function ripgrepPatterns() {
  const { RULES } = await import(join(ROOT, 'dist', 'secrets', 'rules', 'index.js'));
  // Rust's regex has no lookaround: drop the one-character boundary assertions (it is a floor anyway).
  const lines = RULES.map((r) => {
    const p = r.pattern
      .replace(/\(\?<?[!=](?:\[[^\]]*\]|\\.|.)\)/g, '')
      .replace(/\\\//g, '/')
      .replace(/\\w-\./g, '\\w.-');
    return r.ignoreCase ? `(?i:${p})` : `(?:${p})`;
  });
  const file = join(WORK, 'rg-patterns.txt');
  writeFileSync(file, lines.join('\n') + '\n');
  const keywordsFile = join(WORK, 'rg-keywords.txt');
  writeFileSync(keywordsFile, [...new Set(RULES.flatMap((r) => r.keywords))].filter((k) => !k.includes('\n')).join('\n') + '\n');
  return { file, keywordsFile, count: lines.length };
}

/**
 * What the secrets policy adds to the pre-commit hook for a 500-line staged change: ab-staged.mjs
 * (interleaved on/off rounds in two repos, medians and paired differences), for three changes:
 * ordinary code, this repo's own keyword-heavy scanner source, and a synthetic keyword-dense file.
 */
async function stagedOverhead() {
  const out = {};
  for (const [name, flag] of [['ordinary', '--typical'], ['keywordHeavy', '--real'], ['keywordDense', '']]) {
    const args = [join(ROOT, 'bench', 'secrets', 'ab-staged.mjs'), '21', ...(flag ? [flag] : []), '--json', `this=${CLI}`];
    const r = JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' }).trim().split('\n').pop());
    const b = r.builds.this;
    out[name] = { change: r.change, addedWallMs: +(b.wallOn - b.wallOff).toFixed(1), addedWallPairedMs: +b.addedWallPaired.toFixed(1), addedCpuMs: +(b.cpuOn - b.cpuOff).toFixed(1), wallOffMs: +b.wallOff.toFixed(1), nodeE0Ms: +r.nodeE0.toFixed(1), load: r.load };
  }
  return out;
}

async function main() {
  if (!existsSync(join(ROOT, 'dist', 'secrets', 'index.js'))) throw new Error('build first: node scripts/build.mjs');
  mkdirSync(WORK, { recursive: true });
  npmInstall(INSTALL, PACKAGES);
  const stamp = join(CORPUS, '.copied');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== PACKAGES.join(' ')) {
    rmSync(CORPUS, { recursive: true, force: true });
    mkdirSync(CORPUS, { recursive: true });
    cpSync(join(INSTALL, 'node_modules'), join(CORPUS, 'packages'), { recursive: true, verbatimSymlinks: true });
    execFileSync('git', ['init', '-q', CORPUS]);
    writeFileSync(join(CORPUS, '.git', 'info', 'exclude'), '.copied\n');
    writeFileSync(stamp, PACKAGES.join(' '));
  }
  // Scan every file, however large (secretlint does): no size limit for the comparison.
  writeFileSync(join(CORPUS, '.harnessrc.json'), JSON.stringify({ policies: { secrets: { maxFileBytes: 100_000_000 } } }));
  const { files, bytes } = corpusBytes();
  const MB = bytes / 1e6;
  log(`corpus: ${files} files, ${MB.toFixed(1)} MB`);
  if (args.includes('--prepare-only')) return; // for ab-tree.mjs
  const results = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, memGB: +(totalmem() / 2 ** 30).toFixed(1), loadavg: loadavg(), packages: PACKAGES, corpus: { files, MB: +MB.toFixed(2) }, runs: RUNS };

  const measure = (label, cmd, argv) => {
    const rs = [];
    for (let i = 0; i < RUNS; i++) rs.push(timed(cmd, argv, CORPUS));
    const secs = median(rs.map((r) => r.secs));
    const cpuSecs = median(rs.map((r) => r.cpuSecs));
    const out = { secs: +secs.toFixed(3), mbps: +(MB / secs).toFixed(1), bestSecs: +Math.min(...rs.map((r) => r.secs)).toFixed(3), cpuSecs: +cpuSecs.toFixed(2), mbPerCpuSec: +(MB / cpuSecs).toFixed(1), loadavg: loadavg()[0], rssMB: +median(rs.map((r) => r.rssMB)).toFixed(0), status: rs[0].status, all: rs.map((r) => +r.secs.toFixed(3)) };
    log(`${label}: ${JSON.stringify(out)}`);
    return { out, last: rs[rs.length - 1] };
  };

  const ours = measure('harness-hooks scan', process.execPath, [CLI, 'scan', '--format', 'json']);
  results.ours = ours.out;
  try {
    const j = JSON.parse(ours.last.stdout);
    results.oursFindings = j.findings.length;
    results.oursByRule = j.findings.reduce((a, f) => ((a[f.rule] = (a[f.rule] ?? 0) + 1), a), {});
    results.oursScannedMB = +(j.stats.bytes / 1e6).toFixed(2);
    results.oursSkipped = j.skipped.length;
  } catch { results.oursFindings = null; }
  results.oursSingle = measure('harness-hooks scan --jobs 0', process.execPath, [CLI, 'scan', '--format', 'json', '--jobs', '0']).out;
  results.oursWorkers = measure('harness-hooks scan --jobs 2', process.execPath, [CLI, 'scan', '--format', 'json', '--jobs', '2']).out;

  const rg = spawnSync('which', ['rg'], { encoding: 'utf8' }).stdout.trim();
  if (rg) {
    const pat = await ripgrepPatterns();
    // Floor 1: ripgrep looking for our keywords (the prefilter stage), fixed strings, case-insensitive.
    results.ripgrepKeywords = measure('ripgrep (our keywords, -F -i)', rg, ['--no-messages', '-c', '-F', '-i', '-f', pat.keywordsFile, '.']).out;
    // Floor 2: ripgrep running all our patterns at once (Rust regex, multi-line, lookarounds dropped). One run:
    // compiling 219 bounded-repetition patterns into one automaton dominates.
    const r = timed(rg, ['-U', '--regex-size-limit', '4G', '--dfa-size-limit', '4G', '--no-messages', '-c', '-f', pat.file, '.'], CORPUS);
    results.ripgrepPatterns = { secs: +r.secs.toFixed(2), mbps: +(MB / r.secs).toFixed(1), rssMB: +r.rssMB.toFixed(0), status: r.status, runs: 1, patterns: pat.count };
    log(`ripgrep (our patterns): ${JSON.stringify(results.ripgrepPatterns)}`);
  } else results.ripgrepKeywords = 'not installed (apt-get install ripgrep)';

  if (!skipSecretlint) {
    npmInstall(SL, SECRETLINT);
    writeFileSync(join(WORK, 'secretlintrc.json'), JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
    const bin = join(SL, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
    writeFileSync(join(WORK, 'empty-ignore'), '');
    const r = timed(process.execPath, [bin, '--secretlintrc', join(WORK, 'secretlintrc.json'), '--secretlintignore', join(WORK, 'empty-ignore'), '--format', 'json', 'packages/**/*'], CORPUS);
    results.secretlint = { secs: +r.secs.toFixed(1), mbps: +(MB / r.secs).toFixed(2), rssMB: +r.rssMB.toFixed(0), status: r.status, runs: 1, version: SECRETLINT[0] };
    try { results.secretlintFindings = JSON.parse(r.stdout).reduce((n, f) => n + f.messages.length, 0); } catch { results.secretlintFindings = null; }
    log(`secretlint: ${JSON.stringify(results.secretlint)}`);
  }

  results.staged = await stagedOverhead();
  log(`staged 500 lines: ${JSON.stringify(results.staged)}`);
  writeFileSync(join(WORK, 'results.json'), JSON.stringify(results, null, 2));
  process.stdout.write(JSON.stringify(results, null, 2) + '\n');
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e.message}\n`);
  process.exit(1);
});

/**
 * `harness-hooks doctor`: will the hooks really run here? It checks the facts (hooksPath at every
 * level, hook files, node, the binary, the config, other hook managers, bypass variables, every
 * linked worktree) and then proves it: each installed hook is executed in probe mode, once with
 * this shell's PATH and once with a GUI client's bare PATH, and must reach the harness-hooks binary.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { CommandModule } from '../command.js';
import { UsageError } from '../command.js';
import { readRepoInfo } from '../../git/repo.js';
import { gitRaw } from '../../git/exec.js';
import { loadConfig } from '../../config/load.js';
import { HOOK_NAMES, type RepoInfo } from '../../engine/types.js';
import { hooksPathSettings, isOurHook, readInstallRecord } from '../install.js';

const help = `Usage: harness-hooks doctor [--format text|json]

Checks that the hooks will really run in this worktree and in every linked worktree:
core.hooksPath at every level (worktree, repo, global), the hook files (present, executable,
ours), node and the harness-hooks binary as a hook finds them (also with a GUI client's bare
PATH), the config, other hook managers, and bypass variables. Prints the fix for each problem.

Exit codes: 0 hooks will run · 1 hooks would not run (or a bypass is active) · 2 usage error`;

interface Check {
  status: 'ok' | 'warn' | 'fail';
  what: string;
  fix?: string;
}

function executable(f: string): boolean {
  try {
    accessSync(f, constants.X_OK);
    return statSync(f).isFile();
  } catch {
    return false;
  }
}

async function hooksDirFor(root: string, env: NodeJS.ProcessEnv): Promise<string> {
  const r = await gitRaw(['rev-parse', '--path-format=absolute', '--git-path', 'hooks'], { cwd: root, env });
  const p = r.stdout.toString('utf8').trim();
  return isAbsolute(p) ? p : resolve(root, p);
}

function probe(hookFile: string, cwd: string, env: NodeJS.ProcessEnv): { ok: boolean; output: string } {
  const r = spawnSync(hookFile, ['.git/COMMIT_EDITMSG'], {
    cwd,
    env: { ...env, HARNESS_PROBE: '1', HARNESS_EMERGENCY: '' },
    input: '',
    encoding: 'utf8',
    timeout: 20_000,
  });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  return { ok: r.status === 0 && output.includes('harness-hooks probe ok'), output };
}

async function worktrees(repo: RepoInfo, env: NodeJS.ProcessEnv): Promise<string[]> {
  const out = (await gitRaw(['worktree', 'list', '--porcelain', '-z'], { cwd: repo.root, env })).stdout.toString('utf8');
  const list: string[] = [];
  let cur: string | undefined;
  let bare = false;
  let prunable = false;
  for (const f of out.split('\0')) {
    if (f.startsWith('worktree ')) cur = f.slice(9);
    else if (f === 'bare') bare = true;
    else if (f.startsWith('prunable')) prunable = true;
    else if (f === '') {
      if (cur && !bare && !prunable && existsSync(cur)) list.push(cur);
      cur = undefined;
      bare = false;
      prunable = false;
    }
  }
  if (cur && !bare && !prunable && existsSync(cur)) list.push(cur);
  return list;
}

export async function diagnose(repo: RepoInfo, env: NodeJS.ProcessEnv): Promise<Check[]> {
  const checks: Check[] = [];
  const record = readInstallRecord(repo);
  if (!record) {
    checks.push({ status: 'fail', what: 'harness-hooks is not installed in this repository (no install record).', fix: 'npx harness-hooks init' });
  }

  // core.hooksPath at every level.
  const settings = await hooksPathSettings(repo, env);
  for (const s of settings) {
    const dir = isAbsolute(s.value) ? s.value : resolve(repo.root, s.value);
    if (s.level === 'global' || s.level === 'system') {
      if (!settings.some((x) => x.level === 'local' || x.level === 'worktree')) {
        checks.push({
          status: 'fail',
          what: `a ${s.level} core.hooksPath (${s.value}) makes git ignore this repo's hooks.`,
          fix: 'npx harness-hooks init (sets a repo-level core.hooksPath and chains your global hooks)',
        });
      } else checks.push({ status: 'warn', what: `a ${s.level} core.hooksPath (${s.value}) is set; this repo overrides it.` });
    }
    if (!existsSync(dir)) {
      checks.push({
        status: 'fail',
        what: `core.hooksPath (${s.level}) points to ${dir}, which does not exist: git silently runs no hooks.`,
        fix: `git config --${s.level === 'worktree' ? 'worktree' : s.level} --unset core.hooksPath && npx harness-hooks init`,
      });
    }
  }

  // Every worktree: hook files and a real probe.
  const bareEnv: NodeJS.ProcessEnv = { PATH: '/usr/bin:/bin', HOME: env.HOME ?? '/', LANG: env.LANG ?? 'C' };
  for (const wt of await worktrees(repo, env)) {
    const label = wt === repo.mainRoot ? `main worktree ${wt}` : `linked worktree ${wt}`;
    let dir: string;
    try {
      dir = await hooksDirFor(wt, env);
    } catch (e) {
      checks.push({ status: 'fail', what: `${label}: git cannot tell where its hooks are (${(e as Error).message}).` });
      continue;
    }
    let allOk = true;
    for (const hook of HOOK_NAMES) {
      const f = join(dir, hook);
      if (!existsSync(f)) {
        checks.push({ status: 'fail', what: `${label}: ${f} is missing: ${hook} checks do not run there.`, fix: 'npx harness-hooks init' });
        allOk = false;
      } else if (!executable(f)) {
        checks.push({ status: 'fail', what: `${label}: ${f} is not executable: git skips it.`, fix: `chmod +x ${f}` });
        allOk = false;
      } else if (!isOurHook(f)) {
        checks.push({ status: 'fail', what: `${label}: ${f} is not a harness-hooks hook (another tool replaced it).`, fix: 'npx harness-hooks init (keeps the other hook and chains it)' });
        allOk = false;
      }
    }
    if (!allOk) continue;
    const p = probe(join(dir, 'pre-commit'), wt, env);
    if (!p.ok) {
      checks.push({ status: 'fail', what: `${label}: the pre-commit hook cannot reach harness-hooks:\n      ${p.output.split('\n').join('\n      ')}`, fix: 'see the hook\'s message above' });
      continue;
    }
    const g = probe(join(dir, 'pre-commit'), wt, bareEnv);
    if (!g.ok) {
      checks.push({
        status: 'warn',
        what: `${label}: with a GUI client's bare PATH (/usr/bin:/bin) the hook cannot run, so GUI commits are blocked:\n      ${g.output.split('\n').slice(0, 3).join('\n      ')}`,
        fix: 'npx harness-hooks init from a shell where node works (records its absolute path)',
      });
    } else checks.push({ status: 'ok', what: `${label}: hooks installed in ${dir} and reach harness-hooks (also with a bare PATH).` });
  }

  // Config.
  try {
    const loaded = await loadConfig(repo.root);
    checks.push({ status: 'ok', what: `config: ${loaded.file ? loaded.file : 'none found, using harness-hooks/recommended'} is valid.` });
  } catch (e) {
    const err = e as Error & { problems?: string[] };
    checks.push({ status: 'fail', what: `config: ${err.message}${err.problems?.length ? '\n      ' + err.problems.join('\n      ') : ''}`, fix: 'fix the keys named above; hooks block until the config is valid' });
  }

  // Other hook managers.
  const has = (f: string) => existsSync(join(repo.root, f));
  if (has('.husky')) {
    const chained = settings.every((s) => !/\.husky/.test(s.value));
    checks.push(
      chained
        ? { status: 'ok', what: 'husky: .husky/ scripts are chained by the harness-hooks hooks.' }
        : { status: 'fail', what: 'husky owns core.hooksPath (.husky/_): its dir is missing in fresh worktrees and harness-hooks hooks do not run.', fix: 'npx harness-hooks init' },
    );
  }
  for (const [f, name] of [
    ['lefthook.yml', 'lefthook'],
    ['.lefthook.yml', 'lefthook'],
    ['.pre-commit-config.yaml', 'pre-commit'],
    ['.simple-git-hooks.json', 'simple-git-hooks'],
  ] as const) {
    if (has(f)) {
      checks.push({
        status: 'warn',
        what: `${name} config found (${f}). If its installer runs again it may overwrite .git/hooks; harness-hooks keeps its hooks chained when you re-run init.`,
        fix: 'npx harness-hooks init after installing other hook managers',
      });
    }
  }
  try {
    const pkg = JSON.parse(readFileSync(join(repo.root, 'package.json'), 'utf8'));
    const prep = pkg.scripts?.prepare;
    if (record && typeof prep === 'string' && !prep.includes('harness-hooks')) {
      checks.push({ status: 'warn', what: 'package.json has no prepare script that re-arms harness-hooks after a fresh clone.', fix: 'npx harness-hooks init' });
    }
  } catch {
    /* no package.json */
  }

  // Node.
  if (record && !existsSync(record.nodePath)) {
    checks.push({ status: 'warn', what: `the node recorded at install (${record.nodePath}) is gone; hooks rely on node being on PATH.`, fix: 'npx harness-hooks init' });
  }

  // Bypass variables.
  for (const v of ['HARNESS_SKIP', 'HARNESS_EMERGENCY', 'HARNESS_WAIVE']) {
    if (env[v]) {
      checks.push({
        status: 'fail',
        what: `${v}=${JSON.stringify(env[v])} is set in this environment: ${v === 'HARNESS_WAIVE' ? 'findings may be waived' : 'policies are skipped'} on every commit.`,
        fix: `unset ${v}`,
      });
    }
  }
  if (env.HUSKY === '0') checks.push({ status: 'warn', what: 'HUSKY=0 is set: chained husky scripts still run under harness-hooks, but husky itself is disabled.' });
  return checks;
}

const cmd: CommandModule = {
  name: 'doctor',
  summary: 'Check that the hooks will really run here.',
  help,
  options: { format: { type: 'string', default: 'text' } },
  async run({ values }, io) {
    const format = String(values.format);
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got "${format}"`);
    const repo = await readRepoInfo(io.cwd, io.env);
    const checks = await diagnose(repo, io.env);
    const failed = checks.some((c) => c.status === 'fail');
    if (format === 'json') {
      io.out(JSON.stringify({ ok: !failed, checks }, null, 2));
      return failed ? 1 : 0;
    }
    for (const c of checks) {
      io.out(`${c.status === 'ok' ? 'ok  ' : c.status === 'warn' ? 'warn' : 'FAIL'}  ${c.what}`);
      if (c.fix && c.status !== 'ok') io.out(`      fix: ${c.fix}`);
    }
    io.out(failed ? '\nharness-hooks doctor: hooks would NOT run as intended. Fix the FAIL lines above.' : '\nharness-hooks doctor: hooks will run.');
    return failed ? 1 : 0;
  },
};
export default cmd;

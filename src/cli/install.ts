/**
 * Installing and removing the hooks. Everything init does is first computed as a plan (so --dry-run
 * prints exactly what would happen), then applied. What was there before (foreign hooks, a
 * core.hooksPath, a husky prepare script) is recorded in <common git dir>/harness/install.json so
 * `uninstall` can restore it. Global git config is never written.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { realpathSync } from 'node:fs';
import type { RepoInfo } from '../engine/types.js';
import { HOOK_NAMES, OTHER_GIT_HOOKS } from '../engine/types.js';
import { gitRaw } from '../git/exec.js';
import { PACKAGE_ROOT } from '../config/presets.js';

export const MARKER = 'harness-hooks: ';
export const CHAINED_SUFFIX = '.pre-harness';

export interface HooksPathSetting {
  level: 'global' | 'local' | 'worktree' | 'system';
  value: string;
}

export interface InstallRecord {
  version: string;
  installedAt: string;
  hooksDirs: string[];
  /** Foreign hook files moved aside: hook path -> moved-to path. */
  moved: Record<string, string>;
  /** core.hooksPath values that were unset (local/worktree level), to restore on uninstall. */
  unsetHooksPath: HooksPathSetting[];
  /** core.hooksPath we set (local level) because a global one would otherwise win. */
  setHooksPath?: string;
  /** package.json prepare script before we changed it. */
  prepareBefore?: string | null;
  packageJson?: string;
  nodePath: string;
  cliPath: string;
}

export function packageVersion(): string {
  try {
    return JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')).version;
  } catch {
    return '0.0.0';
  }
}

export function recordFile(repo: RepoInfo): string {
  return join(repo.commonDir, 'harness', 'install.json');
}

export function readInstallRecord(repo: RepoInfo): InstallRecord | undefined {
  try {
    return JSON.parse(readFileSync(recordFile(repo), 'utf8')) as InstallRecord;
  } catch {
    return undefined;
  }
}

export async function hooksPathSettings(repo: RepoInfo, env: NodeJS.ProcessEnv): Promise<HooksPathSetting[]> {
  const r = await gitRaw(['config', '--show-scope', '--get-all', 'core.hooksPath'], { cwd: repo.root, env, allowFail: true });
  const out: HooksPathSetting[] = [];
  for (const line of r.stdout.toString('utf8').split('\n')) {
    const m = /^(\w+)\t(.*)$/.exec(line);
    if (m) out.push({ level: m[1] as HooksPathSetting['level'], value: m[2]! });
  }
  return out;
}

export function isOurHook(file: string): boolean {
  try {
    return readFileSync(file, 'utf8').includes(`# ${MARKER}`);
  } catch {
    return false;
  }
}

export function isHuskyPath(value: string): boolean {
  return /(^|\/)\.husky(\/_)?\/?$/.test(value);
}

export type Action =
  | { kind: 'write-hook'; file: string; content: string; hook: string }
  | { kind: 'move-foreign'; from: string; to: string }
  | { kind: 'unset-hooks-path'; setting: HooksPathSetting }
  | { kind: 'set-hooks-path'; value: string }
  | { kind: 'write-file'; file: string; content: string; why: string }
  | { kind: 'exclude'; file: string; pattern: string }
  | { kind: 'package-json'; file: string; field: string; before: unknown; after: unknown }
  | { kind: 'run'; command: string[]; cwd: string; why: string }
  | { kind: 'record'; file: string; record: InstallRecord };

export function describe(a: Action, root: string): string {
  const rel = (p: string) => (p.startsWith(root) ? relative(root, p) || '.' : p);
  switch (a.kind) {
    case 'write-hook':
      return `write hook ${rel(a.file)}`;
    case 'move-foreign':
      return `keep existing hook ${rel(a.from)} (moved to ${rel(a.to)}; it still runs first)`;
    case 'unset-hooks-path':
      return `unset ${a.setting.level} core.hooksPath (${a.setting.value}); its hooks are chained`;
    case 'set-hooks-path':
      return `set local core.hooksPath=${a.value} (a global core.hooksPath would otherwise bypass this repo's hooks)`;
    case 'write-file':
      return `write ${rel(a.file)} (${a.why})`;
    case 'exclude':
      return `add ${a.pattern} to ${rel(a.file)} (keeps handoffs and the ledger out of git)`;
    case 'package-json':
      return `package.json ${a.field}: ${JSON.stringify(a.before ?? null)} -> ${JSON.stringify(a.after)}`;
    case 'run':
      return `run ${a.command.join(' ')} (${a.why})`;
    case 'record':
      return `record the install in ${rel(a.file)}`;
  }
}

export interface HookPlanInput {
  repo: RepoInfo;
  env: NodeJS.ProcessEnv;
  /** Directory (relative to the repo root) of the package.json whose node_modules holds harness-hooks. */
  pkgDir: string;
  prepareBefore?: string | null;
  packageJson?: string;
}

/** Plan the hook files, chaining and hooksPath changes. */
export async function planHooks(input: HookPlanInput): Promise<{ actions: Action[]; record: InstallRecord; warnings: string[] }> {
  const { repo, env } = input;
  const warnings: string[] = [];
  const actions: Action[] = [];
  const settings = await hooksPathSettings(repo, env);
  const previous = readInstallRecord(repo);
  const record: InstallRecord = {
    version: packageVersion(),
    installedAt: new Date().toISOString(),
    hooksDirs: [],
    moved: { ...(previous?.moved ?? {}) },
    unsetHooksPath: [...(previous?.unsetHooksPath ?? [])],
    setHooksPath: previous?.setHooksPath,
    prepareBefore: previous ? previous.prepareBefore : input.prepareBefore,
    packageJson: previous?.packageJson ?? input.packageJson,
    nodePath: process.execPath,
    cliPath: resolve(PACKAGE_ROOT, 'bin', 'harness-hooks.js'),
  };
  const commonHooks = join(repo.commonDir, 'hooks');
  const chains: string[] = [];
  const ours = record.setHooksPath;

  // Hook directories that were active before: their hooks keep running (chained or forwarded).
  const sources: Array<{ husky: boolean; scriptDir: string; absDir: string }> = [];
  const addSource = (value: string) => {
    if (isHuskyPath(value)) {
      const huskyDir = value.replace(/\/_\/?$/, '').replace(/\/$/, '');
      sources.push({ husky: true, scriptDir: huskyDir, absDir: resolve(repo.root, huskyDir) });
    } else {
      sources.push({ husky: false, scriptDir: isAbsolute(value) ? value : `$top/${value}`, absDir: resolve(repo.root, value) });
    }
  };
  for (const s of settings) {
    if (ours && s.value === ours) continue; // our own setting from an earlier init
    if (s.level === 'local' || s.level === 'worktree') {
      actions.push({ kind: 'unset-hooks-path', setting: s });
      record.unsetHooksPath.push(s);
    }
    addSource(s.value);
  }
  // Also chain earlier-unset settings on a re-run (they are no longer in git config).
  for (const s of previous?.unsetHooksPath ?? []) {
    if (settings.some((x) => x.value === s.value)) continue;
    addSource(s.value);
  }
  for (const src of sources) {
    chains.push(src.husky ? `run_husky "${src.scriptDir}/$HOOK" "$@"` : `run_chained "${src.scriptDir}/$HOOK" "$@"`);
  }
  // A global/system hooksPath (that we cannot and will not change) wins over .git/hooks unless a
  // local value overrides it: point the local value at the common hooks dir.
  const outer = settings.filter((s) => s.level === 'global' || s.level === 'system');
  if (outer.length && !ours) {
    actions.push({ kind: 'set-hooks-path', value: commonHooks });
    record.setHooksPath = commonHooks;
    warnings.push(
      `A ${outer[0]!.level} core.hooksPath (${outer[0]!.value}) is set. This repo now sets its own core.hooksPath to ${commonHooks}, and the global hooks still run first (chained).`,
    );
  }

  const template = readFileSync(join(PACKAGE_ROOT, 'hooks', 'hook.sh'), 'utf8');
  // Local and worktree-scoped hooksPath values are unset above, so git looks in the common hooks
  // dir from every worktree; a global one is overridden by a local value pointing there.
  const hookDirs = [commonHooks];
  // Hooks we do not run policies on, but that a taken-over hooksPath ran: forward them.
  for (const hook of OTHER_GIT_HOOKS) {
    const present = sources.filter((src) => existsSync(join(src.absDir, hook)));
    if (!present.length) continue;
    const file = join(commonHooks, hook);
    const moved = join(commonHooks, hook + CHAINED_SUFFIX);
    if (existsSync(file) && !isOurHook(file) && !existsSync(moved)) {
      actions.push({ kind: 'move-foreign', from: file, to: moved });
      record.moved[file] = moved;
    }
    actions.push({ kind: 'write-hook', file, content: forwarder(hook, present), hook });
  }
  for (const dir of hookDirs) {
    record.hooksDirs.push(dir);
    for (const hook of HOOK_NAMES) {
      const file = join(dir, hook);
      const hookChains = [...chains];
      const moved = join(dir, hook + CHAINED_SUFFIX);
      if (existsSync(file) && !isOurHook(file)) {
        if (existsSync(moved)) {
          warnings.push(`${file} exists and so does ${moved}; keeping both, the newer one is chained as ${moved}.1`);
          actions.push({ kind: 'move-foreign', from: file, to: moved + '.1' });
          record.moved[file + '#1'] = moved + '.1';
          hookChains.unshift(`run_chained "$(dirname "$0")/${hook}${CHAINED_SUFFIX}.1" "$@"`);
        } else {
          actions.push({ kind: 'move-foreign', from: file, to: moved });
          record.moved[file] = moved;
        }
      }
      if (existsSync(moved) || record.moved[file]) hookChains.unshift(`run_chained "$(dirname "$0")/${hook}${CHAINED_SUFFIX}" "$@"`);
      const content = template
        .replaceAll('@HOOK@', hook)
        .replaceAll('@VERSION@', record.version)
        .replaceAll('@NODE@', shEscape(process.execPath))
        .replaceAll('@MAIN_ROOT@', shEscape(repo.mainRoot))
        .replaceAll('@PKG_DIR@', shEscape(input.pkgDir))
        .replaceAll('@CLI@', shEscape(record.cliPath))
        .replace('@CHAIN@', hookChains.map((c) => c.replaceAll('$HOOK', hook)).join('\n') || ':');
      actions.push({ kind: 'write-hook', file, content, hook });
    }
  }
  return { actions, record, warnings };
}

/** A hook that only runs what a taken-over core.hooksPath ran for it (stdin and args passed through). */
function forwarder(hook: string, sources: Array<{ husky: boolean; scriptDir: string }>): string {
  const lines = [
    '#!/bin/sh',
    `# ${MARKER}forwarder for ${hook}, generated by \`harness-hooks init\` (version ${packageVersion()}).`,
    '# It keeps running the hook that the core.hooksPath harness-hooks took over used to run.',
    '# Do not edit: `npx harness-hooks uninstall` restores the previous setup.',
    'top=$(pwd)',
  ];
  sources.forEach((src, i) => {
    const last = i === sources.length - 1;
    // husky dirs are relative to the worktree (".husky"); other dirs are "$top/..." or absolute.
    const path = src.husky && !src.scriptDir.startsWith('/') ? `$top/${src.scriptDir}/${hook}` : `${src.scriptDir}/${hook}`;
    if (src.husky) {
      const run = `env PATH="$top/node_modules/.bin:$PATH" sh -e "${path}" "$@"`;
      lines.push(last ? `[ -f "${path}" ] && exec ${run}` : `if [ -f "${path}" ]; then ${run} || exit $?; fi`);
    } else {
      lines.push(last ? `[ -x "${path}" ] && exec "${path}" "$@"` : `if [ -x "${path}" ]; then "${path}" "$@" || exit $?; fi`);
    }
  });
  lines.push('exit 0', '');
  return lines.join('\n');
}

function shEscape(s: string): string {
  // Values go inside double quotes in the template.
  return s.replace(/(["\\$`])/g, '\\$1');
}

export async function applyActions(actions: Action[], repo: RepoInfo, env: NodeJS.ProcessEnv): Promise<void> {
  for (const a of actions) {
    switch (a.kind) {
      case 'write-hook': {
        mkdirSync(dirname(a.file), { recursive: true });
        const tmp = a.file + '.tmp-harness';
        writeFileSync(tmp, a.content, { mode: 0o755 });
        chmodSync(tmp, 0o755);
        renameSync(tmp, a.file);
        break;
      }
      case 'move-foreign':
        renameSync(a.from, a.to);
        break;
      case 'unset-hooks-path': {
        const scope = a.setting.level === 'worktree' ? '--worktree' : '--local';
        await gitRaw(['config', scope, '--unset-all', 'core.hooksPath'], { cwd: repo.root, env, allowFail: true });
        break;
      }
      case 'set-hooks-path':
        await gitRaw(['config', '--local', 'core.hooksPath', a.value], { cwd: repo.root, env });
        break;
      case 'write-file':
        mkdirSync(dirname(a.file), { recursive: true });
        writeFileSync(a.file, a.content);
        break;
      case 'exclude': {
        mkdirSync(dirname(a.file), { recursive: true });
        const cur = existsSync(a.file) ? readFileSync(a.file, 'utf8') : '';
        if (!cur.split('\n').includes(a.pattern)) writeFileSync(a.file, cur + (cur && !cur.endsWith('\n') ? '\n' : '') + a.pattern + '\n');
        break;
      }
      case 'package-json': {
        const text = readFileSync(a.file, 'utf8');
        const pkg = JSON.parse(text);
        const indent = /^(\s+)"/m.exec(text)?.[1] ?? '  ';
        const [top, key] = a.field.split('.') as [string, string | undefined];
        if (key) {
          pkg[top] ??= {};
          if (a.after === undefined) delete pkg[top][key];
          else pkg[top][key] = a.after;
        } else pkg[top] = a.after;
        writeFileSync(a.file, JSON.stringify(pkg, null, indent) + (text.endsWith('\n') ? '\n' : ''));
        break;
      }
      case 'run': {
        const { spawnSync } = await import('node:child_process');
        const r = spawnSync(a.command[0]!, a.command.slice(1), { cwd: a.cwd, env, stdio: 'inherit' });
        if (r.status !== 0) throw new Error(`${a.command.join(' ')} failed (exit ${r.status ?? r.signal})`);
        break;
      }
      case 'record':
        mkdirSync(dirname(a.file), { recursive: true });
        writeFileSync(a.file, JSON.stringify(a.record, null, 2) + '\n');
        break;
    }
  }
}

/** Remove our hooks, put foreign hooks back, restore hooksPath and the prepare script. */
export async function uninstall(repo: RepoInfo, env: NodeJS.ProcessEnv, dryRun: boolean): Promise<string[]> {
  const record = readInstallRecord(repo);
  const done: string[] = [];
  const dirs = record?.hooksDirs ?? [join(repo.commonDir, 'hooks')];
  for (const dir of dirs) {
    for (const hook of [...HOOK_NAMES, ...OTHER_GIT_HOOKS]) {
      const file = join(dir, hook);
      const moved = join(dir, hook + CHAINED_SUFFIX);
      if (existsSync(file) && isOurHook(file)) {
        done.push(`remove ${file}`);
        if (!dryRun) rmSync(file);
      }
      if (existsSync(moved)) {
        done.push(`restore ${file} (from ${hook + CHAINED_SUFFIX})`);
        if (!dryRun) renameSync(moved, file);
      }
      if (existsSync(moved + '.1')) {
        done.push(`keep ${moved}.1 (a second foreign hook found at a later init)`);
      }
    }
  }
  for (const s of record?.unsetHooksPath ?? []) {
    done.push(`restore ${s.level} core.hooksPath=${s.value}`);
    if (!dryRun) {
      await gitRaw(['config', s.level === 'worktree' ? '--worktree' : '--local', 'core.hooksPath', s.value], { cwd: repo.root, env, allowFail: true });
    }
  }
  if (record?.setHooksPath) {
    done.push('unset the local core.hooksPath harness-hooks had set');
    if (!dryRun) await gitRaw(['config', '--local', '--unset-all', 'core.hooksPath'], { cwd: repo.root, env, allowFail: true });
  }
  if (record?.packageJson && existsSync(record.packageJson)) {
    try {
      const text = readFileSync(record.packageJson, 'utf8');
      const pkg = JSON.parse(text);
      const cur = pkg.scripts?.prepare;
      if (typeof cur === 'string' && cur.includes('harness-hooks')) {
        const before = record.prepareBefore;
        done.push(`package.json scripts.prepare: ${JSON.stringify(cur)} -> ${JSON.stringify(before ?? null)}`);
        if (!dryRun) {
          if (before) pkg.scripts.prepare = before;
          else delete pkg.scripts.prepare;
          const indent = /^(\s+)"/m.exec(text)?.[1] ?? '  ';
          writeFileSync(record.packageJson, JSON.stringify(pkg, null, indent) + (text.endsWith('\n') ? '\n' : ''));
        }
      }
    } catch {
      /* leave a package.json we cannot parse alone */
    }
  }
  if (record) {
    done.push(`remove ${recordFile(repo)}`);
    if (!dryRun) rmSync(recordFile(repo), { force: true });
  }
  return done;
}

export function safeRealpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

export function listDir(p: string): string[] {
  try {
    return readdirSync(p).filter((f) => statSync(join(p, f)).isFile());
  } catch {
    return [];
  }
}

/** `harness-hooks init`: install the hooks, a starter config and a prepare script. Idempotent. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { CommandModule } from '../command.js';
import { UsageError } from '../command.js';
import { readRepoInfo } from '../../git/repo.js';
import { findConfigFile } from '../../config/load.js';
import { BUILTIN_PRESETS, PACKAGE_ROOT } from '../../config/presets.js';
import { applyActions, describe, planHooks, readInstallRecord, recordFile, type Action } from '../install.js';
import { packageVersion } from '../install.js';

export const PREPARE_SCRIPT =
  `node -e "import('harness-hooks/prepare').then(m => m.default(), () => console.log('harness-hooks is not installed here: git hooks not armed'))"`;

const help = `Usage: harness-hooks init [options]

Installs pre-commit, commit-msg, pre-push and post-commit hooks (and pre-merge-commit, post-merge
for merge commits) in this repository (every linked
worktree included), writes a starter config, and (with a package.json) adds harness-hooks as a
devDependency plus a "prepare" script that re-arms the hooks after a clone.

Options:
  --preset <name>       Starter config preset: recommended (default), strict, agent.
  --from-agents-md      Also turn the rules found in AGENTS.md into config (shows them first).
  --ci github           Also write a GitHub Actions workflow that runs \`harness-hooks verify\` on PRs.
  --hooks-only          Only (re)write the hook files; leave config and package.json alone.
  --no-install          Do not add harness-hooks to package.json / run the package manager.
  --dry-run             Print the plan and write nothing.
  --format text|json    Plan/output format.

Existing hooks are kept: scripts in .git/hooks are chained (they run first), a husky setup keeps
running its .husky/<hook> scripts, and \`harness-hooks uninstall\` restores everything.
Refuses outside a git repository and in a bare repository. Never writes global git config.

Exit codes: 0 installed · 2 usage error, not a repo · 3 internal error`;

function detectPackageManager(dir: string, pkg: Record<string, unknown>): 'npm' | 'pnpm' | 'yarn' | 'bun' {
  const pm = typeof pkg.packageManager === 'string' ? pkg.packageManager.split('@')[0] : '';
  if (pm === 'pnpm' || pm === 'yarn' || pm === 'bun' || pm === 'npm') return pm;
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, 'pnpm-lock.yaml'))) return 'pnpm';
    if (existsSync(join(d, 'yarn.lock'))) return 'yarn';
    if (existsSync(join(d, 'bun.lockb')) || existsSync(join(d, 'bun.lock'))) return 'bun';
    if (existsSync(join(d, 'package-lock.json'))) return 'npm';
    if (dirname(d) === d) return 'npm';
  }
}

const ADD_DEV: Record<string, string[]> = {
  npm: ['npm', 'install', '--save-dev'],
  pnpm: ['pnpm', 'add', '--save-dev'],
  yarn: ['yarn', 'add', '--dev'],
  bun: ['bun', 'add', '--dev'],
};

/** Nearest package.json from cwd up to the repo root. */
function findPackageJson(cwd: string, root: string): string | undefined {
  for (let d = resolve(cwd); ; d = dirname(d)) {
    const f = join(d, 'package.json');
    if (existsSync(f)) return f;
    if (d === root || dirname(d) === d || !d.startsWith(root)) return undefined;
  }
}

export function newPrepare(before: string | undefined): string {
  if (!before) return PREPARE_SCRIPT;
  if (before.includes('harness-hooks')) return before;
  // husky's `prepare: husky` would set core.hooksPath back to .husky/_ on every install.
  const parts = before.split('&&').map((s) => s.trim());
  const kept = parts.filter((p) => !/^(npx\s+)?husky(\s+install)?(\s+\S+)?$/.test(p));
  return [...kept, PREPARE_SCRIPT].join(' && ');
}

const cmd: CommandModule = {
  name: 'init',
  summary: 'Install the hooks and a starter config.',
  help,
  options: {
    preset: { type: 'string', default: 'recommended' },
    'from-agents-md': { type: 'boolean' },
    ci: { type: 'string' },
    'hooks-only': { type: 'boolean' },
    'no-install': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    quiet: { type: 'boolean' },
    format: { type: 'string', default: 'text' },
  },
  async run({ values }, io) {
    const preset = String(values.preset);
    if (!(BUILTIN_PRESETS as readonly string[]).includes(preset)) {
      throw new UsageError(`--preset must be one of ${BUILTIN_PRESETS.join(', ')}, got "${preset}"`);
    }
    if (values.ci !== undefined && values.ci !== 'github') throw new UsageError(`--ci supports "github", got "${values.ci}"`);
    const dryRun = Boolean(values['dry-run']);
    const hooksOnly = Boolean(values['hooks-only']);
    const repo = await readRepoInfo(io.cwd, io.env);
    const actions: Action[] = [];
    const notes: string[] = [];

    // package.json: devDependency and prepare script.
    const pkgFile = findPackageJson(io.cwd, repo.root);
    let pkgDir = '';
    let prepareBefore: string | null | undefined = null;
    if (pkgFile) {
      pkgDir = relative(repo.root, dirname(pkgFile)).split('\\').join('/');
      let pkg: Record<string, any>;
      try {
        pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
      } catch (e) {
        throw new UsageError(`cannot parse ${relative(repo.root, pkgFile) || 'package.json'}: ${(e as Error).message}`);
      }
      prepareBefore = typeof pkg.scripts?.prepare === 'string' ? pkg.scripts.prepare : null;
      if (!hooksOnly) {
        const listed = Boolean(pkg.devDependencies?.['harness-hooks'] || pkg.dependencies?.['harness-hooks']);
        if (!listed && !values['no-install'] && pkg.name !== 'harness-hooks') {
          const pm = detectPackageManager(dirname(pkgFile), pkg);
          actions.push({ kind: 'run', command: [...ADD_DEV[pm]!, `harness-hooks@^${packageVersion()}`], cwd: dirname(pkgFile), why: `add harness-hooks as a devDependency with ${pm}` });
        }
        const prep = newPrepare(prepareBefore ?? undefined);
        if (prep !== prepareBefore) {
          actions.push({ kind: 'package-json', file: pkgFile, field: 'scripts.prepare', before: prepareBefore, after: prep });
        }
      }
    } else {
      notes.push(
        'No package.json here: the hooks find harness-hooks through the path recorded now ' +
          `(${PACKAGE_ROOT}), then node_modules in this or the main worktree. ` +
          'For a stable path, install it globally (npm install -g harness-hooks) and re-run `harness-hooks init`.',
      );
    }

    // Config.
    let configWritten: string | undefined;
    if (!hooksOnly && !findConfigFile(repo.root)) {
      let config: Record<string, unknown> = {
        $schema: pkgFile ? `./${pkgDir ? pkgDir + '/' : ''}node_modules/harness-hooks/schema.json` : 'https://unpkg.com/harness-hooks/schema.json',
        extends: `harness-hooks/${preset}`,
      };
      if (values['from-agents-md']) {
        try {
          const mod = (await import('../../agents-md/coverage.js' as string)) as {
            rulesToConfig(root: string): Promise<{ patch: Record<string, unknown>; table: Array<{ policies?: unknown[] }> }>;
          };
          const { patch, table } = await mod.rulesToConfig(repo.root);
          config = { ...config, ...patch };
          const mapped = table.filter((r) => (r.policies?.length ?? 0) > 0).length;
          notes.push(
            `Read ${table.length} rule sentence(s) from AGENTS.md; ${mapped} map to policies and are now in the config, ` +
              `${table.length - mapped} are guidance only. Run \`npx harness-hooks rules\` for the coverage table.`,
          );
        } catch (e) {
          notes.push(`Could not read rules from AGENTS.md (${(e as Error).message}); wrote the preset only.`);
        }
      }
      configWritten = join(repo.root, '.harnessrc.json');
      actions.push({ kind: 'write-file', file: configWritten, content: JSON.stringify(config, null, 2) + '\n', why: `starter config, preset ${preset}` });
    }

    actions.push({ kind: 'exclude', file: join(repo.commonDir, 'info', 'exclude'), pattern: '.harness/' });

    const plan = await planHooks({ repo, env: io.env, pkgDir, prepareBefore, packageJson: pkgFile });
    // Idempotence: skip hook files whose content would not change.
    for (const a of plan.actions) {
      if (a.kind === 'write-hook' && existsSync(a.file) && readFileSync(a.file, 'utf8') === a.content) continue;
      actions.push(a);
    }
    if (values.ci === 'github') {
      const ci = (await import('../../handoff/ci.js' as string)) as { GITHUB_WORKFLOW: string; GITHUB_WORKFLOW_PATH: string };
      const file = join(repo.root, ci.GITHUB_WORKFLOW_PATH);
      if (!existsSync(file)) {
        actions.push({ kind: 'write-file', file, content: ci.GITHUB_WORKFLOW, why: 'CI: `harness-hooks verify` on pull requests' });
      } else if (readFileSync(file, 'utf8') !== ci.GITHUB_WORKFLOW) {
        notes.push(`${ci.GITHUB_WORKFLOW_PATH} exists with other content; left as it is. docs/evidence.md shows the verify step to add.`);
      }
    }
    const changed = actions.filter((a) => a.kind !== 'exclude' || !alreadyExcluded(a.file, a.pattern));
    const prev = readInstallRecord(repo);
    if (changed.length || !prev) actions.push({ kind: 'record', file: recordFile(repo), record: plan.record });

    const lines = changed.map((a) => `  - ${describe(a, repo.root)}`);
    if (values.format === 'json') {
      io.out(JSON.stringify({ dryRun, repo: repo.root, actions: changed.map((a) => describe(a, repo.root)), warnings: plan.warnings, notes }, null, 2));
    }
    if (dryRun) {
      if (values.format !== 'json') {
        io.out(`harness-hooks init --dry-run: would do in ${repo.root}:`);
        io.out(lines.length ? lines.join('\n') : '  nothing: already installed and up to date');
        for (const w of [...plan.warnings, ...notes]) io.out(`  note: ${w}`);
      }
      return 0;
    }
    await applyActions(actions, repo, io.env);
    if (values.quiet) return 0;
    if (values.format !== 'json') {
      io.out(changed.length ? `harness-hooks init: done in ${repo.root}` : `harness-hooks init: already installed in ${repo.root}; nothing changed.`);
      if (changed.length) io.out(lines.join('\n'));
      for (const w of [...plan.warnings, ...notes]) io.out(`  note: ${w}`);
      if (changed.length && !hooksOnly) {
        io.out('');
        io.out('Next:');
        io.out('  - commit the config' + (pkgFile ? ' and package.json' : '') + ' so everyone gets the same rules');
        io.out('  - `npx harness-hooks doctor` checks that the hooks will really run (worktrees included)');
        io.out('  - `npx harness-hooks rules` shows which AGENTS.md rules are enforced');
      }
    }
    return 0;
  },
};

function alreadyExcluded(file: string, pattern: string): boolean {
  try {
    return readFileSync(file, 'utf8').split('\n').includes(pattern);
  } catch {
    return false;
  }
}


export default cmd;

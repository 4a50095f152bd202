/** `harness-hooks check`: all enabled policies over the staged change, a range, or all files. */
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { CommandModule } from '../command.js';
import { UsageError } from '../command.js';
import { readRepoInfo } from '../../git/repo.js';
import { loadConfig } from '../../config/load.js';
import { runHook } from '../../engine/runner.js';
import { filesChangeSet, rangeChangeSet, stagedChangeSet, trackedFiles } from '../../git/changeset.js';
import { POLICIES } from '../../policies/index.js';
import { emit } from './run.js';

const help = `Usage: harness-hooks check [--range A..B | --all-files | <paths...>] [--policy id,...] [--format text|json]

Runs every enabled policy, whatever hook it is bound to, over:
  (default)        the staged change (what \`git commit\` would commit)
  --range A..B     the commits in A..B (for CI: --range origin/main..HEAD)
  --all-files      every tracked file, as if newly added
  <paths...>       these files, as if newly added

Options:
  --policy id,...  Run only these policies.
  --config <file>  Use this config file instead of searching for one.
  --format text|json

Exit codes: 0 passed · 1 blocked by a policy · 2 usage or config error · 3 internal error`;

const cmd: CommandModule = {
  name: 'check',
  summary: 'Run all policies over the staged change, a range, or all files.',
  help,
  options: {
    range: { type: 'string' },
    'all-files': { type: 'boolean' },
    policy: { type: 'string' },
    config: { type: 'string' },
    format: { type: 'string', default: 'text' },
  },
  allowPositionals: true,
  async run({ values, positionals }, io) {
    const format = String(values.format);
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got "${format}"`);
    const modes = [values.range !== undefined, Boolean(values['all-files']), positionals.length > 0].filter(Boolean).length;
    if (modes > 1) throw new UsageError('use one of --range, --all-files or paths');
    const only = values.policy ? String(values.policy).split(',').map((s) => s.trim()).filter(Boolean) : undefined;
    for (const id of only ?? []) {
      if (!POLICIES.some((p) => p.id === id)) throw new UsageError(`--policy: unknown policy "${id}" (known: ${POLICIES.map((p) => p.id).join(', ')})`);
    }
    const repo = await readRepoInfo(io.cwd, io.env);
    const loaded = await loadConfig(repo.root, values.config ? { file: String(values.config) } : {});
    // Paths are relative to where you run the command; a path that is not there is an error, never a pass.
    const paths = positionals.map((p) => relative(repo.root, resolve(io.cwd, p)).split('\\').join('/'));
    const missing = positionals.filter((p) => !existsSync(resolve(io.cwd, p)));
    if (missing.length) throw new UsageError(`no such file: ${missing.join(', ')}`);
    const outside = positionals.filter((_, i) => paths[i]!.startsWith('..'));
    if (outside.length) throw new UsageError(`outside the repository (${repo.root}): ${outside.join(', ')}`);
    const buildChange = values.range
      ? () => rangeChangeSet(repo, String(values.range), { env: io.env })
      : values['all-files']
        ? async () => filesChangeSet(repo, await trackedFiles(repo, io.env))
        : positionals.length
          ? () => filesChangeSet(repo, paths)
          : () => stagedChangeSet(repo, { env: io.env });
    const out = await runHook({ hook: 'manual', repo, loaded, env: io.env, buildChange, only });
    await emit(out, io, format);
    return out.exitCode;
  },
};
export default cmd;

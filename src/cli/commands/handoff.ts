/** `harness-hooks handoff --range base..head [--format md|json]`: a PR description from a branch's commits. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CommandModule } from '../command.js';
import { UsageError } from '../command.js';
import { EXIT } from '../../engine/types.js';

const help = `Usage: harness-hooks handoff [--range BASE..HEAD] [--format md|json] [--output FILE]

Aggregate a branch's commits into a pull-request description: the summary of changes, every check
and its evidence state, commands and their results, waivers, notes, and the look-twice list.
Per-commit facts come from the handoffs the post-commit hook wrote (.harness/handoff/, any worktree
of this repository); commits made elsewhere are described from git alone.

Options:
  --range BASE..HEAD   Commits in HEAD not in BASE (default: the upstream, else origin/HEAD, origin/main).
  --format md|json     Markdown (default) or JSON on stdout.
  --output FILE        Write to FILE instead of stdout.

Examples:
  harness-hooks handoff --range origin/main..HEAD > pr.md
  gh pr create --body "$(npx harness-hooks handoff --range origin/main..HEAD)"

Exit codes: 0 written (even when commits lack evidence: the text says so) · 2 usage or config error · 3 internal error`;

const cmd: CommandModule = {
  name: 'handoff',
  summary: 'Write a PR handoff for a commit range.',
  help,
  options: { range: { type: 'string' }, format: { type: 'string', default: 'md' }, output: { type: 'string' } },
  async run({ values }, io) {
    const format = String(values.format ?? 'md');
    if (format !== 'md' && format !== 'json' && format !== 'markdown') throw new UsageError(`--format must be md or json, got "${format}"`);
    const { readRepoInfo } = await import('../../git/repo.js');
    const { loadConfig } = await import('../../config/load.js');
    const { defaultRange } = await import('../../handoff/range.js');
    const { buildRangeHandoff, renderRangeMarkdown } = await import('../../handoff/pr.js');
    const repo = await readRepoInfo(io.cwd, io.env);
    const loaded = await loadConfig(repo.root);
    const spec = await defaultRange(repo, io.env, values.range as string | undefined);
    const policies = loaded.config.policies as Record<string, { protected?: unknown } | undefined>;
    const prot = Array.isArray(policies.paths?.protected) ? (policies.paths!.protected as string[]) : [];
    const r = await buildRangeHandoff(repo, spec, loaded.config.handoff, io.env, prot);
    const text = format === 'json' ? JSON.stringify(r, null, 2) + '\n' : renderRangeMarkdown(r);
    if (values.output) {
      const file = resolve(io.cwd, String(values.output));
      writeFileSync(file, text);
      io.err(`harness-hooks: handoff for ${spec} (${r.totals.commits} commits) written to ${file}`);
    } else io.out(text.replace(/\n$/, ''));
    return EXIT.OK;
  },
};

export default cmd;

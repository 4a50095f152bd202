/**
 * `harness-hooks sync`: write the generated "Enforced by harness-hooks" block into AGENTS.md (one
 * plain line per active policy with its limits), between markers; idempotent; text outside the
 * markers is never touched. `--check` exits 1 when the block is stale or missing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT } from '../../engine/types.js';
import { UsageError, type CliIO, type CommandModule } from '../command.js';

async function runSync(values: Record<string, string | boolean | string[] | undefined>, io: CliIO): Promise<number> {
  // Outside a repository: main.ts reports NotARepoError with exit 2.
  const { readRepoInfo } = await import('../../git/repo.js');
  const root = (await readRepoInfo(io.cwd, io.env)).root;
  const { loadConfig } = await import('../../config/load.js');
  const { ConfigError } = await import('../../config/errors.js');
  let config;
  try {
    config = (await loadConfig(root, typeof values.config === 'string' ? { file: values.config } : {})).config;
  } catch (e) {
    if (e instanceof ConfigError) {
      io.err(`harness-hooks sync: ${e.message}\n`);
      const problems = (e as unknown as { problems?: string[] }).problems;
      if (Array.isArray(problems)) for (const p of problems) io.err(`  ${p}\n`);
      return EXIT.USAGE;
    }
    throw e;
  }
  const rel = (typeof values.file === 'string' ? values.file : undefined) ?? config.agentsMd.syncFile;
  if (/^(?:\/|\.\.)/.test(rel)) throw new UsageError(`--file must be a path inside the repository, not "${rel}"`);
  const path = join(root, rel);
  const { renderBlock, applyBlock, blockState, blockDiff, SyncError } = await import('../../agents-md/sync.js');
  const { POLICIES } = await import('../../policies/index.js');
  let content: string | null = null;
  try {
    content = readFileSync(path, 'utf8');
  } catch {
    content = null;
  }
  const block = renderBlock(config.policies as Record<string, unknown>, POLICIES);
  try {
    if (values.check) {
      const st = blockState(content, block);
      if (st.state === 'fresh') {
        io.out(`${rel}: the enforced-rules block is up to date.\n`);
        return EXIT.OK;
      }
      io.err(
        st.state === 'missing'
          ? `${rel}: no enforced-rules block${content === null ? ' (the file does not exist)' : ''}.\n`
          : `${rel}: the enforced-rules block is stale:\n${blockDiff(st.current, block).map((l) => '  ' + l).join('\n')}\n`,
      );
      io.err('Fix: npx harness-hooks sync\n');
      return EXIT.BLOCKED;
    }
    const next = applyBlock(content, block);
    if (!next.changed) {
      io.out(`${rel} is already up to date.\n`);
      return EXIT.OK;
    }
    writeFileSync(path, next.content);
    const n = block.filter((l) => l.startsWith('- ') && !l.startsWith('- No policies')).length;
    io.out(`${content === null ? 'Created' : 'Updated'} ${rel}: the enforced-rules block lists ${n} active polic${n === 1 ? 'y' : 'ies'}.\n`);
    return EXIT.OK;
  } catch (e) {
    if (e instanceof SyncError) {
      io.err(`harness-hooks sync: ${rel}: ${e.message}.\n`);
      return EXIT.USAGE;
    }
    throw e;
  }
}

const sync: CommandModule = {
  name: 'sync',
  summary: 'Write the generated "Enforced by harness-hooks" block into AGENTS.md (--check: exit 1 when stale).',
  help: `Usage: harness-hooks sync [--check] [--file <path>] [--config <file>]

Writes a block between <!-- harness-hooks:begin --> and <!-- harness-hooks:end --> markers into
AGENTS.md (agentsMd.syncFile) listing what the config enforces: one plain line per active policy
with its limits. Idempotent; text outside the markers is never changed. The agents-md policy blocks
commits while the block is stale.

Options:
  --check          Do not write; exit 1 when the block is stale or missing.
  --file <path>    Write into this file instead of agentsMd.syncFile.
  --config <file>  Use this config file.

Exit codes: 0 ok · 1 stale (--check) · 2 usage or config error · 3 internal error.`,
  options: {
    check: { type: 'boolean' },
    file: { type: 'string' },
    config: { type: 'string' },
  },
  run: ({ values }, io) => runSync(values, io),
};

export default sync;

/** `harness-hooks uninstall`: remove our hooks and restore what was there before. */
import type { CommandModule } from '../command.js';
import { readRepoInfo } from '../../git/repo.js';
import { uninstall } from '../install.js';

const help = `Usage: harness-hooks uninstall [--dry-run]

Removes the hooks harness-hooks installed and restores what was there before: hooks that were in
.git/hooks, a core.hooksPath (husky's included) and the package.json prepare script.
Leaves your config, AGENTS.md, .harness/ (handoffs, ledger) and package.json dependencies alone.

Exit codes: 0 done · 2 not a git repository · 3 internal error`;

const cmd: CommandModule = {
  name: 'uninstall',
  summary: 'Remove the hooks and restore what was there before.',
  help,
  options: { 'dry-run': { type: 'boolean' } },
  async run({ values }, io) {
    const repo = await readRepoInfo(io.cwd, io.env);
    const dry = Boolean(values['dry-run']);
    const done = await uninstall(repo, io.env, dry);
    if (!done.length) {
      io.out('harness-hooks uninstall: no harness-hooks hooks found; nothing to do.');
      return 0;
    }
    io.out(`harness-hooks uninstall${dry ? ' --dry-run: would' : ':'}`);
    for (const d of done) io.out(`  - ${d}`);
    return 0;
  },
};
export default cmd;

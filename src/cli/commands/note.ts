/** `harness-hooks note "..."`: leave an assumption or open question for the next commit's handoff. */
import type { CommandModule } from '../command.js';
import { UsageError } from '../command.js';
import { EXIT } from '../../engine/types.js';

const help = `Usage: harness-hooks note "text"   |   harness-hooks note --list [--format text|json]

Leave a note (an assumption you made, an open question, something you did not finish) for the
reviewer. Notes are kept in .harness/notes.jsonl in this worktree (redacted: never paste secrets,
but if you do they are masked) and go into the next commit's handoff (.harness/HANDOFF.md).

Options:
  --list               Show the notes waiting for the next commit.
  --format text|json   Output for --list.

Examples:
  harness-hooks note "Assumed the API returns UTC timestamps; not verified against staging."
  harness-hooks note "Open question: should deleted users keep their invoices?"

Exit codes: 0 ok · 2 usage error (no text)`;

const cmd: CommandModule = {
  name: 'note',
  summary: "Leave a note (assumption, open question) for the next commit's handoff.",
  help,
  options: { list: { type: 'boolean', default: false }, format: { type: 'string', default: 'text' } },
  allowPositionals: true,
  async run({ values, positionals }, io) {
    const { readRepoInfo } = await import('../../git/repo.js');
    const { loadConfig } = await import('../../config/load.js');
    const { harnessDir } = await import('../../handoff/lifecycle.js');
    const { addNote, pendingNotes } = await import('../../handoff/notes.js');
    const { detectAgent } = await import('../../engine/agent.js');
    const repo = await readRepoInfo(io.cwd, io.env);
    const loaded = await loadConfig(repo.root);
    const dir = harnessDir(repo, loaded.config);
    if (values.list) {
      const notes = pendingNotes(dir);
      if (values.format === 'json') io.out(JSON.stringify(notes, null, 2));
      else if (notes.length === 0) io.out('No notes waiting for the next commit.');
      else io.out(notes.map((n) => `- ${n.time}${n.agent ? ` (${n.agent})` : ''}: ${n.text}`).join('\n'));
      return EXIT.OK;
    }
    const text = positionals.join(' ').trim();
    if (!text) throw new UsageError('give the note text, e.g. harness-hooks note "Assumed X; not verified"');
    const note = addNote(dir, text, detectAgent(io.env));
    io.err(`harness-hooks: note saved for the next commit's handoff: ${note.text.length > 80 ? note.text.slice(0, 77) + '...' : note.text}`);
    return EXIT.OK;
  },
};

export default cmd;

/** Config for reading AGENTS.md (top-level key `agentsMd`). */
import { z } from 'zod';

export const agentsMdConfigSchema = z
  .strictObject({
    files: z
      .array(z.string())
      .default(['AGENTS.md', 'AGENTS.override.md', 'CLAUDE.md'])
      .describe(
        'Instruction file names read in every directory, root first, nearer directories later. `X.override.md` wins over `X.md` in the same directory (the shadowed file is not read).',
      ),
    imports: z.boolean().default(true).describe('Follow `@path` imports in CLAUDE.md (and in the files it imports), inside the repo only.'),
    maxBytes: z
      .number()
      .int()
      .positive()
      .default(32768)
      .describe('Warn when the instruction text one directory sees exceeds this many bytes (agents stop reading there; Codex: 32 KiB).'),
    exclude: z
      .array(z.string())
      .default(['**/node_modules/**', '**/vendor/**', '**/third_party/**'])
      .describe('Globs of instruction files not to read (gitignored files are never read).'),
    syncFile: z.string().default('AGENTS.md').describe('The file `harness-hooks sync` writes the generated block into (repo-relative).'),
    model: z.string().default('claude-sonnet-5').describe('Model used by `rules --suggest` (override with --model or ANTHROPIC_MODEL).'),
  })
  .prefault({});

export type AgentsMdConfig = z.output<typeof agentsMdConfigSchema>;
export const AGENTS_MD_DEFAULTS: AgentsMdConfig = agentsMdConfigSchema.parse(undefined);

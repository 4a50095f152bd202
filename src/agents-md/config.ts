/** Config for reading AGENTS.md (top-level key `agentsMd`). */
import { z } from 'zod';

export const agentsMdConfigSchema = z
  .strictObject({
    files: z.array(z.string()).default(['AGENTS.md', 'AGENTS.override.md', 'CLAUDE.md']).describe('Instruction file names, nearest directory last.'),
  })
  .prefault({});

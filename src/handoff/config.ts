/** Config for handoff files, the ledger and evidence trailers (top-level key `handoff`). */
import { z } from 'zod';

export const handoffConfigSchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Write .harness/handoff/<sha>.md and .harness/HANDOFF.md after every commit.'),
    dir: z
      .string()
      .default('.harness')
      .describe('Per-worktree directory (relative to the worktree root) for the ledger, handoffs and notes. It ignores itself in git.'),
    ledger: z
      .strictObject({
        enabled: z.boolean().default(true).describe('Append one JSON record per hook run to <dir>/ledger.jsonl.'),
        maxBytes: z
          .number()
          .int()
          .min(4096)
          .default(5_000_000)
          .describe('Rotate ledger.jsonl to ledger.1.jsonl when it grows past this size.'),
        keep: z.number().int().min(1).max(20).default(2).describe('Rotated files to keep (ledger.1.jsonl ... ledger.N.jsonl).'),
      })
      .prefault({})
      .describe('The run ledger.'),
    evidence: z
      .boolean()
      .default(true)
      .describe('Add a Harness-Evidence trailer at commit-msg when the checks passed, so pre-push and CI can tell that they ran.'),
    notes: z
      .strictObject({
        enabled: z.boolean().default(false).describe('Also attach each handoff to its commit as a git note.'),
        ref: z.string().default('refs/notes/harness').describe('The notes ref.'),
        push: z.boolean().default(true).describe('Push the notes ref at pre-push (when notes are enabled and the push passed its checks).'),
      })
      .prefault({})
      .describe('Optional git notes carrying the handoff.'),
    lookTwice: z
      .strictObject({
        largeHunkLines: z.number().int().min(1).default(200).describe('A hunk adding or removing at least this many lines is listed.'),
        paths: z.array(z.string()).default([]).describe('Extra globs whose changes are always listed (besides CI, config, migrations, dependencies).'),
      })
      .prefault({})
      .describe('Thresholds for the look-twice list.'),
    outputTailLines: z.number().int().min(0).max(200).default(15).describe('Last lines of each command output kept in the handoff.'),
  })
  .prefault({});

export type HandoffConfig = z.output<typeof handoffConfigSchema>;

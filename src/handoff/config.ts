/** Config for handoff files, the ledger and evidence trailers (top-level key `handoff`). */
import { z } from 'zod';

export const handoffConfigSchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Write .harness/handoff/<sha>.md and .harness/HANDOFF.md after every commit.'),
  })
  .prefault({});

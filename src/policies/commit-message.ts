/**
 * `commit-message` (commit-msg hook): optional Conventional Commits format, and trailers that agent
 * commits (or all commits) must carry, e.g. `Assisted-by: <agent>/<model>`. Comment lines and the
 * scissors section of `git commit -v` are ignored, as git ignores them.
 */
import { definePolicy } from '../engine/types.js';
import { policyConfig } from '../config/base.js';
import { DEFAULT_TYPES } from './lib/message-types.js';

const schema = policyConfig((z) => ({
  conventional: z.boolean().default(false).describe('Require Conventional Commits: `type(scope)!: description`.'),
  types: z.array(z.string()).default(DEFAULT_TYPES).describe('Allowed Conventional Commit types.'),
  requireTrailers: z.array(z.string()).default([]).describe('Trailers the message must carry, e.g. ["Assisted-by"].'),
  trailersFor: z.enum(['agents', 'everyone']).default('agents').describe('Whose commits need the trailers: AI agents only, or everyone.'),
}));

export type CommitMessageConfig = NonNullable<(typeof schema)['_output']>;

export const commitMessagePolicy = definePolicy({
  id: 'commit-message',
  description: 'Commit messages: optional Conventional Commits, required trailers (e.g. Assisted-by) for agent commits.',
  hooks: ['commit-msg'],
  schema,
  waivable: true,
  summarize: (c) => {
    const parts = [];
    if (c.conventional) parts.push(`Conventional Commits (${c.types.join(', ')})`);
    if (c.requireTrailers.length) parts.push(`${c.trailersFor === 'agents' ? 'agent commits carry' : 'every commit carries'} ${c.requireTrailers.map((t) => `\`${t}:\``).join(', ')}`);
    return parts.join('; ') || 'no message rules';
  },
  async run(ctx) {
    if (ctx.change.message === undefined) return [];
    // The checks load only at commit-msg, so the other hooks do not pay for them.
    const { messageFindings } = await import('./lib/commit-message-check.js');
    return messageFindings(ctx);
  },
});

/**
 * `agents-md`: keeps AGENTS.md honest about what is enforced. At pre-commit it renders the block
 * `harness-hooks sync` writes (from the resolved config) and compares it with the block in the staged
 * AGENTS.md; a stale block blocks the commit (a warning with blockOnDrift: false) and names the fix.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { definePolicy, type Finding } from '../engine/types.js';
import { policyConfig } from '../config/base.js';

const schema = policyConfig((z) => ({
  blockOnDrift: z.boolean().default(true).describe('Block the commit when the generated block in AGENTS.md is stale (false: warn only).'),
  requireBlock: z.boolean().default(false).describe('Also report when AGENTS.md has no generated block at all.'),
}));

export const agentsMdPolicy = definePolicy({
  id: 'agents-md',
  description: 'Keep the generated "Enforced by harness-hooks" block in AGENTS.md in step with the config.',
  hooks: ['pre-commit'],
  schema,
  waivable: true,
  summarize: (c) => `the list of enforced rules in this file must match the config${c.blockOnDrift ? '' : ' (warning only)'}; fix with \`npx harness-hooks sync\``,
  async run(ctx) {
    const agentsMd = (ctx.fullConfig as { agentsMd?: { syncFile?: string } }).agentsMd;
    const file = agentsMd?.syncFile ?? 'AGENTS.md';
    let content: string | null = null;
    const buf = await ctx.change.readFile(file);
    if (buf) content = buf.toString('utf8');
    else if (!ctx.config.requireBlock && ctx.change.kind === 'staged' && !existsSync(join(ctx.change.repo.root, file))) {
      return []; // no AGENTS.md here at all: nothing can drift (and no git call on every commit)
    } else {
      // Not part of this change: the committed-to-be version (index), the range head, or the disk.
      const ref = ctx.change.kind === 'staged' ? `:${file}` : ctx.change.kind === 'range' && ctx.change.range ? `${ctx.change.range.head}:${file}` : undefined;
      if (ref) {
        const out = await ctx.git.run(['show', ref], { allowFail: true });
        content = out === '' ? null : out;
      } else {
        const { readFile } = await import('node:fs/promises');
        content = await readFile(`${ctx.change.repo.root}/${file}`, 'utf8').catch(() => null);
      }
    }
    // Most repos have no generated block: say nothing, and load nothing more, unless one is required.
    if (!ctx.config.requireBlock && !(content ?? '').includes('harness-hooks:')) return [];
    const { renderBlock, blockState, blockDiff, SyncError } = await import('../agents-md/sync.js');
    const { POLICIES } = await import('./index.js');
    // A change that edits the config must bring the block up to date with the config it introduces.
    const expected = renderBlock((ctx.nextConfig ?? ctx.fullConfig).policies ?? {}, POLICIES);
    const severity = ctx.config.blockOnDrift ? ctx.config.severity : 'warning';
    const source = ctx.sourceFor('blockOnDrift');
    let st: ReturnType<typeof blockState>;
    try {
      st = blockState(content, expected);
    } catch (e) {
      if (!(e instanceof SyncError)) throw e;
      return [{ policy: 'agents-md', rule: 'markers', severity, file, message: `${file}: ${e.message}.`, fix: 'Restore both marker lines (or delete the block), then run `npx harness-hooks sync`.', waivable: true, ...(source ? { source } : {}) }];
    }
    if (st.state === 'fresh') return [];
    if (st.state === 'missing' && !ctx.config.requireBlock) return [];
    const diff = blockDiff(st.current, expected).slice(0, 6);
    const finding: Finding = {
      policy: 'agents-md',
      rule: st.state === 'missing' ? 'missing' : 'drift',
      severity,
      file,
      message:
        st.state === 'missing'
          ? `${file} has no "Enforced by harness-hooks" block, so agents reading it do not see which rules are enforced.`
          : `The "Enforced by harness-hooks" block in ${file} is out of date with the harness config:\n${diff.map((l) => '    ' + l).join('\n')}`,
      fix: `Run \`npx harness-hooks sync\`, then \`git add ${file}\` and commit again.`,
      waivable: true,
      ...(source ? { source } : {}),
    };
    return [finding];
  },
});

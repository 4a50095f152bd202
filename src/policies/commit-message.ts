/**
 * `commit-message` (commit-msg hook): optional Conventional Commits format, and trailers that agent
 * commits (or all commits) must carry, e.g. `Assisted-by: <agent>/<model>`. Comment lines and the
 * scissors section of `git commit -v` are ignored, as git ignores them.
 */
import { definePolicy, type Finding, type PolicyContext } from '../engine/types.js';
import { policyConfig } from '../config/base.js';
import { checkConventional, cleanMessage, DEFAULT_TYPES, isGitGenerated, parseTrailers } from './lib/message.js';
import { shq } from './lib/shell.js';

const schema = policyConfig((z) => ({
  conventional: z.boolean().default(false).describe('Require Conventional Commits: `type(scope)!: description`.'),
  types: z.array(z.string()).default(DEFAULT_TYPES).describe('Allowed Conventional Commit types.'),
  requireTrailers: z.array(z.string()).default([]).describe('Trailers the message must carry, e.g. ["Assisted-by"].'),
  trailersFor: z.enum(['agents', 'everyone']).default('agents').describe('Whose commits need the trailers: AI agents only, or everyone.'),
}));

type Config = NonNullable<(typeof schema)['_output']>;

export async function messageFindings(ctx: Pick<PolicyContext<Config>, 'change' | 'config' | 'agent' | 'sourceFor' | 'git'>): Promise<Finding[]> {
  const { config, change, agent } = ctx;
  const raw = change.message;
  if (raw === undefined) return [];
  let commentChar = '#';
  if (raw.split('\n').some((l) => /^[^#\w\s]/.test(l))) {
    // Only ask git when a line starts with another possible comment character.
    const c = (await ctx.git.run(['config', '--get', 'core.commentChar'], { allowFail: true })).trim();
    if (c && c !== 'auto') commentChar = c;
  }
  const msg = cleanMessage(raw, commentChar);
  if (!msg) return []; // git aborts an empty message itself
  const header = msg.split('\n')[0]!;
  const out: Finding[] = [];
  const msgFile = change.messageFile ? shq(change.messageFile) : '.git/COMMIT_EDITMSG';

  if (config.conventional && !isGitGenerated(header)) {
    const p = checkConventional(header, config.types);
    if (p) {
      out.push({
        policy: 'commit-message',
        rule: 'conventional',
        severity: config.severity,
        message: `Commit message: ${p.problem}. First line: "${header.slice(0, 100)}".`,
        line: 1,
        fix: p.suggestion
          ? `Use a first line like \`${p.suggestion}\`, e.g. \`git commit -m ${shq(p.suggestion)}\` (your message is saved in ${msgFile}; \`git commit -e -F ${msgFile}\` reopens it).`
          : `Start the message with \`type(scope): description\` (types: ${config.types.join(', ')}).`,
        waivable: true,
        source: ctx.sourceFor('conventional'),
        data: { header: header.slice(0, 200) },
      });
    }
  }

  if (config.requireTrailers.length && (config.trailersFor === 'everyone' || agent.isAgent)) {
    const have = parseTrailers(msg);
    for (const key of config.requireTrailers) {
      const t = have.find((x) => x.key.toLowerCase() === key.toLowerCase());
      if (t && t.value) continue;
      const example = `${key}: ${/assisted|co-authored|generated/i.test(key) ? (agent.name ?? '<agent>/<model>') : '<value>'}`;
      out.push({
        policy: 'commit-message',
        rule: 'trailer',
        severity: config.severity,
        message: `${agent.isAgent && config.trailersFor === 'agents' ? `Agent commits (detected ${agent.name} via ${agent.via}) need` : 'Commits need'} a \`${key}:\` trailer${t ? ' with a value' : ''} in the last paragraph of the message.`,
        fix: `Add it as the last paragraph of the message, e.g. \`git commit --cleanup=strip -F ${msgFile} --trailer ${shq(example)}\` (re-uses your message).`,
        waivable: true,
        source: ctx.sourceFor('requireTrailers'),
        data: { trailer: key },
      });
    }
  }
  return out;
}

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
    return messageFindings(ctx);
  },
});

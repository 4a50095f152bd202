/**
 * `worktree`: commits must be made in a linked worktree (`git worktree add`), not in the main
 * checkout, so an agent's work never mixes with a person's uncommitted changes. By default the rule
 * applies to AI agents only (detected from their environment, see docs/agents.md).
 */
import { basename, dirname } from 'node:path';
import { definePolicy, type Finding, type PolicyContext, type RepoInfo } from '../engine/types.js';
import { policyConfig } from '../config/base.js';
import { shq } from './lib/shell.js';
import { compileGlobs } from './lib/glob.js';

const schema = policyConfig((z) => ({
  require: z.enum(['linked', 'any']).default('linked').describe('`linked`: commit only from a linked worktree (`git worktree add`); `any`: no requirement.'),
  appliesTo: z.enum(['agents', 'everyone']).default('agents').describe('Whom the rule applies to: AI agents only (detected from the environment) or everyone.'),
}));

type Config = NonNullable<(typeof schema)['_output']>;

/** A branch-name-safe slug. */
export function slug(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 40) || 'work';
}

/**
 * The worktree to suggest: a sibling directory of the main checkout, on a new branch. When the
 * commit is on a feature branch, the name follows it; otherwise it is named after the agent and the
 * date, so two sessions do not collide.
 */
export function suggestWorktree(repo: RepoInfo, who: string | undefined, now: Date, protectedBranch: (b: string) => boolean) {
  const repoName = slug(basename(repo.mainRoot));
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  const onFeature = repo.branch && !protectedBranch(repo.branch) ? repo.branch : undefined;
  const branch = onFeature ? `${onFeature}-wt` : `${slug(who ?? 'work')}/${stamp}`;
  const dir = `${repoName}-${slug(branch.replace(/\//g, '-'))}`;
  return { dir: `../${dir}`, branch, absDir: `${dirname(repo.mainRoot)}/${dir}` };
}

export function worktreeFindings(ctx: Pick<PolicyContext<Config>, 'change' | 'config' | 'agent' | 'sourceFor' | 'fullConfig'>, now = new Date()): Finding[] {
  const { config, agent } = ctx;
  const repo = ctx.change.repo;
  if (config.require === 'any') return [];
  if (config.appliesTo === 'agents' && !agent.isAgent) return [];
  if (repo.isLinkedWorktree) return [];
  const protectedGlobs = ((ctx.fullConfig.policies?.branches as { protected?: string[] } | undefined)?.protected) ?? ['main', 'master'];
  const globs = compileGlobs(protectedGlobs);
  const isProtected = (b: string) => globs.matches(b);
  const s = suggestWorktree(repo, agent.name, now, isProtected);
  const add = `git worktree add ${shq(s.dir)} -b ${shq(s.branch)}`;
  const who = config.appliesTo === 'agents' ? `AI agents (detected ${agent.name ?? 'an agent'} via ${agent.via ?? 'the environment'}) must commit` : 'Commits must be made';
  return [
    {
      policy: 'worktree',
      rule: 'linked',
      severity: config.severity,
      message: `${who} from a linked worktree, not the main checkout at ${repo.root}.`,
      fix: `Move your staged work to a new worktree and commit there: \`git stash push --staged -m harness-move && ${add} && cd ${shq(s.dir)} && git stash pop\` (the stash is shared by all worktrees).`,
      waivable: true,
      source: ctx.sourceFor('require') ?? ctx.sourceFor('appliesTo'),
      data: { command: add, dir: s.dir, branch: s.branch },
    },
  ];
}

export const worktreePolicy = definePolicy({
  id: 'worktree',
  description: 'Commit from a linked git worktree, not the main checkout (AI agents by default).',
  hooks: ['pre-commit'],
  schema,
  waivable: true,
  summarize: (c) =>
    c.require === 'any' ? 'no worktree requirement' : `${c.appliesTo === 'agents' ? 'AI agents' : 'everyone'} commit from a linked worktree (git worktree add), never the main checkout`,
  async run(ctx) {
    return worktreeFindings(ctx);
  },
});

/**
 * `branches`: no direct commits to protected branches (pre-commit), and no pushes, force pushes or
 * deletions of them (pre-push, from git's stdin ref lines). Globs match the short branch name
 * (`main`, `release/*`); a pattern starting with `refs/` matches the full remote ref (tags too).
 */
import { definePolicy, type Finding, type PolicyContext, type PushRef } from '../engine/types.js';
import { policyConfig } from '../config/base.js';
import { compileGlobs } from './lib/glob.js';
import { shq } from './lib/shell.js';
import { sourceForValue } from './lib/cite.js';
import { slug } from './worktree.js';

const schema = policyConfig((z) => ({
  protected: z.array(z.string()).default(['main', 'master']).describe('Branch globs nobody commits or pushes to directly (`refs/...` patterns match full refs, e.g. tags).'),
  allowPush: z.boolean().default(false).describe('Allow fast-forward pushes to protected branches (force pushes and deletions stay governed by their own keys).'),
  allowForcePush: z.boolean().default(false).describe('Allow non-fast-forward (force) pushes to protected branches.'),
  allowDelete: z.boolean().default(false).describe('Allow deleting protected branches on the remote.'),
  allowInitialCommit: z.boolean().default(true).describe('Allow the first commit of a new repository on a protected branch.'),
}));

type Config = NonNullable<(typeof schema)['_output']>;
type Ctx = Pick<PolicyContext<Config>, 'change' | 'config' | 'hook' | 'sourceFor' | 'agent'>;

/** Which configured pattern protects this branch or ref (negations honoured), if any. */
export function protectedBy(patterns: readonly string[], refOrBranch: string): string | undefined {
  const ref = refOrBranch.startsWith('refs/') ? refOrBranch : `refs/heads/${refOrBranch}`;
  const short = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
  // Evaluate in order, last match wins (like the other glob lists).
  let hit: string | undefined;
  for (const raw of patterns) {
    const neg = raw.startsWith('!');
    const p = neg ? raw.slice(1) : raw;
    const subject = p.startsWith('refs/') ? ref : short;
    if (subject === undefined) continue;
    // Branch names contain '/', so match them whole: anchor the pattern.
    if (compileGlobs([p.includes('/') ? p : `/${p}`]).matches(subject)) hit = neg ? undefined : raw;
  }
  return hit;
}

export function commitFindings(ctx: Ctx): Finding[] {
  const { repo } = ctx.change;
  const { config } = ctx;
  if (!repo.branch) return []; // detached HEAD: the commit moves no branch
  if (!repo.head && config.allowInitialCommit) return [];
  const by = protectedBy(config.protected, repo.branch);
  if (!by) return [];
  const during = repo.inProgress === 'rebase' ? ` (a rebase of ${repo.branch} is in progress)` : repo.inProgress === 'merge' ? ' (completing a merge)' : '';
  const newBranch = `${slug(ctx.agent.name ?? 'change')}/${new Date().toISOString().slice(0, 10)}`;
  return [
    {
      policy: 'branches',
      rule: 'commit',
      severity: config.severity,
      message: `Direct commits to the protected branch "${repo.branch}" are not allowed${during} (protected by "${by}").`,
      fix:
        repo.inProgress === 'rebase'
          ? `Abort with \`git rebase --abort\`, then make your changes on a feature branch: \`git switch -c ${shq(newBranch)}\`.`
          : `Move your staged work to a new branch and commit there: \`git switch -c ${shq(newBranch)}\` (staged changes come along), then commit and open a pull request.`,
      waivable: true,
      source: sourceForValue(ctx, 'protected', by),
      data: { branch: repo.branch, pattern: by },
    },
  ];
}

function shortRef(ref: string) {
  return ref.replace(/^refs\/(heads|tags)\//, '');
}

/**
 * Where to push instead of a protected branch: the local branch being pushed (or, for `HEAD:main`
 * or a sha, the current branch) when it is not itself protected, else a new branch name.
 */
function featureBranchFor(ctx: Ctx, r: PushRef, protectedName: string): { source: string; target: string } {
  const ok = (b: string | undefined): b is string => !!b && b !== protectedName && !protectedBy(ctx.config.protected, b);
  const localBranch = r.localRef.startsWith('refs/heads/') ? r.localRef.slice('refs/heads/'.length) : undefined;
  if (ok(localBranch)) return { source: localBranch, target: localBranch };
  const current = ctx.change.repo.branch;
  const viaHead = r.localRef === 'HEAD' || r.localRef === current || localBranch === current || !r.localRef.startsWith('refs/');
  if (viaHead && ok(current)) return { source: 'HEAD', target: current };
  const source = localBranch ?? (r.localRef.startsWith('refs/') ? r.localRef : 'HEAD');
  return { source, target: `${slug(ctx.agent.name ?? 'change')}/${new Date().toISOString().slice(0, 10)}` };
}

export function pushFindings(ctx: Ctx, refs: readonly PushRef[], remote = 'origin'): Finding[] {
  const { config } = ctx;
  const out: Finding[] = [];
  for (const r of refs) {
    const by = protectedBy(config.protected, r.remoteRef);
    if (!by) continue;
    const name = shortRef(r.remoteRef);
    const base = { policy: 'branches', severity: config.severity, waivable: true, source: sourceForValue(ctx, 'protected', by), data: { remoteRef: r.remoteRef, localRef: r.localRef, pattern: by } } as const;
    if (r.isDelete) {
      if (config.allowDelete) continue;
      out.push({ ...base, rule: 'delete', message: `Deleting the protected ${r.isTag ? 'tag' : 'branch'} "${name}" on ${remote} is not allowed (protected by "${by}").`, fix: `Do not delete it. If it must go, a maintainer can delete it in the hosting UI, or set policies.branches.allowDelete: true.`, source: ctx.config.sources?.allowDelete ?? base.source });
      continue;
    }
    if (r.isForce === true || r.isForce === 'unknown') {
      if (config.allowForcePush) continue;
      out.push({
        ...base,
        rule: 'force-push',
        message:
          r.isForce === true
            ? `Force push to the protected branch "${name}" rewrites its history (${r.remoteSha.slice(0, 12)} is not an ancestor of ${r.localSha.slice(0, 12)}).`
            : `Push to the protected branch "${name}" may be a force push: ${remote} has ${r.remoteSha.slice(0, 12)}, which is not in your repository.`,
        fix: r.isForce === true ? `Push your work to a new branch instead: \`git push ${shq(remote)} ${shq(`${r.localRef}:refs/heads/${name}-fix`)}\` and open a pull request.` : `Run \`git fetch ${shq(remote)}\`, rebase onto ${remote}/${name}, and push to a feature branch.`,
        source: ctx.config.sources?.allowForcePush ?? base.source,
      });
      continue;
    }
    if (config.allowPush) continue;
    const { source, target } = featureBranchFor(ctx, r, name);
    out.push({
      ...base,
      rule: 'push',
      message: `Pushing directly to the protected ${r.isTag ? 'tag' : 'branch'} "${name}" on ${remote} is not allowed (protected by "${by}").`,
      fix: `Push to a feature branch and open a pull request: \`git push -u ${shq(remote)} ${shq(`${source}:refs/heads/${target}`)}\`.`,
    });
  }
  return out;
}

export const branchesPolicy = definePolicy({
  id: 'branches',
  description: 'No direct commits, pushes, force pushes or deletions on protected branches.',
  hooks: ['pre-commit', 'pre-push'],
  schema,
  waivable: true,
  summarize: (c) =>
    `protected branches: ${c.protected.join(', ') || 'none'} (no direct commits${c.allowPush ? '' : ' or pushes'}${c.allowForcePush ? '' : ', no force pushes'}${c.allowDelete ? '' : ', no deletion'})`,
  async run(ctx) {
    // `check` (manual) on the staged change answers "would this commit pass?".
    if (ctx.hook === 'pre-commit' || (ctx.hook === 'manual' && ctx.change.kind === 'staged')) return commitFindings(ctx);
    if (ctx.hook === 'pre-push' && ctx.change.push) return pushFindings(ctx, ctx.change.push.refs, ctx.change.push.remote);
    return [];
  },
});

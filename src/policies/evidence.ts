/**
 * `evidence`: every commit being pushed must carry a valid Harness-Evidence trailer, the proof that
 * the pre-commit and commit-msg checks ran on exactly that change. Catches `git commit --no-verify`,
 * commits made where the hooks are not installed, and commits amended or edited after the checks.
 * Merge commits with no changes of their own (their tree is git's automatic merge of their parents)
 * need no evidence; merges with conflict resolutions or edits do. See docs/policies/evidence.md.
 */
import { definePolicy, type CommitInfo, type Finding, type PolicyBaseConfig, type PolicyContext } from '../engine/types.js';
import { policyConfig } from '../config/base.js';

const schema = policyConfig((z) => ({
  base: z
    .string()
    .optional()
    .describe('Check commits in <base>..HEAD when the hook has no push range (default: the pushed range, else the upstream).'),
  since: z
    .string()
    .optional()
    .describe('A commit (sha, tag or ref): it and its ancestors are exempt, e.g. the commit that installed harness-hooks.'),
}));

interface EvidenceConfig extends PolicyBaseConfig {
  base?: string;
  since?: string;
}

const ZERO = /^0+$/;

async function commitsToCheck(ctx: PolicyContext<EvidenceConfig>): Promise<CommitInfo[]> {
  const { listCommits } = await import('../git/changeset.js');
  const repo = ctx.change.repo;
  if (ctx.change.commits) return ctx.change.commits;
  const byRevs = async (revs: string[]) => listCommits(repo, revs, ctx.env);
  if (ctx.change.push) {
    const seen = new Map<string, CommitInfo>();
    for (const ref of ctx.change.push.refs) {
      if (ref.isDelete || ZERO.test(ref.localSha)) continue;
      const remoteKnown =
        !ref.isNew && !ZERO.test(ref.remoteSha) && (await ctx.git.run(['rev-parse', '-q', '--verify', `${ref.remoteSha}^{commit}`], { allowFail: true })).trim() !== '';
      const revs = remoteKnown ? [`${ref.remoteSha}..${ref.localSha}`] : [ref.localSha, '--not', '--remotes'];
      for (const c of await byRevs(revs)) seen.set(c.sha, c);
    }
    return [...seen.values()];
  }
  // `check` in a repository with no commit yet: nothing has been committed, so nothing to verify.
  if (!ctx.change.repo.head) return [];
  const base = ctx.config.base ?? '@{upstream}';
  const ok = (await ctx.git.run(['rev-parse', '-q', '--verify', `${base}^{commit}`], { allowFail: true })).trim();
  return ok ? byRevs([`${ok}..HEAD`]) : byRevs(['HEAD', '--not', '--remotes']);
}

export const evidencePolicy = definePolicy<EvidenceConfig>({
  id: 'evidence',
  description: 'Every pushed commit carries valid Harness-Evidence: the checks ran on exactly that change (catches --no-verify).',
  hooks: ['pre-push'],
  schema,
  waivable: true,
  summarize: () => 'every pushed commit must carry a valid Harness-Evidence trailer (made by the commit-msg hook)',
  async run(ctx) {
    let commits = await commitsToCheck(ctx);
    if (ctx.config.since) {
      const since = (await ctx.git.run(['rev-parse', '-q', '--verify', `${ctx.config.since}^{commit}`], { allowFail: true })).trim();
      if (!since) {
        return [
          {
            policy: 'evidence',
            rule: 'config',
            severity: 'error',
            message: `policies.evidence.since is "${ctx.config.since}", which is not a commit in this repository.`,
            fix: 'Set it to a commit sha or tag that exists (e.g. the commit that installed harness-hooks), or remove it.',
            waivable: false,
            source: ctx.sourceFor('since'),
          },
        ];
      }
      const exempt = new Set(
        (await ctx.git.run(['rev-list', since])).split('\n').map((s) => s.trim()).filter(Boolean),
      );
      commits = commits.filter((c) => !exempt.has(c.sha));
    }
    if (commits.length === 0) return [];
    const { verifyCommits, evidenceFix, exemptPreHarness } = await import('../handoff/evidence.js');
    const { redact } = await import('../handoff/redact.js');
    let results = await verifyCommits(commits, ctx.git.cwd, ctx.env);
    if (!ctx.config.since && results.some((r) => !r.ok)) {
      const { findConfigFile } = await import('../config/load.js');
      const { relative } = await import('node:path');
      const file = findConfigFile(ctx.change.repo.root);
      results = await exemptPreHarness(results, ctx.git.cwd, ctx.env, file ? relative(ctx.change.repo.root, file).split('\\').join('/') : undefined, commits[commits.length - 1]!.sha);
    }
    const findings: Finding[] = [];
    for (const r of results) {
      if (r.ok) continue;
      findings.push({
        policy: 'evidence',
        rule: r.state,
        severity: 'error',
        commit: r.sha,
        message: `${r.sha.slice(0, 12)} "${redact(r.subject).slice(0, 72)}": ${r.reason}.`,
        fix: evidenceFix(),
        waivable: true,
        source: ctx.sourceFor(),
        fingerprint: `evidence:${r.sha}`,
        data: { state: r.state, patchId: r.patchId },
      });
    }
    return findings;
  },
});

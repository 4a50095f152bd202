/**
 * `harness-hooks verify --range origin/main..HEAD`: for pre-push and CI. Recomputes each commit's
 * Harness-Evidence from the commit alone, lists the commits without valid evidence, re-runs the
 * policies over the range, and exits 1 when either fails.
 */
import type { CommandModule } from '../command.js';
import { UsageError } from '../command.js';
import { EXIT, type HookName } from '../../engine/types.js';

const help = `Usage: harness-hooks verify [--range BASE..HEAD] [--format text|json] [--evidence-only] [--hook pre-push|manual]

For every commit in the range, recompute its Harness-Evidence trailer (added by the commit-msg hook)
from the commit itself and list the commits without valid evidence: made with --no-verify, on a
machine without the hooks, under HARNESS_EMERGENCY, or amended after the checks. Then re-run the
policies over the whole range (as at pre-push). Merge commits with no changes of their own need no
evidence. Run it in CI on pull requests:  npx harness-hooks verify --range origin/main..HEAD

Options:
  --range BASE..HEAD   Commits in HEAD not in BASE (default: the upstream, else origin/HEAD, origin/main).
  --format text|json   Output for people (default) or machines (JSON on stdout).
  --evidence-only      Only check evidence; do not re-run the policies.
  --hook NAME          Which hook's policies to re-run: pre-push (default) or manual (all enabled policies).

Exit codes: 0 every commit has valid evidence and the policies passed · 1 a commit lacks evidence or a
policy failed · 2 usage or config error · 3 internal error`;

const cmd: CommandModule = {
  name: 'verify',
  summary: 'Check that every commit in a range carries valid evidence that the hooks ran.',
  help,
  options: {
    range: { type: 'string' },
    format: { type: 'string', default: 'text' },
    'evidence-only': { type: 'boolean', default: false },
    hook: { type: 'string', default: 'pre-push' },
  },
  async run({ values }, io) {
    const format = String(values.format ?? 'text');
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got "${format}"`);
    const hook = String(values.hook ?? 'pre-push') as HookName;
    if (hook !== 'pre-push' && hook !== 'manual') throw new UsageError(`--hook must be pre-push or manual, got "${hook}"`);
    const { readRepoInfo } = await import('../../git/repo.js');
    const { rangeChangeSet } = await import('../../git/changeset.js');
    const { verifyCommits } = await import('../../handoff/evidence.js');
    const { defaultRange } = await import('../../handoff/range.js');
    const { redact } = await import('../../handoff/redact.js');
    const repo = await readRepoInfo(io.cwd, io.env);
    const spec = await defaultRange(repo, io.env, values.range as string | undefined);
    const change = await rangeChangeSet(repo, spec, { env: io.env });
    const commits = change.commits ?? [];
    const { exemptPreHarness } = await import('../../handoff/evidence.js');
    const { findConfigFile } = await import('../../config/load.js');
    const { relative } = await import('node:path');
    const cfgFile = findConfigFile(repo.root);
    const results = await exemptPreHarness(
      await verifyCommits(commits, repo.root, io.env),
      repo.root,
      io.env,
      cfgFile ? relative(repo.root, cfgFile).split('\\').join('/') : undefined,
      change.range?.head,
    );
    const bad = results.filter((r) => !r.ok);

    let policy: { exitCode: number; record: import('../../engine/types.js').RunRecord; findings: import('../../engine/types.js').Finding[] } | undefined;
    if (!values['evidence-only']) {
      const { loadConfig } = await import('../../config/load.js');
      const { runHook } = await import('../../engine/runner.js');
      const { POLICIES } = await import('../../policies/index.js');
      const loaded = await loadConfig(repo.root);
      const only = POLICIES.map((p) => p.id).filter((id) => id !== 'evidence'); // evidence is reported above
      policy = await runHook({ hook, repo, loaded, env: io.env, buildChange: async () => change, only });
    }
    const exitCode = Math.max(bad.length ? EXIT.BLOCKED : EXIT.OK, policy?.exitCode ?? EXIT.OK);

    if (format === 'json') {
      io.out(
        JSON.stringify(
          {
            v: 1,
            range: { spec, base: change.range?.base, head: change.range?.head },
            ok: exitCode === EXIT.OK,
            exitCode,
            commits: results.map((r) => ({
              sha: r.sha,
              subject: redact(r.subject),
              parents: r.parents,
              evidence: r.state,
              ok: r.ok,
              reason: r.reason,
              patchId: r.patchId,
              waived: r.waived,
              skipped: r.skipped,
              ...(r.preCommitRan === false ? { preCommitRan: false } : {}),
            })),
            withoutEvidence: bad.map((r) => r.sha),
            policies: policy
              ? {
                  hook,
                  outcome: policy.record.outcome,
                  exitCode: policy.exitCode,
                  results: policy.record.policies,
                  findings: policy.findings.map((f) => ({ ...f, message: redact(f.message), ...(f.fix ? { fix: redact(f.fix) } : {}) })),
                }
              : null,
          },
          null,
          2,
        ),
      );
      return exitCode;
    }

    const lines: string[] = [];
    lines.push(`harness-hooks verify ${spec}: ${commits.length} commit${commits.length === 1 ? '' : 's'}`);
    for (const r of results) {
      const mark = r.ok ? '✔' : '✖';
      const extra = [r.waived.length ? `waived: ${r.waived.join(', ')}` : '', r.skipped.length ? `skipped: ${r.skipped.join(', ')}` : '', r.preCommitRan === false && r.parents.length < 2 ? 'pre-commit did not run' : '']
        .filter(Boolean)
        .join('; ');
      lines.push(`  ${mark} ${r.sha.slice(0, 12)} ${redact(r.subject).slice(0, 60)}`);
      lines.push(`      evidence ${r.state}: ${r.reason}${extra ? ` (${extra})` : ''}`);
    }
    if (bad.length) {
      lines.push('');
      lines.push(`✖ ${bad.length} commit${bad.length === 1 ? '' : 's'} without valid evidence: ${bad.map((r) => r.sha.slice(0, 12)).join(' ')}`);
      lines.push('    fix: run the checks on them, with the hooks installed (npx harness-hooks init):');
      // From the parent of the oldest such commit: rewrites only what must be, onto the same history
      // (the range's base may be a branch tip that moved on since this branch forked).
      const oldest = bad[0]!;
      const onto = oldest.parents.length ? `${oldest.sha.slice(0, 12)}^` : '--root';
      lines.push(`         git rebase -x "git commit --amend --no-edit" ${onto}`);
      lines.push('    A reviewer who accepts them anyway can merge; CI re-runs the policies below either way.');
    }
    if (policy) {
      const { formatFindingsText, summaryLine, paintFor } = await import('../../report/text.js');
      const paint = await paintFor(io.color);
      lines.push('');
      lines.push(summaryLine(policy.record, [], paint).replace(`harness-hooks ${hook}:`, `policies over the range (${hook}):`));
      const body = formatFindingsText(policy.findings, { paint, hook, gitCommand: 'git push' });
      if (body) lines.push(redact(body));
    }
    lines.push('');
    lines.push(exitCode === EXIT.OK ? 'verify: passed' : `verify: FAILED${bad.length ? ` (${bad.length} without evidence)` : ''}${policy && policy.exitCode ? ' (policies blocked)' : ''}`);
    (exitCode === EXIT.OK ? io.out : io.err)(lines.join('\n'));
    return exitCode;
  },
};

export default cmd;

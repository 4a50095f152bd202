/**
 * A branch's handoff for a pull request: every commit in base..head with its evidence state, checks,
 * commands, waivers, notes and look-twice items. Per-commit facts come from the handoff JSON the
 * post-commit hook stored in any worktree of this repository, else from git alone (evidence, files,
 * look-twice from the diff).
 */
import { join } from 'node:path';
import type { RepoInfo } from '../engine/types.js';
import { gitRaw } from '../git/exec.js';
import { rangeChangeSet } from '../git/changeset.js';
import { exemptPreHarness, verifyCommits } from './evidence.js';
import type { HandoffConfig } from './config.js';
import { buildCommitHandoff, cell, code, evidenceText, fence, ms, noteText, readStoredHandoff, statusWord, type CommitHandoff } from './render.js';
import type { LookTwiceItem } from './facts.js';

export interface RangeHandoff {
  v: 1;
  range: { spec: string; base?: string; head: string };
  branch?: string;
  commits: CommitHandoff[];
  totals: { commits: number; files: number; added: number; deleted: number };
  files: Array<{ path: string; oldPath?: string; status: string; added: number; deleted: number; binary: boolean }>;
  evidence: { valid: number; cleanMerges: number; invalid: Array<{ sha: string; state: string; reason: string }> };
  agents: string[];
  lookTwice: Array<LookTwiceItem & { commit: string }>;
}

async function worktreeHarnessDirs(repo: RepoInfo, dirName: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  const r = await gitRaw(['worktree', 'list', '--porcelain', '-z'], { cwd: repo.root, env, allowFail: true });
  const roots = r.stdout
    .toString('utf8')
    .split('\0')
    .filter((l) => l.startsWith('worktree '))
    .map((l) => l.slice('worktree '.length));
  const all = [repo.root, ...roots.filter((x) => x !== repo.root)];
  return all.map((root) => join(root, dirName));
}

export async function buildRangeHandoff(repo: RepoInfo, spec: string, handoff: HandoffConfig, env: NodeJS.ProcessEnv, protectedGlobs: string[] = []): Promise<RangeHandoff> {
  const change = await rangeChangeSet(repo, spec, { env });
  const commits = change.commits ?? [];
  const { findConfigFile } = await import('../config/load.js');
  const { relative } = await import('node:path');
  const cfg = findConfigFile(repo.root);
  const evidence = await exemptPreHarness(await verifyCommits(commits, repo.root, env), repo.root, env, cfg ? relative(repo.root, cfg).split('\\').join('/') : undefined, change.range?.head);
  const dirs = await worktreeHarnessDirs(repo, handoff.dir, env);
  const out: CommitHandoff[] = [];
  for (const [i, c] of commits.entries()) {
    const ev = evidence[i]!;
    let stored: CommitHandoff | undefined;
    for (const d of dirs) if ((stored = readStoredHandoff(d, c.sha))) break;
    if (stored) {
      // The commit is the same; its evidence state is re-checked now (it may have been rebased).
      out.push({ ...stored, evidence: { state: ev.state, ok: ev.ok, reason: ev.reason } });
      continue;
    }
    out.push(
      await buildCommitHandoff({
        repo,
        sha: c.sha,
        env,
        handoff,
        protectedGlobs,
        evidence: ev,
        files: await change.commitFiles(c.sha),
      }),
    );
  }
  const lookTwice: RangeHandoff['lookTwice'] = [];
  const seen = new Set<string>();
  for (const h of out) {
    for (const i of h.lookTwice) {
      const key = `${i.kind}\0${i.file ?? ''}\0${i.detail}`;
      if (seen.has(key)) continue;
      seen.add(key);
      lookTwice.push({ ...i, commit: h.commit.short });
    }
    if (!h.evidence.ok && !h.lookTwice.some((i) => i.kind === 'checks-not-run')) {
      lookTwice.push({ kind: 'checks-not-run', commit: h.commit.short, detail: `evidence ${h.evidence.state}: ${h.evidence.reason}` });
    }
  }
  const files = change.files.map((f) => ({ path: f.path, ...(f.oldPath ? { oldPath: f.oldPath } : {}), status: f.status, added: f.added, deleted: f.deleted, binary: f.binary }));
  return {
    v: 1,
    range: { spec, base: change.range?.base, head: change.range?.head ?? '' },
    branch: repo.branch,
    commits: out,
    totals: { commits: out.length, files: files.length, added: files.reduce((n, f) => n + f.added, 0), deleted: files.reduce((n, f) => n + f.deleted, 0) },
    files,
    evidence: {
      valid: evidence.filter((e) => e.state === 'valid').length,
      cleanMerges: evidence.filter((e) => e.state === 'clean-merge').length,
      invalid: evidence.filter((e) => !e.ok).map((e) => ({ sha: e.sha, state: e.state, reason: e.reason })),
    },
    agents: [...new Set(out.filter((h) => h.agent.isAgent).map((h) => h.agent.name ?? 'agent'))],
    lookTwice,
  };
}

export function renderRangeMarkdown(r: RangeHandoff): string {
  const o: string[] = [];
  const title = r.branch ? `${r.branch}` : r.range.spec;
  o.push(`# Handoff: ${title}`, '');
  o.push(
    `${r.totals.commits} commit${r.totals.commits === 1 ? '' : 's'} (${r.range.spec}), ${r.totals.files} file${r.totals.files === 1 ? '' : 's'} changed, +${r.totals.added} −${r.totals.deleted}.` +
      (r.agents.length ? ` Made with an AI agent: ${r.agents.join(', ')}.` : ' No AI agent detected.'),
    '',
  );
  if (r.evidence.invalid.length) {
    o.push(
      `> **${r.evidence.invalid.length} commit${r.evidence.invalid.length === 1 ? '' : 's'} without valid evidence that the checks ran:** ${r.evidence.invalid.map((e) => code(e.sha.slice(0, 12)) + ` (${e.state})`).join(', ')}.`,
      '',
    );
  } else if (r.totals.commits) o.push(`Every commit carries valid evidence that the checks ran (${r.evidence.valid} valid, ${r.evidence.cleanMerges} clean merges).`, '');

  o.push('## Summary of changes', '');
  for (const h of r.commits) o.push(`- ${code(h.commit.short)} ${cell(h.commit.subject)} (+${h.totals.added} −${h.totals.deleted}, ${h.totals.files} file${h.totals.files === 1 ? "" : "s"}${h.agent.isAgent ? `, agent: ${h.agent.name ?? 'agent'}` : ''})`);
  if (!r.commits.length) o.push('No commits in the range.');
  o.push('');
  o.push('<details><summary>Files changed</summary>', '', '| File | Status | Added | Removed |', '|---|---|---:|---:|');
  for (const f of r.files) o.push(`| ${code(f.path)}${f.oldPath ? ` (from ${code(f.oldPath)})` : ''} | ${statusWord(f.status)} | ${f.binary ? 'binary' : f.added} | ${f.binary ? '' : f.deleted} |`);
  o.push('', '</details>', '');

  o.push('## Checks and evidence', '');
  o.push('| Commit | Evidence | pre-commit | commit-msg | Policies |', '|---|---|---|---|---|');
  for (const h of r.commits) {
    const run = (hook: string) => {
      const x = h.runs.find((y) => y.hook === hook);
      return x ? `${x.outcome} (${ms(x.durationMs)})` : h.checksRan === null ? 'no local record' : 'did not run';
    };
    const pol = h.runs.flatMap((x) => x.policies.map((p) => `${p.id}: ${p.status}`)).join(', ') || '—';
    o.push(`| ${code(h.commit.short)} | ${cell(evidenceText(h.evidence))} | ${run('pre-commit')} | ${run('commit-msg')} | ${cell(pol)} |`);
  }
  o.push('');

  o.push('## Commands and results', '');
  const cmds = r.commits.flatMap((h) => h.commands.map((c) => ({ ...c, commit: h.commit.short })));
  if (!cmds.length) o.push('No commands were recorded for these commits.');
  for (const c of cmds) {
    o.push(`- ${code(c.commit)} ${code(c.command)} (${c.policy}): exit ${c.exitCode ?? 'none'}${c.timedOut ? ' (timed out)' : ''} in ${ms(c.durationMs)}`);
    if (c.tail.trim()) o.push('', fence(c.tail), '');
  }
  o.push('');

  o.push('## Waivers and skips', '');
  const waivers = r.commits.flatMap((h) => h.waivers.map((w) => `- ${code(h.commit.short)} ${w.hook}: **${w.policies.join(', ')}** waived: ${cell(w.reason)}`));
  const skips = r.commits.flatMap((h) => [
    ...(h.skipped.length ? [`- ${code(h.commit.short)} skipped with HARNESS_SKIP: ${h.skipped.join(', ')}`] : []),
    ...(h.emergency ? [`- ${code(h.commit.short)} HARNESS_EMERGENCY: ${cell(h.emergency)}`] : []),
  ]);
  o.push(...(waivers.length || skips.length ? [...waivers, ...skips] : ['None.']));
  o.push('');

  const notes = r.commits.flatMap((h) => h.notes.map((n) => `- ${code(h.commit.short)}${n.agent ? ` (${n.agent})` : ''}: ${noteText(n.text)}`));
  o.push('## Notes (assumptions, open questions)', '');
  o.push(...(notes.length ? notes : ['None left with `harness-hooks note`.']));
  o.push('');

  o.push('## Look twice', '');
  if (!r.lookTwice.length) o.push('Nothing flagged by the facts checked.');
  for (const i of r.lookTwice) o.push(`- ${code(i.commit)} **${i.kind}**${i.file ? ` ${code(i.file + (i.line ? `:${i.line}` : ''))}` : ''}: ${i.detail}`);
  o.push('');
  o.push(`<sub>Generated by harness-hooks from the commits, their Harness-Evidence trailers and the local ledger. Authors: ${[...new Set(r.commits.map((h) => h.commit.author))].map(cell).join(', ') || '—'}.</sub>`);
  return o.join('\n') + '\n';
}

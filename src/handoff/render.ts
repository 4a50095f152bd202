/**
 * Build a commit's handoff from facts (git, the ledger records of its hook runs, notes) and render it
 * as Markdown. Every string that came from a command, a finding, a note or the commit message is
 * redacted before it is stored or printed.
 */
import { mkdirSync, writeFileSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentInfo, ChangedFile, CommandRecord, PolicyOutcome, RepoInfo, RunRecord } from '../engine/types.js';
import { gitRaw } from '../git/exec.js';
import { filesChangeSet } from '../git/changeset.js';
import { lookTwice, type LookTwiceItem } from './facts.js';
import type { Note } from './notes.js';
import type { CommitEvidence, EvidenceState } from './evidence.js';
import type { HandoffConfig } from './config.js';
import { redact } from './redact.js';

export interface HandoffRun {
  hook: string;
  outcome: RunRecord['outcome'];
  durationMs: number;
  time: string;
  policies: PolicyOutcome[];
  findings: Array<{ policy: string; rule?: string; severity: string; message: string; file?: string; line?: number; waived?: string }>;
}

export interface CommitHandoff {
  /** Handoff JSON format version. */
  v: 1;
  commit: { sha: string; short: string; parents: string[]; subject: string; author: string; authorEmail: string; date: string };
  branch?: string;
  worktree?: string;
  linkedWorktree?: boolean;
  agent: AgentInfo;
  files: Array<{ path: string; oldPath?: string; status: string; added: number; deleted: number; binary: boolean }>;
  totals: { files: number; added: number; deleted: number };
  /** Whether a pre-commit or commit-msg record exists for this change (null: unknown, no local ledger). */
  checksRan: boolean | null;
  evidence: { state: EvidenceState; ok: boolean; reason: string };
  runs: HandoffRun[];
  commands: CommandRecord[];
  waivers: Array<{ hook: string; policies: string[]; reason: string; via: string }>;
  skipped: string[];
  emergency?: string;
  notes: Note[];
  lookTwice: LookTwiceItem[];
}

const AGENT_TRAILER = /^(?:co-authored-by|assisted-by|generated-by|ai-assisted-by)\s*:\s*(.*)$/im;
const AGENT_NAMES: Array<[RegExp, string]> = [
  [/claude|anthropic/i, 'claude-code'],
  [/codex|openai|chatgpt/i, 'codex'],
  [/copilot/i, 'copilot'],
  [/cursor/i, 'cursor'],
  [/gemini/i, 'gemini-cli'],
  [/aider/i, 'aider'],
];

/** An agent named in the commit's attribution trailers (Co-authored-by, Assisted-by, Generated-by). */
export function agentFromMessage(message: string): AgentInfo | undefined {
  for (const line of message.split('\n')) {
    const m = AGENT_TRAILER.exec(line.trim());
    if (!m) continue;
    for (const [re, name] of AGENT_NAMES) if (re.test(m[1]!)) return { isAgent: true, name, via: 'commit trailer' };
  }
  return undefined;
}

/** A commit's own changes against its first parent (all added for a root commit). */
export async function commitFiles(repo: RepoInfo, sha: string): Promise<ChangedFile[]> {
  return (await filesChangeSet(repo, [])).commitFiles(sha);
}

export async function readCommit(cwd: string, sha: string, env: NodeJS.ProcessEnv) {
  const r = await gitRaw(['log', '-1', '--format=%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%B', sha, '--'], { cwd, env });
  const [full, parents, author, authorEmail, date, ...msg] = r.stdout.toString('utf8').split('\x1f');
  const message = msg.join('\x1f').replace(/\n+$/, '');
  return { sha: full!.trim(), parents: (parents ?? '').split(' ').filter(Boolean), author: author ?? '', authorEmail: authorEmail ?? '', date: date ?? '', message };
}

async function blobAt(cwd: string, rev: string | undefined, path: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  if (!rev) return null;
  const r = await gitRaw(['cat-file', 'blob', `${rev}:${path}`], { cwd, env, allowFail: true });
  return r.code === 0 ? r.stdout.toString('utf8') : null;
}

function tail(text: string, lines: number): string {
  if (lines === 0) return '';
  return redact(text)
    .split('\n')
    .filter((l, i, a) => l.trim() || i < a.length - 1)
    .slice(-lines)
    .join('\n');
}

export interface BuildInput {
  repo: RepoInfo;
  sha: string;
  env: NodeJS.ProcessEnv;
  handoff: HandoffConfig;
  /** policies.paths.protected from the resolved config. */
  protectedGlobs?: string[];
  /** The pre-commit and commit-msg records for this commit; undefined when no local ledger knows it. */
  records?: RunRecord[];
  notes?: Note[];
  evidence: CommitEvidence;
  /** Agent as detected at commit time (falls back to the records, then the commit's trailers). */
  agent?: AgentInfo;
  /** Files already read (range handoffs). */
  files?: ChangedFile[];
}

export async function buildCommitHandoff(input: BuildInput): Promise<CommitHandoff> {
  const { repo, sha, env } = input;
  const c = await readCommit(repo.root, sha, env);
  const files = input.files ?? (await commitFiles(repo, c.sha));
  const records = input.records ?? [];
  const packageJsons = await Promise.all(
    files
      .filter((f) => /(^|\/)package\.json$/.test(f.path))
      .map(async (f) => ({
        path: f.path,
        before: await blobAt(repo.root, c.parents[0], f.oldPath ?? f.path, env),
        after: f.status === 'D' ? null : await blobAt(repo.root, c.sha, f.path, env),
      })),
  );
  const checksRan = input.records === undefined ? null : records.some((r) => r.hook === 'pre-commit' || r.hook === 'commit-msg');
  const evidenceSaysRan = input.evidence.state === 'valid';
  const items = lookTwice({
    files,
    packageJsons,
    records,
    checksRan: checksRan ?? evidenceSaysRan ?? false,
    largeHunkLines: input.handoff.lookTwice.largeHunkLines,
    protectedGlobs: input.protectedGlobs ?? [],
    extraGlobs: input.handoff.lookTwice.paths,
  }).map((i) => ({ ...i, detail: redact(i.detail) }));
  if (records.some((r) => r.hook === 'commit-msg') && !records.some((r) => r.hook === 'pre-commit') && c.parents.length < 2) {
    items.unshift({ kind: 'hooks-skipped', detail: 'commit-msg ran but no pre-commit run was recorded for this change (is the pre-commit hook installed? `npx harness-hooks doctor`)' });
  }
  if (input.evidence.ok === false && checksRan) {
    items.unshift({ kind: 'checks-not-run', detail: `evidence ${input.evidence.state}: ${input.evidence.reason}` });
  }
  const agent =
    input.agent ??
    records.find((r) => r.hook === 'commit-msg')?.agent ??
    records.find((r) => r.hook === 'pre-commit')?.agent ??
    agentFromMessage(c.message) ?? { isAgent: false };
  const emergency = records.find((r) => r.emergency)?.emergency;
  return {
    v: 1,
    commit: { sha: c.sha, short: c.sha.slice(0, 12), parents: c.parents, subject: redact(c.message.split('\n')[0] ?? ''), author: c.author, authorEmail: c.authorEmail, date: c.date },
    branch: repo.branch,
    worktree: repo.root,
    linkedWorktree: repo.isLinkedWorktree,
    agent,
    files: files.map((f) => ({ path: f.path, ...(f.oldPath ? { oldPath: f.oldPath } : {}), status: f.status, added: f.added, deleted: f.deleted, binary: f.binary })),
    totals: { files: files.length, added: files.reduce((n, f) => n + f.added, 0), deleted: files.reduce((n, f) => n + f.deleted, 0) },
    checksRan,
    evidence: { state: input.evidence.state, ok: input.evidence.ok, reason: input.evidence.reason },
    runs: records
      .filter((r) => r.hook === 'pre-commit' || r.hook === 'commit-msg')
      .map((r) => ({
        hook: r.hook,
        outcome: r.outcome,
        durationMs: r.durationMs,
        time: r.time,
        policies: r.policies.map((p) => ({ ...p, ...(p.note ? { note: redact(p.note) } : {}) })),
        findings: r.findings.map((f) => ({
          policy: f.policy,
          ...(f.rule ? { rule: f.rule } : {}),
          severity: f.severity,
          message: redact(f.message),
          ...(f.file ? { file: f.file } : {}),
          ...(f.line ? { line: f.line } : {}),
          ...(f.waived ? { waived: redact(f.waived.reason) } : {}),
        })),
      })),
    commands: records.flatMap((r) => r.commands.map((cmd) => ({ ...cmd, command: redact(cmd.command), tail: tail(cmd.tail, input.handoff.outputTailLines) }))),
    waivers: records.flatMap((r) => r.waivers.map((w) => ({ hook: r.hook, policies: w.policies, reason: redact(w.reason), via: w.via }))),
    skipped: [...new Set(records.flatMap((r) => r.skipped))],
    ...(emergency ? { emergency: redact(emergency) } : {}),
    notes: (input.notes ?? []).map((n) => ({ ...n, text: redact(n.text) })),
    lookTwice: items,
  };
}

// ---------------------------------------------------------------- Markdown

export function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function code(s: string): string {
  const ticks = s.includes('`') ? '``' : '`';
  return `${ticks}${ticks === '``' ? ' ' : ''}${s.replace(/\r?\n/g, ' ')}${ticks === '``' ? ' ' : ''}${ticks}`;
}

export function fence(s: string): string {
  let f = '```';
  while (s.includes(f)) f += '`';
  return `${f}text\n${s}\n${f}`;
}

export function ms(n: number): string {
  return n < 1000 ? `${n} ms` : `${(n / 1000).toFixed(1)} s`;
}

export function agentText(a: AgentInfo): string {
  if (!a.isAgent) return a.via ? `no (${a.via})` : 'no (no agent detected)';
  return `yes: ${a.name ?? 'agent'}${a.via ? ` (detected via ${a.via})` : ''}`;
}

export function evidenceText(e: CommitHandoff['evidence']): string {
  const label: Record<EvidenceState, string> = {
    valid: 'valid',
    'clean-merge': 'not needed (clean merge)',
    missing: 'MISSING',
    malformed: 'INVALID (malformed)',
    stale: 'INVALID (stale)',
    'pre-harness': 'not needed (predates harness-hooks)',
  };
  return `${label[e.state]}: ${e.reason}`;
}

export function lookTwiceLine(i: LookTwiceItem): string {
  const where = i.file ? ` ${code(i.file + (i.line ? `:${i.line}` : ''))}` : '';
  return `- **${i.kind}**${where}: ${i.detail}`;
}

export function renderCommitMarkdown(h: CommitHandoff): string {
  const out: string[] = [];
  out.push(`# Handoff ${h.commit.short}: ${h.commit.subject}`, '');
  if (h.checksRan === false) {
    out.push(
      '> **The checks did not run for this commit.** No pre-commit or commit-msg hook run was recorded for this change',
      '> (it was committed with `--no-verify`, or with the hooks not installed). `git push` and CI will flag it;',
      '> run them now with `git commit --amend --no-edit`.',
      '',
    );
  } else if (!h.evidence.ok) {
    out.push(`> **Evidence ${h.evidence.state}:** ${h.evidence.reason}.`, '');
  }
  out.push('| | |', '|---|---|');
  out.push(`| Commit | ${code(h.commit.sha)} |`);
  if (h.commit.parents.length > 1) out.push(`| Parents | ${h.commit.parents.map((p) => code(p.slice(0, 12))).join(' ')} (merge) |`);
  out.push(`| Branch | ${h.branch ? code(h.branch) : '(detached HEAD)'} |`);
  if (h.worktree) out.push(`| Worktree | ${code(h.worktree)}${h.linkedWorktree ? ' (linked worktree)' : ' (main worktree)'} |`);
  out.push(`| Author | ${cell(`${h.commit.author} <${h.commit.authorEmail}>`)} |`);
  out.push(`| Date | ${h.commit.date} |`);
  out.push(`| Made by an AI agent | ${cell(agentText(h.agent))} |`);
  out.push(`| Evidence | ${cell(evidenceText(h.evidence))} |`);
  out.push('');

  out.push(`## Files changed (${h.totals.files} file${h.totals.files === 1 ? '' : 's'}, +${h.totals.added} −${h.totals.deleted})`, '');
  if (h.files.length === 0) out.push('No files changed (an empty commit).');
  else {
    out.push('| File | Status | Added | Removed |', '|---|---|---:|---:|');
    for (const f of h.files)
      out.push(`| ${code(f.path)}${f.oldPath ? ` (from ${code(f.oldPath)})` : ''} | ${statusWord(f.status)} | ${f.binary ? 'binary' : f.added} | ${f.binary ? '' : f.deleted} |`);
  }
  out.push('');

  out.push('## Checks', '');
  const runs = h.runs;
  if (h.checksRan === null)
    out.push(
      h.evidence.ok
        ? 'No hook run was recorded for this commit in this worktree (it was rebased, cherry-picked or made elsewhere); its evidence shows the checks ran on this change.'
        : 'No hook run was recorded for this commit in this worktree, and it has no valid evidence.',
    );
  else if (runs.length === 0) out.push('**No policy ran at pre-commit or commit-msg for this commit.**');
  else {
    out.push('| Hook | Policy | Outcome | Duration | Findings |', '|---|---|---|---:|---:|');
    for (const r of runs) {
      if (r.policies.length === 0) out.push(`| ${r.hook} | (no policies on this hook) | ${r.outcome} | ${ms(r.durationMs)} | 0 |`);
      for (const p of r.policies) out.push(`| ${r.hook} | ${p.id} | ${p.status}${p.note ? ` (${cell(p.note)})` : ''} | ${ms(p.durationMs)} | ${p.findings} |`);
    }
    const findings = runs.flatMap((r) =>
      r.findings.map((f) => ({ ...f, hook: r.hook, pending: !f.waived && r.policies.some((p) => p.id === f.policy && p.status === 'pending') })),
    );
    if (findings.length) {
      out.push('', '### Findings', '');
      for (const f of findings) {
        const where = f.file ? ` ${code(f.file + (f.line ? `:${f.line}` : ''))}` : '';
        out.push(`- ${f.hook} · **${f.policy}${f.rule ? `/${f.rule}` : ''}** (${f.severity}${f.waived ? `, waived: ${cell(f.waived)}` : f.pending ? ', deferred to commit-msg for a waiver' : ''})${where}: ${cell(f.message)}`);
      }
    }
  }
  out.push('');

  out.push('## Commands', '');
  if (h.commands.length === 0) out.push('No commands ran (no tests or lint configured on these hooks).');
  for (const c of h.commands) {
    out.push(`- ${code(c.command)} (${c.policy}): exit ${c.exitCode ?? 'none'}${c.timedOut ? ' (timed out)' : ''} in ${ms(c.durationMs)}`);
    if (c.tail.trim()) out.push('', fence(c.tail), '');
  }
  out.push('');

  out.push('## Waivers and skips', '');
  if (h.waivers.length === 0 && h.skipped.length === 0 && !h.emergency) out.push('None.');
  for (const w of h.waivers) out.push(`- ${w.hook}: **${w.policies.join(', ')}** waived via ${w.via === 'env' ? 'HARNESS_WAIVE' : 'Harness-Waive trailer'}: ${cell(w.reason)}`);
  if (h.skipped.length) out.push(`- skipped with HARNESS_SKIP: ${h.skipped.join(', ')}`);
  if (h.emergency) out.push(`- HARNESS_EMERGENCY: ${cell(h.emergency)}`);
  out.push('');

  out.push('## Notes', '');
  if (h.notes.length === 0) out.push('No notes were left for this commit (`harness-hooks note "..."` adds one).');
  for (const n of h.notes) out.push(`- ${n.time}${n.agent ? ` (${n.agent})` : ''}: ${noteText(n.text)}`);
  out.push('');

  out.push('## Look twice', '');
  if (h.lookTwice.length === 0) out.push('Nothing flagged by the facts checked (tests, CI, config, migrations, dependencies, hunk size, secret ignores, waivers, skips).');
  for (const i of h.lookTwice) out.push(lookTwiceLine(i));
  out.push('');
  return out.join('\n');
}

/** A note as one list item: continuation lines indented, nothing that could start a heading or fence. */
export function noteText(t: string): string {
  return t
    .split(/\r?\n/)
    .map((l) => l.replace(/^(\s*)(#|```|~~~)/, '$1\\$2'))
    .join('\n  ');
}

export function statusWord(s: string): string {
  return ({ A: 'added', M: 'modified', D: 'deleted', R: 'renamed', C: 'copied', T: 'type changed' } as Record<string, string>)[s] ?? s;
}

/** Write handoff/<short>.md and .json, then HANDOFF.md (the latest) by atomic rename. */
export function writeCommitHandoff(dir: string, h: CommitHandoff): { md: string; json: string; latest: string } {
  const hd = join(dir, 'handoff');
  mkdirSync(hd, { recursive: true });
  const md = renderCommitMarkdown(h);
  const mdFile = join(hd, `${h.commit.short}.md`);
  const jsonFile = join(hd, `${h.commit.short}.json`);
  writeFileSync(mdFile, md);
  writeFileSync(jsonFile, JSON.stringify(h, null, 2) + '\n');
  const latest = join(dir, 'HANDOFF.md');
  const tmp = `${latest}.${process.pid}.tmp`;
  writeFileSync(tmp, md);
  renameSync(tmp, latest);
  return { md: mdFile, json: jsonFile, latest };
}

export function readStoredHandoff(dir: string, sha: string): CommitHandoff | undefined {
  try {
    const h = JSON.parse(readFileSync(join(dir, 'handoff', `${sha.slice(0, 12)}.json`), 'utf8')) as CommitHandoff;
    return h && h.v === 1 && h.commit?.sha === sha ? h : undefined;
  } catch {
    return undefined;
  }
}

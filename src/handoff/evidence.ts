/**
 * Evidence: a commit-message trailer proving that the checks ran on exactly this change.
 *
 *   Harness-Evidence: v1 p=<patch-id> a=<patch-id> c=<config> r=<results> w=<waived> s=<skipped> k=<check>
 *
 *   p  first 16 hex of `git patch-id --stable` of the staged diff against HEAD (the change of a
 *      normal commit against its parent). A clean rebase or cherry-pick keeps it valid.
 *   a  the same against HEAD's first parent, only when HEAD itself has valid evidence (so a later
 *      squash of the two stays valid); `-` otherwise. See stagedPatchIds.
 *   c  first 12 hex of the resolved config's sha256 (informational: see docs/evidence.md).
 *   r  hook outcomes: `pre:<passed|none>,msg:passed` (none = the pre-commit hook did not run, e.g. a merge).
 *   w  policies waived (comma-separated) or `-`;  s  policies skipped by HARNESS_SKIP or `-`.
 *   k  first 12 hex of sha256 over the other fields: catches hand edits and truncation, not forgery.
 *
 * verify recomputes the commit's patch-id from the commit alone (its diff against its first parent)
 * and accepts the trailer when it equals p or a and k checks out. This is not a signature: anyone
 * who can run git can write a valid trailer by hand. It catches skipped hooks (`--no-verify`, no
 * hooks installed, `HARNESS_EMERGENCY`) and changes after the checks (an amend with --no-verify, a
 * rebase that resolved conflicts); CI re-running the policies is what a determined actor cannot skip.
 */
import { createHash } from 'node:crypto';
import { gitRaw } from '../git/exec.js';

export const TRAILER = 'Harness-Evidence';
export const EVIDENCE_VERSION = 'v1';

/** Flags that make the diff, and so the patch-id, the same on every machine whatever its git config. */
export const PATCH_ID_DIFF_FLAGS = [
  '--no-ext-diff',
  '--no-textconv',
  '--no-color',
  '--no-renames',
  '--full-index', // patch-id hashes binary changes by blob id from the index line
  '--unified=3',
  '--inter-hunk-context=0',
  '--diff-algorithm=myers',
  '--indent-heuristic',
  '-O/dev/null',
  '--ignore-submodules=none',
  '--src-prefix=a/',
  '--dst-prefix=b/',
];

export const EMPTY = 'empty';
const SHORT = 16;

export interface EvidenceFields {
  v: string;
  p: string;
  a: string;
  c: string;
  r: string;
  w: string;
  s: string;
  k: string;
}

async function patchIdOf(diff: Buffer, cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  if (diff.length === 0) return EMPTY;
  const r = await gitRaw(['patch-id', '--stable'], { cwd, env, input: diff });
  const first = r.stdout.toString('utf8').trim().split(/\s+/)[0];
  return first ? first.slice(0, SHORT) : EMPTY;
}

async function emptyTree(cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  const r = await gitRaw(['hash-object', '-t', 'tree', '--stdin'], { cwd, env, input: '' });
  return r.stdout.toString('utf8').trim();
}

async function revParse(rev: string, cwd: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const r = await gitRaw(['rev-parse', '-q', '--verify', `${rev}^{commit}`], { cwd, env, allowFail: true });
  return r.code === 0 ? r.stdout.toString('utf8').trim() : undefined;
}

/**
 * Patch-ids for the trailer of the commit being made.
 *
 *   p  the change the commit will have against its parent: the index against HEAD, or against
 *      HEAD's first parent for `git commit --amend` or a rebase squash/fixup step
 *      (HARNESS_COMMIT_AMEND=1, set by the run command). The pre-commit policies checked exactly it.
 *   a  the index against HEAD's first parent, written only when HEAD itself carries valid evidence:
 *      then every line of that combined change was checked by some pre-commit, so a later squash of
 *      HEAD and this commit (which runs no hooks) stays valid. Without that condition, an amend that
 *      checked nothing (an empty diff against HEAD) could vouch for a --no-verify commit.
 */
export async function stagedPatchIds(cwd: string, env: NodeJS.ProcessEnv): Promise<{ p: string; a: string }> {
  const amend = env.HARNESS_COMMIT_AMEND === '1';
  const [head, parent, empty] = await Promise.all([revParse('HEAD', cwd, env), revParse('HEAD^1', cwd, env), emptyTree(cwd, env)]);
  const idAgainst = async (rev: string) =>
    patchIdOf((await gitRaw(['diff', '--cached', ...PATCH_ID_DIFF_FLAGS, rev, '--'], { cwd, env })).stdout, cwd, env);
  if (amend && head) return { p: await idAgainst(parent ?? empty), a: '-' };
  const [p, vouched] = await Promise.all([idAgainst(head ?? empty), head ? commitIsVouched(head, cwd, env) : Promise.resolve(false)]);
  return { p, a: vouched ? await idAgainst(parent ?? empty) : '-' };
}

/** Does this commit carry an intact trailer whose patch-id matches its own change? */
async function commitIsVouched(sha: string, cwd: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const [ids, msg] = await Promise.all([
    commitPatchIds([sha], cwd, env),
    gitRaw(['log', '-1', '--format=%B', sha, '--'], { cwd, env, allowFail: true }),
  ]);
  const id = ids.get(sha);
  if (!id || id === EMPTY) return false;
  return evidenceTrailers(msg.stdout.toString('utf8'))
    .map(parseEvidence)
    .some((f) => f !== null && checksum(f) === f.k && (f.p === id || (f.a !== '-' && f.a === id)));
}

/**
 * Patch-ids of commits' own changes against their first parent (root commits against the empty
 * tree), in two git processes for the whole list. Commits with no change map to `empty`.
 */
export async function commitPatchIds(shas: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const s of shas) out.set(s, EMPTY);
  for (let i = 0; i < shas.length; i += 400) {
    const chunk = shas.slice(i, i + 400);
    const log = await gitRaw(
      ['log', '--no-walk=unsorted', '-p', '--root', '--diff-merges=first-parent', '--format=commit %H', ...PATCH_ID_DIFF_FLAGS, ...chunk, '--'],
      { cwd, env },
    );
    if (log.stdout.length === 0) continue;
    const pid = await gitRaw(['patch-id', '--stable'], { cwd, env, input: log.stdout });
    for (const line of pid.stdout.toString('utf8').split('\n')) {
      const [id, sha] = line.trim().split(/\s+/);
      if (id && sha && out.has(sha)) out.set(sha, id.slice(0, SHORT));
    }
  }
  return out;
}

export function checksum(f: Omit<EvidenceFields, 'k'>): string {
  return createHash('sha256').update(`${f.v} p=${f.p} a=${f.a} c=${f.c} r=${f.r} w=${f.w} s=${f.s}`).digest('hex').slice(0, 12);
}

const list = (xs: string[]) => (xs.length ? [...new Set(xs)].sort().join(',') : '-');

export function buildEvidence(input: {
  p: string;
  a: string;
  configHash: string;
  preCommit: 'passed' | 'none' | string;
  commitMsg: string;
  waived: string[];
  skipped: string[];
}): EvidenceFields {
  const base = {
    v: EVIDENCE_VERSION,
    p: input.p,
    a: input.a,
    c: input.configHash.slice(0, 12),
    r: `pre:${input.preCommit},msg:${input.commitMsg}`,
    w: list(input.waived.map((s) => s.replace(/[^A-Za-z0-9._*-]/g, ''))),
    s: list(input.skipped.map((s) => s.replace(/[^A-Za-z0-9._*-]/g, ''))),
  };
  return { ...base, k: checksum(base) };
}

export function formatEvidence(f: EvidenceFields): string {
  return `${f.v} p=${f.p} a=${f.a} c=${f.c} r=${f.r} w=${f.w} s=${f.s} k=${f.k}`;
}

export function parseEvidence(value: string): EvidenceFields | null {
  const parts = value.trim().split(/\s+/);
  if (parts[0] !== EVIDENCE_VERSION) return null;
  const f: Record<string, string> = { v: parts[0] };
  for (const p of parts.slice(1)) {
    const i = p.indexOf('=');
    if (i <= 0) return null;
    f[p.slice(0, i)] = p.slice(i + 1);
  }
  for (const k of ['p', 'a', 'c', 'r', 'w', 's', 'k']) if (typeof f[k] !== 'string' || !f[k]) return null;
  return f as unknown as EvidenceFields;
}

/** The trailer values named Harness-Evidence in a message (last paragraph rules are git's; we read every line). */
export function evidenceTrailers(message: string): string[] {
  const out: string[] = [];
  for (const line of message.split('\n')) {
    const m = /^harness-evidence\s*:\s*(.*)$/i.exec(line.trim());
    if (m) out.push(m[1]!.trim());
  }
  return out;
}

export type EvidenceState =
  /** The trailer matches the commit's change. */
  | 'valid'
  /** A merge with no changes of its own: its tree is what git's automatic merge of its parents gives. */
  | 'clean-merge'
  /** No trailer: committed with --no-verify, without the hooks, or under HARNESS_EMERGENCY. */
  | 'missing'
  /** A trailer that does not parse or whose check field is wrong (edited by hand, truncated). */
  | 'malformed'
  /** A well-formed trailer for a different change: amended or rebased with conflicts after the checks. */
  | 'stale'
  /** Made before harness-hooks was adopted: an ancestor of the commit that added the harness config. */
  | 'pre-harness';

export interface CommitEvidence {
  sha: string;
  subject: string;
  parents: string[];
  state: EvidenceState;
  ok: boolean;
  /** Plain-language explanation for people and agents. */
  reason: string;
  fields?: EvidenceFields;
  /** The commit's own patch-id (first 16 hex). */
  patchId: string;
  /** Policies that were waived / skipped when the evidence was made. */
  waived: string[];
  skipped: string[];
  /** pre-commit did not run for this change (a merge, or the pre-commit hook is not installed). */
  preCommitRan?: boolean;
}

export interface CommitLike {
  sha: string;
  parents: string[];
  message: string;
}

async function isCleanMerge(c: CommitLike, cwd: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  if (c.parents.length !== 2) return false;
  const r = await gitRaw(['merge-tree', '--write-tree', '--no-messages', c.parents[0]!, c.parents[1]!], { cwd, env, allowFail: true });
  if (r.code !== 0) return false; // conflicts (1) or an error: the merge needed hands, so it needs evidence
  const tree = r.stdout.toString('utf8').split('\n')[0]!.trim();
  const own = await gitRaw(['rev-parse', `${c.sha}^{tree}`], { cwd, env, allowFail: true });
  return own.code === 0 && own.stdout.toString('utf8').trim() === tree;
}

const FIX_MISSING =
  'Re-run the checks on it: `git rebase -x "git commit --amend --no-edit" <base>` (or `git commit --amend --no-edit` for the last commit) with the hooks installed (`npx harness-hooks init`).';

/** Check each commit's evidence. Never throws for a commit's content; git failures propagate. */
export async function verifyCommits(commits: CommitLike[], cwd: string, env: NodeJS.ProcessEnv): Promise<CommitEvidence[]> {
  const ids = await commitPatchIds(
    commits.map((c) => c.sha),
    cwd,
    env,
  );
  const results: CommitEvidence[] = [];
  for (const c of commits) {
    const subject = c.message.split('\n')[0] ?? '';
    const patchId = ids.get(c.sha) ?? EMPTY;
    const base = { sha: c.sha, subject, parents: c.parents, patchId, waived: [] as string[], skipped: [] as string[] };
    const values = evidenceTrailers(c.message);
    if (values.length === 0) {
      if (c.parents.length > 1 && (await isCleanMerge(c, cwd, env))) {
        results.push({ ...base, state: 'clean-merge', ok: true, reason: 'merge commit with no changes of its own (its tree is the automatic merge of its parents)' });
        continue;
      }
      results.push({
        ...base,
        state: 'missing',
        ok: false,
        reason:
          c.parents.length > 1
            ? 'merge commit with changes of its own (conflict resolution or edits) and no Harness-Evidence trailer: the checks did not run on it'
            : 'no Harness-Evidence trailer: the checks did not run (committed with --no-verify, without the hooks installed, or under HARNESS_EMERGENCY)',
      });
      continue;
    }
    // Several trailers happen when commits are squashed (`squash!`, `rebase -i` squash): any
    // well-formed one that matches the change counts; otherwise the last one is reported.
    const parsed = values.map(parseEvidence).map((f) => (f && checksum(f) === f.k ? f : null));
    const intact = parsed.filter((f): f is EvidenceFields => f !== null);
    if (intact.length === 0) {
      results.push({ ...base, state: 'malformed', ok: false, reason: 'the Harness-Evidence trailer is damaged or was edited by hand (its check field does not match)' });
      continue;
    }
    const matching = intact.filter((f) => f.p === patchId || (f.a !== '-' && f.a === patchId));
    const fields = matching[matching.length - 1] ?? intact[intact.length - 1]!;
    const waived = fields.w === '-' ? [] : fields.w.split(',');
    const skipped = fields.s === '-' ? [] : fields.s.split(',');
    const preCommitRan = !/(^|,)pre:none(,|$)/.test(fields.r);
    if (matching.length) {
      results.push({ ...base, fields, waived, skipped, preCommitRan, state: 'valid', ok: true, reason: 'the checks ran on exactly this change' });
      continue;
    }
    if (c.parents.length > 1 && (await isCleanMerge(c, cwd, env))) {
      results.push({ ...base, fields, waived, skipped, state: 'clean-merge', ok: true, reason: 'merge commit with no changes of its own' });
      continue;
    }
    const parentMissing = c.parents[0] ? (await gitRaw(['cat-file', '-e', `${c.parents[0]}^{commit}`], { cwd, env, allowFail: true })).code !== 0 : false;
    results.push({
      ...base,
      fields,
      waived,
      skipped,
      preCommitRan,
      state: 'stale',
      ok: false,
      reason: parentMissing
        ? "cannot be checked: its parent is not in this clone (a shallow clone); fetch the full history (git fetch --unshallow, or fetch-depth: 0 in CI)"
        : 'the change differs from the one the checks ran on: amended or edited after the checks (e.g. `commit --amend --no-verify`, or a rebase that resolved conflicts)',
    });
  }
  return results;
}

/**
 * Commits made before the repository adopted harness-hooks cannot carry evidence. When some commits
 * lack it, find the first commit (on the checked history) that added the harness config file; the
 * commits that are its ancestors are marked `pre-harness` (ok). Only runs on the failure path.
 */
export async function exemptPreHarness(results: CommitEvidence[], cwd: string, env: NodeJS.ProcessEnv, configRel: string | undefined, head = 'HEAD'): Promise<CommitEvidence[]> {
  if (!configRel || configRel === 'package.json' || configRel.startsWith('..') || results.every((r) => r.ok)) return results;
  const added = await gitRaw(['log', '--diff-filter=A', '--format=%H', '--reverse', head, '--', configRel], { cwd, env, allowFail: true });
  const adoption = added.stdout.toString('utf8').split('\n')[0]?.trim();
  if (!adoption) return results;
  const bad = results.filter((r) => !r.ok && r.sha !== adoption);
  // Few commits: ask git per commit. Many: list the adoption commit's ancestry once.
  let ancestors: Set<string> | undefined;
  if (bad.length > 8) {
    const list = await gitRaw(['rev-list', adoption], { cwd, env });
    ancestors = new Set(list.stdout.toString('utf8').split('\n').filter(Boolean));
  }
  const out: CommitEvidence[] = [];
  for (const r of results) {
    if (r.ok || r.sha === adoption) {
      out.push(r);
      continue;
    }
    const isAncestor = ancestors
      ? ancestors.has(r.sha)
      : (await gitRaw(['merge-base', '--is-ancestor', r.sha, adoption], { cwd, env, allowFail: true })).code === 0;
    out.push(isAncestor ? { ...r, state: 'pre-harness', ok: true, reason: `made before harness-hooks was adopted here (${configRel} was added in ${adoption.slice(0, 12)})` } : r);
  }
  return out;
}

export function evidenceFix(): string {
  return FIX_MISSING;
}

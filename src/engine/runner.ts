/**
 * The hook runner: one path for every hook.
 *   repo facts -> config -> (index-mutating policies) -> ChangeSet, read once -> policies, concurrently
 *   -> waivers -> report -> ledger -> exit code.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChangeSet, CommandRecord, Finding, HookName, Policy, PolicyBaseConfig, PolicyOutcome, RepoInfo, RunRecord } from './types.js';
import { EXIT } from './types.js';
import { detectAgent } from './agent.js';
import { envWaivers, isWaiver, parseSkip, trailerWaivers, type Waiver, type WaiverProblem } from './waivers.js';
import { POLICIES } from '../policies/index.js';
import type { LoadedConfig } from '../config/load.js';
import { makeGitRunner } from '../git/exec.js';

export interface RunInput {
  hook: HookName;
  repo: RepoInfo;
  loaded: LoadedConfig;
  env: NodeJS.ProcessEnv;
  /** Builds the change (staged / range / files); called once, after index-mutating policies. */
  buildChange: () => Promise<ChangeSet>;
  /** commit-msg: the message file. */
  messageFile?: string;
  /** Run only these policies (check --policy). */
  only?: string[];
  /** The policy registry (tests inject their own; default: the built-in POLICIES). */
  policies?: readonly Policy[];
  /** The commit being made is a merge commit (pre-merge-commit, or pre-commit with MERGE_HEAD). */
  merge?: boolean;
  /** The config the change introduces, when it differs from the one it is checked under. */
  nextConfig?: LoadedConfig['config'];
}

export interface RunOutput {
  exitCode: number;
  record: RunRecord;
  findings: Finding[];
  /** Findings deferred to commit-msg (waivable by a trailer). */
  pending: Finding[];
  waiverProblems: WaiverProblem[];
  notes: string[];
  change?: ChangeSet;
  /** Why waivers are not available to whoever is committing (shown instead of the waive hint). */
  waiversUnavailable?: string;
}

export function changeHash(change: ChangeSet): string {
  const h = createHash('sha256');
  for (const f of change.files) h.update(`${f.status}\0${f.oldPath ?? ''}\0${f.path}\0${f.blob ?? ''}\0${f.mode ?? ''}\n`);
  return h.digest('hex');
}

export function configHash(config: unknown): string {
  return createHash('sha256').update(canonicalJson(config)).digest('hex');
}

export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

export function policyHooks(p: Policy, cfg: { hooks?: HookName[] }): HookName[] {
  return cfg.hooks ?? p.hooks;
}

function pendingFile(repo: RepoInfo) {
  return join(repo.gitDir, 'harness', 'pending.json');
}

export async function runHook(input: RunInput): Promise<RunOutput> {
  const started = Date.now();
  const { hook, repo, loaded, env } = input;
  const config = loaded.config;
  const agent = detectAgent(env);
  const notes: string[] = [];
  const commands: CommandRecord[] = [];
  const git = makeGitRunner(repo.root, env);

  // Skips: explicit, loud, recorded. Agents may not skip unless config allows it.
  let skipped = parseSkip(env);
  let emergency = env.HARNESS_EMERGENCY?.trim() || undefined;
  if ((skipped.length || emergency) && agent.isAgent && !config.skip.allowAgents) {
    notes.push(
      `HARNESS_SKIP / HARNESS_EMERGENCY are not honoured for AI agents (detected ${agent.name} via ${agent.via}); every policy runs. ` +
        'A person can allow it with skip.allowAgents: true in the harness config.',
    );
    skipped = [];
    emergency = undefined;
  }
  const unknownSkips = skipped.filter((s) => s !== '*' && !(input.policies ?? POLICIES).some((p) => p.id === s));
  for (const u of unknownSkips) notes.push(`HARNESS_SKIP names "${u}", which is not a policy id; it skips nothing.`);

  // The resolved config carries every policy with its defaults (validated once, then cached).
  const policyCfg = (id: string) => (config.policies as Record<string, any>)[id] as PolicyBaseConfig & Record<string, unknown>;
  const registry = input.policies ?? POLICIES;
  const selected = registry.filter((p) => {
    const cfg = policyCfg(p.id);
    if (!cfg) return false;
    if (!cfg.enabled) return false;
    if (input.only && !input.only.includes(p.id)) return false;
    if (hook === 'manual') return true;
    return policyHooks(p, cfg).includes(hook);
  });

  const outcomes: PolicyOutcome[] = [];
  const findings: Finding[] = [];
  const controller = new AbortController();

  const runOne = async (p: Policy, change: ChangeSet): Promise<void> => {
    const cfg = policyCfg(p.id);
    if (p.skipOnMerge && hook === 'pre-commit' && (input.merge || repo.inProgress === 'merge')) {
      outcomes.push({ id: p.id, status: 'skipped', durationMs: 0, findings: 0, note: 'merge commit: checked on the merged branch' });
      return;
    }
    if (emergency || skipped.includes(p.id) || skipped.includes('*')) {
      outcomes.push({ id: p.id, status: 'skipped', durationMs: 0, findings: 0, note: emergency ? `HARNESS_EMERGENCY: ${emergency}` : 'HARNESS_SKIP' });
      return;
    }
    const t0 = Date.now();
    try {
      const out = await p.run({
        change,
        config: cfg,
        fullConfig: config as never,
        nextConfig: input.nextConfig as never,
        hook,
        agent,
        env,
        git,
        recordCommand: (c) => commands.push(c),
        sourceFor: (key) => (key ? cfg.sources?.[key] : undefined) ?? cfg.sources?.['*'],
        signal: controller.signal,
      });
      for (const f of out) {
        if (cfg.severity === 'warning' && f.severity === 'error') f.severity = 'warning';
        findings.push(f);
      }
      outcomes.push({ id: p.id, status: out.some((f) => f.severity === 'error') ? 'failed' : out.length ? 'warned' : 'passed', durationMs: Date.now() - t0, findings: out.length });
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      findings.push({
        policy: p.id,
        severity: 'error',
        message: `The ${p.id} policy crashed, so the change was not checked: ${msg}`,
        fix: 'This is a harness-hooks bug or a broken environment. Run `npx harness-hooks doctor`; report it with the output of `HARNESS_DEBUG=1 git commit ...`.',
        waivable: false,
        data: { internal: true },
      });
      outcomes.push({ id: p.id, status: 'error', durationMs: Date.now() - t0, findings: 1, note: msg });
    }
  };

  // Policies that change the index (lint-staged fixers) run first, one at a time.
  const mutating = selected.filter((p) => p.mutatesIndex);
  const readOnly = selected.filter((p) => !p.mutatesIndex);
  let change: ChangeSet | undefined;
  if (selected.length > 0 || hook === 'commit-msg') {
    // lint-staged reads the index itself: it gets the repo facts and an empty file list.
    const before: ChangeSet = { kind: 'staged', repo, files: [], readFile: async () => null, commitFiles: async () => [] };
    for (const p of mutating) await runOne(p, before);
    change = await input.buildChange();
    if (input.messageFile) {
      change.messageFile = input.messageFile;
      try {
        change.message = readFileSync(input.messageFile, 'utf8');
      } catch {
        change.message = '';
      }
    }
    await Promise.all(readOnly.map((p) => runOne(p, change!)));
  }

  // Waivers: HARNESS_WAIVE always; Harness-Waive trailers at commit-msg.
  const waiverInputs = [...envWaivers(env), ...(change?.message !== undefined ? trailerWaivers(change.message) : [])];
  const waiverProblems: WaiverProblem[] = waiverInputs.filter((w): w is WaiverProblem => !isWaiver(w));
  let waivers = waiverInputs.filter(isWaiver);
  const minLen = config.waivers.minReasonLength;
  waivers = waivers.filter((w) => {
    if (w.reason.length < minLen) {
      waiverProblems.push({ text: `${w.policies.join(',')}: ${w.reason}`, problem: `the reason is shorter than ${minLen} characters` });
      return false;
    }
    return true;
  });
  if (waivers.length && !config.waivers.allow) {
    notes.push('Waivers are turned off in this repo (waivers.allow: false); the waiver was ignored.');
    waivers = [];
  }
  if (waivers.length && agent.isAgent && !config.waivers.allowAgents) {
    notes.push(
      `Waivers are not accepted from AI agents in this repo (waivers.allowAgents: false; detected ${agent.name} via ${agent.via}). Ask a person to review and waive.`,
    );
    waivers = [];
  }

  // commit-msg: bring back findings that pre-commit deferred so a trailer can waive them.
  if (hook === 'commit-msg' && change) {
    try {
      const pending = JSON.parse(await readFile(pendingFile(repo), 'utf8')) as { changeHash: string; findings: Finding[] };
      if (pending.changeHash === changeHash(change)) findings.push(...pending.findings);
    } catch {
      /* nothing pending */
    }
    await rm(pendingFile(repo), { force: true });
  }

  const applied: Waiver[] = [];
  for (const f of findings) {
    if (!f.waivable || f.severity !== 'error') continue;
    const w = waivers.find((w) => w.policies.includes(f.policy) || w.policies.includes('*') || (f.rule && w.policies.includes(`${f.policy}.${f.rule}`)));
    if (w) {
      f.waived = { reason: w.reason, via: w.via };
      if (!applied.includes(w)) applied.push(w);
    }
  }
  for (const o of outcomes) {
    const mine = findings.filter((f) => f.policy === o.id && f.severity === 'error');
    if (mine.length && mine.every((f) => f.waived)) o.status = 'waived';
  }

  const waiversUnavailable = !config.waivers.allow
    ? 'waivers are turned off in this repo (waivers.allow: false): fix it'
    : agent.isAgent && !config.waivers.allowAgents
      ? `AI agents cannot waive findings here (waivers.allowAgents: false; detected ${agent.name ?? 'an agent'}): fix it, or ask a person to review and waive`
      : undefined;

  // pre-commit: waivable findings wait for commit-msg, where a Harness-Waive trailer can clear them,
  // provided our commit-msg hook is installed to catch them and this committer may waive at all.
  let pending: Finding[] = [];
  if (hook === 'pre-commit' && change) {
    const blockingWaivable = findings.filter((f) => f.severity === 'error' && !f.waived && f.waivable);
    const hard = findings.filter((f) => f.severity === 'error' && !f.waived && !f.waivable);
    if (blockingWaivable.length && hard.length === 0 && !waiversUnavailable && commitMsgHookInstalled(repo)) {
      pending = blockingWaivable;
      await mkdir(join(repo.gitDir, 'harness'), { recursive: true });
      await writeFile(pendingFile(repo), JSON.stringify({ changeHash: changeHash(change), findings: pending }));
      for (const o of outcomes) if (pending.some((f) => f.policy === o.id)) o.status = 'pending';
    } else {
      await rm(pendingFile(repo), { force: true });
    }
  }

  const blocking = findings.filter((f) => f.severity === 'error' && !f.waived && !pending.includes(f));
  const internal = blocking.some((f) => f.data?.internal);
  const exitCode = blocking.length === 0 ? EXIT.OK : internal ? EXIT.INTERNAL : EXIT.BLOCKED;
  const record: RunRecord = {
    v: 1,
    id: randomUUID(),
    time: new Date(started).toISOString(),
    hook,
    outcome: emergency ? 'skipped' : exitCode === 0 ? 'passed' : internal ? 'error' : 'blocked',
    exitCode,
    durationMs: Date.now() - started,
    repo: { root: repo.root, branch: repo.branch, head: repo.head, linkedWorktree: repo.isLinkedWorktree },
    agent,
    policies: outcomes.sort((a, b) => registry.findIndex((p) => p.id === a.id) - registry.findIndex((p) => p.id === b.id)),
    findings,
    waivers: applied.map((w) => ({ policies: w.policies, reason: w.reason, via: w.via })),
    skipped: emergency ? ['*'] : skipped,
    commands,
    configHash: configHash(config),
  };
  if (emergency) record.emergency = emergency;
  if (change) {
    record.changeHash = changeHash(change);
    record.files = change.files.length;
  }
  return { exitCode, record, findings, pending, waiverProblems, notes, change, waiversUnavailable };
}

function commitMsgHookInstalled(repo: RepoInfo): boolean {
  // Our installer writes a marker line into every hook it owns.
  for (const dir of hookDirsToProbe(repo)) {
    const f = join(dir, 'commit-msg');
    try {
      if (existsSync(f) && readFileSync(f, 'utf8').includes('harness-hooks')) return true;
    } catch {
      /* unreadable */
    }
  }
  return false;
}

function hookDirsToProbe(repo: RepoInfo): string[] {
  return [join(repo.commonDir, 'harness', 'hooks'), join(repo.commonDir, 'hooks'), join(repo.gitDir, 'hooks')];
}

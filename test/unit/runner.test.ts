/**
 * The runner's contract, with a small policy declared in the test (the runner is generic over
 * policies) and a real staged change from git: exit codes, severities, waivers (env and trailer),
 * pending findings carried from pre-commit to commit-msg, skips, the emergency switch, crashes,
 * and what agents may not do.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runHook } from '../../src/engine/runner.js';
import { definePolicy, type Finding, type HookName } from '../../src/engine/types.js';
import { policyConfig } from '../../src/config/base.js';
import { loadConfig, type LoadedConfig } from '../../src/config/load.js';
import { readRepoInfo } from '../../src/git/repo.js';
import { stagedChangeSet } from '../../src/git/changeset.js';
import { cleanupAll, makeRepo, type Repo } from '../helpers/repo.js';

afterAll(cleanupAll);

/** Blocks when a staged file's added line contains "BAD"; waivable unless the line says "HARD". */
const markerPolicy = definePolicy({
  id: 'marker',
  description: 'test policy',
  hooks: ['pre-commit'],
  schema: policyConfig(() => ({})),
  waivable: true,
  async run(ctx) {
    const out: Finding[] = [];
    for (const f of ctx.change.files)
      for (const l of f.addedLines)
        if (l.text.includes('BAD'))
          out.push({ policy: 'marker', severity: 'error', message: 'BAD marker', file: f.path, line: l.line, waivable: !l.text.includes('HARD'), source: ctx.sourceFor('*') });
    if (ctx.change.files.some((f) => f.path === 'crash.txt')) throw new Error('boom');
    return out;
  },
});

async function setup(opts: { policyCfg?: Record<string, unknown>; top?: Record<string, unknown>; commitMsgHook?: boolean } = {}) {
  const repo = makeRepo();
  const base = await loadConfig(repo.dir, { raw: opts.top ?? {} });
  const loaded: LoadedConfig = {
    ...base,
    config: { ...base.config, policies: { ...base.config.policies, marker: { enabled: true, severity: 'error', ...opts.policyCfg } } },
  };
  if (opts.commitMsgHook !== false) {
    mkdirSync(join(repo.dir, '.git', 'hooks'), { recursive: true });
    writeFileSync(join(repo.dir, '.git', 'hooks', 'commit-msg'), '#!/bin/sh\n# harness-hooks: test\n', { mode: 0o755 });
  }
  return { repo, loaded };
}

async function run(repo: Repo, loaded: LoadedConfig, hook: HookName, env: NodeJS.ProcessEnv = {}, message?: string) {
  const info = await readRepoInfo(repo.dir, repo.env);
  let messageFile: string | undefined;
  if (message !== undefined) {
    messageFile = join(repo.dir, '.git', 'COMMIT_EDITMSG');
    writeFileSync(messageFile, message);
  }
  return runHook({
    hook,
    repo: info,
    loaded,
    env: { ...repo.env, ...env },
    messageFile,
    policies: [markerPolicy],
    buildChange: () => stagedChangeSet(info, { env: repo.env }),
  });
}

function stage(repo: Repo, path: string, text: string) {
  repo.write(path, text);
  repo.git(['add', path]);
}

describe('runner', () => {
  it('passes a clean change and blocks a bad one with exit 1', async () => {
    const { repo, loaded } = await setup({ commitMsgHook: false });
    stage(repo, 'ok.txt', 'fine\n');
    const ok = await run(repo, loaded, 'pre-commit');
    expect(ok.exitCode).toBe(0);
    expect(ok.record.policies).toEqual([expect.objectContaining({ id: 'marker', status: 'passed' })]);
    stage(repo, 'bad.txt', 'BAD\n');
    const bad = await run(repo, loaded, 'pre-commit');
    expect(bad.exitCode).toBe(1);
    expect(bad.findings[0]).toMatchObject({ file: 'bad.txt', line: 1 });
    expect(bad.record.outcome).toBe('blocked');
  });

  it('severity "warning" reports without blocking', async () => {
    const { repo, loaded } = await setup({ policyCfg: { severity: 'warning' } });
    stage(repo, 'bad.txt', 'BAD\n');
    const r = await run(repo, loaded, 'pre-commit');
    expect(r.exitCode).toBe(0);
    expect(r.findings[0]!.severity).toBe('warning');
    expect(r.record.policies[0]!.status).toBe('warned');
  });

  it('HARNESS_WAIVE with a reason waives waivable findings and records the waiver', async () => {
    const { repo, loaded } = await setup();
    stage(repo, 'bad.txt', 'BAD\n');
    const r = await run(repo, loaded, 'pre-commit', { HARNESS_WAIVE: 'marker: reviewed with the security team' });
    expect(r.exitCode).toBe(0);
    expect(r.findings[0]!.waived).toEqual({ reason: 'reviewed with the security team', via: 'env' });
    expect(r.record.waivers).toEqual([{ policies: ['marker'], reason: 'reviewed with the security team', via: 'env' }]);
    expect(r.record.policies[0]!.status).toBe('waived');
  });

  it('a waiver without a (long enough) reason is refused and said so', async () => {
    const { repo, loaded } = await setup({ commitMsgHook: false });
    stage(repo, 'bad.txt', 'BAD\n');
    const none = await run(repo, loaded, 'pre-commit', { HARNESS_WAIVE: 'marker' });
    expect(none.exitCode).toBe(1);
    expect(none.waiverProblems[0]!.problem).toContain('no reason');
    const short = await run(repo, loaded, 'pre-commit', { HARNESS_WAIVE: 'marker: ok' });
    expect(short.exitCode).toBe(1);
    expect(short.waiverProblems[0]!.problem).toContain('shorter than 8');
  });

  it('a non-waivable finding blocks whatever the waiver says', async () => {
    const { repo, loaded } = await setup();
    stage(repo, 'bad.txt', 'BAD HARD\n');
    const r = await run(repo, loaded, 'pre-commit', { HARNESS_WAIVE: 'marker: I really want this in' });
    expect(r.exitCode).toBe(1);
    expect(r.findings[0]!.waived).toBeUndefined();
  });

  it('waivable findings wait for commit-msg, where a Harness-Waive trailer clears them', async () => {
    const { repo, loaded } = await setup();
    stage(repo, 'bad.txt', 'BAD\n');
    const pre = await run(repo, loaded, 'pre-commit');
    expect(pre.exitCode).toBe(0);
    expect(pre.pending).toHaveLength(1);
    expect(pre.record.policies[0]!.status).toBe('pending');
    const noTrailer = await run(repo, loaded, 'commit-msg', {}, 'feat: x\n');
    expect(noTrailer.exitCode).toBe(1);
    expect(noTrailer.findings[0]).toMatchObject({ policy: 'marker', file: 'bad.txt' });
    // Pending findings are consumed; the next pre-commit parks them again.
    await run(repo, loaded, 'pre-commit');
    const withTrailer = await run(repo, loaded, 'commit-msg', {}, 'feat: x\n\nHarness-Waive: marker: fixture data, not a real marker\n');
    expect(withTrailer.exitCode).toBe(0);
    expect(withTrailer.findings[0]!.waived).toEqual({ reason: 'fixture data, not a real marker', via: 'trailer' });
  });

  it('pending findings do not carry over to a different staged change', async () => {
    const { repo, loaded } = await setup();
    stage(repo, 'bad.txt', 'BAD\n');
    expect((await run(repo, loaded, 'pre-commit')).pending).toHaveLength(1);
    repo.git(['rm', '-q', '--cached', 'bad.txt']);
    stage(repo, 'ok.txt', 'fine\n');
    expect((await run(repo, loaded, 'commit-msg', {}, 'x\n')).exitCode).toBe(0);
  });

  it('without our commit-msg hook, waivable findings block at pre-commit', async () => {
    const { repo, loaded } = await setup({ commitMsgHook: false });
    stage(repo, 'bad.txt', 'BAD\n');
    const r = await run(repo, loaded, 'pre-commit');
    expect(r.exitCode).toBe(1);
    expect(r.pending).toEqual([]);
  });

  it('HARNESS_SKIP skips the named policy and records it; unknown ids are reported', async () => {
    const { repo, loaded } = await setup();
    stage(repo, 'bad.txt', 'BAD HARD\n');
    const r = await run(repo, loaded, 'pre-commit', { HARNESS_SKIP: 'marker,nosuch' });
    expect(r.exitCode).toBe(0);
    expect(r.record.skipped).toEqual(['marker', 'nosuch']);
    expect(r.record.policies[0]!.status).toBe('skipped');
    expect(r.notes.join('\n')).toContain('"nosuch", which is not a policy id');
  });

  it('HARNESS_EMERGENCY skips everything and marks the run as skipped', async () => {
    const { repo, loaded } = await setup();
    stage(repo, 'bad.txt', 'BAD HARD\n');
    const r = await run(repo, loaded, 'pre-commit', { HARNESS_EMERGENCY: 'prod down, INC-7' });
    expect(r.exitCode).toBe(0);
    expect(r.record).toMatchObject({ outcome: 'skipped', emergency: 'prod down, INC-7', skipped: ['*'] });
  });

  it('agents may not skip unless config allows it', async () => {
    const { repo, loaded } = await setup();
    stage(repo, 'bad.txt', 'BAD HARD\n');
    const r = await run(repo, loaded, 'pre-commit', { HARNESS_SKIP: 'marker', CLAUDECODE: '1' });
    expect(r.exitCode).toBe(1);
    expect(r.notes.join('\n')).toContain('not honoured for AI agents');
    const allowed = await setup({ top: { skip: { allowAgents: true } } });
    stage(allowed.repo, 'bad.txt', 'BAD HARD\n');
    expect((await run(allowed.repo, allowed.loaded, 'pre-commit', { HARNESS_SKIP: 'marker', CLAUDECODE: '1' })).exitCode).toBe(0);
  });

  it('waivers.allowAgents: false refuses an agent\'s waiver', async () => {
    const { repo, loaded } = await setup({ top: { waivers: { allowAgents: false } }, commitMsgHook: false });
    stage(repo, 'bad.txt', 'BAD\n');
    const r = await run(repo, loaded, 'pre-commit', { HARNESS_WAIVE: 'marker: the agent says it is fine', HARNESS_AGENT: '1' });
    expect(r.exitCode).toBe(1);
    expect(r.notes.join('\n')).toContain('not accepted from AI agents');
  });

  it('a crashing policy fails closed with exit 3', async () => {
    const { repo, loaded } = await setup();
    stage(repo, 'crash.txt', 'x\n');
    const r = await run(repo, loaded, 'pre-commit');
    expect(r.exitCode).toBe(3);
    expect(r.findings[0]!.message).toContain('crashed, so the change was not checked: boom');
    expect(r.record.outcome).toBe('error');
  });

  it('findings quote the AGENTS.md sentence the policy was configured from', async () => {
    const src = { file: 'AGENTS.md', line: 7, text: 'Never write BAD in code.' };
    const { repo, loaded } = await setup({ policyCfg: { sources: { '*': src } }, commitMsgHook: false });
    stage(repo, 'bad.txt', 'BAD\n');
    const r = await run(repo, loaded, 'pre-commit');
    expect(r.findings[0]!.source).toEqual(src);
  });
});

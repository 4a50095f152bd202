/** Run one policy against a real repo's staged change (or a range), the way the runner would. */
import type { ChangeSet, CommandRecord, HookName, Policy, PushRef } from '../../src/engine/types.js';
import { detectAgent } from '../../src/engine/agent.js';
import { readRepoInfo } from '../../src/git/repo.js';
import { stagedChangeSet, rangeChangeSet } from '../../src/git/changeset.js';
import { makeGitRunner } from '../../src/git/exec.js';
import type { Repo } from './repo.js';
import { ensureZod } from '../../src/config/base.js';

/** Parse a policy config with its (lazy) schema, defaults applied. */
export async function parseConfig(policy: Policy<any>, cfg: Record<string, unknown>) {
  await ensureZod();
  return policy.schema.get().parse(cfg);
}

export interface RunOpts {
  hook?: HookName;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  message?: string;
  range?: string;
  push?: { remote?: string; refs: PushRef[] };
  fullPolicies?: Record<string, Record<string, unknown>>;
  /** Other top-level config sections (e.g. waivers). */
  fullExtra?: Record<string, unknown>;
}

export async function runPolicy(policy: Policy<any>, repo: Repo, cfg: Record<string, unknown> = {}, o: RunOpts = {}) {
  const env = { ...repo.env, ...o.env };
  const info = await readRepoInfo(o.cwd ?? repo.dir, env);
  const change: ChangeSet = o.range ? await rangeChangeSet(info, o.range, { env }) : await stagedChangeSet(info, { env });
  if (o.message !== undefined) change.message = o.message;
  if (o.push) change.push = { remote: o.push.remote ?? 'origin', url: 'file:///dev/null', refs: o.push.refs };
  return runPolicyOn(policy, change, cfg, { ...o, env });
}

/** Run one policy on a ChangeSet the test built itself (staged, a range, a message). */
export async function runPolicyOn(policy: Policy<any>, change: ChangeSet, cfg: Record<string, unknown> = {}, o: RunOpts = {}) {
  const env = { ...process.env, ...o.env };
  const info = change.repo;
  const config = await parseConfig(policy, { enabled: true, ...cfg });
  const commands: CommandRecord[] = [];
  const findings = await policy.run({
    change,
    config,
    fullConfig: { ...o.fullExtra, policies: { [policy.id]: config, ...o.fullPolicies } },
    hook: o.hook ?? 'pre-commit',
    agent: detectAgent(env),
    env,
    git: makeGitRunner(info.root, env),
    recordCommand: (c) => commands.push(c),
    sourceFor: (key) => (key ? config.sources?.[key] : undefined) ?? config.sources?.['*'],
    signal: new AbortController().signal,
  });
  return { findings, commands, change, info };
}

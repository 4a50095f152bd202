/**
 * `paths`: some paths need a waiver to change (`protected`: CI workflows, migrations, the harness
 * config), and some can never be committed (`forbidden`: .env files, private keys). Both match the
 * new path and, for renames and copies, the old one. Deleting a forbidden file is always allowed.
 * At pre-push, forbidden paths are looked for in every pushed commit, not just the net diff.
 */
import { definePolicy, type Finding, type PolicyContext } from '../engine/types.js';
import { policyConfig } from '../config/base.js';
import { compileGlobs } from './lib/glob.js';
import { shq, showPath } from './lib/shell.js';
import { sourceForValue } from './lib/cite.js';

export const DEFAULT_FORBIDDEN = [
  '.env',
  '.env.*',
  '!.env.example',
  '!.env.sample',
  '!.env.template',
  '!.env.dist',
  '*.pem',
  '*.key',
  'id_rsa',
  'id_dsa',
  'id_ecdsa',
  'id_ed25519',
  '*.p12',
  '*.pfx',
  '*.jks',
  '*.keystore',
  '.git-credentials',
  '.netrc',
];

/** The harness config files: protected when `protectHarness` is on. */
export const HARNESS_FILES = ['/.harnessrc', '/.harnessrc.*', '/harness.config.*'];

const schema = policyConfig((z) => ({
  protected: z.array(z.string()).default([]).describe('Globs that need a waiver to change (e.g. `.github/workflows/**`, `migrations/**`).'),
  forbidden: z.array(z.string()).default(DEFAULT_FORBIDDEN).describe('Globs that can never be committed (not waivable). `!glob` re-allows, e.g. `!.env.example`.'),
  protectHarness: z.boolean().default(false).describe('Also protect the harness-hooks config files (.harnessrc*, harness.config.*).'),
}));

type Config = NonNullable<(typeof schema)['_output']>;

export async function pathsFindings(ctx: Pick<PolicyContext<Config>, 'change' | 'config' | 'sourceFor' | 'git' | 'fullConfig'>): Promise<Finding[]> {
  const { config, change } = ctx;
  const forbidden = compileGlobs(config.forbidden);
  const protectedSet = compileGlobs([...config.protected, ...(config.protectHarness ? HARNESS_FILES : [])]);
  const out: Finding[] = [];
  const seenForbidden = new Set<string>();

  const forbid = (path: string, how: string, commit?: string, renamedTo?: string) => {
    if (seenForbidden.has(path)) return;
    seenForbidden.add(path);
    const pattern = forbidden.which(path);
    const f: Finding = {
      policy: 'paths',
      rule: 'forbidden',
      severity: config.severity,
      message: renamedTo
        ? `${showPath(path)} matches the forbidden pattern "${pattern}"; renaming it to ${showPath(renamedTo)} still commits its content.`
        : `${showPath(path)} matches the forbidden pattern "${pattern}" and can never be committed${how}.`,
      file: renamedTo ?? path,
      fix: commit
        ? `Remove it from the unpushed history: \`git rebase -i ${commit.slice(0, 12)}^\` and drop or edit that commit (then \`git rm --cached -- ${shq(path)}\`), and add it to .gitignore. If it held a secret, rotate the secret.`
        : `Unstage it and ignore it: \`git rm --cached -- ${shq(renamedTo ?? path)} && echo ${shq('/' + path)} >> .gitignore\`. If it holds a secret, keep it out of git (use a secret manager or an untracked local file).`,
      waivable: false,
      source: sourceForValue(ctx, 'forbidden', pattern),
      data: { pattern },
    };
    if (commit) f.commit = commit;
    out.push(f);
  };

  // At pre-push, a protected change whose commits each carry a `Harness-Waive: paths: <reason>`
  // trailer was waived when it was committed: report it as waived, do not block the push again.
  const waivedInCommits = change.kind === 'range' ? await commitWaivers(ctx) : undefined;

  for (const f of change.files) {
    if (f.status !== 'D' && forbidden.matches(f.path)) forbid(f.path, '');
    else if (f.oldPath !== undefined && (f.status === 'R' || f.status === 'C') && forbidden.matches(f.oldPath)) forbid(f.oldPath, '', undefined, f.path);

    const hitNew = protectedSet.which(f.path);
    const hitOld = f.oldPath !== undefined ? protectedSet.which(f.oldPath) : undefined;
    const hit = hitNew ?? hitOld;
    if (hit) {
      const what = f.status === 'D' ? 'deletes' : f.status === 'A' ? 'adds' : f.status === 'R' ? `renames ${showPath(f.oldPath!)} to` : 'changes';
      const waived = waivedInCommits?.([f.path, ...(f.oldPath ? [f.oldPath] : [])]);
      out.push({
        ...(waived ? { waived } : {}),
        policy: 'paths',
        rule: 'protected',
        severity: config.severity,
        message: `This change ${what} ${showPath(f.path)}, a protected path ("${hit}"): changes here need a reviewed waiver.`,
        file: f.path,
        fix: `Leave it out with \`git restore --staged -- ${shq(f.path)}\`${f.oldPath ? ` ${shq(f.oldPath)}` : ''}; if the change is intended, waive it with a reason a reviewer can check.`,
        waivable: true,
        source: sourceForValue(ctx, 'protected', hit),
        data: { pattern: hit, status: f.status, ...(f.oldPath ? { oldPath: f.oldPath } : {}) },
      });
    }
  }

  // At pre-push (a range), a forbidden file added in one commit and removed in a later one is still
  // in the history being pushed.
  if (change.kind === 'range' && forbidden.patterns.length) {
    const { pathsTouchedInRange } = await import('./lib/range.js');
    const touched = await pathsTouchedInRange(change, ctx.git);
    for (const [path, sha] of touched) if (forbidden.matches(path)) forbid(path, ` (commit ${sha.slice(0, 12)} adds it)`, sha);
  }
  return out;
}

/**
 * A lookup: were all the commits of the range that touched these paths committed with a paths
 * waiver trailer (`paths`, `paths.protected` or `*`, with a long enough reason)?
 */
async function commitWaivers(ctx: Pick<PolicyContext<Config>, 'change' | 'git' | 'fullConfig'>) {
  const commits = ctx.change.commits ?? [];
  const w = (ctx.fullConfig.waivers ?? {}) as { allow?: boolean; minReasonLength?: number };
  if (commits.length === 0 || w.allow === false) return undefined;
  const { trailerWaivers, isWaiver } = await import('../engine/waivers.js');
  const { commitsTouching } = await import('./lib/range.js');
  const minLen = w.minReasonLength ?? 8;
  const reasons = new Map<string, string>();
  for (const c of commits) {
    const ok = trailerWaivers(c.message)
      .filter(isWaiver)
      .find((x) => x.reason.length >= minLen && x.policies.some((p) => p === 'paths' || p === 'paths.protected' || p === '*'));
    if (ok) reasons.set(c.sha, ok.reason);
  }
  if (reasons.size === 0) return undefined;
  const touching = await commitsTouching(ctx.change, ctx.git);
  return (paths: string[]): { reason: string; via: 'trailer' } | undefined => {
    const shas = paths.flatMap((p) => touching.get(p) ?? []);
    if (shas.length === 0 || !shas.every((s) => reasons.has(s))) return undefined;
    const r = [...new Set(shas.map((s) => `${reasons.get(s)} (commit ${s.slice(0, 12)})`))].join('; ');
    return { reason: r, via: 'trailer' };
  };
}

export const pathsPolicy = definePolicy({
  id: 'paths',
  description: 'Protected paths need a waiver to change; forbidden paths (.env, private keys) are never committed.',
  hooks: ['pre-commit', 'pre-push'],
  schema,
  waivable: true,
  summarize: (c) => {
    const parts = [];
    const prot = [...c.protected, ...(c.protectHarness ? ['the harness config'] : [])];
    if (prot.length) parts.push(`changes to ${prot.join(', ')} need a waiver`);
    const pos = c.forbidden.filter((p) => !p.startsWith('!'));
    const neg = c.forbidden.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
    if (pos.length) parts.push(`never commit ${pos.join(', ')}${neg.length ? ` (except ${neg.join(', ')})` : ''}`);
    return parts.join('; ') || 'no path rules';
  },
  async run(ctx) {
    return pathsFindings(ctx);
  },
});

/**
 * `size`: keep commits and pull requests reviewable. Per commit at pre-commit (staged files and
 * lines added + deleted); per branch at pre-push, measured from the merge base with the base branch
 * (the size of the PR the push becomes). Lockfiles, snapshots, vendored and built files, and files
 * .gitattributes marks generated are not counted. Over a limit, the finding proposes a split.
 */
import { definePolicy, type ChangeSet, type Finding, type PolicyContext } from '../engine/types.js';
import { policyConfig } from '../config/base.js';
import { compileGlobs } from './lib/glob.js';
import { shq, showPath } from './lib/shell.js';
import type { SizedFile, SplitGroup } from './lib/size-files.js';
import { DEFAULT_SIZE_EXCLUDE } from './lib/size-defaults.js';
import { group, plural } from './lib/plural.js';

/** The helpers that spawn git or group files, loaded only when a change is over a limit or at pre-push. */
const sizeFiles = () => import('./lib/size-files.js');

const schema = policyConfig((z) => {
  const limit = () => z.number().int().positive().nullable();
  return {
  maxFiles: limit().default(null).describe('Most files one commit may change (null: no limit).'),
  maxLines: limit().default(null).describe('Most lines (added + deleted) one commit may change (null: no limit).'),
  branch: z
    .strictObject({
      maxFiles: limit().default(null).describe('Most files a pushed branch may change against its base (the PR size).'),
      maxLines: limit().default(null).describe('Most lines a pushed branch may change against its base.'),
      base: z.string().nullable().default(null).describe('Base branch to measure against (null: <remote>/HEAD, else main, else master).'),
    })
    .prefault({})
    .describe('Per-branch (pull request) limits, checked at pre-push.'),
  exclude: z.array(z.string()).default(DEFAULT_SIZE_EXCLUDE).describe('Globs not counted (lockfiles, snapshots, vendored, dist). `!glob` re-includes.'),
  gitattributes: z.boolean().default(true).describe('Also skip files .gitattributes marks `linguist-generated` or `-diff`.'),
  agents: z
    .strictObject({
      maxFiles: limit().optional(),
      maxLines: limit().optional(),
      branch: z.strictObject({ maxFiles: limit().optional(), maxLines: limit().optional() }).optional(),
    })
    .prefault({})
    .describe('Limits used instead when an AI agent commits or pushes (unset keys fall back to the ones above).'),
  };
});

type Config = NonNullable<(typeof schema)['_output']>;
type Ctx = Pick<PolicyContext<Config>, 'change' | 'config' | 'agent' | 'git' | 'sourceFor' | 'hook'>;

interface Limits {
  maxFiles: number | null;
  maxLines: number | null;
}

export function effectiveLimits(config: Config, isAgent: boolean): { commit: Limits; branch: Limits } {
  const a = isAgent ? config.agents : {};
  const pick = (agentV: number | null | undefined, v: number | null) => (agentV !== undefined ? agentV : v);
  return {
    commit: { maxFiles: pick(a.maxFiles, config.maxFiles), maxLines: pick(a.maxLines, config.maxLines) },
    branch: { maxFiles: pick(a.branch?.maxFiles, config.branch.maxFiles), maxLines: pick(a.branch?.maxLines, config.branch.maxLines) },
  };
}

/**
 * The sentence behind the limit that was exceeded: the agents' limit when it is the one in force
 * (as effectiveLimits picks it), else the limit for everyone. A limit no sentence set (a preset's)
 * cites nothing rather than another size sentence; configs without per-key citations keep the old lookup.
 */
function limitSource(ctx: Pick<Ctx, 'config' | 'agent' | 'sourceFor'>, prefix: '' | 'branch.', which: 'maxLines' | 'maxFiles') {
  const s = ctx.config.sources;
  if (!s) return undefined;
  const agentLimit = prefix ? ctx.config.agents.branch?.[which] : ctx.config.agents[which];
  const key = ctx.agent.isAgent && agentLimit !== undefined ? `agents.${prefix}${which}` : `${prefix}${which}`;
  if (s[key]) return s[key];
  const perKey = Object.keys(s).some((k) => /(?:^|\.)max(?:Lines|Files)$/.test(k));
  return perKey ? undefined : ctx.sourceFor(prefix ? 'branch' : key);
}

const n = (x: number) => group(x);
const total = (files: readonly SizedFile[]) => files.reduce((s, f) => s + f.lines, 0);
const over = (files: readonly SizedFile[], l: Limits) =>
  (l.maxFiles !== null && files.length > l.maxFiles) || (l.maxLines !== null && total(files) > l.maxLines);

/** Apply the exclude globs, then (only when still over the limit) .gitattributes. */
async function counted(ctx: Ctx, files: SizedFile[], l: Limits, cachedAttrs: boolean) {
  const ex = compileGlobs(ctx.config.exclude);
  const kept = files.filter((f) => !ex.matches(f.path));
  let excluded = files.length - kept.length;
  if (!over(kept, l) || !ctx.config.gitattributes) return { kept, excluded };
  const { generatedByAttributes } = await sizeFiles();
  const generated = await generatedByAttributes(ctx.git, kept.map((f) => f.path), cachedAttrs);
  const kept2 = kept.filter((f) => !generated.has(f.path));
  excluded += kept.length - kept2.length;
  return { kept: kept2, excluded };
}

async function trackedManifests(ctx: Ctx, at?: string): Promise<string[]> {
  const names = ['package.json', 'go.mod', 'Cargo.toml', 'pyproject.toml', 'setup.py', 'pom.xml', 'build.gradle', 'build.gradle.kts', 'composer.json', 'Gemfile'];
  try {
    const text = at
      ? await ctx.git.run(['ls-tree', '-r', '-z', '--name-only', at])
      : await ctx.git.run(['ls-files', '-z', '--', ...names.map((m) => `:(glob)**/${m}`)]);
    return (await sizeFiles()).packageRoots(text.split('\0').filter(Boolean));
  } catch {
    return [];
  }
}

function describeLimits(files: readonly SizedFile[], l: Limits, excluded: number) {
  const parts: string[] = [];
  if (l.maxFiles !== null) parts.push(plural(l.maxFiles, 'file'));
  if (l.maxLines !== null) parts.push(plural(l.maxLines, 'line'));
  const t = total(files);
  return `${n(files.length)} file${files.length === 1 ? '' : 's'} and ${n(t)} line${t === 1 ? '' : 's'} (limit: ${parts.join(', ')}${excluded ? `; ${n(excluded)} excluded file${excluded === 1 ? '' : 's'} not counted` : ''})`;
}

function splitTable(groups: readonly SplitGroup[]): string {
  const width = Math.min(48, Math.max(...groups.map((g) => label(g).length)));
  return groups
    .slice(0, 12)
    .map((g) => `    ${label(g).padEnd(width)}  ${String(g.files).padStart(4)} file${g.files === 1 ? ' ' : 's'}  ${n(g.lines).padStart(7)} line${g.lines === 1 ? '' : 's'}`)
    .concat(groups.length > 12 ? [`    ... and ${plural(groups.length - 12, 'more group')}`] : [])
    .join('\n');
}

function label(g: SplitGroup): string {
  if (g.label) return showPath(g.label);
  return g.dir === '' ? '(top-level files)' : showPath(g.dir);
}

/** Pathspecs for a group: its directory, or its files when it is the top level. */
function groupSpec(g: SplitGroup): string {
  return g.dir === '' || g.partial ? g.paths.slice(0, 6).map(shq).join(' ') + (g.paths.length > 6 ? ' ...' : '') : shq(g.dir);
}

export async function commitSizeFindings(ctx: Ctx): Promise<Finding[]> {
  const limits = effectiveLimits(ctx.config, ctx.agent.isAgent).commit;
  if (limits.maxFiles === null && limits.maxLines === null) return [];
  const files: SizedFile[] = ctx.change.files.map((f) => ({ path: f.path, lines: f.added + f.deleted, binary: f.binary, ...(f.oldPath ? { oldPath: f.oldPath } : {}) }));
  if (!over(files, limits)) return [];
  const { kept, excluded } = await counted(ctx, files, limits, ctx.change.kind === 'staged');
  if (!over(kept, limits)) return [];
  const groups = (await sizeFiles()).proposeSplit(kept, await trackedManifests(ctx), limits);
  const rest = groups.slice(1);
  const fix =
    groups.length > 1
      ? `Commit in parts: keep ${label(groups[0]!)} staged and unstage the rest with \`git restore --staged -- ${rest.slice(0, 5).map(groupSpec).join(' ')}${rest.length > 5 ? ' ...' : ''}\`, commit, then \`git add\` the next part.`
      : 'Split the change into smaller commits (`git restore --staged -- <paths>` to leave part out).';
  return [
    {
      policy: 'size',
      rule: 'commit',
      severity: ctx.config.severity,
      message: `This commit is too large${ctx.agent.isAgent ? ' for an agent commit' : ''}: ${describeLimits(kept, limits, excluded)}. Proposed split:\n${splitTable(groups)}`,
      fix,
      waivable: true,
      source: limitSource(ctx, '', limits.maxLines !== null && total(kept) > limits.maxLines ? 'maxLines' : 'maxFiles'),
      data: { files: kept.length, lines: total(kept), excluded, limits, groups: groups.map(({ dir, files, lines }) => ({ dir, files, lines })) },
    },
  ];
}

export async function branchSizeFindings(ctx: Ctx): Promise<Finding[]> {
  const limits = effectiveLimits(ctx.config, ctx.agent.isAgent).branch;
  if (limits.maxFiles === null && limits.maxLines === null) return [];
  const change: ChangeSet = ctx.change;
  const out: Finding[] = [];
  const targets: Array<{ ref: string; tip: string; files?: SizedFile[]; base?: string; mergeBase?: string }> = [];
  if (change.push) {
    const refs = change.push.refs.filter((r) => !r.isDelete && !r.isTag && r.remoteRef.startsWith('refs/heads/'));
    if (refs.length === 0) return [];
    const { resolveBase, branchFiles } = await sizeFiles();
    const base = await resolveBase(ctx.git, change.push.remote, ctx.config.branch.base);
    if (!base) return [];
    const baseShort = base.replace(/^refs\/(heads|remotes\/[^/]+)\//, '');
    for (const r of refs) {
      const name = r.remoteRef.slice('refs/heads/'.length);
      if (name === baseShort || base === name) continue; // pushing the base branch itself is not a PR
      const measured = await branchFiles(ctx.git, base, r.localSha);
      if (measured) targets.push({ ref: name, tip: r.localSha, files: measured.files, base, mergeBase: measured.mergeBase });
    }
  } else if (change.kind === 'range' && change.range) {
    targets.push({
      ref: change.range.spec,
      tip: change.range.head,
      files: change.files.map((f) => ({ path: f.path, lines: f.added + f.deleted, binary: f.binary })),
      ...(change.range.base ? { base: change.range.base } : {}),
    });
  }
  for (const t of targets) {
    if (!t.files || !over(t.files, limits)) continue;
    const { kept, excluded } = await counted(ctx, t.files, limits, false);
    if (!over(kept, limits)) continue;
    const groups = (await sizeFiles()).proposeSplit(kept, await trackedManifests(ctx, t.tip), limits);
    const baseName = t.base ? t.base.replace(/^refs\/(heads|remotes)\//, '') : 'the base branch';
    const first = groups[0]!;
    out.push({
      policy: 'size',
      rule: 'branch',
      severity: ctx.config.severity,
      message: `The branch "${t.ref}" would make a pull request too large to review: ${describeLimits(kept, limits, excluded)} against ${baseName}. Proposed split:\n${splitTable(groups)}`,
      fix:
        groups.length > 1
          ? `Open one pull request per group, e.g. \`git switch -c ${shq(`${t.ref}-part-1`)} ${shq(t.mergeBase ?? baseName)} && git checkout ${t.tip.slice(0, 12)} -- ${groupSpec(first)} && git commit\`, and so on for the next groups.`
          : `Split the branch into smaller pull requests.`,
      waivable: true,
      source: limitSource(ctx, 'branch.', limits.maxLines !== null && total(kept) > limits.maxLines ? 'maxLines' : 'maxFiles'),
      commit: t.tip,
      data: { ref: t.ref, base: t.base, mergeBase: t.mergeBase, files: kept.length, lines: total(kept), excluded, limits, groups: groups.map(({ dir, files, lines }) => ({ dir, files, lines })) },
    });
  }
  return out;
}

export const sizePolicy = definePolicy({
  id: 'size',
  skipOnMerge: true,
  description: 'Keep commits and pull requests reviewable: file and line limits per commit and per pushed branch, with a split proposal.',
  hooks: ['pre-commit', 'pre-push'],
  schema,
  waivable: true,
  summarize: (c) => {
    const l = (x: { maxFiles: number | null; maxLines: number | null }) =>
      [x.maxFiles !== null ? plural(x.maxFiles, 'file') : '', x.maxLines !== null ? plural(x.maxLines, 'line') : ''].filter(Boolean).join(' / ');
    const parts = [];
    if (l(c)) parts.push(`at most ${l(c)} per commit`);
    if (l(c.branch)) parts.push(`at most ${l(c.branch)} per pull request`);
    return parts.join('; ') || 'no size limits';
  },
  async run(ctx) {
    if (ctx.hook === 'pre-push') return branchSizeFindings(ctx);
    if (ctx.hook === 'pre-commit' || (ctx.hook === 'manual' && ctx.change.kind !== 'range')) return commitSizeFindings(ctx);
    if (ctx.hook === 'manual') return branchSizeFindings(ctx);
    return [];
  },
});

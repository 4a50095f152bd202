/**
 * The matcher: one rule sentence -> the policy config it asks for, through the phrase catalog.
 *
 * Before any entry is tried the sentence is read for what changes its meaning:
 *  - scope: a rule in packages/api/AGENTS.md, or one starting "In packages/api, ...", applies to that
 *    subtree only. Scope is expressed with path globs in the policy's own keys (paths.protected,
 *    paths.forbidden, tests.sourceGlobs, commands.tasks globs) and with `cd <dir> &&` for commands;
 *    policies without per-path settings (branches, size, worktree, commit-message, ...) cannot be
 *    scoped, so such a rule stays guidance only and the table says why;
 *  - permission ("You may commit to main for docs-only changes", "it's fine to ...") is never a rule;
 *  - exceptions ("..., except for docs") cannot be expressed, so the rule stays guidance only unless
 *    the entry says its config already carries the usual exception;
 *  - a negation right before an entry's phrase ("do not use worktrees") cancels that entry;
 *  - questions are not rules.
 */
import type { HookName } from '../engine/types.js';
import { CATALOG, type CatalogEntry } from './catalog.js';
import {
  branchesIn,
  commandsIn,
  commitTypesIn,
  isLockfile,
  isTestCommand,
  normalize,
  NO_REPO,
  pathsIn,
  sizeLimits,
  taskFor,
  testCommandFor,
  toGlob,
  toolsIn,
  trailersIn,
  TOOLS,
  type RepoView,
} from './extract.js';
import { isRuleLike, type RuleSentence } from './reader.js';

export interface Mapping {
  entry: CatalogEntry;
  policy: string;
  /** Dotted config key -> value (within the policy's config). */
  values: Record<string, unknown>;
  hooks: HookName[];
  notes: string[];
}

export type SentenceKind = 'rule' | 'permission' | 'exception' | 'soft' | 'question' | 'not-a-rule';

export interface Analysis {
  sentence: RuleSentence;
  norm: string;
  /** Whether the sentence reads as an instruction at all. */
  ruleLike: boolean;
  kind: SentenceKind;
  /** Directory the rule governs ('' = the whole repo). */
  scopeDir: string;
  mappings: Mapping[];
  /** A catalog entry recognised the rule but no deterministic check exists (or it could not be expressed). */
  guidance?: { entryId?: string; reason: string };
  notes: string[];
}

export const DEFAULT_SOURCE_GLOBS = ['src/**', 'lib/**', 'app/**', 'pkg/**'];

const PERMISSION = new RegExp(
  [
    String.raw`\byou (?:may|can|are allowed to|are free to|are welcome to)(?! not\b| never\b|'t\b)`,
    String.raw`\b(?:it's|it is|that's|that is) (?:ok|okay|fine|acceptable|allowed|permitted|alright)\b`,
    String.raw`\b(?:is|are) (?:ok|okay|fine|acceptable|permitted)\b(?! only)`,
    String.raw`(?<!not |never |n't )\b(?:is|are) allowed\b`,
    String.raw`\bfeel free\b`,
    String.raw`\bno need to\b`,
    String.raw`\b(?:don't|do not|doesn't|does not) (?:need|have) to\b`,
    String.raw`\b(?:is|are) (?:not required|optional)\b`,
    String.raw`(?<!not |never |n't )\b(?:allowed|permitted) to\b`,
    String.raw`^(?:optionally|optional)\b`,
    String.raw`\bmay (?:be )?(?:skip|skipped|omit|omitted|ignore|ignored)\b`,
  ].join('|'),
);
/** Past or dropped practice: "previously we required ...", "we no longer use ...". */
const HISTORY = /\b(?:previously|formerly|used to|no longer|in the past|that rule is gone|was dropped|were dropped|is deprecated|are deprecated)\b/;
/** Preferences and conditional advice: a hook that blocks would overstate them. */
const SOFT = /\b(?:if|when) (?:you |they )?(?:need|want|wish|prefer|like|'d like)\b|\b(?:where|when|if) (?:possible|practical|feasible|reasonable|appropriate)\b|\bif (?:needed|necessary)\b|\bwhen needed\b|^(?:try|aim|consider|prefer|strive|strive) to\b|^(?:aim|shoot|strive) for\b|\bif you can\b|\bideally\b|\bas much as possible\b|\bin general\b|\bgenerally\b/;
/** "unless explicitly asked", "without approval": the exception is a person's say-so, which is what a waiver is. */
const APPROVAL_EXCEPTION =
  /\b(?:unless|except(?: when| if)?|without)\s+(?:(?:you(?:'re| are)?|the user|a human|someone|a maintainer|the maintainers?|an owner|the owners?|explicitly|specifically|first|directly|told|asked)\s+)*(?:(?:explicitly|specifically)\s+)?(?:asked|asks|ask|asking|requested|requests|told|instructed|approved|approves|approval|permission|authori[sz]ed|authori[sz]ation|sign-off|otherwise instructed|directed|consent)\b/g;
const EXCEPTION = /\b(?:except(?: for| when| if)?|unless|other than|apart from|with the exception of|excluding|save for)\b/;
const NEGATED_BEFORE = /\b(?:not|never|don't|doesn't|no need to|avoid|stop|without)\s+(?:\w+\s+){0,2}$/;

const SCOPE_LEAD =
  /^(?:in|inside|within|under|for|when (?:working|editing|changing|committing|you work|you edit|you change) (?:in|on|inside|under|to))\s+(?:the\s+)?(?:`([^`]+)`|([\w.@][\w.@/-]*))(?:\s+(?:package|directory|folder|dir|app|service|module|workspace|subtree|tree|project|crate))?\s*[,:]\s*/;

export interface AnalyzeOptions {
  repo?: RepoView;
  /** Directory the file that holds the sentence governs ('' = root). */
  fileScope?: string;
}

function joinDir(a: string, b: string): string {
  const bb = b.replace(/^\.\//, '').replace(/\/+$/, '');
  return [a, bb].filter(Boolean).join('/');
}

/**
 * The directory a scope names, as seen from a file that governs `fileScope`. Paths are relative to
 * the file's directory; but "In packages/api, ..." inside packages/api/AGENTS.md names the file's own
 * directory from the root, so a name that is (or lies under) the file's scope is taken from the root
 * unless it also exists relative to the file.
 */
function scopeFrom(fileScope: string, cand: string, repo: RepoView): string {
  const joined = joinDir(fileScope, cand);
  const fromRoot = cand.replace(/^\.\//, '').replace(/\/+$/, '');
  if (fileScope && (fromRoot === fileScope || fromRoot.startsWith(`${fileScope}/`)) && !repo.isDir(joined)) return fromRoot;
  // "In packages/web, ..." inside packages/api/AGENTS.md: a sibling named from the root.
  if (fileScope && fromRoot.includes('/') && !repo.isDir(joined) && repo.isDir(fromRoot)) return fromRoot;
  return joined;
}

function hasDirective(text: string): boolean {
  return /\b(?:never|always|don't|do not|must|should|avoid|no|only|shall|required?)\b/i.test(text.replace(/`[^`]*`/g, ' ').replace(/--?[\w-]+/g, ' '));
}

function setDotted(obj: Record<string, unknown>, key: string, value: unknown) {
  obj[key] = value;
}

function hookFor(norm: string): HookName {
  const before = /\bbefore\s+(?:you\s+|every\s+|each\s+|any\s+|a\s+)?(\w+)/.exec(norm);
  if (before) {
    if (/^(?:push|pushing|open|opening|create|creating|submit|submitting|merging|merge|sending|send)/.test(before[1]!)) return 'pre-push';
    if (/^commit/.test(before[1]!)) return 'pre-commit';
  }
  if (/\b(?:push|pushing|merge|merging|pr|pull request)\b/.test(norm)) return 'pre-push';
  if (/\bcommit/.test(norm)) return 'pre-commit';
  return 'pre-push';
}

interface Ctx {
  raw: string;
  /** The whole sentence, when `raw` is one clause of it (a command named in another clause still counts). */
  fullRaw: string;
  norm: string;
  scopeDir: string;
  repo: RepoView;
  m: RegExpExecArray;
  notes: string[];
}

function scopedGlob(glob: string, scopeDir: string): string {
  if (!scopeDir) return glob;
  return glob.includes('/') ? `${scopeDir}/${glob}` : `${scopeDir}/**/${glob}`;
}

function resolvePlaceholder(ph: string, c: Ctx): unknown {
  switch (ph) {
    case '$branches': {
      const b = branchesIn(c.norm);
      return b.length ? b : undefined;
    }
    case '$branchesOrDefault': {
      const b = branchesIn(c.norm);
      return b.length ? b : ['main', 'master'];
    }
    case '$paths': {
      const ps = pathsIn(c.raw, c.repo, c.scopeDir).filter((p) => !isLockfile(p));
      const globs = [...new Set(ps.map((p) => toGlob(p, c.scopeDir, c.repo)))];
      return globs.length ? globs : undefined;
    }
    case '$sourcePaths': {
      const ps = pathsIn(c.raw, c.repo, c.scopeDir).filter((p) => !isLockfile(p) && !/test|spec/i.test(p));
      if (ps.length) return [...new Set(ps.map((p) => toGlob(p, c.scopeDir, c.repo)))];
      if (c.scopeDir) return DEFAULT_SOURCE_GLOBS.map((g) => `${c.scopeDir}/${g}`);
      return undefined;
    }
    case '$testCommand': {
      const hook = hookFor(c.norm);
      let t = testCommandFor(c.raw, c.repo, c.scopeDir, hook);
      if ((!t || t.inferred) && c.fullRaw !== c.raw) {
        const w = testCommandFor(c.fullRaw, c.repo, c.scopeDir, hook);
        if (w && !w.inferred) t = w;
      }
      if (!t) return undefined;
      if (t.inferred) c.notes.push(`no command named; using \`${t.command}\` from package.json`);
      return c.scopeDir ? `cd ${c.scopeDir} && ${t.command}` : t.command;
    }
    case '$hook':
      return hookFor(c.norm);
    case '$prLines':
    case '$prFiles':
    case '$commitLines':
    case '$commitFiles': {
      const subject = ph.startsWith('$pr') ? 'pr' : 'commit';
      const unit = ph.endsWith('Lines') ? 'lines' : 'files';
      const found = sizeLimits(c.norm).filter((s) => s.subject === subject && s.unit === unit);
      return found.length ? Math.min(...found.map((f) => f.n)) : undefined;
    }
    case '$trailer': {
      const t = trailersIn(c.raw).filter((x) => x !== 'Signed-off-by');
      return t.length ? t[0] : undefined;
    }
    case '$types':
      return commitTypesIn(c.norm);
    case '$tasks': {
      const tasks: Record<string, string | string[]> = {};
      for (const cmd of commandsIn(c.raw)) {
        if (isTestCommand(cmd)) continue;
        const t = taskFor(cmd);
        if (!t) {
          c.notes.push(`\`${cmd}\` runs on the whole project, not on file names; it cannot be a staged-file task`);
          continue;
        }
        addTask(tasks, scopedGlob(t.glob, c.scopeDir), inDir(t.command, c.scopeDir));
      }
      return Object.keys(tasks).length ? tasks : undefined;
    }
    case '$formatTasks':
    case '$lintTasks': {
      const kind = ph === '$formatTasks' ? 'format' : 'lint';
      const tasks: Record<string, string | string[]> = {};
      for (const tool of toolsIn(c.norm)) {
        const cmd = TOOLS[tool]![kind];
        if (cmd) addTask(tasks, scopedGlob(TOOLS[tool]!.glob, c.scopeDir), cmd);
      }
      return Object.keys(tasks).length ? tasks : undefined;
    }
    case '$lintScriptTasks': {
      const tasks: Record<string, string | string[]> = {};
      for (const tool of toolsIn(c.norm)) {
        const cmd = TOOLS[tool]!.lint;
        if (cmd) addTask(tasks, scopedGlob(TOOLS[tool]!.glob, c.scopeDir), cmd);
      }
      if (Object.keys(tasks).length) return tasks;
      const scripts = c.repo.scripts(c.scopeDir) ?? c.repo.scripts('');
      if (scripts?.lint) {
        const pm = c.repo.packageManager();
        const cmd = pm === 'npm' ? 'npm run lint' : `${pm} run lint`;
        const t = taskFor(cmd);
        if (t) {
          c.notes.push(`no command named; using \`${cmd}\` from package.json`);
          addTask(tasks, scopedGlob(t.glob, c.scopeDir), inDir(cmd, c.scopeDir));
          return tasks;
        }
      }
      return undefined;
    }
    case '$m1':
      return c.m[1];
    default:
      return undefined;
  }
}

/** A package script run in a subdirectory package: `npm --prefix dir run x`, `pnpm -C dir run x`, `yarn --cwd dir run x`. */
function inDir(cmd: string, dir: string): string {
  if (!dir) return cmd;
  const m = /^(npm|pnpm|yarn|bun)\s+(?:run(?:-script)?\s+)?([\w:-]+)$/.exec(cmd.trim());
  if (!m) return cmd;
  const flag = m[1] === 'npm' ? '--prefix' : m[1] === 'pnpm' ? '-C' : m[1] === 'yarn' ? '--cwd' : '--cwd';
  return `${m[1]} ${flag} ${dir} run ${m[2]}`;
}

function addTask(tasks: Record<string, string | string[]>, glob: string, cmd: string) {
  const cur = tasks[glob];
  if (cur === undefined) tasks[glob] = cmd;
  else if (Array.isArray(cur)) {
    if (!cur.includes(cmd)) cur.push(cmd);
  } else if (cur !== cmd) tasks[glob] = [cur, cmd];
}

function resolveValue(v: unknown, c: Ctx): { value: unknown; missing: string[] } {
  if (typeof v === 'string' && v.startsWith('$')) {
    const r = resolvePlaceholder(v, c);
    return { value: r, missing: r === undefined ? [v] : [] };
  }
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    const missing: string[] = [];
    for (const x of v) {
      const r = resolveValue(x, c);
      if (r.value === undefined) missing.push(...r.missing);
      else if (Array.isArray(r.value) && typeof x === 'string' && x.startsWith('$')) out.push(...r.value);
      else out.push(r.value);
    }
    return { value: out.length ? [...new Set(out)] : undefined, missing };
  }
  return { value: v, missing: [] };
}

/** Try one entry against a prepared sentence. */
function tryEntry(entry: CatalogEntry, raw: string, norm: string, scopeDir: string, repo: RepoView, fullRaw = raw): Mapping | 'guidance' | undefined {
  let m: RegExpExecArray | null = null;
  for (const re of entry.match) {
    const g = new RegExp(re.source, re.flags.replace('g', ''));
    const x = g.exec(norm);
    if (!x) continue;
    const before = norm.slice(Math.max(0, x.index - 40), x.index);
    const clause = before.split(/[,;:(]|\s-\s/).pop() ?? '';
    if (NEGATED_BEFORE.test(clause)) continue;
    m = x;
    break;
  }
  if (!m) return undefined;
  if (entry.unless?.some((u) => u.test(norm))) return undefined;
  if (entry.policy === null) return 'guidance';
  const notes: string[] = [];
  const c: Ctx = { raw, fullRaw, norm, scopeDir, repo, m, notes };
  const values: Record<string, unknown> = {};
  const missing = new Set<string>();
  for (const [k, v] of Object.entries(entry.set)) {
    const r = resolveValue(v, c);
    r.missing.forEach((x) => missing.add(x));
    if (r.value !== undefined) setDotted(values, k, r.value);
  }
  if (entry.needs?.some((n) => missing.has(n))) return undefined;
  if (entry.needsAny && entry.needsAny.every((n) => missing.has(n))) return undefined;
  const hooks = [...new Set(entry.hooks.map((h) => (h === '$hook' ? hookFor(norm) : h)))] as HookName[];
  return { entry, policy: entry.policy, values, hooks, notes };
}

function prepNorm(raw: string): string {
  return normalize(raw)
    .replace(/\b(?:don't|do not|never) forget to\b/g, 'remember to')
    .replace(/\bnever fail to\b/g, 'always')
    .replace(/\b(never|don't|do not|must not|avoid|always)\s*:\s*/g, '$1 ')
    .replace(/\b(never|always|don't|do not)\s*,?\s*(?:ever|under any circumstances|for any reason|in any case|ever again)\s*,?\s+/g, '$1 ');
}

const CLAUSE_SPLIT =
  /;\s+|\s+[—–]\s+|\s+-\s+|,?\s+(?:but|and|or|then)\s+(?=(?:never|don't|do not|always|you (?:must|should|may|can)|must|it's|it is|no)\b)/i;

/** Clauses that can carry a rule of their own: "never X; you may Y", "never X, and always Z", "X — Y". */
export function splitClauses(raw: string): string[] {
  // Keep inline code intact while splitting.
  const codes: string[] = [];
  const masked = raw.replace(/`[^`]*`/g, (m) => {
    codes.push(m);
    return `\u0000${codes.length - 1}\u0000`;
  });
  return masked
    .split(CLAUSE_SPLIT)
    .map((c) => c.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => codes[Number(i)]!).trim())
    .filter((c) => /\p{L}/u.test(c));
}

/** Analyse one sentence: its kind, scope, and the config the catalog maps it to. */
export function analyze(sentence: RuleSentence, opts: AnalyzeOptions = {}): Analysis {
  const repo = opts.repo ?? NO_REPO;
  const fileScope = opts.fileScope ?? '';
  let raw = sentence.text;
  if (sentence.context && !hasDirective(raw)) raw = `${sentence.context} ${raw.replace(/^[A-Z]/, (c) => c.toLowerCase())}`;
  let norm = prepNorm(raw);
  const notes: string[] = [];
  let scopeDir = fileScope;

  // "In packages/api, ..." / "For the `web/` app: ..."
  const sm = SCOPE_LEAD.exec(norm);
  if (sm) {
    const cand = (sm[1] ?? sm[2] ?? '').replace(/\/+$/, '');
    const dir = scopeFrom(fileScope, cand, repo);
    if (cand && (cand.includes('/') || repo.isDir(dir)) && !/^(?:docs-only|example|instance|now|general|short|production|development|tests?)$/.test(cand)) {
      scopeDir = dir;
      norm = norm.slice(sm[0].length);
      const rawLead = new RegExp(`^[^,:]*?${cand.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}[^,:]*[,:]\\s*`, 'i');
      raw = raw.replace(rawLead, '');
    }
  }

  // A "sentence" this long is a paragraph without punctuation (or data), not one rule: do not run the catalog on it.
  if (norm.length > 1200) return { sentence, norm: norm.slice(0, 200), ruleLike: false, kind: 'not-a-rule', scopeDir, mappings: [], notes };
  // A section headed by a directory ("## packages/api", "### `apps/web` app") scopes its rules.
  if (scopeDir === fileScope && sentence.heading) {
    const h = /^\s*`?([\w.@-]+(?:\/[\w.@-]+)*)\/?`?(?:\s+(?:package|app|service|module|directory|folder|workspace|crate))?\s*$/i.exec(sentence.heading);
    if (h) {
      const dir = scopeFrom(fileScope, h[1]!, repo);
      if ((h[1]!.includes('/') || sentence.heading.includes('`')) && repo.isDir(dir)) scopeDir = dir;
    }
  }
  const whole = judge(sentence, raw, norm, scopeDir, repo, notes);
  const clauses = splitClauses(raw);
  if (clauses.length < 2 || whole.kind === 'question') return whole;
  const parts = clauses.map((c) => judge(sentence, c, prepNorm(c), scopeDir, repo, [], raw));
  if (!parts.some((p) => p.mappings.length)) return whole;
  // A clause that is only an exception ("...; except hotfixes") qualifies the rule before it.
  if (parts.some((p) => !p.mappings.length && EXCEPTION.test(p.norm.replace(APPROVAL_EXCEPTION, ' ')))) return whole.kind === 'exception' ? whole : { ...whole, mappings: [], kind: 'exception', guidance: { reason: 'has an exception the policy cannot express; enforcing it would block allowed changes' } };
  return { ...whole, kind: 'rule', ruleLike: true, mappings: mergeMappings(parts.flatMap((p) => p.mappings)), notes: [...new Set([...notes, ...parts.flatMap((p) => p.notes)])], guidance: undefined };
}

/** One mapping per policy: keys from later clauses/entries join the first (lists united, first scalar wins), hooks united. */
function mergeMappings(ms: Mapping[]): Mapping[] {
  const out: Mapping[] = [];
  for (const m of ms) {
    const same = out.find((o) => o.policy === m.policy);
    if (!same) {
      out.push({ ...m, values: { ...m.values }, hooks: [...m.hooks], notes: [...m.notes] });
      continue;
    }
    for (const [k, v] of Object.entries(m.values)) {
      const cur = same.values[k];
      if (cur === undefined) same.values[k] = v;
      else if (Array.isArray(cur) && Array.isArray(v)) same.values[k] = [...cur, ...v.filter((x) => !cur.includes(x))];
    }
    for (const h of m.hooks) if (!same.hooks.includes(h)) same.hooks.push(h);
    for (const n of m.notes) if (!same.notes.includes(n)) same.notes.push(n);
  }
  return out;
}

function judge(sentence: RuleSentence, raw: string, norm: string, scopeDir: string, repo: RepoView, notes: string[], fullRaw = raw): Analysis {
  const ruleLike = isRuleLike(raw) || isRuleLike(norm);
  const base: Analysis = { sentence, norm, ruleLike, kind: 'rule', scopeDir, mappings: [], notes };
  if (/\?\s*$/.test(norm)) return { ...base, kind: 'question' };

  if (PERMISSION.test(norm) && !/^(?:never|don't|do not)\b/.test(norm)) {
    return { ...base, kind: 'permission', ruleLike: true, guidance: { reason: 'a permission, not a rule: it allows something and forbids nothing' } };
  }

  if (HISTORY.test(norm)) {
    return { ...base, kind: 'not-a-rule', guidance: { reason: 'describes a past or dropped practice, not a rule' } };
  }
  if (SOFT.test(norm)) {
    const soft = SOFT.exec(norm)![0];
    const any = CATALOG.some((e) => e.policy && tryEntry(e, raw, norm.replace(SOFT, ' '), scopeDir, repo));
    if (any) return { ...base, ruleLike: true, kind: 'soft', guidance: { reason: `a preference or conditional advice ("${soft}"), not a rule a hook should block on` } };
  }

  const mappings: Mapping[] = [];
  let guidanceEntry: CatalogEntry | undefined;
  for (const entry of CATALOG) {
    const r = tryEntry(entry, raw, norm, scopeDir, repo, fullRaw);
    if (!r) continue;
    if (r === 'guidance') {
      guidanceEntry ??= entry;
      continue;
    }
    mappings.push(r);
  }

  // Keep the first mapping per policy key (entries are ordered most specific first).
  const seen = new Set<string>();
  const kept: Mapping[] = [];
  for (const mp of mappings) {
    const keys = Object.keys(mp.values).filter((k) => k !== 'enabled');
    const fresh = keys.filter((k) => !seen.has(`${mp.policy}.${k}`));
    if (keys.length && fresh.length === 0) continue;
    if (!keys.length && kept.some((k) => k.policy === mp.policy)) continue;
    for (const k of keys) seen.add(`${mp.policy}.${k}`);
    const values: Record<string, unknown> = { enabled: mp.values.enabled };
    for (const k of fresh) values[k] = mp.values[k];
    if (values.enabled === undefined) delete values.enabled;
    kept.push({ ...mp, values });
  }

  if (!kept.length) {
    if (guidanceEntry) return { ...base, ruleLike: true, guidance: { entryId: guidanceEntry.id, reason: guidanceEntry.reason ?? 'no deterministic check exists' } };
    return base;
  }

  // An exception clause the config cannot carry.
  const withoutApproval = norm.replace(APPROVAL_EXCEPTION, ' ');
  if (withoutApproval !== norm) notes.push('the exception needs a person\'s approval: that is a waiver (HARNESS_WAIVE / Harness-Waive trailer)');
  if (EXCEPTION.test(withoutApproval) && !kept.every((k) => k.entry.exceptionsOk)) {
    return {
      ...base,
      ruleLike: true,
      kind: 'exception',
      guidance: { entryId: kept[0]!.entry.id, reason: `has an exception ("${EXCEPTION.exec(withoutApproval)![0]} ...") the ${kept[0]!.policy} policy cannot express; enforcing it would block allowed changes` },
    };
  }

  // A rule whose subject is agents ("Agents should not push to main") binds agents only: map it to an
  // agents-only setting where the policy has one, never widen it to everyone.
  if (agentsOnly(norm)) {
    const narrowed: Mapping[] = [];
    for (const mp of kept) {
      const n = toAgentsOnly(mp);
      if (n) narrowed.push(n);
      else notes.push(`names agents only: the ${mp.policy} policy${mp.values.conventional ? "'s message format" : ''} applies to everyone and has no agents-only setting, so enforcing it would also block people`);
    }
    if (!narrowed.length) return { ...base, ruleLike: true, guidance: { entryId: kept[0]!.entry.id, reason: notes[notes.length - 1]! } };
    kept.splice(0, kept.length, ...narrowed);
  }

  // Scope: only entries whose config can carry a path (or a working directory) stay enforceable.
  const enforceable: Mapping[] = [];
  for (const mp of kept) {
    if (scopeDir && mp.entry.scope === 'none') {
      notes.push(`scoped to ${scopeDir}/: the ${mp.policy} policy has no per-directory setting, so this rule cannot be enforced for that subtree alone`);
      continue;
    }
    enforceable.push(mp);
  }
  if (!enforceable.length) {
    return { ...base, ruleLike: true, guidance: { entryId: kept[0]!.entry.id, reason: notes[notes.length - 1] ?? 'cannot be expressed' } };
  }
  return { ...base, ruleLike: true, mappings: mergeMappings(enforceable) };
}

/**
 * Whether the sentence's subject is agents: "Agents should ...", "AI agents must never ...",
 * "Claude: never ...", "As an agent, ...", "If you are an AI agent, ...". A sentence that names
 * people too ("humans and agents", "everyone") is a rule for everyone.
 */
export function agentsOnly(norm: string): boolean {
  const s = norm.replace(/^[\s*_>:-]+/, '');
  if (/\b(?:humans?|people|persons?|developers?|contributors?|engineers?|everyone|everybody|anyone|all of us|maintainers?|team members?)\b/.test(s)) return false;
  const AGENT = String.raw`(?:(?:ai|coding|llm|autonomous)\s+)?(?:agents?|assistants?|bots?|llms?|copilot|claude(?: code)?|codex|cursor|gemini(?: cli)?|aider)`;
  const DET = String.raw`(?:(?:the|an?|any|each|every|our|your|all)\s+)?`;
  return new RegExp(String.raw`^(?:${DET}${AGENT}\b(?!\.md)(?:\s*[:,]|\s+-\s|(?:[- ](?:authored|generated|made|written|created))?(?:'s)?\s+(?:commits?|prs?|pull requests?|changes|branches|work)\s+(?:must|should|shall|may|are|is|will|can|cannot|can't|do|don't|does|never|always|need|needs|have|has|only)\b|\s+(?:must|should|shall|may|are|is|will|can|cannot|can't|do|don't|does|never|always|need|needs|have|has|only)\b)|(?:as|if you are|if you're|when (?:you are|you're|acting as))\s+(?:an?\s+)?${AGENT}\b)`).test(s);
}

/**
 * The agents-only form of a mapping, or undefined when the policy cannot be limited to agents:
 * worktree (appliesTo, agents by default), commit-message trailers (trailersFor, agents by default),
 * and size's `agents.*` limits are; the rest apply to everyone.
 */
function toAgentsOnly(mp: Mapping): Mapping | undefined {
  const v = mp.values;
  if (mp.policy === 'worktree') return v.appliesTo === 'everyone' ? undefined : mp;
  if (mp.policy === 'size') return Object.keys(v).every((k) => k === 'enabled' || k.startsWith('agents.')) ? mp : undefined;
  if (mp.policy === 'commit-message' && Array.isArray(v.requireTrailers)) {
    const values: Record<string, unknown> = { ...v, trailersFor: 'agents' };
    delete values.conventional;
    delete values.types;
    if (v.trailersFor === undefined) delete values.trailersFor; // agents is the default
    return { ...mp, values };
  }
  return undefined;
}

/** Convenience for tests and `rules`: analyse a bare sentence. */
export function analyzeText(text: string, opts: AnalyzeOptions & { context?: string } = {}): Analysis {
  const s: RuleSentence = { file: 'AGENTS.md', line: 1, text, kind: 'prose' };
  if (opts.context) s.context = opts.context;
  return analyze(s, opts);
}

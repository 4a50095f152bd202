/**
 * Core contracts shared by every part of harness-hooks.
 *
 * A hook run is: read the change once from git into a ChangeSet, run the policies bound to the
 * hook (each a function of the ChangeSet and its own config), collect Findings, report, record.
 */
import type { LazySchema } from '../config/base.js';

/** The git hooks harness-hooks installs, plus `manual` for `check`, `scan` and CI runs. */
export type HookName = 'pre-commit' | 'commit-msg' | 'pre-push' | 'post-commit' | 'manual';
/**
 * Hook files init writes. `pre-merge-commit` is what git runs instead of pre-commit when `git merge`
 * creates a merge commit itself (it runs the pre-commit policies), and `post-merge` instead of
 * post-commit (it writes the merge commit's handoff).
 */
export const HOOK_NAMES = ['pre-commit', 'pre-merge-commit', 'commit-msg', 'pre-push', 'post-commit', 'post-merge'] as const;
/** Every other client-side hook git knows: kept running (forwarded) when init takes over a core.hooksPath. */
export const OTHER_GIT_HOOKS = [
  'applypatch-msg',
  'pre-applypatch',
  'post-applypatch',
  'prepare-commit-msg',
  'pre-rebase',
  'post-checkout',
  'pre-auto-gc',
  'post-rewrite',
  'post-index-change',
  'sendemail-validate',
  'reference-transaction',
  'fsmonitor-watchman',
] as const;

export type Severity = 'error' | 'warning' | 'info';

/** Where a rule came from when it was configured from AGENTS.md (or CLAUDE.md). */
export interface RuleSource {
  /** Path relative to the repo root, e.g. `AGENTS.md` or `packages/api/AGENTS.md`. */
  file: string;
  /** 1-based line number of the sentence. */
  line: number;
  /** The sentence as written (trimmed, one line). */
  text: string;
}

export interface Finding {
  /** Policy id, which is also its config key: `secrets`, `size`, `paths`, ... */
  policy: string;
  /** Sub-rule within the policy, e.g. a secret rule id `github-pat` or `forbidden`. */
  rule?: string;
  severity: Severity;
  /** One or two sentences: what is wrong, in words a tired engineer and a model both act on. */
  message: string;
  /** Repo-relative path (forward slashes) when the finding is about a file. */
  file?: string;
  /** 1-based line in the new (staged / committed) version of the file. */
  line?: number;
  /** 1-based column. */
  column?: number;
  /** The commit the finding is in (range scans, pre-push, verify). */
  commit?: string;
  /** How to fix it: a concrete command or edit. */
  fix?: string;
  /** Whether a waiver (HARNESS_WAIVE / Harness-Waive trailer) can clear it. */
  waivable: boolean;
  /** Set by the runner when a waiver cleared this finding. */
  waived?: { reason: string; via: 'env' | 'trailer' };
  /** The AGENTS.md sentence this finding enforces, when the policy was configured from one. */
  source?: RuleSource;
  /** Stable id for baselines and dedupe (never contains a secret). */
  fingerprint?: string;
  /** Extra machine-readable facts (JSON-safe, never a secret). */
  data?: Record<string, unknown>;
}

export type FileStatus = 'A' | 'M' | 'D' | 'R' | 'C' | 'T';

export interface AddedLine {
  /** 1-based line number in the new version of the file. */
  line: number;
  /** Line text without the trailing newline (CR kept if the file has CRLF). */
  text: string;
}

export interface ChangedFile {
  /** New path (repo-relative, forward slashes, exactly as git reports it, unquoted). */
  path: string;
  /** Old path for renames and copies. */
  oldPath?: string;
  status: FileStatus;
  /** True when git treats the file as binary (numstat `-`), including via .gitattributes. */
  binary: boolean;
  /** Lines added / deleted (0 for binary files). */
  added: number;
  deleted: number;
  /** Added lines with their new-file line numbers (empty for binary and deleted files). */
  addedLines: AddedLine[];
  /** Removed lines with their old-file line numbers (used to spot removed tests). */
  removedLines: AddedLine[];
  /** Object id of the new blob (index or commit), absent for deletions. */
  blob?: string;
  /** Object id of the old blob, absent for additions. */
  oldBlob?: string;
  /** New file mode (e.g. 100644, 100755, 120000 for symlinks, 160000 for submodules). */
  mode?: string;
}

export interface CommitInfo {
  sha: string;
  parents: string[];
  author: string;
  authorEmail: string;
  /** Full commit message. */
  message: string;
}

/** One line of git's pre-push stdin: `<local ref> <local sha> <remote ref> <remote sha>`. */
export interface PushRef {
  localRef: string;
  localSha: string;
  remoteRef: string;
  remoteSha: string;
  /** Remote sha is all zeros: the ref is new on the remote. */
  isNew: boolean;
  /** Local sha is all zeros: the push deletes the remote ref. */
  isDelete: boolean;
  isTag: boolean;
  /** Remote sha is not an ancestor of local sha (a force push). Unknown when the remote sha is absent locally. */
  isForce: boolean | 'unknown';
}

export interface RepoInfo {
  /** Absolute path of this worktree's top level. */
  root: string;
  /** Absolute path of this worktree's git dir (`.git` or `.git/worktrees/<name>`). */
  gitDir: string;
  /** Absolute path of the common git dir (shared by all worktrees). */
  commonDir: string;
  /** Absolute path of the main worktree's top level. */
  mainRoot: string;
  /** True in a linked worktree (made by `git worktree add`). */
  isLinkedWorktree: boolean;
  /** Current branch short name, undefined when detached or unborn-without-name. */
  branch?: string;
  /** HEAD commit, undefined when the repo has no commits yet. */
  head?: string;
  detached: boolean;
  /** A merge, rebase, cherry-pick or revert is in progress. */
  inProgress?: 'merge' | 'rebase' | 'cherry-pick' | 'revert';
}

export interface ChangeSet {
  /** Where the change came from. */
  kind: 'staged' | 'range' | 'files';
  repo: RepoInfo;
  /** The whole change: staged vs HEAD, or base..head net diff, or the listed files as additions. */
  files: ChangedFile[];
  /** The commit message (commit-msg hook) when known. */
  message?: string;
  /** Path of the commit message file (commit-msg hook). */
  messageFile?: string;
  /** For ranges: each commit with its own changes, oldest first. */
  commits?: CommitInfo[];
  /** For ranges: the range as given (`A..B`), and resolved endpoints. */
  range?: { spec: string; base?: string; head: string };
  /** pre-push: parsed stdin ref lines, remote name and URL. */
  push?: { remote: string; url: string; refs: PushRef[] };
  /** A commit's own changes against its first parent (all files added for a root commit). Cached. */
  commitFiles(sha: string): Promise<ChangedFile[]>;
  /**
   * Content of a file as it is in this change (the index blob for staged changes, the head
   * commit's blob for ranges, the file on disk for file lists). Null when absent or unreadable.
   */
  readFile(path: string): Promise<Buffer | null>;
}

export interface AgentInfo {
  isAgent: boolean;
  /** e.g. `claude-code`, `codex`, `cursor`, `gemini-cli`, `aider`, `copilot`, `explicit`. */
  name?: string;
  /** The environment variable that identified it. */
  via?: string;
}

/** A command a policy ran (tests, lint): recorded for the handoff. Output is redacted before storage. */
export interface CommandRecord {
  policy: string;
  command: string;
  exitCode: number | null;
  durationMs: number;
  /** Last lines of combined output (redacted). */
  tail: string;
  timedOut?: boolean;
}

/** Minimal git access for policies that need facts beyond the ChangeSet (merge bases, refs). */
export interface GitRunner {
  /** Run git with args in the repo; resolves stdout (utf8). Rejects with a GitError on non-zero exit. */
  run(args: string[], opts?: { input?: string; allowFail?: boolean; env?: NodeJS.ProcessEnv }): Promise<string>;
  cwd: string;
}

export interface PolicyContext<C> {
  change: ChangeSet;
  /** This policy's validated config (defaults applied). */
  config: C;
  /** The whole resolved config (read-only): the rules this change is checked under. */
  fullConfig: ResolvedConfigLike;
  /**
   * When the change edits the harness config, it is checked under the config in HEAD (fullConfig);
   * this is the config it introduces (used to check that AGENTS.md's generated block matches it).
   */
  nextConfig?: ResolvedConfigLike;
  hook: HookName;
  agent: AgentInfo;
  env: NodeJS.ProcessEnv;
  git: GitRunner;
  /** Record a command the policy ran (tests, lint) for the handoff and ledger. */
  recordCommand(cmd: CommandRecord): void;
  /** AGENTS.md citation for a config key path under this policy (e.g. `maxLines`), if any. */
  sourceFor(key?: string): RuleSource | undefined;
  signal: AbortSignal;
}

/** The resolved config as policies see it: plain data. */
export type ResolvedConfigLike = Record<string, unknown> & {
  policies: Record<string, Record<string, unknown>>;
};

export interface PolicyBaseConfig {
  enabled: boolean;
  /** `warning` reports without blocking. */
  severity: 'error' | 'warning';
  /** Hooks to run on; defaults to the policy's own. */
  hooks?: HookName[];
  /** AGENTS.md citations per config key, written by `rules --apply` / `init --from-agents-md`. */
  sources?: Record<string, RuleSource>;
}

export interface Policy<C extends PolicyBaseConfig = PolicyBaseConfig> {
  /** Stable id; the config key under `policies`; the word in every report. */
  id: string;
  /** One line for `--help`, docs and the AGENTS.md sync block. */
  description: string;
  /** Hooks it runs on by default. */
  hooks: HookName[];
  /** Its config schema, with defaults, built lazily (see policyConfig in src/config/base.ts). Must accept `{}`. */
  schema: LazySchema<C>;
  /** Whether its findings can be waived at all (secrets: per finding). */
  waivable: boolean;
  /** Runs before the change is read (it may re-stage files, like lint-staged fixers). */
  mutatesIndex?: boolean;
  /**
   * Skip on merge commits at pre-commit: the staged diff of a merge is the whole merged branch,
   * which was checked on its own branch (size is measured per branch at pre-push instead).
   */
  skipOnMerge?: boolean;
  /** One plain line describing the active config, for the AGENTS.md sync block. */
  summarize?(config: C): string;
  run(ctx: PolicyContext<C>): Promise<Finding[]>;
}

/** Declare a policy once: id, hooks, config schema and the function from change to findings. */
export function definePolicy<C extends PolicyBaseConfig>(policy: Policy<C>): Policy<C> {
  return policy;
}

/** Exit codes, documented in the README. */
export const EXIT = {
  OK: 0,
  BLOCKED: 1,
  USAGE: 2,
  INTERNAL: 3,
} as const;

export type PolicyStatus = 'passed' | 'failed' | 'warned' | 'waived' | 'pending' | 'skipped' | 'error';

export interface PolicyOutcome {
  id: string;
  status: PolicyStatus;
  durationMs: number;
  findings: number;
  /** Why it was skipped or errored. */
  note?: string;
}

/** One hook run, as written to the ledger (one JSON line each) and read by the handoff. */
export interface RunRecord {
  /** Record format version. */
  v: 1;
  id: string;
  time: string;
  hook: HookName;
  /** passed: nothing blocks · blocked: a policy blocked · error: config/internal error · skipped: emergency switch. */
  outcome: 'passed' | 'blocked' | 'error' | 'skipped';
  exitCode: number;
  durationMs: number;
  repo: { root: string; branch?: string; head?: string; linkedWorktree: boolean };
  agent: AgentInfo;
  policies: PolicyOutcome[];
  /** Findings with secrets already redacted by the policy that produced them. */
  findings: Finding[];
  waivers: Array<{ policies: string[]; reason: string; via: 'env' | 'trailer' }>;
  skipped: string[];
  emergency?: string;
  commands: CommandRecord[];
  /** sha256 of the resolved config (canonical JSON). */
  configHash: string;
  /** sha256 of the change as read (staged diff), to tie pre-commit to commit-msg. */
  changeHash?: string;
  files?: number;
  error?: string;
}

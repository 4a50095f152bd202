/**
 * The look-twice list: facts about a change a reviewer should check by hand, computed from the
 * diff and the hook records, never from prose.
 */
import picomatch from 'picomatch';
import type { ChangedFile, RunRecord } from '../engine/types.js';

export type LookTwiceKind =
  | 'checks-not-run'
  | 'hooks-skipped'
  | 'policy-waived'
  | 'test-deleted'
  | 'test-skipped'
  | 'protected-file'
  | 'ci-file'
  | 'config-file'
  | 'agent-instructions'
  | 'migration'
  | 'dependency-file'
  | 'new-dependency'
  | 'dependency-version'
  | 'large-hunk'
  | 'secret-ignore'
  | 'secret-allowlist';

export interface LookTwiceItem {
  kind: LookTwiceKind;
  file?: string;
  line?: number;
  detail: string;
}

const TEST_FILE = /(^|\/)(__tests__|__test__|tests?|spec|e2e)\/|(\.|_)(test|spec)\.[cm]?[jt]sx?$|_test\.(go|py|rb)$|(^|\/)test_[^/]*\.py$|Test\.(java|kt)$|_spec\.rb$/;
const SKIP_MARKERS = /\b(?:it|test|describe|context|suite)\.(?:skip|only|todo)\s*\(|\b(?:xit|xdescribe|xtest|fit|fdescribe)\s*\(|@pytest\.mark\.(?:skip|xfail)|@unittest\.skip|\bt\.Skip(?:Now|f)?\(|@Disabled\b|@Ignore\b|\bpending\s*\(|\.skip\(\s*\)/;
const SECRET_IGNORES = /harness-secrets:allow|harness(?:-hooks)?:allow|harness-allow|gitleaks:allow|pragma:\s*allowlist\s+secret|trufflehog:ignore|detect-secrets:\s*ignore|nosec\b|noqa:\s*S10[56]|#\s*nosecret/i;

const CI = ['.github/workflows/**', '.github/actions/**', '.gitlab-ci.yml', '.gitlab/**', '.circleci/**', 'Jenkinsfile', '**/Jenkinsfile', 'azure-pipelines.yml', '.buildkite/**', '.travis.yml', 'bitbucket-pipelines.yml', '.drone.yml', '.woodpecker/**'];
const CONFIG = [
  '.harnessrc',
  '.harnessrc.*',
  'harness.config.*',
  '.husky/**',
  'lefthook.yml',
  '.lefthook.yml',
  '.pre-commit-config.yaml',
  '.lintstagedrc*',
  '**/tsconfig*.json',
  '**/.eslintrc*',
  '**/eslint.config.*',
  '**/.prettierrc*',
  '**/vitest.config.*',
  '**/jest.config.*',
  '.gitattributes',
  '.gitmodules',
  '**/.npmrc',
  '**/Dockerfile',
  '**/docker-compose*.yml',
  'CODEOWNERS',
  '.github/CODEOWNERS',
];
const AGENT_INSTRUCTIONS = ['**/AGENTS.md', '**/AGENTS.override.md', '**/CLAUDE.md', '.cursor/rules/**', '.cursorrules', '.github/copilot-instructions.md', '**/GEMINI.md', '.claude/**'];
const MIGRATION = ['**/migrations/**', '**/migrate/**', '**/db/migrate/**', '**/alembic/versions/**', '**/prisma/schema.prisma', '**/*.migration.*', '**/schema.sql'];
const DEPENDENCY = [
  '**/package.json',
  '**/package-lock.json',
  '**/npm-shrinkwrap.json',
  '**/yarn.lock',
  '**/pnpm-lock.yaml',
  '**/bun.lockb',
  '**/bun.lock',
  '**/requirements*.txt',
  '**/pyproject.toml',
  '**/Pipfile',
  '**/Pipfile.lock',
  '**/poetry.lock',
  '**/uv.lock',
  '**/go.mod',
  '**/go.sum',
  '**/Cargo.toml',
  '**/Cargo.lock',
  '**/Gemfile',
  '**/Gemfile.lock',
  '**/composer.json',
  '**/composer.lock',
  '**/pom.xml',
  '**/build.gradle',
  '**/build.gradle.kts',
];
const SECRET_ALLOWLIST_FILES = ['**/.secrets-baseline*.json', '**/.gitleaksignore', '**/.gitleaks.toml', '**/.secrets.baseline', '**/.harness-secrets-baseline*', '**/.harness/secrets-baseline*', '**/.trufflehogignore'];

const matcher = (globs: string[]) => (globs.length ? picomatch(globs, { dot: true }) : () => false);

export interface LookTwiceInput {
  files: ChangedFile[];
  /** package.json before / after for each changed package.json (null when absent). */
  packageJsons: Array<{ path: string; before: string | null; after: string | null }>;
  records: RunRecord[];
  checksRan: boolean;
  largeHunkLines: number;
  protectedGlobs: string[];
  extraGlobs: string[];
}

export function isTestFile(path: string): boolean {
  return TEST_FILE.test(path);
}

/** Contiguous runs of added (or removed) line numbers: a hunk's size on one side. */
function runs(lines: { line: number }[]): Array<{ start: number; length: number }> {
  const out: Array<{ start: number; length: number }> = [];
  for (const l of lines) {
    const last = out[out.length - 1];
    if (last && l.line === last.start + last.length) last.length++;
    else out.push({ start: l.line, length: 1 });
  }
  return out;
}

const DEP_KEYS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

export interface DependencyChange {
  name: string;
  /** dependencies, devDependencies, peerDependencies or optionalDependencies. */
  kind: string;
  /** Version range before (absent for a new dependency). */
  from?: string;
  to: string;
}

/** Dependencies added (or whose version range changed) between two package.json texts. */
export function dependencyChanges(before: string | null, after: string | null): DependencyChange[] {
  const parse = (s: string | null): Record<string, unknown> => {
    if (!s) return {};
    try {
      const j = JSON.parse(s) as unknown;
      return j && typeof j === 'object' ? (j as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  };
  const section = (j: Record<string, unknown>, k: string): Record<string, string> => {
    const v = j[k];
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, string>) : {};
  };
  const b = parse(before);
  const a = parse(after);
  const out: DependencyChange[] = [];
  for (const k of DEP_KEYS) {
    const bd = section(b, k);
    for (const [name, ver] of Object.entries(section(a, k))) {
      if (!Object.hasOwn(bd, name)) out.push({ name, kind: k, to: String(ver) });
      else if (String(bd[name]) !== String(ver)) out.push({ name, kind: k, from: String(bd[name]), to: String(ver) });
    }
  }
  return out;
}

export function lookTwice(input: LookTwiceInput): LookTwiceItem[] {
  const items: LookTwiceItem[] = [];
  if (!input.checksRan) items.push({ kind: 'checks-not-run', detail: 'the pre-commit and commit-msg checks did not run for this commit (committed with --no-verify or without the hooks)' });
  for (const r of input.records) {
    if (r.emergency) items.push({ kind: 'hooks-skipped', detail: `${r.hook}: every policy skipped with HARNESS_EMERGENCY (${r.emergency})` });
    else if (r.skipped.length) items.push({ kind: 'hooks-skipped', detail: `${r.hook}: HARNESS_SKIP skipped ${r.skipped.join(', ')}` });
    for (const w of r.waivers) items.push({ kind: 'policy-waived', detail: `${r.hook}: ${w.policies.join(', ')} waived (${w.via}): ${w.reason}` });
  }
  const isProtected = matcher(input.protectedGlobs);
  const isExtra = matcher(input.extraGlobs);
  const isCi = matcher(CI);
  const isConfig = matcher(CONFIG);
  const isAgentDoc = matcher(AGENT_INSTRUCTIONS);
  const isMigration = matcher(MIGRATION);
  const isDep = matcher(DEPENDENCY);
  const isAllowlist = matcher(SECRET_ALLOWLIST_FILES);
  for (const f of input.files) {
    const p = f.path;
    const verb = f.status === 'D' ? 'deleted' : f.status === 'A' ? 'added' : f.status === 'R' ? `renamed from ${f.oldPath}` : 'changed';
    if (f.status === 'D' && isTestFile(p)) items.push({ kind: 'test-deleted', file: p, detail: `test file deleted (${f.deleted} lines)` });
    else if (f.status === 'R' && f.oldPath && isTestFile(f.oldPath) && !isTestFile(p)) items.push({ kind: 'test-deleted', file: f.oldPath, detail: `test file renamed to a non-test path ${p}` });
    if (isTestFile(p)) {
      for (const l of f.addedLines) if (SKIP_MARKERS.test(l.text)) items.push({ kind: 'test-skipped', file: p, line: l.line, detail: 'a test skip or focus marker was added' });
    }
    if (isProtected(p) || (f.oldPath && isProtected(f.oldPath))) items.push({ kind: 'protected-file', file: p, detail: `protected path ${verb}` });
    if (isExtra(p)) items.push({ kind: 'protected-file', file: p, detail: `path listed in handoff.lookTwice.paths ${verb}` });
    if (isCi(p)) items.push({ kind: 'ci-file', file: p, detail: `CI definition ${verb}` });
    if (isConfig(p)) items.push({ kind: 'config-file', file: p, detail: `tool or hook configuration ${verb}` });
    if (isAgentDoc(p)) items.push({ kind: 'agent-instructions', file: p, detail: `agent instructions ${verb}` });
    if (isMigration(p)) items.push({ kind: 'migration', file: p, detail: `database migration or schema ${verb}` });
    if (isDep(p)) items.push({ kind: 'dependency-file', file: p, detail: `dependency manifest or lockfile ${verb}` });
    if (isAllowlist(p)) items.push({ kind: 'secret-allowlist', file: p, detail: `secret-scanner allowlist or baseline ${verb}` });
    if (/(^|\/)(\.harnessrc[^/]*|harness\.config\.[^/]+)$/.test(p)) {
      for (const l of f.addedLines)
        if (/allowlist|stopwords|disabledRules|baseline/i.test(l.text))
          items.push({ kind: 'secret-allowlist', file: p, line: l.line, detail: 'secret allowlist / baseline setting added in the harness config' });
    }
    for (const l of f.addedLines) if (SECRET_IGNORES.test(l.text)) items.push({ kind: 'secret-ignore', file: p, line: l.line, detail: 'an inline secret-scanner ignore marker was added' });
    if (!f.binary) {
      for (const r of runs(f.addedLines)) if (r.length >= input.largeHunkLines) items.push({ kind: 'large-hunk', file: p, line: r.start, detail: `${r.length} lines added in one hunk` });
      for (const r of runs(f.removedLines)) if (r.length >= input.largeHunkLines) items.push({ kind: 'large-hunk', file: p, detail: `${r.length} lines removed in one hunk (old line ${r.start})` });
    }
  }
  for (const pj of input.packageJsons) {
    for (const d of dependencyChanges(pj.before, pj.after)) {
      items.push({
        kind: d.from ? 'dependency-version' : 'new-dependency',
        file: pj.path,
        detail: d.from ? `${d.kind}: ${d.name} changed ${d.from} -> ${d.to}` : `new ${d.kind}: ${d.name}@${d.to}`,
      });
    }
  }
  return items;
}

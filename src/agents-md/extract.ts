/**
 * Sentence normalisation and the extractors the phrase catalog names: commands, paths/globs, branch
 * names, size limits, trailers, commit types, tools. Pure functions of the text plus a small view of
 * the repository (does a directory exist, what does package.json say).
 */
import { plainInline } from './reader.js';

export interface RepoView {
  /** Whether a repo-relative directory exists. */
  isDir(path: string): boolean;
  /** Whether a repo-relative file exists. */
  isFile(path: string): boolean;
  /** package.json scripts at a repo-relative directory ('' = root). */
  scripts(dir: string): Record<string, string> | undefined;
  /** The package manager in use at the root: npm, pnpm, yarn or bun. */
  packageManager(): 'npm' | 'pnpm' | 'yarn' | 'bun';
}

export const NO_REPO: RepoView = {
  isDir: () => false,
  isFile: () => false,
  scripts: () => undefined,
  packageManager: () => 'npm',
};

const EMOJI = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{FE0F}\u{200D}\u{20E3}]/gu;

/** The form the catalog's regexes see: plain, lower case, straight quotes, single spaces, code kept in backticks. */
export function normalize(text: string): string {
  return plainInline(text)
    .normalize('NFKC')
    .replace(/[‘’‛′]/g, "'")
    .replace(/[“”„″]/g, '"')
    .replace(/[‐‑‒–—]/g, (m) => (m === '–' || m === '—' ? ' - ' : '-'))
    .replace(EMOJI, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/\bdont\b/g, "don't")
    .replace(/\bdo n't\b/g, "don't")
    .replace(/\bcan not\b/g, 'cannot')
    .replace(/\bmust ?n't\b/g, 'must not')
    .replace(/\bshould ?n't\b/g, 'should not')
    .replace(/\bnever ever\b/g, 'never');
}

/** Inline code spans of a (normalised or raw) sentence. */
export function codeSpans(text: string): string[] {
  const out: string[] = [];
  const re = /`([^`]+)`/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.push(m[1]!.trim());
  return out;
}

// ---------------------------------------------------------------------------------------------
// Commands

const RUNNERS = [
  'npm', 'pnpm', 'yarn', 'bun', 'npx', 'pnpx', 'bunx', 'deno', 'node', 'make', 'just', 'task', 'cargo', 'go', 'python', 'python3',
  'pytest', 'uv', 'poetry', 'tox', 'nox', 'ruff', 'black', 'isort', 'flake8', 'pylint', 'mypy', 'pyright', 'eslint', 'prettier',
  'biome', 'dprint', 'tsc', 'vitest', 'jest', 'mocha', 'ava', 'playwright', 'cypress', 'gradle', './gradlew', 'gradlew', 'mvn',
  './mvnw', 'bundle', 'rake', 'rspec', 'rubocop', 'dotnet', 'mix', 'composer', 'phpunit', 'swift', 'swiftlint', 'flutter', 'dart',
  'turbo', 'nx', 'lerna', 'pre-commit', 'golangci-lint', 'gofmt', 'goimports', 'rustfmt', 'shellcheck', 'stylelint', 'ktlint',
  'sbt', 'bazel', 'markdownlint', 'markdownlint-cli2', 'yamllint', 'clang-format', 'hadolint', 'terraform', 'tflint', 'helm',
  'ctest', 'cmake', 'meson', 'ninja', 'php', 'pest', 'elixir', 'zig', 'stack', 'cabal', 'lein', 'clojure', 'bats',
];
const RUNNER_RE = new RegExp(`^(?:\\./|bin/|scripts/)?(?:${RUNNERS.map((r) => r.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})(?:\\s|$)`);

export function looksLikeCommand(s: string): boolean {
  const t = s.trim();
  if (!t || /[<>…]|(?:^|\s)\.\.\.(?:\s|$)|^\$\{/.test(t)) return false;
  if (/^(?:\.\/|bin\/|scripts\/)[\w./-]+\.(?:sh|py|js|mjs|ts)\b/.test(t)) return true;
  return RUNNER_RE.test(t.replace(/^\$\s*/, ''));
}

/** Every command named in the sentence: code spans first, then bare `run npm test`-style phrases. */
export function commandsIn(raw: string): string[] {
  const out: string[] = [];
  for (const c of codeSpans(raw)) {
    const t = c.replace(/^\$\s*/, '').trim();
    if (looksLikeCommand(t)) out.push(t);
  }
  if (out.length) return out;
  const n = raw.replace(/`/g, '');
  const re = new RegExp(
    `\\b(?:run|runs|execute|use|using|with)\\s+((?:${RUNNERS.map((r) => r.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})(?:\\s+(?!before\\b|prior\\b|after\\b|when\\b|and\\b|then\\b|to\\b|on\\b|first\\b|locally\\b|in\\b|from\\b|until\\b|if\\b|so\\b|for\\b|every\\b|each\\b|whenever\\b)[\\w:@./=+-]+){0,4})`,
    'gi',
  );
  let m: RegExpExecArray | null;
  while ((m = re.exec(n))) out.push(m[1]!.trim().replace(/[.,;:]+$/, ''));
  return out;
}

const TEST_WORD = /(?:^|[\s:/-])(?:test|tests|spec|specs|pytest|jest|vitest|mocha|ava|rspec|phpunit|ctest|check|ci|verify|validate|e2e|unit|typecheck|type-check|check-types|types|tsc|clippy|vet)(?:$|[\s:/-])|\btest\b/;

export function isTestCommand(cmd: string): boolean {
  const first = cmd.trim().split(/\s+/)[0]!.replace(/^(?:npx|pnpx|bunx)$/, '');
  if (TOOLS[first] || TOOLS[cmd.trim().split(/\s+/)[1] ?? '']) return false;
  return TEST_WORD.test(cmd.toLowerCase()) && !/\b(?:lint|format|fmt|prettier|eslint)\b/.test(cmd.toLowerCase());
}

/** Commands that prepare or serve rather than check: never part of a test command. */
export function isSetupCommand(cmd: string): boolean {
  const c = cmd.trim();
  return (
    /^(?:npm|pnpm|yarn|bun)\s+(?:install|i|ci|add|update|upgrade|link|dlx|create|init)\b/.test(c) ||
    /^(?:pip3?|uv|poetry|bundle|composer|cargo|go|dotnet)\s+(?:install|sync|add|get|mod|restore|update)\b/.test(c) ||
    /^(?:npm|pnpm|yarn|bun)(?:\s+run)?\s+(?:dev|start|serve|watch|preview)(?::\S+)?$/.test(c) ||
    /\b(?:--watch|watch)\b/.test(c)
  );
}

/** The test command to run: one named in the sentence, else `npm test` when package.json defines a test script. */
export function testCommandFor(raw: string, repo: RepoView, scopeDir: string, hook?: string): { command: string; inferred: boolean } | undefined {
  const cmds = commandsIn(raw);
  if (cmds.some(isTestCommand)) {
    // "Run `npm run typecheck` and `npm test` before pushing": every check named runs, in order.
    // Before committing, staged-file tools (eslint, prettier) belong to the commands policy; at any
    // other hook nothing else runs them. Installs and servers are no checks.
    const keep = cmds.filter((c) => isTestCommand(c) || (!(hook === 'pre-commit' && taskFor(c)) && !isSetupCommand(c)));
    return { command: [...new Set(keep)].join(' && '), inferred: false };
  }
  if (commandsIn(raw).length) return undefined; // a non-test command was named: not ours to guess
  const scripts = repo.scripts(scopeDir) ?? (scopeDir ? undefined : undefined);
  if (scripts?.test && !/no test specified/.test(scripts.test)) {
    const pm = repo.packageManager();
    return { command: pm === 'npm' ? 'npm test' : `${pm} test`, inferred: true };
  }
  return undefined;
}

// Tools whose CLI takes file names, so lint-staged can append the staged files.
interface ToolSpec {
  glob: string;
  format?: string;
  lint?: string;
}
const JS = '*.{js,jsx,ts,tsx,mjs,cjs,mts,cts}';
export const TOOLS: Record<string, ToolSpec> = {
  prettier: { glob: '*.{js,jsx,ts,tsx,mjs,cjs,mts,cts,json,md,mdx,css,scss,less,html,vue,svelte,yml,yaml}', format: 'prettier --write', lint: 'prettier --check' },
  eslint: { glob: JS, lint: 'eslint', format: 'eslint --fix' },
  biome: { glob: '*.{js,jsx,ts,tsx,mjs,cjs,json,jsonc,css}', format: 'biome format --write', lint: 'biome lint' },
  dprint: { glob: '*', format: 'dprint fmt' },
  stylelint: { glob: '*.{css,scss,less}', lint: 'stylelint', format: 'stylelint --fix' },
  black: { glob: '*.py', format: 'black', lint: 'black --check' },
  ruff: { glob: '*.py', format: 'ruff format', lint: 'ruff check' },
  isort: { glob: '*.py', format: 'isort' },
  flake8: { glob: '*.py', lint: 'flake8' },
  pylint: { glob: '*.py', lint: 'pylint' },
  mypy: { glob: '*.py', lint: 'mypy' },
  gofmt: { glob: '*.go', format: 'gofmt -w', lint: 'gofmt -l' },
  goimports: { glob: '*.go', format: 'goimports -w' },
  rustfmt: { glob: '*.rs', format: 'rustfmt', lint: 'rustfmt --check' },
  rubocop: { glob: '*.rb', lint: 'rubocop', format: 'rubocop -a' },
  shellcheck: { glob: '*.sh', lint: 'shellcheck' },
  markdownlint: { glob: '*.md', lint: 'markdownlint' },
  yamllint: { glob: '*.{yml,yaml}', lint: 'yamllint' },
  'clang-format': { glob: '*.{c,h,cc,cpp,hpp,cxx}', format: 'clang-format -i' },
  ktlint: { glob: '*.{kt,kts}', lint: 'ktlint', format: 'ktlint -F' },
  swiftlint: { glob: '*.swift', lint: 'swiftlint lint' },
  hadolint: { glob: 'Dockerfile*', lint: 'hadolint' },
};

const SCRIPT_GLOB: Record<string, string> = { lint: JS, format: TOOLS.prettier!.glob, fmt: TOOLS.prettier!.glob, prettier: TOOLS.prettier!.glob, eslint: JS, stylelint: '*.{css,scss,less}' };

/**
 * A staged-file task for a command, when the command accepts file names (lint-staged appends them).
 * Whole-project commands (`tsc`, `make lint`, `cargo clippy`, `go vet ./...`, `npm test`) return undefined.
 */
export function taskFor(cmd: string): { glob: string; command: string } | undefined {
  let c = cmd.trim().replace(/^\$\s*/, '');
  const words = c.split(/\s+/);
  let w0 = words[0]!;
  let rest = words.slice(1);
  if (['npx', 'pnpx', 'bunx'].includes(w0) || (['pnpm', 'yarn', 'bun'].includes(w0) && rest[0] && TOOLS[rest[0]])) {
    w0 = rest[0] ?? '';
    rest = rest.slice(1);
    if (w0 === '--no-install' || w0 === '-y') return undefined;
  }
  if (TOOLS[w0]) {
    // `eslint .` / `ruff check .` / `prettier --write src/`: lint-staged supplies the files, so drop the tree target.
    const isTarget = (r: string) => r === '.' || r === './' || r.includes('**') || r.endsWith('/') || /^(?:src|lib|app|tests?|packages)$/.test(r) || /^["']?\*\./.test(r);
    if (rest.some(isTarget)) {
      const kept = rest.filter((r) => !isTarget(r));
      c = [words[0]!, ...(words[0] !== w0 ? [w0] : []), ...kept].join(' ');
      rest = kept;
    }
    if (w0 === 'ruff' && rest[0] && !['check', 'format'].includes(rest[0])) return undefined;
    if (w0 === 'biome' && rest[0] && !['check', 'format', 'lint'].includes(rest[0])) return undefined;
    return { glob: TOOLS[w0]!.glob, command: c };
  }
  // npm run lint / pnpm lint / yarn format
  const m = /^(?:npm run|npm run-script|pnpm(?: run)?|yarn(?: run)?|bun run)\s+([\w:-]+)$/.exec(c);
  if (m) {
    const script = m[1]!;
    const base = script.split(':')[0]!;
    if (SCRIPT_GLOB[base] && !/check-types|typecheck|types/.test(script)) return { glob: SCRIPT_GLOB[base]!, command: c };
  }
  return undefined;
}

/** Tools named in prose ("format with prettier", "use ruff for linting"). */
export function toolsIn(norm: string): string[] {
  const out: string[] = [];
  for (const t of Object.keys(TOOLS)) {
    const re = new RegExp(`(?:^|[\\s\`(/])${t.replace(/[-]/g, '\\-')}(?:$|[\\s\`).,;:/])`);
    if (re.test(norm)) out.push(t);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Paths and globs

const LOCKFILES = new Set(['package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'bun.lock', 'cargo.lock', 'poetry.lock', 'gemfile.lock', 'go.sum', 'composer.lock', 'uv.lock', 'pipfile.lock']);
const FILE_EXT = /\.(?:json|jsonc|ya?ml|toml|lock|env|pem|key|crt|cer|p12|pfx|jks|keystore|sql|md|mdx|ts|tsx|js|jsx|mjs|cjs|py|go|rs|rb|java|kt|swift|sh|txt|cfg|ini|conf|tf|tfvars|tfstate|xml|gradle|properties|proto|graphql|gql|csv|sqlite|db|zip|tar|gz|bin|exe|dll|so|dylib|ipynb|html|css|scss|lockb|snap)$/i;
const KNOWN_NAMES = new Set(['node_modules', 'dist', 'build', 'coverage', '.ds_store', '__pycache__', '.idea', '.vscode', 'target', '.next', 'out', 'vendor', 'secrets', '.terraform']);
/** Known directory names that are also everyday words. */
const ENGLISH_NAMES = new Set(['build', 'coverage', 'target', 'out', 'vendor', 'secrets', 'dist']);
/** Directory names that sit at any depth in real trees; a bare `name/` rule means all of them. */
const ANY_DEPTH = new Set([...KNOWN_NAMES, 'migrations', 'vendor', 'third_party', 'third-party', 'generated', '__generated__', 'gen', '__snapshots__', 'snapshots', 'fixtures', '__mocks__', 'tmp', 'temp', 'logs', '.cache', 'cache']);
const NOT_PATHS = new Set(['.only', '.skip', '.todo', '.each', '.concurrent', '.fails', '.failing', '.then', '.catch', '.map', '.length', 'e.g.', 'i.e.', 'etc.', 'node.js', 'next.js', 'vue.js', 'react.js', 'nuxt.js', 'express.js', 'three.js', 'd3.js', 'chart.js', 'socket.io', 'asp.net', '.net', 'vs.', 'pull/merge']);

/** Files conventionally named without an extension (matched case-insensitively in code spans). */
const FILE_NAMES = /^(?:id_rsa|id_dsa|id_ecdsa|id_ed25519|dockerfile|containerfile|makefile|justfile|jenkinsfile|procfile|gemfile|rakefile|vagrantfile|brewfile|podfile|caddyfile|earthfile|tiltfile|changelog|license|licence|notice|copying|authors|contributors|codeowners|owners|readme|security|contributing)$/i;
/** The same names written bare in prose count only as written by convention (`LICENSE`, `Makefile`), not as words (license). */
const BARE_FILE_NAME = /^(?:LICEN[SC]E|NOTICE|COPYING|AUTHORS|CONTRIBUTORS|CODEOWNERS|OWNERS|CHANGELOG|README|SECURITY|CONTRIBUTING|[A-Z][a-z]+file)$/;

export function isPathLike(tok: string, opts: { bare?: boolean } = {}): boolean {
  const t = tok.trim().replace(/^["']|["']$/g, '');
  if (!t || t.length > 200) return false;
  const low = t.toLowerCase();
  if (NOT_PATHS.has(low) || /^https?:|^www\.|@|^--?\w|\s|[()=<>{}$]|^\d+(?:\.\d+)*$|^v\d/.test(low.replace(/\{[^}]*\}/g, ''))) return false;
  if (/^[a-z][\w-]*\.[a-z][\w-]*\(/.test(low)) return false; // console.log(
  if (/^(?:console|process|window|document|this|self|os|sys|math|json|object|array)\./.test(low)) return false;
  if (t.includes('/') || t.includes('*')) return /[\w*]/.test(t);
  if (t.startsWith('.') && /^\.[\w.*-]+$/.test(t) && t.length > 2) return true;
  if (FILE_EXT.test(t) && /^[\w.*-]+$/.test(t)) return !opts.bare || t.length > 4;
  if (KNOWN_NAMES.has(low)) return true;
  return FILE_NAMES.test(t) && (!opts.bare || BARE_FILE_NAME.test(t));
}

/** Path-like tokens of a raw sentence: code spans first, then bare tokens with a slash, a dot-file or a file extension. */
export function pathsIn(raw: string, repo?: RepoView, scopeDir = ''): string[] {
  const out: string[] = [];
  for (const c of codeSpans(raw)) if (isPathLike(c) && !looksLikeCommand(c)) out.push(c.trim());
  const bare = raw.replace(/`[^`]*`/g, ' ').replace(/\[[^\]]*\]\([^)]*\)/g, ' ');
  const toks = bare.split(/[\s;()]+/);
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i]!;
    const t = tok.replace(/^["'“‘(]+|["'”’),.:;!?]+$/g, '');
    // "the migrations folder": a name the prose calls a directory, when it is one here or a name
    // that is one in any tree (migrations, vendor, node_modules, ...).
    if (/^(?:folder|directory|dir)[,.;:!?]*$/i.test(toks[i + 1] ?? '') && /^[\w.-]{2,}$/.test(t) && (ANY_DEPTH.has(t.toLowerCase()) || repo?.isDir(scopeDir ? `${scopeDir}/${t}` : t))) {
      if (!out.includes(`${t}/`)) out.push(`${t}/`);
      continue;
    }
    if (t.length < 2 || !isPathLike(t, { bare: true })) continue;
    // "build output", "coverage reports", "secrets out of git": an English word before a noun is no
    // directory; at the end of a list item ("node_modules, .next, coverage") it is.
    if (ENGLISH_NAMES.has(t.toLowerCase()) && !/[,.;)]$/.test(tok) && toks[i + 1] !== undefined && !/^(?:and|or|&|\/)$/i.test(toks[i + 1]!)) continue;
    if (/^[A-Z][a-z]+\.[A-Z]/.test(t)) continue; // Sentence.Start
    // Prose pairs like "reads/writes", "and/or", "CI/CD": a bare slash word is a path only when it
    // looks like one (trailing slash, ./ or /, a dot, a glob) or its first directory exists.
    if (t.includes('/') && !/\/$|^\.{0,2}\/|[.*]/.test(t)) {
      const first = t.split('/')[0]!;
      if (!repo || !(repo.isDir(first) || (scopeDir && repo.isDir(`${scopeDir}/${first}`)))) continue;
    }
    if (!out.includes(t)) out.push(t);
  }
  return out;
}

export function isLockfile(p: string): boolean {
  return LOCKFILES.has(p.split('/').pop()!.toLowerCase());
}

/**
 * Turn a path as written into a glob relative to the repo root. `scopeDir` prefixes it (rules in
 * packages/api/AGENTS.md, or "In packages/api, ..."). Directories become `dir/**`; a directory name
 * that does not exist at that level but exists deeper matches at any depth.
 */
export function toGlob(p: string, scopeDir: string, repo: RepoView): string {
  let t = p.trim().replace(/^\.\//, '').replace(/^\//, '');
  const neg = t.startsWith('!');
  if (neg) t = t.slice(1);
  const prefix = scopeDir ? scopeDir.replace(/\/$/, '') + '/' : '';
  let g: string;
  if (t.includes('*')) g = t;
  else if (t.endsWith('/')) {
    const d = t.replace(/\/+$/, '');
    // A directory as written is relative to the file's directory, like every other path; only names
    // that live at any depth (node_modules, dist, migrations, vendor, ...) match anywhere when no such
    // directory exists right there.
    g = !d.includes('/') && ANY_DEPTH.has(d.toLowerCase()) && !repo.isDir(prefix + d) ? `**/${d}/**` : `${d}/**`;
  } else if (repo.isDir(prefix + t)) g = `${t}/**`;
  else if (repo.isFile(prefix + t)) g = t;
  else if (KNOWN_NAMES.has(t.toLowerCase()) && t.toLowerCase() !== '.ds_store') g = `**/${t}/**`;
  else if (FILE_EXT.test(t) || /^\.[\w.-]+$/.test(t) || FILE_NAMES.test(t)) g = t;
  else if (KNOWN_NAMES.has(t.toLowerCase())) g = `**/${t}/**`;
  else g = t.includes('/') ? `${t}/**` : `**/${t}/**`;
  if (prefix) g = g.includes('/') ? prefix + g : `${prefix}**/${g}`;
  return (neg ? '!' : '') + g;
}

// ---------------------------------------------------------------------------------------------
// Branches

const BRANCH_WORDS = ['main', 'master', 'develop', 'development', 'dev', 'trunk', 'production', 'prod', 'staging', 'release', 'stable', 'next'];

export function branchesIn(norm: string): string[] {
  const out: string[] = [];
  const item = String.raw`(?:\x60[^\x60]+\x60|[\w./*-]+)`;
  const re = new RegExp(String.raw`\b(?:to|on|into|onto|against)\s+(?:the\s+)?(${item}(?:\s*(?:,|\bor\b|\band\b|/)\s*(?:the\s+|any\s+|all\s+)?${item})*)(?:\s+(?:branch|branches))?`, 'g');
  let m: RegExpExecArray | null;
  while ((m = re.exec(norm))) {
    const parts = m[1]!.split(/\s*(?:,|\bor\b|\band\b)\s*|(?<=\x60)\s*\/\s*(?=\x60)|\s+(?:(?:the|any|all)\s+)?/).map((x) => x.trim()).filter(Boolean);
    for (const part of parts) {
      const code = /^\x60([^\x60]+)\x60$/.exec(part);
      const b = (code ? code[1]! : part).trim().replace(/[.,;:!]+$/, '').replace(/^(?:origin|upstream|remote)\//, '');
      if (!b || b === 'the') continue;
      if (b === 'default') {
        out.push('main', 'master');
        continue;
      }
      if (code && /^[\w./*-]+$/.test(b) && !b.startsWith('-') && !FILE_EXT.test(b) && !b.endsWith('/')) out.push(b);
      else if (!code && (BRANCH_WORDS.includes(b) || /^(?:release|hotfix)\/[\w.*-]+$/.test(b))) out.push(b === 'release' ? 'release/*' : b);
      else if (!code && b.includes('/') && !BRANCH_WORDS.includes(b)) {
        // "main/master"
        for (const x of b.split('/')) if (BRANCH_WORDS.includes(x)) out.push(x);
      }
    }
  }
  // "main is protected: never push to it"
  const subj = /^(?:the\s+)?(?:\x60([\w./*-]+)\x60|([\w./*-]+))(?:\s+branch)?\s+is\s+(?:protected|read[- ]only|locked|off[- ]limits|sacred)\b/.exec(norm);
  if (subj) {
    const b = subj[1] ?? subj[2]!;
    if (subj[1] || BRANCH_WORDS.includes(b)) out.push(b);
  }
  if (/\bthe default branch\b/.test(norm)) out.push('main', 'master');
  if (/\bprotected branch(?:es)?\b/.test(norm) && !out.length) out.push('main', 'master');
  return [...new Set(out)];
}

// ---------------------------------------------------------------------------------------------
// Numbers: size limits

const WORD_NUM: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100, 'a hundred': 100,
};

function parseNum(s: string): number | undefined {
  const t = s.trim().toLowerCase().replace(/,/g, '');
  if (WORD_NUM[t] !== undefined) return WORD_NUM[t];
  const m = /^(\d+(?:\.\d+)?)\s*(k)?$/.exec(t);
  if (!m) return undefined;
  const n = Number(m[1]) * (m[2] ? 1000 : 1);
  return Number.isFinite(n) && n > 0 ? Math.round(n) : undefined;
}

const LIMIT_CUE = /(?:\b(?:under|below|less than|fewer than|at most|no more than|not more than|no larger than|no bigger than|not exceed|never exceed|exceed|exceeding|max(?:imum)?|up to|within|capped at|cap(?:ped)? of|limit(?:ed)?(?: of| to)?|smaller than)|<=?|≤|~)\s*[:=]?\s*$/;

export type SizeSubject = 'pr' | 'commit';
const SUBJECT_RE = /\b(?:(prs?|pull requests?|merge requests?|mrs?|changesets?|change sets?|branch(?:es)?|diffs?|patch(?:es)?)|(commits?))\b/g;

/**
 * Size limits in the sentence, each attached to the nearest subject before it (PR vs commit), or
 * the first subject after it. Numbers need a unit (lines/LOC/files) and a limit cue ("under 400 lines",
 * "at most 10 files", "max 300 LOC", "a 400-line limit").
 */
export function sizeLimits(norm: string): Array<{ subject: SizeSubject; unit: 'lines' | 'files'; n: number }> {
  const subjects: Array<{ at: number; s: SizeSubject }> = [];
  let m: RegExpExecArray | null;
  SUBJECT_RE.lastIndex = 0;
  while ((m = SUBJECT_RE.exec(norm))) subjects.push({ at: m.index, s: m[1] ? 'pr' : 'commit' });
  if (!subjects.length) return [];
  const out: Array<{ subject: SizeSubject; unit: 'lines' | 'files'; n: number }> = [];
  const numRe = /(\d[\d,]*(?:\.\d+)?\s*k?|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty)\b)[\s-]*(?:changed\s+|modified\s+|added\s+|touched\s+|new\s+|edited\s+)?(lines?|loc|sloc|files?)\b/g;
  let lastCueEnd = -1;
  while ((m = numRe.exec(norm))) {
    const n = parseNum(m[1]!);
    if (!n) continue;
    const before = norm.slice(Math.max(0, m.index - 40), m.index);
    const after = norm.slice(m.index + m[0].length, m.index + m[0].length + 30);
    const chained = lastCueEnd >= 0 && /^\s*(?:and|or|,|\/|&)\s*(?:at most\s+|max\s+|under\s+)?$/.test(norm.slice(lastCueEnd, m.index));
    const cue = chained || LIMIT_CUE.test(before) || /\b(?:not|never|n't)\s+(?:\w+\s+){0,3}(?:more|larger|bigger|longer) than\s*$/.test(before) || /^\s*(?:limit|max(?:imum)?|cap|or (?:less|fewer)|at most|tops)\b/.test(after) || /\b(?:keep|under|small)\b[^.]*$/.test(before);
    if (!cue) continue;
    lastCueEnd = m.index + m[0].length;
    const prev = subjects.filter((s) => s.at < m!.index).pop() ?? subjects.find((s) => s.at > m!.index);
    if (!prev) continue;
    out.push({ subject: prev.s, unit: m[2]!.startsWith('file') ? 'files' : 'lines', n });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Commit messages

export function trailersIn(raw: string): string[] {
  const out: string[] = [];
  const re = /\b((?:[A-Za-z]+-)+by)\b:?/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw.replace(/`/g, ' ')))) {
    const name = m[1]!
      .split('-')
      .map((w, i) => (i === 0 ? w[0]!.toUpperCase() + w.slice(1).toLowerCase() : w.toLowerCase()))
      .join('-');
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

const CC_TYPES = ['feat', 'fix', 'docs', 'style', 'refactor', 'perf', 'test', 'build', 'ci', 'chore', 'revert', 'deps', 'security', 'release', 'wip'];

export function commitTypesIn(norm: string): string[] | undefined {
  const found = CC_TYPES.filter((t) => new RegExp(`(?:^|[\\s\`,(/])${t}(?:$|[\\s\`,:)/.]|\\()`).test(norm));
  return found.length >= 3 ? found : undefined;
}

export function mentionsAgents(norm: string): boolean {
  return /\b(?:agents?|ai|llms?|bots?|copilot|claude|codex|cursor|ai-generated|ai-authored|ai-assisted|machine-generated)\b/.test(norm);
}

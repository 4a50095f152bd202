/**
 * Tests move with code: which files are tests, which are sources that need one, and whether a
 * changed test plausibly covers a changed source. Conventions covered by default:
 *   test/x.test.ts, tests/, __tests__/, spec/, x.test.*, x.spec.*, x_test.go, test_x.py, x_test.py,
 *   x_spec.rb, XTest.java / XTests.cs / XTest.kt, and Rust/Go/Python tests added in the file itself.
 */
export const DEFAULT_TEST_GLOBS = [
  'test/', 'tests/', '__tests__/', 'spec/', 'e2e/',
  '*.test.*', '*.spec.*', '*_test.*', 'test_*.py', '*_spec.rb',
  '*Test.java', '*Tests.java', '*Test.kt', '*Tests.kt', '*Test.cs', '*Tests.cs', '*Tests.swift',
];

export const DEFAULT_SOURCE_GLOBS = ['src/**', 'lib/**', 'app/**', 'pkg/**'];

/** Extensions of code that is expected to have tests (configs, docs, styles, assets are not). */
export const CODE_EXTENSIONS = new Set([
  'ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs', 'vue', 'svelte', 'py', 'go', 'rb', 'java', 'kt', 'kts', 'scala',
  'rs', 'cs', 'fs', 'php', 'swift', 'm', 'mm', 'c', 'cc', 'cpp', 'cxx', 'h', 'hpp', 'ex', 'exs', 'erl', 'clj', 'dart', 'lua', 'sh',
]);

export function extOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const i = base.lastIndexOf('.');
  return i > 0 ? base.slice(i + 1).toLowerCase() : '';
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? '' : path.slice(0, i);
}

/** The file name without extensions: `src/foo.bar.ts` -> `foo`, for sources. */
export function sourceStem(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.indexOf('.', 1);
  return (dot === -1 ? base : base.slice(0, dot)).toLowerCase();
}

/** The subject a test file is about: `foo.test.ts`, `foo_test.go`, `test_foo.py`, `FooTest.java` -> `foo`. */
export function testStem(path: string): string {
  let base = path.slice(path.lastIndexOf('/') + 1);
  base = base.replace(/\.(test|spec|e2e|unit|integration|it)(\.[^.]+)+$/i, '');
  base = base.replace(/(_test|_spec|_tests)(\.[^.]+)$/i, '');
  base = base.replace(/^test_(.+)\.py$/i, '$1');
  base = base.replace(/(Tests?|Spec)\.(java|kt|kts|cs|swift|scala)$/, '');
  const dot = base.indexOf('.', 1);
  return (dot === -1 ? base : base.slice(0, dot)).toLowerCase();
}

/** Does `t` contain the words of `s` in a row? (`policies-size-split` has `size`; `runner-waivers` has `runner`.) */
function hasTokens(t: string, s: string): boolean {
  const tt = t.split(/[-_.]+/).filter(Boolean);
  const st = s.split(/[-_.]+/).filter(Boolean);
  if (st.length === 0) return false;
  for (let i = 0; i + st.length <= tt.length; i++) if (st.every((w, k) => tt[i + k] === w)) return true;
  return false;
}

/**
 * Does a changed test cover a changed source? Same subject name (`foo` <- `foo.test.ts`), or a
 * test whose name has the source's name as whole words (`runner` <- `runner-waivers.test.ts`,
 * `size` <- `policies-size.test.ts`), or an `index` source tested under its directory's name.
 */
export function covers(source: string, test: string): boolean {
  const s = sourceStem(source);
  const t = testStem(test);
  if (!s || !t) return false;
  if (t === s || hasTokens(t, s)) return true;
  if (s === 'index' || s === 'mod' || s === '__init__' || s === 'main') {
    const d = dirOf(source);
    const parent = d.slice(d.lastIndexOf('/') + 1).toLowerCase();
    if (parent && (t === parent || hasTokens(t, parent))) return true;
  }
  return false;
}

/** Test paths to suggest for a source file, by language convention. */
export function suggestTestPaths(source: string): string[] {
  const ext = extOf(source);
  const dir = dirOf(source);
  const base = source.slice(source.lastIndexOf('/') + 1);
  const stem = base.slice(0, base.length - ext.length - 1);
  const inDir = (p: string) => (dir ? `${dir}/${p}` : p);
  const rel = dir.replace(/^(src|lib|app|pkg)(\/|$)/, '');
  switch (ext) {
    case 'go':
      return [inDir(`${stem}_test.go`)];
    case 'py':
      return [`tests/${rel ? rel + '/' : ''}test_${stem}.py`, inDir(`test_${stem}.py`)];
    case 'rb':
      return [`spec/${rel ? rel + '/' : ''}${stem}_spec.rb`];
    case 'java':
    case 'kt':
      return [`${dir.replace(/src\/main\//, 'src/test/')}/${stem}Test.${ext}`];
    case 'rs':
      return [`${source} (a #[cfg(test)] mod tests)`, `tests/${stem}.rs`];
    default:
      return [`test/${rel ? rel + '/' : ''}${stem}.test.${ext}`, inDir(`${stem}.test.${ext}`), inDir(`__tests__/${stem}.test.${ext}`)];
  }
}

/** A line that declares a test case, per language (used to count removed and in-file tests). */
const TEST_CASE = [
  /\b(?:it|test|specify)(?:\.(?:each\([^)]*\)|concurrent|sequential|fails))*\s*\(\s*['"`]/, // JS/TS
  /^\s*(?:async\s+)?def\s+test\w*\s*\(/, // Python
  /^\s*func\s+(?:Test|Benchmark|Fuzz|Example)\w*\s*\(/, // Go
  /^\s*#\[(?:tokio::)?test\b/, // Rust
  /^\s*@(?:Test|ParameterizedTest)\b/, // Java/Kotlin (JUnit)
  /^\s*\[(?:Fact|Theory|Test|TestMethod|TestCase)\b/, // C#
  /^\s*it\s+['"]/, // RSpec
];

export function isTestCaseLine(text: string): boolean {
  return TEST_CASE.some((r) => r.test(text));
}

/** A comment-only or blank line (changes that need no test). */
export function isTrivialLine(text: string): boolean {
  const t = text.trim();
  return t === '' || t.startsWith('//') || t.startsWith('/*') || t.startsWith('*') || t.startsWith('*/') || (t.startsWith('#') && !t.startsWith('#[') && !t.startsWith('#include') && !t.startsWith('#!')) || t.startsWith('--');
}

/**
 * Focus and skip markers in added test lines. A focus marker (`.only`, `fit`, `fdescribe`) silently
 * turns a whole suite into one test in CI; a skip marker (`.skip`, `xit`, `@pytest.mark.skip`,
 * `t.Skip`, `@Disabled`, `#[ignore]`) turns a test off. Conditional skips (`skipIf`,
 * `@pytest.mark.skipif`) are deliberate and not flagged. Comment lines are ignored.
 */
export interface Marker {
  kind: 'focus' | 'skip';
  /** What was found, e.g. `.only`, `xit`, `t.Skip`. */
  marker: string;
}

interface Rule {
  kind: Marker['kind'];
  exts: readonly string[];
  re: RegExp;
  name: (m: RegExpExecArray) => string;
}

const JS = ['js', 'jsx', 'ts', 'tsx', 'mjs', 'cjs', 'mts', 'cts', 'vue', 'svelte', 'coffee'];
const CASE = '(?:describe|it|test|context|suite|specify|bench)';

const RULES: readonly Rule[] = [
  { kind: 'focus', exts: JS, re: new RegExp(`\\b${CASE}(?:\\.\\w+)*\\.only\\s*[(\`]`), name: () => '.only' },
  { kind: 'focus', exts: JS, re: /(?:^|[^.\w$])(fdescribe|fit|fcontext|ftest)\s*\(/, name: (m) => m[1]! },
  { kind: 'skip', exts: JS, re: new RegExp(`\\b${CASE}(?:\\.\\w+)*\\.skip\\s*[(\`]`), name: () => '.skip' },
  { kind: 'skip', exts: JS, re: /(?:^|[^.\w$])(xdescribe|xit|xtest|xcontext|xspecify)\s*\(/, name: (m) => m[1]! },
  { kind: 'focus', exts: ['py'], re: /@pytest\.mark\.only\b/, name: () => '@pytest.mark.only' },
  { kind: 'skip', exts: ['py'], re: /@pytest\.mark\.skip\b(?!if)/, name: () => '@pytest.mark.skip' },
  { kind: 'skip', exts: ['py'], re: /@unittest\.skip\b(?!If|Unless)/, name: () => '@unittest.skip' },
  { kind: 'skip', exts: ['go'], re: /\b[tb]\.(Skip(?:f|Now)?)\s*\(/, name: (m) => `t.${m[1]}` },
  { kind: 'focus', exts: ['rb'], re: /(?:^|\s)(fit|fdescribe|fcontext|fspecify)[\s(]/, name: (m) => m[1]! },
  { kind: 'focus', exts: ['rb'], re: /(?:,\s*:focus\b|focus:\s*true)/, name: () => 'focus: true' },
  { kind: 'skip', exts: ['rb'], re: /(?:^|\s)(xit|xdescribe|xcontext|xspecify)[\s(]/, name: (m) => m[1]! },
  { kind: 'skip', exts: ['java', 'kt', 'kts', 'scala'], re: /@(Disabled|Ignore)\b/, name: (m) => `@${m[1]}` },
  { kind: 'skip', exts: ['rs'], re: /#\[ignore\b/, name: () => '#[ignore]' },
  { kind: 'skip', exts: ['cs'], re: /\[(?:Fact|Theory)\s*\([^)]*\bSkip\s*=|\[Ignore\b/, name: () => 'Skip=' },
  { kind: 'focus', exts: ['dart'], re: /\bsolo:\s*true\b/, name: () => 'solo: true' },
];

function isComment(text: string, ext: string): boolean {
  const t = text.trimStart();
  if (t.startsWith('//') || t.startsWith('/*') || t.startsWith('* ')) return true;
  if ((ext === 'py' || ext === 'rb') && t.startsWith('#')) return true;
  return false;
}

/**
 * Is position `at` inside a string literal that starts on this line? (Test code that is about test
 * code, a linter rule's fixtures say, holds markers in strings: those are not markers.)
 */
export function insideString(text: string, at: number): boolean {
  let quote: string | undefined;
  for (let i = 0; i < at; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
  }
  return quote !== undefined;
}

export function findMarker(text: string, ext: string): Marker | undefined {
  if (isComment(text, ext)) return undefined;
  for (const r of RULES) {
    if (!r.exts.includes(ext)) continue;
    const m = r.re.exec(text);
    if (m && !insideString(text, m.index + (m[0].length - m[0].trimStart().length))) return { kind: r.kind, marker: r.name(m) };
  }
  return undefined;
}

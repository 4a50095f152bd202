/**
 * Commit messages as git will store them: comment lines (core.commentChar, `#` by default) and
 * everything below the scissors line (`git commit -v`) removed, surrounding blank lines trimmed.
 */
export function cleanMessage(raw: string, commentChar = '#'): string {
  const lines = raw.replace(/\r\n/g, '\n').split('\n');
  const scissors = `${commentChar} ------------------------ >8 ------------------------`;
  const out: string[] = [];
  for (const line of lines) {
    if (line === scissors) break;
    if (commentChar && line.startsWith(commentChar)) continue;
    out.push(line.replace(/\s+$/, ''));
  }
  while (out.length && out[0] === '') out.shift();
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

export { DEFAULT_TYPES } from './message-types.js';

/** Messages git writes itself, exempt from the format check. */
export function isGitGenerated(header: string): boolean {
  return /^(Merge (branch|remote-tracking branch|pull request|tag|commit|[0-9a-f]{7,})\b|Merge '|Revert "|(fixup|squash|amend)! )/.test(header);
}

export interface ConventionalProblem {
  problem: string;
  /** A corrected header to suggest, when one can be guessed. */
  suggestion?: string;
}

const HEADER = /^([A-Za-z]+)(\(([^()\n]*)\))?(!)?: (\S.*)$/;

export function checkConventional(header: string, types: readonly string[]): ConventionalProblem | undefined {
  const m = HEADER.exec(header);
  const guessType = (): string => {
    const w = header.split(/[\s:(]/)[0]!.toLowerCase();
    if (types.includes(w)) return w;
    if (/^(add|implement|introduce|support)/.test(w)) return types.includes('feat') ? 'feat' : types[0]!;
    if (/^(fix|correct|repair|resolve)/.test(w)) return types.includes('fix') ? 'fix' : types[0]!;
    if (/^(doc|readme)/.test(w)) return types.includes('docs') ? 'docs' : types[0]!;
    if (/^test/.test(w)) return types.includes('test') ? 'test' : types[0]!;
    return types.includes('chore') ? 'chore' : types[0]!;
  };
  if (!m) {
    const desc = header.replace(/^[A-Za-z]+(\([^)]*\))?!?:\s*/, '');
    return {
      problem: 'the first line is not in Conventional Commits form `type(scope): description`',
      suggestion: `${guessType()}: ${desc.charAt(0).toLowerCase()}${desc.slice(1)}`,
    };
  }
  const type = m[1]!;
  if (!types.includes(type)) {
    const lower = type.toLowerCase();
    return {
      problem: `"${type}" is not an allowed type (${types.join(', ')})`,
      suggestion: `${types.includes(lower) ? lower : guessType()}${m[2] ?? ''}${m[4] ?? ''}: ${m[5]}`,
    };
  }
  if (m[3] !== undefined && m[3].trim() === '') return { problem: 'the scope in parentheses is empty', suggestion: `${type}${m[4] ?? ''}: ${m[5]}` };
  return undefined;
}

/** Trailers of a (cleaned) message, the way git reads them (last paragraph; subject line excluded). */
export function parseTrailers(message: string): Array<{ key: string; value: string }> {
  const paras = message.split(/\n\s*\n/);
  if (paras.length < 2) return [];
  const last = paras[paras.length - 1]!.split('\n');
  const out: Array<{ key: string; value: string }> = [];
  let trailerLines = 0;
  for (const line of last) {
    const m = /^([A-Za-z0-9][A-Za-z0-9-]*)\s*:\s*(.*)$/.exec(line);
    if (m) {
      out.push({ key: m[1]!, value: m[2]!.trim() });
      trailerLines++;
    } else if (/^\s+\S/.test(line) && out.length) {
      out[out.length - 1]!.value += ' ' + line.trim();
      trailerLines++;
    }
  }
  // git accepts a trailer block only if most of it is trailers.
  return trailerLines * 4 >= last.length * 3 ? out : [];
}

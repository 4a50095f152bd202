/**
 * The restricted rule syntax, checked when the rule table is built, so that every rule runs in
 * bounded time in JavaScript's backtracking engine:
 *  - no unbounded repetition (`*`, `+`, `{n,}`): every quantifier is `?` or `{n,m}` with m <= 4096;
 *  - no back-references (`\1`, `\k<x>`);
 *  - lookahead / lookbehind only around a single character or class (fixed width 1);
 *  - a quantified group may contain variable repetition only if outer max x inner max <= 4096;
 *  - the longest possible match is at most 20,000 characters.
 * Each rule is run sticky at keyword hits only, so the work per hit is bounded by the longest match,
 * and the work per text by hits x longest match. As a second line of defence the engine turns on
 * V8's linear-time fallback (`--enable-experimental-regexp-engine-on-excessive-backtracks`).
 */

export class UnsafePatternError extends Error {}

interface Node {
  max: number;
  variable: boolean;
  innerProduct: number;
}

const MAX_REPEAT = 4096;
const MAX_NEST = 4096;
const MAX_MATCH = 20000;

export function checkPattern(src: string): { maxLength: number } {
  let i = 0;
  const fail = (why: string): never => {
    throw new UnsafePatternError(`${why} at offset ${i} in /${src}/`);
  };

  function atomEscape(): number {
    // at src[i] === '\\'
    const c = src[i + 1];
    if (c === undefined) fail('dangling escape');
    if (/[1-9]/.test(c!)) fail('back-reference');
    if (c === 'k') fail('named back-reference');
    if (c === 'b' || c === 'B') {
      i += 2;
      return 0;
    }
    if (c === 'u' && src[i + 2] === '{') {
      const e = src.indexOf('}', i);
      i = e + 1;
      return 1;
    }
    if (c === 'p' || c === 'P') {
      const e = src.indexOf('}', i);
      i = e + 1;
      return 1;
    }
    if (c === 'x') {
      i += 4;
      return 1;
    }
    if (c === 'u') {
      i += 6;
      return 1;
    }
    i += 2;
    return 1;
  }

  function charClass(): void {
    // at '['
    i++;
    if (src[i] === '^') i++;
    if (src[i] === ']') i++;
    while (i < src.length && src[i] !== ']') {
      if (src[i] === '\\') i += 2;
      else i++;
    }
    if (src[i] !== ']') fail('unterminated class');
    i++;
  }

  function quantifier(): { min: number; max: number } | undefined {
    const c = src[i];
    if (c === '*' || c === '+') fail(`unbounded quantifier "${c}"`);
    if (c === '?') {
      i++;
      if (src[i] === '?') i++;
      return { min: 0, max: 1 };
    }
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
      if (!m) return undefined; // a literal brace
      if (m[2] !== undefined && m[3] === '') fail('unbounded quantifier "{n,}"');
      const min = Number(m[1]);
      const max = m[3] !== undefined ? Number(m[3]) : min;
      if (max > MAX_REPEAT) fail(`repetition bound ${max} > ${MAX_REPEAT}`);
      if (max < min) fail('bad bounds');
      i += m[0].length;
      if (src[i] === '?') i++;
      return { min, max };
    }
    return undefined;
  }

  // alternation := sequence ('|' sequence)*
  function alternation(): Node {
    let best: Node = { max: 0, variable: false, innerProduct: 1 };
    let first = true;
    for (;;) {
      const seq = sequence();
      if (!first && seq.max !== best.max) best.variable = true;
      best = {
        max: Math.max(best.max, seq.max),
        variable: best.variable || seq.variable || (!first && seq.max !== best.max),
        innerProduct: Math.max(best.innerProduct, seq.innerProduct),
      };
      first = false;
      if (src[i] === '|') {
        i++;
        continue;
      }
      return best;
    }
  }

  function sequence(): Node {
    let max = 0;
    let variable = false;
    let innerProduct = 1;
    while (i < src.length && src[i] !== '|' && src[i] !== ')') {
      const c = src[i]!;
      let atom: Node;
      if (c === '(') {
        if (src.startsWith('(?=', i) || src.startsWith('(?!', i) || src.startsWith('(?<=', i) || src.startsWith('(?<!', i)) {
          i += src[i + 2] === '<' ? 4 : 3;
          if (src[i] === '[') charClass();
          else if (src[i] === '\\') atomEscape();
          else i++;
          if (src[i] !== ')') fail('lookaround wider than one character');
          i++;
          continue;
        }
        if (src.startsWith('(?:', i)) i += 3;
        else if (src.startsWith('(?<', i)) i = src.indexOf('>', i) + 1;
        else i++;
        atom = alternation();
        if (src[i] !== ')') fail('unbalanced group');
        i++;
      } else if (c === '[') {
        charClass();
        atom = { max: 1, variable: false, innerProduct: 1 };
      } else if (c === '\\') {
        const w = atomEscape();
        atom = { max: w, variable: false, innerProduct: 1 };
      } else if (c === '^' || c === '$') {
        i++;
        continue;
      } else if (c === '*' || c === '+' || c === '?') {
        fail('quantifier without atom');
        atom = { max: 0, variable: false, innerProduct: 1 };
      } else {
        i++;
        atom = { max: 1, variable: false, innerProduct: 1 };
      }
      const q = quantifier();
      if (q) {
        if (atom.variable && q.max > 1) {
          const product = q.max * Math.max(atom.innerProduct, 1);
          if (product > MAX_NEST) fail(`nested repetition (${q.max} x ${atom.innerProduct})`);
          atom.innerProduct = product;
        } else if (q.max !== q.min) atom.innerProduct = Math.max(atom.innerProduct, q.max);
        atom = { max: atom.max * q.max, variable: atom.variable || q.min !== q.max, innerProduct: atom.innerProduct };
      }
      max += atom.max;
      variable = variable || atom.variable;
      innerProduct = Math.max(innerProduct, atom.innerProduct);
    }
    return { max, variable, innerProduct };
  }

  const root = alternation();
  if (i !== src.length) fail('unbalanced ")"');
  if (root.max > MAX_MATCH) fail(`longest match ${root.max} > ${MAX_MATCH}`);
  return { maxLength: root.max };
}

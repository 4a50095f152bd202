/**
 * The keyword prefilter as an Aho-Corasick automaton (a DFA over case-folded ASCII). One pass over
 * the text, one table lookup per character, reports every keyword occurrence (overlaps included).
 * It runs over JS strings and over raw bytes, so a tree scan can skip decoding files with no keyword.
 * Measured against one case-insensitive regex alternation of all keywords: ~5-10x less CPU on the
 * tree corpus (bench/secrets/RESULTS.md), because irregexp cannot skip ahead with ~300 alternatives.
 */

export interface KeywordAutomaton {
  /** Keywords (lower-case ASCII), in id order. */
  keywords: readonly string[];
  /** Character class of each code unit < 256 (0 = not in any keyword). */
  cls: Uint8Array;
  nClasses: number;
  /**
   * delta[row + class] -> the next state's row (state * nClasses), or ~row when keywords end in that
   * state (so the hot loop tests one sign instead of loading the output table).
   */
  delta: Int32Array;
  /** outStart[s]..outStart[s+1]: keyword ids ending at state s (via fail links too). */
  outStart: Uint32Array;
  outIds: Uint32Array;
}

/** Build the automaton. Keywords must be lower-case, ASCII, non-empty. */
export function buildAutomaton(keywords: readonly string[]): KeywordAutomaton {
  const cls = new Uint8Array(256);
  let nClasses = 1;
  for (const k of keywords)
    for (let i = 0; i < k.length; i++) {
      const c = k.charCodeAt(i);
      if (c > 127) throw new Error(`keyword "${k}" is not ASCII`);
      if (!cls[c]) {
        cls[c] = nClasses++;
        // Upper-case letters fold to the lower-case class.
        if (c >= 97 && c <= 122) cls[c - 32] = cls[c]!;
      }
    }
  // Trie: child[s * nClasses + c] = state + 1 (0: none). Typed arrays, not Maps: this runs cold at hook start.
  let cap = 1;
  for (const k of keywords) cap += k.length;
  const child = new Int32Array(cap * nClasses);
  const ends: number[][] = [[]];
  const kids: number[][] = [[]]; // per state: class, child, class, child, ...
  let n = 1;
  keywords.forEach((k, id) => {
    let s = 0;
    for (let i = 0; i < k.length; i++) {
      const at = s * nClasses + cls[k.charCodeAt(i)]!;
      if (!child[at]) {
        child[at] = ++n;
        ends.push([]);
        kids.push([]);
        kids[s]!.push(cls[k.charCodeAt(i)]!, n - 1);
      }
      s = child[at]! - 1;
    }
    ends[s]!.push(id);
  });
  // BFS in depth order. A state's row starts as a copy of its fail state's row (a native copy), then
  // its own children overwrite their cells. Entries are encoded at once: the next state's row offset,
  // or ~row when keywords end there. Outputs are final at enqueue time (fail states are shallower).
  const delta = new Int32Array(n * nClasses);
  const outs: number[][] = ends;
  const failRow = new Int32Array(n);
  const enc = (t: number) => (outs[t]!.length ? ~(t * nClasses) : t * nClasses);
  const queue: number[] = [];
  const rootKids = kids[0]!;
  for (let j = 0; j < rootKids.length; j += 2) {
    const t = rootKids[j + 1]!;
    delta[rootKids[j]!] = enc(t);
    queue.push(t);
  }
  for (let qi = 0; qi < queue.length; qi++) {
    const s = queue[qi]!;
    const r = s * nClasses;
    const fr = failRow[s]!;
    delta.copyWithin(r, fr, fr + nClasses);
    const ks = kids[s]!;
    for (let j = 0; j < ks.length; j += 2) {
      const c = ks[j]!;
      const t = ks[j + 1]!;
      const v = delta[fr + c]!;
      const f = v < 0 ? ~v : v;
      failRow[t] = f;
      const fo = outs[f / nClasses]!;
      if (fo.length) outs[t] = outs[t]!.concat(fo);
      delta[r + c] = enc(t);
      queue.push(t);
    }
  }
  const outStart = new Uint32Array(n + 1);
  let total = 0;
  for (let s = 0; s < n; s++) {
    outStart[s] = total;
    total += outs[s]!.length;
  }
  outStart[n] = total;
  const outIds = new Uint32Array(total);
  for (let s = 0, o = 0; s < n; s++) for (const id of outs[s]!) outIds[o++] = id;
  return { keywords, cls, nClasses, delta, outStart, outIds };
}

/**
 * Every keyword occurrence in a string, as start * 65536 + keyword id, sorted (by start, then id).
 * Code units >= 256 reset the automaton (keywords are ASCII).
 */
export function findKeywords(a: KeywordAutomaton, text: string, from = 0, to = text.length): number[] {
  const { cls, nClasses, delta, outStart, outIds, keywords } = a;
  const found: number[] = [];
  let row = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    const t = delta[row + (c < 256 ? cls[c]! : 0)]!;
    if (t >= 0) {
      row = t;
      continue;
    }
    row = ~t;
    const s = row / nClasses;
    for (let o = outStart[s]!, o1 = outStart[s + 1]!; o < o1; o++) found.push((i + 1 - keywords[outIds[o]!]!.length) * 65536 + outIds[o]!);
  }
  return found.length > 1 ? found.sort((x, y) => x - y) : found;
}

/** findKeywords over bytes (positions are byte offsets: equal to string offsets for ASCII data). */
export function findKeywordsInBytes(a: KeywordAutomaton, buf: Uint8Array): number[] {
  const { cls, nClasses, delta, outStart, outIds, keywords } = a;
  const found: number[] = [];
  let row = 0;
  for (let i = 0, n = buf.length; i < n; i++) {
    const t = delta[row + cls[buf[i]!]!]!;
    if (t >= 0) {
      row = t;
      continue;
    }
    row = ~t;
    const s = row / nClasses;
    for (let o = outStart[s]!, o1 = outStart[s + 1]!; o < o1; o++) found.push((i + 1 - keywords[outIds[o]!]!.length) * 65536 + outIds[o]!);
  }
  return found.length > 1 ? found.sort((x, y) => x - y) : found;
}

/** Whether any keyword occurs in the bytes (no decoding; keywords are ASCII, so UTF-8 bytes match as text would). */
export function bytesHaveKeyword(a: KeywordAutomaton, buf: Uint8Array): boolean {
  const { cls, delta } = a;
  let row = 0;
  for (let i = 0, n = buf.length; i < n; i++) {
    row = delta[row + cls[buf[i]!]!]!;
    if (row < 0) return true;
  }
  return false;
}

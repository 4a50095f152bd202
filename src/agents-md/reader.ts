/**
 * A small markdown reader for instruction files: it yields the sentences that may be rules, each with
 * its file:line. It understands bullets (nested, wrapped, checkboxes), numbered steps, headings (short
 * imperative headings are rules themselves; directive headings like "Don'ts" give context to their
 * items), prose (wrapped lines joined, split into sentences), tables (rows become sentences; a
 * directive column header prefixes its cells) and block quotes. Fenced and indented code blocks, HTML
 * comments, front matter and the block `harness-hooks sync` generates are skipped.
 */

export const BLOCK_BEGIN = '<!-- harness-hooks:begin';
export const BLOCK_END = '<!-- harness-hooks:end';

export type SentenceKind = 'bullet' | 'numbered' | 'heading' | 'prose' | 'table';

export interface RuleSentence {
  /** Repo-relative path (forward slashes). */
  file: string;
  /** 1-based line where the sentence starts. */
  line: number;
  /** The sentence as written: one line, markdown emphasis and link syntax removed, inline code kept. */
  text: string;
  kind: SentenceKind;
  /** Nearest heading above the sentence (plain text). */
  heading?: string;
  /** A directive heading or column header ("Don't", "Never", "Always") that governs a bare item. */
  context?: string;
}

interface Piece {
  text: string;
  line: number;
}

/** Remove markdown inline syntax a reader does not see: emphasis, links, images, HTML tags. */
export function plainInline(s: string): string {
  const codes: string[] = [];
  let out = s.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (_m, _t, c: string) => {
    codes.push(c.trim());
    return `\u0000${codes.length - 1}\u0000`;
  });
  out = out
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/<(https?:[^>\s]+)>/g, '$1')
    .replace(/<\/?[A-Za-z][^>]*>/g, '')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?![\w*])/g, '$1$2')
    .replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!|>])/g, '$1');
  out = out.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => '`' + codes[Number(i)] + '`');
  return out.replace(/\s+/g, ' ').trim();
}

const EMOJI = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{FE0F}\u{200D}\u{20E3}]/gu;

const KNOWN_TOKEN = /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|sk-(?:ant-|proj-)?[A-Za-z0-9_-]{16,}|AKIA[0-9A-Z]{16}|ASIA[0-9A-Z]{16}|xox[baprs]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{30,}|glpat-[A-Za-z0-9_-]{20,}|npm_[A-Za-z0-9]{30,})/g;
const LONG_TOKEN = /(?<![\w/.-])[A-Za-z0-9+/_=-]{32,}(?![\w/-]|\.\w)/g;

/**
 * Mask anything that looks like a credential before a sentence is shown, stored in `sources`, or sent
 * to a model: known token prefixes, and long mixed-case alphanumeric runs. Rules never need them.
 */
export function redactSecrets(s: string): string {
  return s
    .replace(KNOWN_TOKEN, (m) => `${m.slice(0, 4)}…[redacted]`)
    .replace(LONG_TOKEN, (m) => (/[a-z]/.test(m) && /[A-Z]/.test(m) && /\d/.test(m) ? `${m.slice(0, 4)}…[redacted]` : m));
}

function cleanDisplay(s: string): string {
  return redactSecrets(plainInline(s)).replace(EMOJI, '').replace(/\s+/g, ' ').replace(/^[\s\-–—:]+/, '').trim();
}

const ABBREV = /(?:\b(?:e\.g|i\.e|etc|vs|cf|approx|incl|esp|resp|Mr|Mrs|Dr|No|ca|viz)|\b[A-Za-z])$/i;

/**
 * Split joined text into sentences, keeping where each starts. `map[i]` is the source line of
 * character i. Boundaries are `. ! ?` followed by a space and a capital letter, a quote, a backtick,
 * an emphasis marker or a digit; never inside inline code; not after common abbreviations.
 */
export function splitSentences(text: string, map: number[]): Piece[] {
  const out: Piece[] = [];
  let start = 0;
  let inCode = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '`') inCode = !inCode;
    if (inCode) continue;
    if (c !== '.' && c !== '!' && c !== '?') continue;
    // Swallow closing quotes/brackets/emphasis after the mark.
    let j = i + 1;
    while (j < text.length && /["'”’)\]*_]/.test(text[j]!)) j++;
    if (j < text.length && !/\s/.test(text[j]!)) continue;
    let k = j;
    while (k < text.length && /\s/.test(text[k]!)) k++;
    if (k < text.length && !/[\p{Lu}"'“‘`*_(\d\p{Extended_Pictographic}]/u.test(text[k]!)) continue;
    if (c === '.' && ABBREV.test(text.slice(Math.max(start, i - 12), i))) continue;
    const piece = text.slice(start, j).trim();
    if (piece) out.push({ text: piece, line: map[start + (text.slice(start).length - text.slice(start).trimStart().length)] ?? map[start]! });
    start = k;
    i = k - 1;
  }
  const rest = text.slice(start).trim();
  if (rest) {
    const lead = text.slice(start).length - text.slice(start).trimStart().length;
    out.push({ text: rest, line: map[start + lead] ?? map[map.length - 1] ?? 1 });
  }
  return out;
}

/** Directive words a heading or table header can carry down to bare items under it. */
const NEG_DIRECTIVE = /^(?:don['’]?ts?|do not|never|avoid|forbidden|prohibited|not allowed|must not|must never|off[- ]limits|no[- ]go|restrictions|never do(?: this| these| these things)?|things to avoid|what not to do|anti-?patterns)$/i;
const POS_DIRECTIVE = /^(?:dos|do['’]?s|do|always|must|musts|required|requirements|rules|mandatory|always do(?: this)?|what to do|hard rules|ground rules)$/i;

export function directiveOf(heading: string | undefined): string | undefined {
  if (!heading) return undefined;
  const h = plainInline(heading).replace(EMOJI, '').replace(/[:.!]+$/, '').replace(/\s+/g, ' ').trim();
  if (NEG_DIRECTIVE.test(h)) return 'Never';
  if (POS_DIRECTIVE.test(h)) return 'Always';
  return undefined;
}

const MODAL =
  /\b(?:must|mustn't|never|always|should|shouldn't|shall|required?|requires|do not|don't|dont|avoid|ensure|make sure|only|prefer|forbidden|prohibited|not allowed|mandatory|need to|needs to|have to|has to|please|cannot|can't|no (?:\w+ ){0,2}(?:in|to|on|into|allowed|without|files?|commits?|changes?|pushes?|keys?|secrets?|tokens?|credentials?|direct|force|focused|skipped))\b/i;
const IMPERATIVE =
  /^(?:use|run|add|write|keep|follow|create|open|update|format|lint|test|commit|push|check|document|put|place|name|prefix|include|sign|leave|remove|delete|edit|touch|modify|work|start|branch|rebase|squash|merge|split|limit|store|verify|review|install|build|execute|wrap|treat|mark|tag|avoid|ensure|prefer|stick|do|make|never|always|don't|dont|stay|ask|put|call|import|export|log|return|handle|validate|read|look|see|stop|fix|bump|pin|reference|link|describe|explain|respect|type|annotate|regenerate|generate|clean|cover|mock|stub|rerun|re-run|request|get|set|give|prefer|target)\b/i;

/** Whether a sentence reads like an instruction (modal verb, prohibition or leading imperative). */
export function isRuleLike(text: string): boolean {
  const t = plainInline(text).replace(EMOJI, '').replace(/^[\s\-–—:>*]+/, '').trim();
  if (!t || t.endsWith('?')) return false;
  const words = t.split(/\s+/);
  if (words.length < 2) return false;
  if (/^no\s+\S+/i.test(t)) return true;
  if (MODAL.test(t) || IMPERATIVE.test(t.replace(/^["'“`]+/, ''))) return true;
  // "TypeScript strict mode; no `any` ...", "Tailwind for styling; no inline styles": a later "no X" clause.
  if (t.split(/\s*[;,]\s+/).slice(1).some((c) => /^no\s+\S+/i.test(c))) return true;
  // "Before you open a PR, run ...", "After changing the schema, regenerate ...": an imperative after a lead clause.
  const lead = /^(?:before|after|when|whenever|once|if|until|prior to|for|to|in|on)\b[^,;:]{1,80}[,:]\s*(.+)$/i.exec(t);
  return !!lead && IMPERATIVE.test(lead[1]!.replace(/^["'“`]+/, ''));
}

/**
 * Whether an intro ("Do not edit these paths:") should be read into the item under it: always when
 * the intro carries the directive, otherwise only when the item is a bare fragment (`migrations/`).
 */
function shouldPrefix(intro: string, item: string): boolean {
  if (/\b(?:never|not|don't|dont|avoid|must|always|forbidden|prohibited|required|no)\b[^.]*:\s*$/i.test(plainInline(intro))) return true;
  return !isRuleLike(item);
}

interface Item {
  indent: number;
  kind: 'bullet' | 'numbered';
  lines: string[];
  line: number;
  heading?: string;
  context?: string;
  /** Intro text (an item or paragraph ending in ':') this item completes. */
  prefix?: string;
  childCount: number;
  parent?: Item;
  emitted: boolean;
}

const FENCE = /^\s*(`{3,}|~{3,})/;
const LIST = /^(\s*)([-*+•]|\d{1,3}[.)])\s+(?:\[[ xX]\]\s+)?(.*)$/;
const ATX = /^ {0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$/;
const HR = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const TABLE_SEP = /^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+\|?\s*$|^\s*\|\s*:?-{2,}:?\s*\|\s*$/;

function indentOf(s: string): number {
  let n = 0;
  for (const c of s) {
    if (c === ' ') n++;
    else if (c === '\t') n += 4 - (n % 4);
    else break;
  }
  return n;
}

function splitRow(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  const cells: string[] = [];
  let cur = '';
  let code = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '`') code = !code;
    if (c === '\\' && s[i + 1] === '|') {
      cur += '|';
      i++;
      continue;
    }
    if (c === '|' && !code) {
      cells.push(cur.trim());
      cur = '';
      continue;
    }
    cur += c;
  }
  cells.push(cur.trim());
  return cells;
}

/** Read one instruction file's text into candidate sentences (all of them; callers filter with isRuleLike). */
export function readMarkdown(content: string, file: string): RuleSentence[] {
  const lines = content.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const out: RuleSentence[] = [];
  const headings: string[] = [];
  const currentHeading = () => {
    for (let i = headings.length - 1; i >= 0; i--) if (headings[i]) return headings[i];
    return undefined;
  };

  let para: { lines: string[]; start: number } | undefined;
  let items: Item[] = []; // open list (stack by indent)
  let lastItem: Item | undefined;
  let pendingIntro: { text: string; line: number } | undefined;
  let blankBefore = true;

  const emit = (text: string, line: number, kind: SentenceKind, extra: { heading?: string; context?: string } = {}) => {
    const display = cleanDisplay(text);
    if (!display || !/[\p{L}]/u.test(display)) return;
    const s: RuleSentence = { file, line, text: display, kind };
    const h = extra.heading ?? currentHeading();
    if (h) s.heading = h;
    // A leading ❌ / 🚫 / ⛔ marks a "don't", a leading ✅ / ✔ a "do".
    const mark = /^[\s*_]*(❌|🚫|⛔|✖️?|✗|✘|👎|✅|✔️?|✓|👍)/u.exec(text)?.[1];
    const emojiContext = mark ? (/[✅✔✓👍]/u.test(mark) ? 'Always' : 'Never') : undefined;
    const context = emojiContext ?? extra.context;
    if (context) s.context = context;
    out.push(s);
  };

  const emitJoined = (parts: string[], startLine: number, kind: SentenceKind, prefix?: string, extra: { heading?: string; context?: string } = {}) => {
    let text = '';
    const map: number[] = [];
    parts.forEach((p, idx) => {
      const t = p.trim();
      if (!t) return;
      if (text) {
        text += ' ';
        map.push(startLine + idx);
      }
      for (let i = 0; i < t.length; i++) map.push(startLine + idx);
      text += t;
    });
    const pieces = splitSentences(text, map);
    pieces.forEach((p, idx) => {
      const t = idx === 0 && prefix ? `${prefix} ${p.text}` : p.text;
      emit(t, p.line, kind, extra);
    });
  };

  const flushIntro = () => {
    if (pendingIntro) emit(pendingIntro.text, pendingIntro.line, 'prose');
    pendingIntro = undefined;
  };

  const flushPara = () => {
    if (!para) return;
    const p = para;
    para = undefined;
    flushIntro();
    const joined = p.lines.map((l) => l.trim()).join(' ');
    // A paragraph ending with ':' introduces the list after it; hold its last sentence.
    if (/:\s*$/.test(joined)) {
      let text = '';
      const map: number[] = [];
      p.lines.forEach((l, idx) => {
        const t = l.trim();
        if (text) {
          text += ' ';
          map.push(p.start + idx);
        }
        for (let i = 0; i < t.length; i++) map.push(p.start + idx);
        text += t;
      });
      const pieces = splitSentences(text, map);
      const last = pieces.pop()!;
      for (const piece of pieces) emit(piece.text, piece.line, 'prose');
      pendingIntro = { text: last.text, line: last.line };
      return;
    }
    emitJoined(p.lines, p.start, 'prose');
  };

  const itemText = (it: Item) => it.lines.map((l) => l.trim()).join(' ').trim();

  const finishItem = (it: Item) => {
    if (it.emitted) return;
    it.emitted = true;
    const text = itemText(it);
    // An item ending with ':' that has children is their intro, not a rule on its own.
    if (/:\s*$/.test(text) && it.childCount > 0) return;
    const prefix = it.prefix && shouldPrefix(it.prefix, text) ? it.prefix : undefined;
    emitJoined(it.lines, it.line, it.kind, prefix, { heading: it.heading, context: it.context });
  };

  const closeItemsDeeperThan = (indent: number) => {
    while (items.length && items[items.length - 1]!.indent >= indent) finishItem(items.pop()!);
  };
  const closeList = () => {
    while (items.length) finishItem(items.pop()!);
    lastItem = undefined;
    pendingIntro = undefined;
  };

  let inFence: string | undefined;
  let inComment = false;
  let inBlock = false;

  // Front matter.
  let i0 = 0;
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((l, i) => i > 0 && i < 60 && /^(---|\.\.\.)\s*$/.test(l));
    if (end > 0) i0 = end + 1;
  }

  for (let i = i0; i < lines.length; i++) {
    const lineNo = i + 1;
    let raw = lines[i]!;

    if (inBlock) {
      if (raw.includes(BLOCK_END)) inBlock = false;
      continue;
    }
    if (raw.includes(BLOCK_BEGIN)) {
      flushPara();
      closeList();
      inBlock = true;
      if (raw.includes(BLOCK_END)) inBlock = false;
      continue;
    }
    if (inFence) {
      if (new RegExp(`^\\s*${inFence[0] === '`' ? '`' : '~'}{${inFence.length},}\\s*$`).test(raw)) inFence = undefined;
      continue;
    }
    // HTML comments (possibly spanning lines).
    if (inComment) {
      const end = raw.indexOf('-->');
      if (end < 0) continue;
      inComment = false;
      raw = raw.slice(end + 3);
      if (!raw.trim()) continue;
    }
    raw = raw.replace(/<!--[\s\S]*?-->/g, '');
    const open = raw.indexOf('<!--');
    if (open >= 0) {
      inComment = true;
      raw = raw.slice(0, open);
      if (!raw.trim()) continue;
    }
    // Block quotes and callouts: read their content as ordinary text.
    let quoted = false;
    while (/^\s{0,3}>/.test(raw)) {
      raw = raw.replace(/^\s{0,3}>\s?/, '');
      quoted = true;
    }
    if (quoted) raw = raw.replace(/^\s*\[!\w+\]\s*/, '');

    const fm = FENCE.exec(raw);
    if (fm) {
      flushPara();
      flushIntro();
      inFence = fm[1]!;
      continue;
    }
    if (!raw.trim()) {
      flushPara();
      blankBefore = true;
      continue;
    }
    const ind = indentOf(raw);
    // Indented code block: 4+ spaces after a blank line, outside any list.
    if (ind >= 4 && blankBefore && !para && items.length === 0) continue;

    const atx = ATX.exec(raw);
    if (atx && ind < 4) {
      flushPara();
      closeList();
      flushIntro();
      const level = atx[1]!.length;
      const text = (atx[2] ?? '').trim();
      headings.length = level;
      headings[level - 1] = plainInline(text);
      const words = plainInline(text).split(/\s+/).length;
      if (words >= 2 && words <= 14 && isRuleLike(text) && !directiveOf(text)) emit(text, lineNo, 'heading', { heading: headings.slice(0, level - 1).filter(Boolean).pop() });
      blankBefore = true;
      continue;
    }
    // Setext heading underline.
    if (para && /^ {0,3}(=+|-+)\s*$/.test(raw)) {
      const text = para.lines.map((l) => l.trim()).join(' ');
      const start = para.start;
      para = undefined;
      const level = raw.trim().startsWith('=') ? 1 : 2;
      headings.length = level;
      headings[level - 1] = plainInline(text);
      const words = plainInline(text).split(/\s+/).length;
      if (words >= 2 && words <= 14 && isRuleLike(text) && !directiveOf(text)) emit(text, start, 'heading');
      blankBefore = true;
      continue;
    }
    if (HR.test(raw) && !LIST.exec(raw)?.[3]) {
      flushPara();
      closeList();
      flushIntro();
      blankBefore = true;
      continue;
    }
    // Tables: a row followed by a separator row.
    if (raw.includes('|') && i + 1 < lines.length && TABLE_SEP.test(lines[i + 1]!)) {
      flushPara();
      closeList();
      const header = splitRow(raw).map((c) => plainInline(c));
      const dirs = header.map((h) => directiveOf(h));
      const heading = currentHeading();
      const tableContext = directiveOf(heading);
      i += 2;
      for (; i < lines.length; i++) {
        const row = lines[i]!;
        if (!row.trim() || !row.includes('|')) {
          i--;
          break;
        }
        const cells = splitRow(row);
        const rowLine = i + 1;
        if (dirs.some(Boolean)) {
          cells.forEach((c, ci) => {
            if (!c.trim()) return;
            const d = dirs[ci];
            emit(c, rowLine, 'table', { context: d ?? tableContext });
          });
        } else {
          const nonEmpty = cells.filter((c) => c.trim());
          if (nonEmpty.length) emit(nonEmpty.join(' — '), rowLine, 'table', { context: tableContext });
        }
      }
      blankBefore = true;
      continue;
    }

    const lm = LIST.exec(raw);
    if (lm && (ind < 4 || items.length > 0)) {
      flushPara();
      const indent = indentOf(lm[1]!);
      closeItemsDeeperThan(indent);
      const parent = items[items.length - 1];
      const it: Item = {
        indent,
        kind: /\d/.test(lm[2]!) ? 'numbered' : 'bullet',
        lines: [lm[3] ?? ''],
        line: lineNo,
        childCount: 0,
        emitted: false,
      };
      const heading = currentHeading();
      if (heading) it.heading = heading;
      const ctx = directiveOf(heading);
      if (ctx) it.context = ctx;
      if (parent) {
        parent.childCount++;
        it.parent = parent;
        const pt = itemText(parent);
        if (/:\s*$/.test(pt)) it.prefix = (parent.prefix ? parent.prefix + ' ' : '') + pt;
        else if (parent.prefix) it.prefix = undefined;
      } else if (pendingIntro) {
        it.prefix = pendingIntro.text;
      }
      items.push(it);
      lastItem = it;
      blankBefore = false;
      continue;
    }

    // Continuation of the open list item: indented, or a lazy continuation line right after it.
    if (lastItem && items.includes(lastItem) && (!blankBefore || ind >= 2)) {
      if (!blankBefore) {
        if (para) para.lines.push(raw);
        else lastItem.lines.push(raw);
      } else {
        // A new paragraph inside the item: read it as prose under the same heading.
        flushPara();
        para = { lines: [raw], start: lineNo };
      }
      blankBefore = false;
      continue;
    }
    if (items.length && ind === 0) closeList();
    if (para) para.lines.push(raw);
    else {
      if (pendingIntro) flushIntro();
      para = { lines: [raw], start: lineNo };
    }
    blankBefore = false;
  }
  flushPara();
  closeList();
  flushIntro();
  return out.map((s, i) => [s, i] as const).sort((a, b) => a[0].line - b[0].line || a[1] - b[1]).map(([s]) => s);
}

/** Builders for the two common rule shapes; each rule still names its own samples' alphabets and lengths. */
import type { NegativeSamples, PositiveSample, RuleSpec, SampleContext } from '../types.js';
import { nearMiss, rnd } from '../kit.js';

export const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

type Extra = Omit<Partial<RuleSpec>, 'samples'> & {
  /** Override or add samples. */
  pos?: () => PositiveSample[];
  neg?: () => Partial<NegativeSamples>;
};

/**
 * A token with a fixed prefix and a body of `len` characters of class `cls` (sampled from `alpha`),
 * optionally followed by `tail` (regex) whose sample is `tailSample`.
 */
export function tok(
  id: string,
  description: string,
  prefix: string,
  cls: string,
  alpha: string,
  len: number | [number, number],
  extra: Extra & { tail?: string; tailSample?: (seed: number) => string; in?: SampleContext[] } = {},
): RuleSpec {
  const [min, max] = typeof len === 'number' ? [len, len] : len;
  const q = min === max ? `{${min}}` : `{${min},${max}}`;
  const tail = extra.tail ?? '';
  const ts = extra.tailSample ?? (() => '');
  const { pos, neg, tailSample: _t, tail: _tail, in: contexts, ...rest } = extra;
  return {
    id,
    description,
    keywords: [prefix.toLowerCase()],
    pattern: `${esc(prefix)}[${cls}]${q}${tail}(?![${cls}])`,
    ...rest,
    samples: () => ({
      positive: pos?.() ?? [
        { secret: prefix + rnd(alpha, max, `${id}1`) + ts(1), in: contexts },
        { secret: prefix + rnd(alpha, min, `${id}2`) + ts(2), in: contexts },
      ],
      negative: {
        placeholder: prefix + 'x'.repeat(max) + ts(3),
        length: prefix + rnd(alpha, Math.max(1, min - 3), `${id}3`) + ts(4),
        prefix: nearMiss(prefix) + rnd(alpha, max, `${id}4`) + ts(5),
        ...neg?.(),
      },
    }),
  };
}

/** A type annotation before `=`: `: str =`, `: string =`, `: &'static str =`, `: Final[str] =`, `: String =`. */
const TYPED = `:\\s{0,3}&?(?:'[a-z]{1,10}\\s{1,3})?[\\w.]{1,30}(?:\\[[\\w.]{1,30}\\])?\\??\\s{0,3}=`;

/**
 * Separator between a variable name and its value in env, JSON, YAML, code and URLs. Up to 20 spaces
 * before the operator: `terraform fmt`, gofmt and hand-aligned .tfvars / .properties pad names.
 * Typed declarations (Python, TypeScript, Kotlin, Rust) put a type between the name and `=`; an
 * index assignment closes a bracket first (`os.environ["API_KEY"] = ...`); a quoted name may be the
 * first argument of a call (`os.Setenv("API_KEY", "...")`, `System.setProperty("db.password", ...)`);
 * a literal fallback follows `||`, `??` or `or` between spaces (`process.env.JWT_SECRET || '...'`;
 * minified bundles write `e.secret||"..."` everywhere, and those stay unmatched).
 * No newline: a name with an empty value (`DB_PASSWORD=` in .env) must not take the next line's.
 */
export const ASSIGN = `[\\w.-]{0,30}(?:["'\`]?[\\])]?[ \\t]{0,20}(?:=|:|:=|=>|\\?=|(?<=[ \\t])(?:\\|\\||\\?\\?|or)(?=[ \\t])|${TYPED})|["'\`][ \\t]{0,3},)[ \\t]{0,3}["'\`]?`;

/**
 * A value with no fixed prefix, found next to a variable name (`names`: regex alternatives that start
 * with one of `keywords`).
 */
export function named(
  id: string,
  description: string,
  keywords: string[],
  names: string,
  value: string,
  sample: { name: string; gen: (seed: number) => string; placeholder?: string; short: string; nearName: string },
  extra: Extra = {},
): RuleSpec {
  const { pos, neg, ...rest } = extra;
  return {
    id,
    description,
    keywords,
    pattern: `(?:${names})${ASSIGN}(${value})`,
    tailGroup: true,
    ignoreCase: true,
    skipReferences: true,
    ...rest,
    samples: () => ({
      positive: pos?.() ?? [
        { secret: sample.gen(1), name: sample.name },
        { secret: sample.gen(2), name: sample.name.toUpperCase() },
      ],
      negative: {
        placeholder: `${sample.name}=${sample.placeholder ?? '${' + sample.name.toUpperCase() + '}'}`,
        length: `${sample.name}=${sample.short}`,
        prefix: `${sample.nearName}=${sample.gen(3)}`,
        ...neg?.(),
      },
    }),
  };
}

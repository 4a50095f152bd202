/**
 * Secret rules are data. Each rule names its keywords (the prefilter), a pattern written in a
 * restricted, provably bounded regex syntax (see safety.ts), which capture group is the secret,
 * optional entropy / checksum / validation, and its own samples (positives and negatives), which
 * test/unit/secrets-rules.test.ts runs in a context matrix.
 */

export type SampleContext = 'env' | 'json' | 'yaml' | 'ts' | 'python' | 'shell' | 'url' | 'raw';

export interface PositiveSample {
  /** The secret exactly as it appears in the text (the expected span). */
  secret: string;
  /** Variable name used when placing the secret in contexts (rules that need a nearby name). */
  name?: string;
  /** Contexts to place it in; default: all except raw. */
  in?: SampleContext[];
  /** A full text containing `secret` once, used instead of the context matrix. */
  text?: string;
}

export interface NegativeSamples {
  /** A placeholder such as `ghp_xxxx…` or `your-api-key`. */
  placeholder: string;
  /** The right prefix but the wrong length. */
  length: string;
  /** A near-miss prefix. */
  prefix: string;
  /** Any other text the rule must ignore. */
  other?: string[];
}

export interface RuleSamples {
  positive: PositiveSample[];
  negative: NegativeSamples;
}

/** A rule's extra check of a found secret (decoded shape etc.); `around` is the text next to it. */
export type Validator = (secret: string, around: { before: string; after: string }) => boolean;

/** A rule as data: what the generated table (rules/table.ts) holds and the scanner needs. */
export interface RuleData {
  /** Stable id: what findings, markers, baselines and disabledRules name. */
  id: string;
  description: string;
  /** Lower-case literal strings; the rule runs only where one occurs. The pattern starts at a keyword (or `back` chars before it). */
  keywords: string[];
  /** Pattern source in the restricted syntax (see safety.ts). Anchored (sticky) at a keyword hit. */
  pattern: string;
  /** Case-insensitive pattern. */
  ignoreCase?: boolean;
  /** Capture group holding the secret (0 = the whole match). Default: 1 when the pattern has a group, else 0. */
  group?: number;
  /** The match starts this many characters before the keyword (fixed), for formats whose marker is inside. */
  back?: number;
  /** The secret group ends the pattern (its span is derived from the match, no second exec). */
  tailGroup?: boolean;
  /** Minimum Shannon entropy (bits per char) of the secret; for formats without a fixed prefix. */
  entropy?: number;
  /** Offline checksum to verify. */
  checksum?: 'github' | 'npm';
  /** Regex sources; a secret matching any is ignored (the rule's own allowlist). */
  allow?: string[];
  /** Require a non-word character (or start) before the match. Default true. */
  boundary?: boolean;
  /** Low-precision catch-all: dropped where a specific rule found the same secret. */
  generic?: boolean;
  /** Values that are references, not secrets (`${X}`, `process.env.X`), are skipped. Default true for generic rules. */
  skipReferences?: boolean;
}

/** A rule as written in the rule files: its data, its validation (from validators.ts) and its samples. */
export interface RuleSpec extends RuleData {
  /** Extra validation of the secret: VALIDATORS[id] (rules/validators.ts). */
  validate?: Validator;
  /** Samples, built lazily (only tests call this). */
  samples: () => RuleSamples;
}

/** What the engine compiles: a rule's data and validation; samples only where the test suite checks them. */
export type ScanRule = RuleData & { validate?: Validator; samples?: () => RuleSamples };

/** A rule ready to scan: defaults filled in, one object shape for every rule. */
export interface CompiledRule extends RuleData {
  ignoreCase: boolean;
  group: number;
  back: number;
  tailGroup: boolean;
  boundary: boolean;
  generic: boolean;
  skipReferences: boolean;
  validate: Validator | undefined;
  index: number;
  /** Created on first use. */
  re: RegExp | undefined;
  /** The same pattern with the `d` flag (group offsets), created on the first match. */
  reIndices: RegExp | undefined;
  allowRes: RegExp[];
}

/** A secret found in a text: offsets are UTF-16 indices into the scanned text. */
export interface SecretMatch {
  rule: string;
  description: string;
  /** Secret span. */
  start: number;
  end: number;
  secret: string;
  generic: boolean;
  /** Rank among rules claiming the same span: a checksum or the rule's own prefix wins. */
  rank: number;
}

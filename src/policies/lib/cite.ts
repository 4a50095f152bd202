/**
 * AGENTS.md citations for one value of a list (or task map) key. `rules --apply` writes them as
 * `sources["<key>:<value>"]` (e.g. `forbidden:.env`, `protected:main`, `tasks:eslint`), because the
 * values of one key come from different sentences; a key-level citation would quote whichever
 * sentence was applied last.
 *
 * The lookup is exact: when the config cites values one by one and this value has none, the value
 * came from somewhere else (a preset, a hand edit), so the finding cites nothing rather than another
 * sentence. (`ctx.sourceFor` falls back to the policy's first rule, `*`, which would be that wrong
 * sentence.) Configs written before per-value citations fall back to the key's citation.
 */
import type { PolicyContext, RuleSource } from '../../engine/types.js';

type Ctx = Pick<PolicyContext<{ sources?: Record<string, RuleSource> }>, 'config' | 'sourceFor'>;

export function sourceForValue(ctx: Ctx, key: string, value: string | undefined): RuleSource | undefined {
  const sources = ctx.config.sources;
  if (!sources) return undefined;
  if (value !== undefined) {
    const hit = sources[`${key}:${value}`];
    if (hit) return hit;
  }
  if (Object.keys(sources).some((k) => k.startsWith(`${key}:`))) return undefined;
  return ctx.sourceFor(key);
}

/** Only the citation of exactly this value, if `rules --apply` wrote one. */
export function citedValue(ctx: Pick<Ctx, 'config'>, key: string, value: string | undefined): RuleSource | undefined {
  return value === undefined ? undefined : ctx.config.sources?.[`${key}:${value}`];
}

/**
 * The citation of exactly this key. A config that `rules --apply` wrote cites each key it set, so an
 * uncited key was set elsewhere (a preset, a default) and cites nothing, rather than the policy's
 * first rule (`*`), which may be about something else; a hand-written config with only `*` keeps it.
 */
export function sourceForKey(ctx: Pick<Ctx, 'config'>, key: string): RuleSource | undefined {
  const s = ctx.config.sources;
  if (!s) return undefined;
  if (s[key]) return s[key];
  return Object.keys(s).some((k) => k !== '*') ? undefined : s['*'];
}

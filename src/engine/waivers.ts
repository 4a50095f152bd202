/**
 * One waiver mechanism for every waivable policy:
 *   HARNESS_WAIVE="size,paths: reason"        (environment, any hook)
 *   Harness-Waive: size: reason               (commit message trailer, read at commit-msg)
 * A reason is required. `*` waives every waivable policy. Skips are separate and louder:
 *   HARNESS_SKIP=policy-id,...                (skip policies; recorded, never silent)
 *   HARNESS_EMERGENCY="reason"                (skip everything; recorded; the commit has no evidence)
 */
export interface Waiver {
  policies: string[];
  reason: string;
  via: 'env' | 'trailer';
}

export interface WaiverProblem {
  text: string;
  problem: string;
}

export function parseWaiverSpec(spec: string, via: Waiver['via']): Waiver | WaiverProblem {
  const idx = spec.indexOf(':');
  if (idx === -1) return { text: spec, problem: 'no reason given (write "policy-id: why this is fine")' };
  const policies = spec
    .slice(0, idx)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const reason = spec.slice(idx + 1).trim();
  if (policies.length === 0) return { text: spec, problem: 'no policy named before the colon' };
  if (!reason) return { text: spec, problem: 'the reason after the colon is empty' };
  return { policies, reason, via };
}

export function envWaivers(env: NodeJS.ProcessEnv): Array<Waiver | WaiverProblem> {
  const v = env.HARNESS_WAIVE;
  if (!v || !v.trim()) return [];
  // Several waivers may be separated by ';' or newlines.
  return v
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => parseWaiverSpec(s, 'env'));
}

/** Trailers named Harness-Waive in a commit message (case-insensitive key, last paragraph or anywhere as a line). */
export function trailerWaivers(message: string): Array<Waiver | WaiverProblem> {
  const out: Array<Waiver | WaiverProblem> = [];
  for (const line of message.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^harness-waive\s*:\s*(.*)$/i.exec(line.trim());
    if (m) out.push(parseWaiverSpec(m[1]!, 'trailer'));
  }
  return out;
}

export function isWaiver(w: Waiver | WaiverProblem): w is Waiver {
  return 'policies' in w;
}

export function parseSkip(env: NodeJS.ProcessEnv): string[] {
  return (env.HARNESS_SKIP ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

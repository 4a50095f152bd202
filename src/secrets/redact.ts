import { createHash } from 'node:crypto';

export function sha256hex(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}

/** Short fingerprint of a secret: first 8 hex chars of its sha256. */
export function shortHash(secret: string): string {
  return sha256hex(secret).slice(0, 8);
}

/**
 * A preview that identifies a secret without revealing it: a few leading characters (at most 4,
 * and never more than a fifth of it), the length and a short fingerprint.
 * `ghp_…(40 chars, sha256:1a2b3c4d)`.
 */
export function redact(secret: string): string {
  const show = Math.min(4, Math.floor(secret.length / 5));
  return `${secret.slice(0, show).replace(/[\r\n]/g, '')}…(${secret.length} chars, sha256:${shortHash(secret)})`;
}

/** The text with each match replaced by `[REDACTED <rule> <preview>]` (matches sorted by start, as scans return them). */
export function maskMatches(text: string, found: ReadonlyArray<{ rule: string; start: number; end: number; secret: string }>): string {
  if (!found.length) return text;
  let out = '';
  let at = 0;
  for (const f of found) {
    if (f.start < at) continue;
    out += text.slice(at, f.start) + `[REDACTED ${f.rule} ${redact(f.secret)}]`;
    at = f.end;
  }
  return out + text.slice(at);
}

/** What stands in for a text the scanner could not check (fail closed: it is neither stored nor shown). */
export function withheld(text: string): string {
  return `[${text.length} characters withheld: the secret scanner could not check them]`;
}

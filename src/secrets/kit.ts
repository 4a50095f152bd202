/**
 * Helpers for rule samples: deterministic pseudo-random token bodies built at run time (so the
 * repository holds no realistic-looking literal tokens), with real checksums where a format has one.
 */
import { withBase62Crc, BASE62 } from './checksums.js';

export const B62 = BASE62;
export const HEX = '0123456789abcdef';
export const HEXU = '0123456789ABCDEF';
export const UPPER_NUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const LOWER_NUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
export const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const B64 = B62 + '+/';
export const B64URL = B62 + '-_';
export const DIGITS = '0123456789';
export const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function seedOf(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** `n` characters from `alphabet`, deterministic for a seed string. */
export function rnd(alphabet: string, n: number, seed: string | number = 'x'): string {
  let x = typeof seed === 'number' ? seed >>> 0 || 1 : seedOf(String(seed)) || 1;
  let out = '';
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out += alphabet[x % alphabet.length];
  }
  return out;
}

/** A GitHub- or npm-style token with a valid CRC32 tail. */
export function crcToken(prefix: string, seed: string | number): string {
  return withBase62Crc(prefix, rnd(B62, 30, seed));
}

export function b64url(s: string): string {
  return Buffer.from(s).toString('base64url');
}

/** A JWT-shaped string with a random signature. */
export function jwt(seed: string | number, claims: Record<string, unknown> = {}): string {
  const h = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const p = b64url(JSON.stringify({ sub: rnd(DIGITS, 10, seed), iat: 1763700000, ...claims }));
  return `${h}.${p}.${rnd(B64URL, 43, `${seed}sig`)}`;
}

/** Join parts at run time. */
export const j = (...parts: string[]) => parts.join('');

/** Change one character of a prefix to make a near miss. */
export function nearMiss(prefix: string): string {
  const i = prefix.search(/[a-zA-Z]/);
  if (i < 0) return 'z' + prefix.slice(1);
  const c = prefix[i]!;
  const r = c === 'q' ? 'w' : c === 'Q' ? 'W' : String.fromCharCode(c.charCodeAt(0) + 1);
  return prefix.slice(0, i) + (c === 'z' ? 'a' : c === 'Z' ? 'A' : r) + prefix.slice(i + 1);
}

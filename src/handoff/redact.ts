/**
 * The one place the handoff subsystem redacts text before it is stored or printed (ledger, handoff
 * files, notes, verify/handoff output): the secret scanner's redactText (every rule, fails closed),
 * then a few generic shapes it may not treat as secrets in free text (credential assignments,
 * passwords in URLs, private-key blocks cut off mid-way).
 */
import { redactText } from '../secrets/index.js';

const PATTERNS: RegExp[] = [
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----|$)/g,
  /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}\b/g,
  /\bglpat-[A-Za-z0-9_-]{20,}\b/g,
  /\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b/g,
  /\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}\b/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g,
  /\bnpm_[A-Za-z0-9]{36}\b/g,
  /\bAIza[0-9A-Za-z_-]{35}\b/g,
  /\b(?:sk|rk|pk)_live_[A-Za-z0-9]{16,}\b/g,
  /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\b/g,
];

/** `password = "..."`-style assignments: keep the name, hide the value. */
const ASSIGNMENT = /\b([A-Za-z0-9_.-]*(?:password|passwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|auth)[A-Za-z0-9_.-]*)(\s*[:=]\s*["']?)([^\s"'`]{8,})/gi;
/** Credentials in URLs: scheme://user:pass@host. */
const URL_CREDS = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)([^\s@/]{3,})@/gi;

function mask(s: string): string {
  return `${s.slice(0, Math.min(4, Math.floor(s.length / 4)))}…[redacted]`;
}

export function redact(s: string): string {
  if (!s) return s;
  let out = redactText(s);
  for (const re of PATTERNS) out = out.replace(re, (m) => mask(m));
  out = out.replace(ASSIGNMENT, (_m, k: string, sep: string, v: string) => (/…\[redacted\]$|^\[REDACTED/.test(v) ? `${k}${sep}${v}` : `${k}${sep}${mask(v)}`));
  out = out.replace(URL_CREDS, (_m, pre: string) => `${pre}[redacted]@`);
  return out;
}

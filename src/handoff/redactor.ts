/**
 * Redaction for the handoff subsystem without loading the whole secret-rule table: the shapes the
 * scanner may not treat as secrets in free text (credential assignments, passwords in URLs,
 * private-key blocks cut off mid-way), and `redactorFor`, which runs the scanner with only the rule
 * families the given texts need. redact.ts is the synchronous version (the whole table).
 */
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

/** The shapes above, masked in text the secret scanner already redacted. */
export function redactShapes(text: string): string {
  let out = text;
  for (const re of PATTERNS) out = out.replace(re, (m) => mask(m));
  out = out.replace(ASSIGNMENT, (_m, k: string, sep: string, v: string) => (/…\[redacted\]$|^\[REDACTED/.test(v) ? `${k}${sep}${v}` : `${k}${sep}${mask(v)}`));
  out = out.replace(URL_CREDS, (_m, pre: string) => `${pre}[redacted]@`);
  return out;
}

/**
 * A redactor for these texts (the secret scanner, then the shapes above), loading only the rule
 * families whose keywords occur in them. Use it on these texts only.
 */
export async function redactorFor(texts: readonly string[]): Promise<(s: string) => string> {
  const { textRedactor } = await import('../secrets/lazy.js');
  const scan = await textRedactor(texts);
  return (s) => (s ? redactShapes(scan(s)) : s);
}

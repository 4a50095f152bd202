/**
 * The baseline: fingerprints of accepted findings (rule + path + hash of the secret), so existing
 * findings do not block new commits. No line numbers (edits do not churn it), never the secret.
 */
import { readFileSync } from 'node:fs';
import { writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface BaselineEntry {
  fingerprint: string;
  rule: string;
  path: string;
}

export interface BaselineFile {
  $comment?: string;
  version: 1;
  findings: BaselineEntry[];
}

export class BaselineError extends Error {
  override name = 'BaselineError';
}

export function readBaseline(file: string): Set<string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return new Set();
  }
  return parseBaseline(text, file);
}

/** A baseline's fingerprints from its text (`where` names it in errors). */
export function parseBaseline(text: string, where: string): Set<string> {
  const file = where;
  try {
    const data = JSON.parse(text) as Partial<BaselineFile>;
    if (!data || !Array.isArray(data.findings)) throw new Error('no "findings" array');
    return new Set(data.findings.map((f) => f.fingerprint).filter((f): f is string => typeof f === 'string'));
  } catch (e) {
    throw new BaselineError(`cannot read the secrets baseline ${file}: ${(e as Error).message}`);
  }
}

export async function writeBaseline(file: string, entries: BaselineEntry[]): Promise<number> {
  const uniq = new Map(entries.map((e) => [e.fingerprint, e]));
  const findings = [...uniq.values()].sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : 1));
  const data: BaselineFile = {
    $comment: 'harness-hooks secrets baseline: accepted findings as rule:path:sha256(secret)[0:16]. Regenerate with `harness-hooks scan --baseline-update`.',
    version: 1,
    findings,
  };
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(data, null, 2) + '\n');
  return findings.length;
}

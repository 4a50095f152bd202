/** Text output for people (and agents): grouped by policy, every finding with where, why, fix, waiver. */
import type { Finding, HookName, RunRecord } from '../engine/types.js';

/** The few styles the report uses. Plain text unless colour is on (chalk is loaded only then). */
export interface Paint {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
  bold(s: string): string;
}

const id = (s: string) => s;
export const PLAIN: Paint = { red: id, yellow: id, green: id, cyan: id, bold: id };

/** chalk with colour forced on (the caller already decided, honouring NO_COLOR / FORCE_COLOR / TTY). */
export async function paintFor(color: boolean): Promise<Paint> {
  if (!color) return PLAIN;
  const { Chalk } = await import('chalk');
  return new Chalk({ level: 1 });
}

export interface TextOptions {
  paint: Paint;
  hook: HookName | string;
  /** Findings that pre-commit deferred to commit-msg (waivable by trailer). */
  pending?: Finding[];
  notes?: string[];
  waiverProblems?: Array<{ text: string; problem: string }>;
  /** Command prefix to show in fix/waive hints, e.g. `git commit` or `git push`. */
  gitCommand?: string;
  /** Waivers are not available to this committer: say why instead of how to waive. */
  waiversUnavailable?: string;
}

export function location(f: Finding): string {
  if (!f.file) return '';
  return `${f.file}${f.line ? `:${f.line}${f.column ? `:${f.column}` : ''}` : ''}`;
}

export function waiveHint(f: Finding, gitCommand = 'git commit'): string {
  if (!f.waivable) return 'not waivable: fix it';
  const id = f.policy;
  if (gitCommand === 'git commit') {
    return `add the trailer "Harness-Waive: ${id}: <reason>" to the commit message, or run HARNESS_WAIVE="${id}: <reason>" ${gitCommand} ...`;
  }
  return `HARNESS_WAIVE="${id}: <reason>" ${gitCommand} ...`;
}

export function formatFindingsText(findings: Finding[], opts: TextOptions): string {
  const c = opts.paint;
  const lines: string[] = [];
  const gitCommand = opts.gitCommand ?? (opts.hook === 'pre-push' ? 'git push' : 'git commit');
  const byPolicy = new Map<string, Finding[]>();
  for (const f of findings) byPolicy.set(f.policy, [...(byPolicy.get(f.policy) ?? []), f]);
  for (const [policy, list] of byPolicy) {
    for (const f of list) {
      const pending = opts.pending?.includes(f);
      const mark = f.waived
        ? c.yellow('waived')
        : pending
          ? c.yellow('needs waiver')
          : f.severity === 'error'
            ? c.red('✖ blocked')
            : f.severity === 'warning'
              ? c.yellow('⚠ warning')
              : c.cyan('ℹ info');
      const where = location(f);
      const rule = f.rule ? `${policy}/${f.rule}` : policy;
      lines.push(`${mark} ${c.bold(rule)}${where ? ` ${where}` : ''}`);
      for (const [i, l] of f.message.split('\n').entries()) lines.push(`    ${i === 0 ? '' : ''}${l}`);
      if (f.commit) lines.push(`    commit: ${f.commit.slice(0, 12)}`);
      if (f.source) lines.push(`    rule:   ${f.source.file}:${f.source.line}: "${f.source.text}"`);
      if (f.waived) lines.push(`    waived: ${f.waived.reason} (via ${f.waived.via === 'env' ? 'HARNESS_WAIVE' : 'Harness-Waive trailer'})`);
      else {
        if (f.fix && f.severity !== 'info') lines.push(`    fix:    ${f.fix}`);
        if (f.severity === 'error') lines.push(`    waive:  ${f.waivable && opts.waiversUnavailable ? opts.waiversUnavailable : waiveHint(f, gitCommand)}`);
      }
    }
  }
  for (const p of opts.waiverProblems ?? []) lines.push(c.yellow(`⚠ waiver ignored: "${p.text}": ${p.problem}. Format: HARNESS_WAIVE="policy-id: reason"`));
  for (const n of opts.notes ?? []) lines.push(c.yellow(`⚠ ${n}`));
  return lines.join('\n');
}

export function summaryLine(record: RunRecord, pending: Finding[], c: Paint): string {
  const blocking = record.findings.filter((f) => f.severity === 'error' && !f.waived && !pending.includes(f)).length;
  const ran = record.policies.filter((p) => p.status !== 'skipped').map((p) => p.id);
  const skipped = record.policies.filter((p) => p.status === 'skipped' && (p.note ?? 'HARNESS_SKIP') === 'HARNESS_SKIP').map((p) => p.id);
  const otherSkips = record.policies.filter((p) => p.status === 'skipped' && p.note && p.note !== 'HARNESS_SKIP' && !record.emergency);
  const head = `harness-hooks ${record.hook === 'manual' ? 'check' : record.hook}:`;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  let status: string;
  if (record.emergency) status = c.yellow(`EMERGENCY SKIP: no policy ran (HARNESS_EMERGENCY: ${record.emergency}). Recorded; this commit will have no evidence.`);
  else if (blocking) status = c.red(`blocked by ${plural(blocking, 'problem', 'problems')}`) + (ran.length ? ` (${ran.join(', ')} ran)` : '');
  else if (pending.length)
    status = c.yellow(`${plural(pending.length, 'problem needs', 'problems need')} a waiver in the commit message (checked at commit-msg)`);
  else status = c.green('passed') + (ran.length ? ` (${ran.join(', ')})` : ' (no policies bound to this hook)');
  const skip =
    (skipped.length && !record.emergency ? c.yellow(` · skipped by HARNESS_SKIP: ${skipped.join(', ')} (recorded)`) : '') +
    (otherSkips.length ? ` · not run: ${otherSkips.map((p) => `${p.id} (${p.note})`).join(', ')}` : '');
  return `${head} ${status}${skip}`;
}

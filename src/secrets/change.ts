/**
 * Turn secret matches in a ChangeSet into Findings: staged added lines (with index line numbers),
 * each commit of a range, or whole files; plus the commit message. Applies the allowlist, inline
 * markers and the baseline, and reports markers and allowlist entries the change ADDS.
 */
import { resolve } from 'node:path';
import type { AddedLine, ChangeSet, ChangedFile, Finding, RuleSource } from '../engine/types.js';
import { scanLines, fingerprint, type LocatedMatch } from './locate.js';
import type { Engine } from './engine.js';
import { redact } from './redact.js';
import { markerFor, parseMarker, MARKER } from './markers.js';
import { readBaseline } from './baseline.js';

export interface SecretsConfig {
  severity: 'error' | 'warning';
  allowlist: { paths: string[]; patterns: string[]; stopwords: string[] };
  baseline: string;
  disabledRules: string[];
  inlineMarkers: boolean;
  scanCommitMessage: boolean;
}

export interface ScanReport {
  findings: Finding[];
  /** Things we did not scan, and why (binary, allowlisted path, ...). */
  skipped: Array<{ file: string; reason: string }>;
  files: number;
  lines: number;
  bytes: number;
  commits: number;
  /** Matches accepted through the baseline or inline markers (counted, not reported as errors). */
  suppressed: { baseline: number; marker: number };
}

const CONFIG_FILES = /(?:^|\/)(?:\.harnessrc(?:\.json|\.ya?ml)?|harness\.config\.(?:json|js|mjs|cjs)|package\.json)$/;
const ALLOW_KEYS = /"?(?:allowlist|stopwords|disabledRules|patterns|baseline)"?\s*:/;

export interface Collector {
  report: ScanReport;
  emit(m: LocatedMatch, file: string | undefined, commit?: string): void;
  scanOpts: { engine: Engine; allowPatterns: RegExp[]; stopwords: string[] };
  isAllowlistedPath(path: string): boolean;
}

/** Shared by every mode: turns matches into findings, applying baseline and inline markers. */
export async function createCollector(
  root: string,
  cfg: SecretsConfig,
  opts: { source?: RuleSource; baselineFile?: string; ignoreBaseline?: boolean; engine?: Engine } = {},
): Promise<Collector> {
  const engine = opts.engine ?? (await import('./index.js')).getEngine(cfg.disabledRules);
  const pm = cfg.allowlist.paths.length ? (await import('picomatch')).default(cfg.allowlist.paths, { dot: true }) : undefined;
  const allowPatterns = cfg.allowlist.patterns.map((p) => new RegExp(p));
  const scanOpts = { engine, allowPatterns, stopwords: cfg.allowlist.stopwords };
  const baselinePath = opts.baselineFile ?? resolve(root, cfg.baseline);
  const baseline = opts.ignoreBaseline ? new Set<string>() : readBaseline(baselinePath);
  const baselineRel = cfg.baseline.replace(/^\.\//, '');
  const report: ScanReport = { findings: [], skipped: [], files: 0, lines: 0, bytes: 0, commits: 0, suppressed: { baseline: 0, marker: 0 } };
  const seen = new Set<string>();
  const emit = (m: LocatedMatch, file: string | undefined, commit?: string) => {
    const path = file ?? '(commit message)';
    const fp = fingerprint(m.rule, path, m.secret);
    const key = `${fp}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (baseline.has(fp)) {
      report.suppressed.baseline++;
      return;
    }
    const marker = cfg.inlineMarkers ? markerFor(m.lineText, m.prevLineText) : undefined;
    if (marker && !marker.problem && marker.rules.includes(m.rule)) {
      report.suppressed.marker++;
      return;
    }
    const where = file ? `${file}:${m.line}:${m.column}` : `the commit message, line ${m.line}`;
    const preview = redact(m.secret);
    let markerNote = '';
    if (marker?.problem) markerNote = ` The harness-secrets:allow marker here does not count: ${marker.problem}.`;
    else if (marker && !marker.rules.includes(m.rule)) markerNote = ` The harness-secrets:allow marker here names ${marker.rules.join(', ')}, not ${m.rule}.`;
    report.findings.push({
      policy: 'secrets',
      rule: m.rule,
      severity: cfg.severity,
      message: `${m.description} in ${where}${commit ? ` (commit ${commit.slice(0, 12)})` : ''}: ${preview}.${markerNote}`,
      file,
      line: m.line,
      column: m.column,
      ...(commit ? { commit } : {}),
      fix: file
        ? `Remove the secret from the change (edit ${file}, then \`git add ${file}\`${commit ? '; rewrite the commit with `git rebase -i` or `git commit --amend`' : ''}) and ROTATE it at the provider: once pushed, assume it leaked. Load it from the environment or a secret manager instead. Not a secret? Add \`# ${MARKER} ${m.rule} <why it is safe>\` on that line, or accept existing findings with \`npx harness-hooks scan --baseline-update\` (writes ${baselineRel}).`
        : 'Edit the commit message to remove the secret (`git commit --amend`), and rotate the secret at the provider.',
      waivable: false,
      fingerprint: fp,
      source: opts.source,
      data: { preview, length: m.secret.length, ...(marker ? { marker: { rules: marker.rules, problem: marker.problem ?? null } } : {}) },
    });
  };

  return { report, emit, scanOpts, isAllowlistedPath: (p) => !!pm && pm(p) };
}

export async function scanChange(
  change: ChangeSet,
  cfg: SecretsConfig,
  opts: { hook: string; source?: RuleSource; messageOnly?: boolean; baselineFile?: string; ignoreBaseline?: boolean },
): Promise<ScanReport> {
  // Staged changes and commit messages: load only the rule families whose keywords occur.
  let engine: Engine | undefined;
  if (change.kind !== 'range') {
    const { engineForTexts } = await import('./lazy.js');
    const texts = opts.messageOnly ? [] : change.files.filter((f) => !f.binary).map((f) => f.addedLines.map((l) => l.text).join('\n'));
    if (change.message) texts.push(change.message);
    engine = await engineForTexts(texts, cfg.disabledRules);
  }
  const col = await createCollector(change.repo.root, cfg, { ...opts, engine });
  const { report, emit, scanOpts } = col;
  const baselineRel = cfg.baseline.replace(/^\.\//, '');
  const scanFile = (f: ChangedFile, lines: AddedLine[], commit?: string) => {
    if (f.status === 'D') return;
    if (col.isAllowlistedPath(f.path)) {
      report.skipped.push({ file: f.path, reason: 'allowlisted path' });
      return;
    }
    if (f.mode === '160000') return; // submodule pointer
    if (f.binary) {
      report.skipped.push({ file: f.path, reason: 'binary' });
      return;
    }
    report.files++;
    report.lines += lines.length;
    for (const l of lines) report.bytes += l.text.length + 1;
    for (const m of scanLines(lines, scanOpts)) emit(m, f.path, commit);
    if (opts.hook !== 'manual' || change.kind !== 'files') reportAdditions(f, lines, commit, baselineRel, report, opts.source);
  };

  const scanMessage = (message: string | undefined, commit?: string) => {
    if (!cfg.scanCommitMessage || !message) return;
    const lines = message.split('\n').map((text, i) => ({ line: i + 1, text }));
    report.bytes += message.length;
    for (const m of scanLines(lines, scanOpts)) emit(m, undefined, commit);
  };

  if (opts.messageOnly) {
    scanMessage(change.message);
    return report;
  }
  if (change.kind === 'range' && change.commits) {
    for (const c of change.commits) {
      report.commits++;
      const files = await change.commitFiles(c.sha);
      for (const f of files) scanFile(f, f.addedLines, c.sha);
      scanMessage(c.message, c.sha);
    }
  } else {
    for (const f of change.files) scanFile(f, f.addedLines);
    scanMessage(change.message);
  }
  return report;
}

/** Inline markers, allowlist edits and baseline entries added by the change: info findings for the handoff. */
function reportAdditions(f: ChangedFile, lines: AddedLine[], commit: string | undefined, baselineRel: string, report: ScanReport, source?: RuleSource) {
  if (f.path === baselineRel) {
    const added = lines.filter((l) => /"fingerprint"\s*:/.test(l.text)).length;
    if (added) {
      report.findings.push({
        policy: 'secrets',
        rule: 'baseline-added',
        severity: 'info',
        message: `${added} secret finding(s) were added to the baseline ${f.path}; they will no longer block.`,
        file: f.path,
        ...(commit ? { commit } : {}),
        waivable: false,
        source,
        data: { added },
      });
    }
    return;
  }
  for (const l of lines) {
    if (l.text.includes(MARKER)) {
      const m = parseMarker(l.text)!;
      report.findings.push({
        policy: 'secrets',
        rule: 'inline-allow-added',
        severity: 'info',
        message: `An inline secret allow marker was added in ${f.path}:${l.line} for ${m.rules.join(', ') || '(no rule)'}: "${m.reason.slice(0, 120)}"${m.problem ? ` (ignored: ${m.problem})` : ''}.`,
        file: f.path,
        line: l.line,
        ...(commit ? { commit } : {}),
        waivable: false,
        source,
        data: { rules: m.rules, reason: m.reason.slice(0, 200), valid: !m.problem },
      });
    } else if (CONFIG_FILES.test(f.path) && ALLOW_KEYS.test(l.text)) {
      report.findings.push({
        policy: 'secrets',
        rule: 'allowlist-changed',
        severity: 'info',
        message: `The secrets allowlist / baseline settings changed in ${f.path}:${l.line}.`,
        file: f.path,
        line: l.line,
        ...(commit ? { commit } : {}),
        waivable: false,
        source,
        data: { text: l.text.trim().slice(0, 200) },
      });
    }
  }
}

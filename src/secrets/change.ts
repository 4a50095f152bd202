/**
 * Turn secret matches in a ChangeSet into Findings: staged added lines (with index line numbers),
 * each commit of a range, or whole files; plus the commit message. Applies the allowlist, inline
 * markers and the baseline, and reports markers and allowlist entries the change ADDS.
 */
import { resolve } from 'node:path';
import type { AddedLine, ChangeSet, ChangedFile, Finding, RuleSource } from '../engine/types.js';
import { scanLines, scanFileText, fingerprint, type LocatedMatch } from './locate.js';
import type { BinaryText } from './binary.js';
import type { Engine } from './engine.js';
import { redact } from './redact.js';
import { markerFor, parseMarker, markerComment, MARKER } from './markers.js';
import { parseBaseline, readBaseline } from './baseline.js';

export interface SecretsConfig {
  severity: 'error' | 'warning';
  allowlist: { paths: string[]; patterns: string[]; stopwords: string[] };
  baseline: string;
  disabledRules: string[];
  inlineMarkers: boolean;
  scanCommitMessage: boolean;
  /** Binary blobs larger than this are not read (reported as not scanned). */
  maxFileBytes?: number;
}

export interface ScanReport {
  findings: Finding[];
  /** Things we did not scan, and why (binary, allowlisted path, ...). */
  skipped: Array<{ file: string; reason: string }>;
  /** Files git calls binary that were scanned as printable runs with the specific (prefixed) rules only. */
  binaryRuns: string[];
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
  emit(m: LocatedMatch, file: string | undefined, commit?: string, note?: string): void;
  scanOpts: { engine: Engine; allowPatterns: RegExp[]; stopwords: string[] };
  isAllowlistedPath(path: string): boolean;
}

function markerHint(file: string, rule: string): string {
  const c = markerComment(file, rule);
  return c ? `Add \`${c}\` at the end of that line (or alone on the line above), or ` : `${file} cannot hold comments, so no inline marker: `;
}

/** Shared by every mode: turns matches into findings, applying baseline and inline markers. */
export async function createCollector(
  root: string,
  cfg: SecretsConfig,
  opts: { source?: RuleSource; baselineFile?: string; ignoreBaseline?: boolean; engine?: Engine; baseline?: Set<string>; hook?: string } = {},
): Promise<Collector> {
  const engine = opts.engine ?? (await import('./index.js')).getEngine(cfg.disabledRules);
  const pm = cfg.allowlist.paths.length ? (await import('picomatch')).default(cfg.allowlist.paths, { dot: true }) : undefined;
  const allowPatterns = cfg.allowlist.patterns.map((p) => new RegExp(p));
  const scanOpts = { engine, allowPatterns, stopwords: cfg.allowlist.stopwords };
  const baselinePath = opts.baselineFile ?? resolve(root, cfg.baseline);
  const baseline = opts.ignoreBaseline ? new Set<string>() : (opts.baseline ?? readBaseline(baselinePath));
  const baselineRel = cfg.baseline.replace(/^\.\//, '');
  const report: ScanReport = { findings: [], skipped: [], binaryRuns: [], files: 0, lines: 0, bytes: 0, commits: 0, suppressed: { baseline: 0, marker: 0 } };
  const seen = new Set<string>();
  const emit = (m: LocatedMatch, file: string | undefined, commit?: string, note = '') => {
    const path = file ?? '(commit message)';
    const fp = fingerprint(m.rule, path, m.secret);
    // Every location is reported (fixing one line must not just reveal the next); only the same
    // rule at the same file, line and column (e.g. the same line in two pushed commits) is one finding.
    const key = `${m.rule}\0${path}\0${m.line}\0${m.column}\0${fp}`;
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
      message: `${m.description} in ${where}${note}${commit ? ` (commit ${commit.slice(0, 12)})` : ''}: ${preview}.${markerNote}`,
      file,
      line: m.line,
      column: m.column,
      ...(commit ? { commit } : {}),
      fix: file
        ? `Remove the secret from the change (edit ${file}, then \`git add ${file}\`${commit ? '; rewrite the commit with `git rebase -i` or `git commit --amend`' : ''}) and ROTATE it at the provider: once pushed, assume it leaked. Load it from the environment or a secret manager instead. Not a secret? ${markerHint(file, m.rule)}add a policies.secrets.allowlist entry. Secrets committed before the hooks were installed can be accepted with \`npx harness-hooks scan --baseline-update\` (writes ${baselineRel}; it never takes in uncommitted changes).`
        : commit
          ? `Reword commit ${commit.slice(0, 12)} without the secret (\`git commit --amend\` if it is the last commit, else \`git rebase -i ${commit.slice(0, 12)}^\` and mark it \`reword\`), and ROTATE the secret at the provider.`
          : 'Write the message again without the secret and commit again (nothing was committed; `git commit -e -F .git/COMMIT_EDITMSG` reopens your message, which git keeps in that file), and ROTATE the secret at the provider.',
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
  opts: { hook: string; source?: RuleSource; messageOnly?: boolean; baselineFile?: string; ignoreBaseline?: boolean; env?: NodeJS.ProcessEnv },
): Promise<ScanReport> {
  const maxBytes = cfg.maxFileBytes ?? 5_000_000;
  const env = opts.env ?? process.env;
  /**
   * Binary files' content as text to scan, or why it could not be read. Blobs are read in two git
   * calls for all files (sizes first, so a huge blob is never loaded); files without a blob id
   * (file lists) through change.readFile.
   */
  const readBinaries = async (files: ChangedFile[]): Promise<Map<ChangedFile, BinaryText | string>> => {
    const out = new Map<ChangedFile, BinaryText | string>();
    if (!files.length) return out;
    const { binaryScanText } = await import('./binary.js');
    const { gitRaw } = await import('../git/exec.js');
    const withBlob = files.filter((f) => f.blob);
    const sizes = new Map<string, number>();
    if (withBlob.length) {
      const r = await gitRaw(['cat-file', '--batch-check'], { cwd: change.repo.root, env, allowFail: true, input: withBlob.map((f) => f.blob).join('\n') + '\n' });
      for (const line of r.stdout.toString('utf8').split('\n')) {
        const [oid, type, size] = line.split(' ');
        if (oid && type === 'blob') sizes.set(oid, Number(size));
      }
    }
    const small = [...new Set(withBlob.map((f) => f.blob!).filter((b) => (sizes.get(b) ?? Infinity) <= maxBytes))];
    const contents = new Map<string, Buffer>();
    if (small.length) {
      const r = await gitRaw(['cat-file', '--batch'], { cwd: change.repo.root, env, allowFail: true, input: small.join('\n') + '\n' });
      const buf = r.stdout;
      let at = 0;
      while (at < buf.length) {
        const nl = buf.indexOf(10, at);
        if (nl === -1) break;
        const [oid, type, size] = buf.subarray(at, nl).toString('utf8').split(' ');
        if (type !== 'blob') {
          at = nl + 1;
          continue;
        }
        const n = Number(size);
        contents.set(oid!, buf.subarray(nl + 1, nl + 1 + n));
        at = nl + 1 + n + 1;
      }
    }
    for (const f of files) {
      let data: Buffer | null = null;
      if (f.blob) {
        const size = sizes.get(f.blob);
        if (size !== undefined && size > maxBytes) {
          out.set(f, `binary, larger than maxFileBytes (${size} > ${maxBytes} bytes)`);
          continue;
        }
        data = contents.get(f.blob) ?? null;
      } else data = await change.readFile(f.path);
      if (!data) out.set(f, 'binary, content unreadable');
      else if (data.length > maxBytes) out.set(f, `binary, larger than maxFileBytes (${data.length} > ${maxBytes} bytes)`);
      else out.set(f, binaryScanText(data));
    }
    return out;
  };
  let binaries = new Map<ChangedFile, BinaryText | string>();
  const wanted = (f: ChangedFile) => f.binary && f.status !== 'D' && f.mode !== '160000';
  // Staged changes and commit messages: load only the rule families whose keywords occur.
  let engine: Engine | undefined;
  if (change.kind !== 'range') {
    const { engineForTexts } = await import('./lazy.js');
    const texts = opts.messageOnly ? [] : change.files.filter((f) => !f.binary).map((f) => f.addedLines.map((l) => l.text).join('\n'));
    if (!opts.messageOnly) {
      const pm = cfg.allowlist.paths.length ? (await import('picomatch')).default(cfg.allowlist.paths, { dot: true }) : undefined;
      binaries = await readBinaries(change.files.filter((f) => wanted(f) && !pm?.(f.path)));
      for (const b of binaries.values()) if (typeof b !== 'string') texts.push(b.text);
    }
    if (change.message) texts.push(change.message);
    engine = await engineForTexts(texts, cfg.disabledRules);
  }
  // Hooks take the baseline as git has it, not as the working tree has it: the staged baseline for a
  // commit, the pushed commit's for a push. An edited but unstaged (or untracked) baseline accepts
  // nothing, so accepting a finding always goes through a commit, where it is reported.
  let baseline: Set<string> | undefined;
  if (!opts.ignoreBaseline && !opts.baselineFile && change.kind !== 'files') {
    const rev = change.kind === 'staged' ? '' : change.commits?.length ? change.commits[change.commits.length - 1]!.sha : undefined;
    if (rev !== undefined) {
      const rel = cfg.baseline.replace(/^\.\//, '');
      const where = `${rev ? rev.slice(0, 12) : 'the index'}:${rel}`;
      // The staged baseline from the index file when it can answer (no git spawn on the hook path).
      let staged: Buffer | null | undefined;
      if (rev === '' && !env.GIT_INDEX_FILE) {
        const { stagedContentFromFiles } = await import('../git/index-entry.js');
        staged = stagedContentFromFiles(change.repo.root, change.repo.gitDir, change.repo.commonDir, rel, env);
      }
      if (staged === null) baseline = new Set();
      else if (staged) baseline = parseBaseline(staged.toString('utf8'), where);
      else {
        const { gitRaw } = await import('../git/exec.js');
        const r = await gitRaw(['show', `${rev}:${rel}`], { cwd: change.repo.root, env, allowFail: true });
        baseline = r.code === 0 ? parseBaseline(r.stdout.toString('utf8'), where) : new Set();
      }
    }
  }
  const col = await createCollector(change.repo.root, cfg, { ...opts, engine, baseline });
  const { report, emit, scanOpts } = col;
  const baselineRel = cfg.baseline.replace(/^\.\//, '');
  let specificOnly: string[] | undefined;
  const scanFile = async (f: ChangedFile, lines: AddedLine[], commit?: string) => {
    if (f.status === 'D') return;
    if (col.isAllowlistedPath(f.path)) {
      report.skipped.push({ file: f.path, reason: 'allowlisted path' });
      return;
    }
    if (f.mode === '160000') return; // submodule pointer
    if (f.binary) {
      const b = binaries.get(f) ?? 'binary, content unreadable';
      if (typeof b === 'string') {
        report.skipped.push({ file: f.path, reason: b });
        return;
      }
      report.files++;
      report.bytes += b.text.length;
      let n = 1;
      for (let i = b.text.indexOf('\n'); i !== -1; i = b.text.indexOf('\n', i + 1)) n++;
      report.lines += n;
      let found: LocatedMatch[];
      if (b.mostlyText) found = scanFileText(b.text, scanOpts);
      else {
        report.binaryRuns.push(f.path);
        specificOnly ??= scanOpts.engine.rules.filter((r) => !r.generic).map((r) => r.id);
        found = scanFileText(b.text, { ...scanOpts, only: specificOnly });
      }
      const note = ` (a file git treats as binary${b.encoding === 'utf8' || b.encoding === 'printable-runs' ? '' : `, ${b.encoding}`})`;
      for (const m of found) emit(m, f.path, commit, note);
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
      binaries = await readBinaries(files.filter((f) => wanted(f) && !col.isAllowlistedPath(f.path)));
      for (const f of files) await scanFile(f, f.addedLines, c.sha);
      scanMessage(c.message, c.sha);
    }
  } else {
    for (const f of change.files) await scanFile(f, f.addedLines);
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
        message: `${added === 1 ? '1 secret finding was' : `${added} secret findings were`} added to the baseline ${f.path}; ${added === 1 ? 'it' : 'they'} will no longer block.`,
        file: f.path,
        ...(commit ? { commit } : {}),
        waivable: false,
        source,
        data: { added },
      });
    }
    return;
  }
  const configFile = CONFIG_FILES.test(f.path);
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
    } else if (configFile && ALLOW_KEYS.test(l.text)) {
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

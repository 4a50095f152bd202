/**
 * `harness-hooks scan`: find secrets in the index, a commit range, all history, or a tree.
 * Exit codes: 0 nothing found, 1 secrets found, 2 usage/config error (including a range that
 * does not resolve: we fail closed), 3 internal error.
 */
import { resolve } from 'node:path';
import type { CommandModule, CliIO } from '../command.js';
import { UsageError } from '../command.js';
import { EXIT, type Finding } from '../../engine/types.js';
import { plural } from '../../policies/lib/plural.js';

const HELP = `Usage: harness-hooks scan [--staged | --range A..B | --history | paths...] [options]

Find secrets (API keys, tokens, private keys, passwords in connection strings, ...).

Modes (one):
  --staged              The index: lines added by the next commit (what the pre-commit hook checks).
  --range A..B          Every commit in A..B, each reported with its commit (pre-push, CI).
                        A range that does not resolve is an error (exit 2): we fail closed.
  --history             Every commit reachable from any ref, streamed.
  paths...              Files and directories (default: .), respecting .gitignore inside them. A path
                        you name is read even when git ignores it (with a note); paths outside the
                        repository are read as they are on disk; a path that does not exist is exit 2.
                        Binaries, symlinks, special files, unreadable files and files over
                        policies.secrets.maxFileBytes are skipped with a note.

Options:
  --format text|json|sarif   Output format (default text). json: {"findings": [...]} ; sarif: SARIF 2.1.0.
  --baseline-update     Write every current finding's fingerprint (rule:path:hash) to the baseline
                        (policies.secrets.baseline, default .secrets-baseline.json) so they stop blocking.
  --no-baseline         Report findings even when the baseline accepts them.
  --jobs N              Worker threads for tree scans (default: CPU count).

Nothing ever prints a full secret: findings show a few leading characters, the length and a hash.
Exit codes: 0 none found, 1 secrets found, 2 usage or config error, 3 internal error.`;

interface Out {
  findings: Finding[];
  skipped: Array<{ file: string; reason: string }>;
  notes: string[];
  stats: { mode: string; files: number; lines: number; bytes: number; commits: number; ms: number; workers?: number; suppressed: { baseline: number; marker: number } };
}

const scan: CommandModule = {
  name: 'scan',
  summary: 'Scan the index, a commit range, history or files for secrets.',
  help: HELP,
  allowPositionals: true,
  options: {
    staged: { type: 'boolean' },
    range: { type: 'string' },
    history: { type: 'boolean' },
    format: { type: 'string', default: 'text' },
    'baseline-update': { type: 'boolean' },
    'no-baseline': { type: 'boolean' },
    jobs: { type: 'string' },
  },
  async run({ values, positionals }, io) {
    const format = String(values.format ?? 'text');
    if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif (got "${format}")`);
    if (positionals.some((p) => p === '')) throw new UsageError('an empty path was given (a quoting mistake?); name the files or directories to scan, or none for the whole tree');
    const modes = [values.staged ? 'staged' : '', values.range !== undefined ? 'range' : '', values.history ? 'history' : '', positionals.length ? 'paths' : ''].filter(Boolean);
    if (modes.length > 1) throw new UsageError(`choose one of --staged, --range, --history or paths (got ${modes.join(' + ')})`);
    const mode = modes[0] ?? 'paths';
    const jobs = values.jobs !== undefined ? Number(values.jobs) : undefined;
    if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 0)) throw new UsageError('--jobs must be a whole number');

    const { readRepoInfo } = await import('../../git/repo.js');
    let repo: Awaited<ReturnType<typeof readRepoInfo>> | undefined;
    let repoError: string | undefined;
    try {
      repo = await readRepoInfo(io.cwd, io.env);
    } catch (e) {
      repoError = (e as Error).message;
      if (mode !== 'paths') {
        io.err(`harness-hooks scan: ${(e as Error).message} --${mode} needs a git repository.\n`);
        return EXIT.USAGE;
      }
    }
    // Outside a repository the tree's root is the current directory, as the file system names it.
    let root = repo?.root ?? io.cwd;
    if (!repo) {
      try {
        root = (await import('node:fs')).realpathSync(io.cwd);
      } catch {
        /* keep io.cwd */
      }
    }
    const { secretsPolicy } = await import('../../policies/secrets.js');
    let cfgRaw: unknown = {};
    let validated: unknown;
    if (repo) {
      try {
        const { loadConfig } = await import('../../config/load.js');
        const { join } = await import('node:path');
        // The hooks' validated-config cache: a repeat scan skips loading zod and re-validating.
        const loaded = await loadConfig(root, { cacheDir: join(repo.gitDir, 'harness') });
        cfgRaw = (loaded.config.policies as Record<string, unknown>).secrets ?? {};
        validated = cfgRaw;
      } catch (e) {
        io.err(`harness-hooks scan: ${(e as Error).message}\n`);
        const problems = (e as { problems?: string[] }).problems;
        if (Array.isArray(problems)) for (const p of problems) io.err(`  ${p}\n`);
        return EXIT.USAGE;
      }
    }
    type SecretsConfig = import('../../policies/secrets.js').SecretsPolicyConfig;
    let cfg: SecretsConfig;
    if (validated && typeof validated === 'object' && 'allowlist' in validated) cfg = validated as SecretsConfig; // resolved with every default
    else {
      const { ensureZod } = await import('../../config/base.js');
      await ensureZod();
      cfg = secretsPolicy.schema.get().parse(cfgRaw ?? {}) as SecretsConfig;
    }
    const ignoreBaseline = !!values['no-baseline'] || !!values['baseline-update'];
    const t0 = Date.now();
    let out: Out;
    try {
      out = await runMode(mode, { root, repo, repoError, cfg, io, positionals, range: values.range as string | undefined, ignoreBaseline, jobs });
    } catch (e) {
      const name = (e as Error).constructor?.name;
      if (name === 'RangeError_' || name === 'GitError' || name === 'BaselineError' || name === 'MissingPathError') {
        io.err(`harness-hooks scan: ${(e as Error).message}\n`);
        if (mode === 'range') io.err('  Nothing was scanned, so this fails closed. Fetch the missing commits (git fetch) or fix the range.\n');
        return EXIT.USAGE;
      }
      throw e;
    }
    out.stats.ms = Date.now() - t0;

    if (values['baseline-update']) {
      const { writeBaseline } = await import('../../secrets/baseline.js');
      const file = resolve(root, cfg.baseline);
      // A baseline accepts what is already committed, never what is about to be: findings in files
      // that differ from HEAD (edited, staged, untracked) are left out, so running this to get a
      // commit through does not wave a new secret in.
      const changed = new Set<string>();
      if (repo && mode === 'paths') {
        const { gitRaw } = await import('../../git/exec.js');
        const hasHead = (await gitRaw(['rev-parse', '-q', '--verify', 'HEAD'], { cwd: root, env: io.env, allowFail: true })).code === 0;
        const diff = hasHead ? await gitRaw(['diff', '--name-only', '-z', '--no-renames', 'HEAD', '--'], { cwd: root, env: io.env, allowFail: true }) : undefined;
        const untracked = await gitRaw(['ls-files', '-o', '-z', '--exclude-standard'], { cwd: root, env: io.env, allowFail: true });
        const staged = hasHead ? undefined : await gitRaw(['ls-files', '-z'], { cwd: root, env: io.env, allowFail: true });
        for (const r of [diff, untracked, staged]) for (const f of r?.stdout.toString('utf8').split('\0') ?? []) if (f) changed.add(f);
      }
      const kept = out.findings.filter((f) => f.severity !== 'info' && f.fingerprint);
      // Staged findings are uncommitted by definition.
      const uncommitted = (f: Finding) => mode === 'staged' || (!!f.file && changed.has(f.file));
      const left = kept.filter(uncommitted);
      const entries = kept
        .filter((f) => !uncommitted(f))
        .map((f) => ({ fingerprint: f.fingerprint!, rule: f.rule!, path: f.file ?? '(commit message)' }));
      const n = await writeBaseline(file, entries);
      io.err(`Wrote ${plural(n, 'fingerprint')} to ${cfg.baseline}. Commit it (the hooks read the committed or staged baseline); those findings no longer block. New secrets still do.\n`);
      if (left.length) {
        const files = [...new Set(left.map((f) => f.file!))];
        io.err(
          `Not accepted: ${plural(left.length, 'finding')} in ${plural(files.length, 'file')} not committed as they are (${files.slice(0, 5).join(', ')}${files.length > 5 ? ', ...' : ''}). ` +
            'A baseline accepts secrets already in the repository, not new ones: remove them, or mark a false positive inline with `harness-secrets:allow <rule-id> <reason>`.\n',
        );
      }
      return EXIT.OK;
    }

    const blocking = out.findings.filter((f) => f.severity === 'error');
    if (format === 'json') io.out(JSON.stringify(toJson(out), null, 2) + '\n');
    else if (format === 'sarif') io.out(JSON.stringify(await toSarif(out), null, 2) + '\n');
    else printText(out, io);
    return blocking.length ? EXIT.BLOCKED : EXIT.OK;
  },
};
export default scan;

async function runMode(
  mode: string,
  a: { root: string; repo: import('../../engine/types.js').RepoInfo | undefined; repoError?: string; cfg: import('../../policies/secrets.js').SecretsPolicyConfig; io: CliIO; positionals: string[]; range?: string; ignoreBaseline: boolean; jobs?: number },
): Promise<Out> {
  const { scanChange, createCollector } = await import('../../secrets/change.js');
  const stats = { mode, files: 0, lines: 0, bytes: 0, commits: 0, ms: 0, suppressed: { baseline: 0, marker: 0 } } as Out['stats'];
  const notes: string[] = [];
  if (mode === 'staged' || mode === 'range') {
    const cs = await import('../../git/changeset.js');
    const change = mode === 'staged' ? await cs.stagedChangeSet(a.repo!, { env: a.io.env }) : await cs.rangeChangeSet(a.repo!, a.range ?? '', { env: a.io.env });
    if (mode === 'range' && !change.commits?.length) notes.push(`The range ${a.range} holds no commits: nothing to scan.`);
    const r = await scanChange(change, a.cfg, { hook: mode === 'staged' ? 'pre-commit' : 'pre-push', ignoreBaseline: a.ignoreBaseline });
    Object.assign(stats, { files: r.files, lines: r.lines, bytes: r.bytes, commits: r.commits, suppressed: r.suppressed });
    return { findings: r.findings, skipped: r.skipped, notes, stats };
  }
  const col = await createCollector(a.root, a.cfg, { ignoreBaseline: a.ignoreBaseline });
  if (mode === 'history') {
    const { historyCommits } = await import('../../secrets/history.js');
    const { scanLines } = await import('../../secrets/index.js');
    for await (const c of historyCommits(a.root, a.io.env)) {
      stats.commits++;
      for (const f of c.files) {
        if (f.deleted || !f.added.length) continue;
        if (f.binary) continue;
        if (col.isAllowlistedPath(f.path)) continue;
        stats.lines += f.added.length;
        for (const l of f.added) stats.bytes += l.text.length + 1;
        for (const m of scanLines(f.added, col.scanOpts)) col.emit(m, f.path, c.sha);
      }
      if (a.cfg.scanCommitMessage) for (const m of scanLines(c.message.split('\n').map((text, i) => ({ line: i + 1, text })), col.scanOpts)) col.emit(m, undefined, c.sha);
    }
    if (!stats.commits) notes.push('The repository has no commits: nothing to scan.');
    stats.suppressed = col.report.suppressed;
    return { findings: col.report.findings, skipped: [], notes, stats };
  }
  // Tree scan
  const { listTree, scanFiles } = await import('../../secrets/tree.js');
  const listing = await listTree({ root: a.root, cwd: a.io.cwd, paths: a.positionals, inRepo: !!a.repo, env: a.io.env });
  if (listing.missing.length) throw new MissingPathError(listing.missing);
  if (!a.repo) notes.push(`${a.repoError ?? 'Not inside a git repository.'} Scanned every file as it is on disk (no .gitignore applied, default settings); to use a repository's .gitignore and config, run scan from inside it.`);
  notes.push(...listing.notes);
  col.report.skipped.push(...listing.skipped);
  const { entryPath } = await import('../../secrets/files.js');
  const files = listing.files.filter((f) => {
    const shown = entryPath(a.root, f).display;
    if (col.isAllowlistedPath(shown)) {
      col.report.skipped.push({ file: shown, reason: 'allowlisted path' });
      return false;
    }
    return true;
  });
  const { results, workers } = await scanFiles(a.root, files, {
    maxFileBytes: a.cfg.maxFileBytes,
    disabledRules: a.cfg.disabledRules,
    allowPatterns: a.cfg.allowlist.patterns,
    stopwords: a.cfg.allowlist.stopwords,
    jobs: a.jobs,
  });
  for (const r of results) {
    if (r.skipped) {
      col.report.skipped.push({ file: r.file, reason: r.skipped });
      continue;
    }
    if (r.note) notes.push(`${r.file}: ${r.note}`);
    stats.files++;
    stats.lines += r.lines;
    stats.bytes += r.bytes;
    for (const m of r.matches) col.emit(m, r.file);
  }
  // The collector's fix speaks of a change ("edit, then git add"); a tree finding is a file on disk,
  // possibly one git ignores, where `git add` is the wrong advice.
  for (const f of col.report.findings) {
    if (f.file && f.fix) f.fix = f.fix.replace(`Remove the secret from the change (edit ${f.file}, then \`git add ${f.file}\`)`, `Remove the secret from ${f.file}`);
  }
  stats.workers = workers;
  stats.suppressed = col.report.suppressed;
  if (!stats.files) notes.push(`Scanned NOTHING: no text files under ${a.positionals.join(' ') || '.'}${col.report.skipped.length ? ` (${plural(col.report.skipped.length, 'path')} skipped)` : ''}.`);
  return { findings: col.report.findings, skipped: col.report.skipped, notes, stats };
}

/** Named paths that do not exist: scanning the rest and passing would hide a typo (exit 2). */
class MissingPathError extends Error {
  constructor(readonly paths: string[]) {
    super(`no such file or directory: ${paths.join(', ')}. Nothing was scanned.`);
    this.name = 'MissingPathError';
  }
}

function toJson(o: Out) {
  return {
    version: 1,
    tool: 'harness-hooks',
    mode: o.stats.mode,
    findings: o.findings.map((f) => ({
      rule: f.rule ?? null,
      severity: f.severity,
      file: f.file ?? null,
      line: f.line ?? null,
      column: f.column ?? null,
      commit: f.commit ?? null,
      fingerprint: f.fingerprint ?? null,
      preview: (f.data?.preview as string | undefined) ?? null,
      message: f.message,
      fix: f.fix ?? null,
    })),
    skipped: o.skipped,
    notes: o.notes,
    stats: o.stats,
  };
}

/** This package's version (SARIF's tool.driver.semanticVersion). */
async function packageVersion(): Promise<string> {
  const { PACKAGE_ROOT } = await import('../../config/presets.js');
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  try {
    return String(JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')).version);
  } catch {
    return '0.0.0';
  }
}

async function toSarif(o: Out) {
  const RULES = (await import('../../secrets/rules/builtin.js')).builtinRules();
  const used = [...new Set(o.findings.filter((f) => f.severity !== 'info' && f.rule).map((f) => f.rule!))];
  const rules = used.map((id) => {
    const r = RULES.find((x) => x.id === id);
    return {
      id,
      name: id.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
      shortDescription: { text: r?.description ?? id },
      fullDescription: { text: `${r?.description ?? id}: a secret committed to the repository.` },
      help: { text: 'Remove the secret from the code and rotate it at the provider. Not a secret? Add `harness-secrets:allow <rule-id> <reason>` on the line, or accept it with `harness-hooks scan --baseline-update`.' },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['security', 'secret'], precision: r?.generic ? 'medium' : 'high', 'security-severity': '8.0' },
    };
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'harness-hooks', informationUri: 'https://github.com/harness-hooks/harness-hooks', semanticVersion: await packageVersion(), rules } },
        results: o.findings
          .filter((f) => f.severity !== 'info')
          .map((f) => ({
            ruleId: f.rule,
            ruleIndex: used.indexOf(f.rule!),
            level: f.severity === 'warning' ? 'warning' : 'error',
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: artifact(f.file ?? '.git/COMMIT_EDITMSG'),
                  region: { startLine: Math.max(1, f.line ?? 1), startColumn: Math.max(1, f.column ?? 1) },
                },
              },
            ],
            partialFingerprints: { 'harnessSecret/v1': f.fingerprint },
            ...(f.commit ? { properties: { commit: f.commit } } : {}),
          })),
        // Skipped files and notes, where SARIF keeps them: the run succeeded, with these remarks.
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: [
              ...o.skipped.map((x) => ({ level: 'note', message: { text: `Not scanned: ${x.file}: ${x.reason}` }, locations: [{ physicalLocation: { artifactLocation: artifact(x.file.replace(/\/$/, '')) } }] })),
              ...o.notes.map((text) => ({ level: 'note', message: { text } })),
            ],
          },
        ],
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

/** A SARIF artifactLocation: repository-relative URIs (forward slashes, each segment percent-encoded,
 * so `#`, `?`, `%` and spaces survive) against %SRCROOT%; absolute file:// URIs for paths outside it. */
function artifact(file: string): { uri: string; uriBaseId?: string } {
  const enc = (p: string) => p.split('/').map(encodeURIComponent).join('/');
  if (file.startsWith('/')) return { uri: `file://${enc(file)}` };
  return { uri: enc(file), uriBaseId: '%SRCROOT%' };
}

function printText(o: Out, io: CliIO) {
  const blocking = o.findings.filter((f) => f.severity !== 'info');
  for (const f of blocking) {
    const where = f.file ? `${f.file}:${f.line}:${f.column}` : `(commit message):${f.line}`;
    io.out(`${f.severity === 'error' ? 'error' : 'warning'} secrets/${f.rule} ${where}${f.commit ? ` ${f.commit.slice(0, 12)}` : ''}\n  ${f.message}\n`);
  }
  for (const f of o.findings.filter((f) => f.severity === 'info')) io.err(`note: ${f.message}\n`);
  for (const n of o.notes) io.err(`note: ${n}\n`);
  if (o.skipped.length) {
    // One line each (the reason may hold parentheses); --format json lists every one.
    const SHOW = 20;
    io.err(`note: ${plural(o.skipped.length, 'path')} not scanned:\n`);
    for (const s of o.skipped.slice(0, SHOW)) io.err(`  ${s.file}: ${s.reason}\n`);
    if (o.skipped.length > SHOW) io.err(`  … and ${o.skipped.length - SHOW} more (--format json lists them all)\n`);
  }
  const s = o.stats;
  const what = s.mode === 'range' || s.mode === 'history' ? `${plural(s.commits, 'commit')}, ${plural(s.lines, 'added line')}` : s.mode === 'staged' ? `${plural(s.files, 'staged file')}, ${plural(s.lines, 'added line')}` : plural(s.files, 'file');
  const supp = s.suppressed.baseline || s.suppressed.marker ? `; ${s.suppressed.baseline} accepted by the baseline, ${s.suppressed.marker} by inline markers` : '';
  io.err(`Scanned ${what} (${(s.bytes / 1e6).toFixed(2)} MB) in ${s.ms} ms: ${blocking.length ? `${plural(blocking.length, 'secret')} found` : 'no secrets found'}${supp}.\n`);
  if (blocking.length) io.err(`Fix: ${blocking[0]!.fix}\n`);
}

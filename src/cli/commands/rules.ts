/**
 * `harness-hooks rules`: the coverage table of the repo's AGENTS.md / CLAUDE.md rules: each rule
 * sentence (file:line) -> enforced by a policy at a hook, configurable (a policy can; `--apply`
 * sets it up), in conflict with the current config, or guidance only (no deterministic check).
 */
import { EXIT } from '../../engine/types.js';
import { UsageError, type CliIO, type CommandModule } from '../command.js';
import type { CoverageRow, RulesResult } from '../../agents-md/coverage.js';

const STATUS_LABEL: Record<CoverageRow['status'], string> = {
  enforced: 'enforced',
  configurable: 'not configured',
  conflict: 'CONFLICT',
  guidance: 'guidance only',
};

function clip(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

export function renderTable(r: RulesResult): string {
  const out: string[] = [];
  if (!r.discovery.files.length) {
    out.push('No instruction files found (AGENTS.md, AGENTS.override.md, CLAUDE.md).');
    return out.join('\n');
  }
  out.push(`Read ${r.discovery.files.map((f) => f.path).join(', ')}`);
  out.push('');
  const locW = Math.min(34, Math.max(...r.rows.map((x) => `${x.file}:${x.line}`.length), 8));
  for (const row of r.rows) {
    const loc = `${row.file}:${row.line}`.padEnd(locW);
    let what: string;
    if (row.status === 'guidance') what = `guidance only — ${row.reason ?? 'no deterministic check'}`;
    else {
      const by = row.policies.map((p) => `${p.policy} at ${p.hooks.join(', ')}`).join('; ');
      what = row.status === 'enforced' ? `enforced by ${by}` : row.status === 'configurable' ? `not configured — ${by} can enforce it (harness-hooks rules --apply)` : `in conflict with the config — ${row.reason}`;
    }
    out.push(`${loc}  "${clip(row.text, 90)}"`);
    out.push(`${' '.repeat(locW)}  -> ${what}${row.truncated ? ' [past the size limit: agents do not read this]' : ''}`);
    if (row.status !== 'guidance' && row.status !== 'conflict') {
      for (const p of row.policies) {
        const { enabled: _e, ...keys } = p.config;
        if (Object.keys(keys).length) out.push(`${' '.repeat(locW)}     ${p.policy}: ${JSON.stringify(keys)}`);
      }
    }
    for (const n of row.notes ?? []) out.push(`${' '.repeat(locW)}     note: ${n}`);
  }
  const count = (s: CoverageRow['status']) => r.rows.filter((x) => x.status === s).length;
  out.push('');
  out.push(
    `${r.rows.length} rule${r.rows.length === 1 ? '' : 's'}: ${count('enforced')} enforced, ${count('configurable')} not configured, ${count('conflict')} in conflict, ${count('guidance')} guidance only.`,
  );
  if (count('configurable') + count('conflict') > 0) out.push('To enforce them: npx harness-hooks rules --apply (shows the change; add --yes to write it).');
  for (const w of r.warnings) out.push(`warning: ${w}`);
  return out.join('\n');
}

async function runRules(values: Record<string, string | boolean | string[] | undefined>, io: CliIO): Promise<number> {
  const format = (values.format as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
  if (values.write && !values.suggest) throw new UsageError('--write goes with --suggest (use --apply --yes to write catalog rules)');
  // Outside a repository: main.ts reports NotARepoError with exit 2.
  const { readRepoInfo } = await import('../../git/repo.js');
  const root = (await readRepoInfo(io.cwd, io.env)).root;
  const { analyzeRepo, loadCurrent } = await import('../../agents-md/coverage.js');
  const loaded = await loadCurrent(root);
  const result = await analyzeRepo(root, { current: loaded.current });
  if (loaded.error) result.warnings.unshift(`the current config could not be loaded (${loaded.error.split('\n')[0]}); statuses are against the defaults`);

  if (typeof values.path === 'string') {
    // The view of one path: the files an agent reads there (root first), their size, and only their rules.
    const { filesFor } = await import('../../agents-md/discover.js');
    const rel = values.path.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '') || '.';
    if (rel.startsWith('../') || rel.startsWith('/')) throw new UsageError(`--path must be inside the repository, not "${values.path}"`);
    const chain = filesFor(result.discovery, rel === '.' ? 'x' : `${rel}/x`);
    const names = new Set(chain.map((f) => f.path));
    const bytes = chain.reduce((n, f) => n + f.bytes, 0);
    const max = loaded.current.agentsMd?.maxBytes ?? 32768;
    result.rows = result.rows.filter((r) => names.has(r.file) && (!r.scope || rel === r.scope || rel.startsWith(r.scope + '/')));
    result.discovery = { ...result.discovery, files: chain };
    const note = `For ${rel}: an agent reads ${chain.map((f) => f.path).join(', ') || 'no instruction files'} (${bytes} of ${max} bytes${bytes > max ? ': OVER the limit, the rest is not read' : ''}).`;
    result.warnings.unshift(note);
  }
  if (values.apply) return apply(root, result, values, io, format);
  if (values.suggest) {
    const { AGENTS_MD_DEFAULTS } = await import('../../agents-md/config.js');
    return suggestCmd(root, result, values, io, format, loaded.current.agentsMd?.model ?? AGENTS_MD_DEFAULTS.model);
  }

  if (format === 'json') {
    io.out(JSON.stringify({ files: result.discovery.files.map((f) => f.path), rows: result.rows, warnings: result.warnings, patch: result.patch }, null, 2) + '\n');
  } else io.out(renderTable(result) + '\n');
  return EXIT.OK;
}

async function apply(root: string, result: RulesResult, values: Record<string, unknown>, io: CliIO, format: string): Promise<number> {
  const { planWrite, lineDiff, writePlanned } = await import('../../agents-md/apply.js');
  const plan = planWrite(root, result.patch);
  const changed = plan.before !== plan.after;
  const json = format === 'json';
  const say = json ? io.err : io.out;
  const report = (written: boolean, code: number, error?: string) => {
    if (json) {
      io.out(
        JSON.stringify({ file: plan.label, changed, written, patch: result.patch, skipped: plan.skipped, manual: plan.manual ?? null, ...(error ? { error } : {}) }, null, 2) + '\n',
      );
    }
    return code;
  };
  for (const s of plan.skipped) say(`skipped policy "${s}": this build of harness-hooks does not have it.\n`);
  if (plan.manual) {
    say(plan.manual + '\n');
    return report(false, EXIT.OK);
  }
  if (!changed || !Object.keys(result.patch.policies).length) {
    say('Nothing to change: the config already enforces every rule the catalog recognised.\n');
    return report(false, EXIT.OK);
  }
  say(`Change to ${plan.label}:\n${lineDiff(plan.before, plan.after)}\n`);
  if (!values.yes) {
    say(`Not written. Re-run with --yes to write ${plan.label}.\n`);
    return report(false, EXIT.OK);
  }
  const { loadConfig } = await import('../../config/load.js');
  try {
    await loadConfig(root, { raw: plan.raw });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    io.err(`harness-hooks rules --apply: the result would not be a valid config, so nothing was written: ${msg}\n`);
    const problems = (e as { problems?: string[] }).problems;
    if (Array.isArray(problems)) for (const p of problems) io.err(`  ${p}\n`);
    return report(false, EXIT.USAGE, msg);
  }
  writePlanned(plan);
  say(`Wrote ${plan.label}. Findings from these policies now cite their AGENTS.md lines.\n`);
  return report(true, EXIT.OK);
}

async function suggestCmd(root: string, result: RulesResult, values: Record<string, unknown>, io: CliIO, format: string, configuredModel: string): Promise<number> {
  const say = format === 'json' ? io.err : io.out;
  const key = io.env.ANTHROPIC_API_KEY?.trim();
  if (!key) {
    say('rules --suggest needs an Anthropic API key: ANTHROPIC_API_KEY is not set, so no model was asked. The catalog table is unchanged.\n');
    if (format === 'json') io.out(JSON.stringify({ skipped: 'ANTHROPIC_API_KEY is not set', proposals: [] }, null, 2) + '\n');
    return EXIT.OK;
  }
  const rows = result.rows.filter((r) => r.status === 'guidance' && !r.entry && !r.kind);
  if (!rows.length) {
    say('Every rule sentence was recognised by the catalog (or is a permission/exception); nothing to ask the model.\n');
    if (format === 'json') io.out(JSON.stringify({ proposals: [], rejected: [] }, null, 2) + '\n');
    return EXIT.OK;
  }
  const model = (values.model as string | undefined) ?? io.env.ANTHROPIC_MODEL ?? configuredModel;
  const { suggest, proposalsToPatch } = await import('../../agents-md/suggest.js');
  let res;
  try {
    res = await suggest(rows, { apiKey: key, model, ...(io.env.ANTHROPIC_BASE_URL ? { baseURL: io.env.ANTHROPIC_BASE_URL } : {}) });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    say(`rules --suggest: the model could not be asked (${msg.replace(key, '[redacted]').split('\n')[0]}). Nothing was changed.\n`);
    if (format === 'json') io.out(JSON.stringify({ error: msg.replace(key, '[redacted]'), proposals: [] }, null, 2) + '\n');
    return EXIT.OK;
  }
  if (format === 'json') {
    io.out(
      JSON.stringify(
        {
          model: res.model,
          proposals: res.proposals.map((p) => ({ file: p.row.file, line: p.row.line, text: p.row.text, policy: p.policy, config: p.config, reason: p.reason })),
          rejected: res.rejected.map((r) => ({ file: r.row?.file, line: r.row?.line, policy: r.policy, problem: r.problem })),
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    io.out(`Model proposals (${res.model}), validated against the config schema:\n`);
    if (!res.proposals.length) io.out('  (none)\n');
    for (const p of res.proposals) io.out(`  ${p.row.file}:${p.row.line}  "${clip(p.row.text, 80)}"\n    -> ${p.policy}: ${JSON.stringify(p.config)}${p.reason ? `  (${p.reason})` : ''}\n`);
    for (const r of res.rejected) io.out(`  rejected${r.row ? ` ${r.row.file}:${r.row.line}` : ''}: ${r.problem}\n`);
  }
  if (!res.proposals.length) return EXIT.OK;
  if (!values.write) {
    say('Not written. Re-run with --suggest --write to add the valid proposals to the config.\n');
    return EXIT.OK;
  }
  return apply(root, { ...result, patch: proposalsToPatch(res.proposals) }, { yes: true }, io, 'text-no-json');
}

const rules: CommandModule = {
  name: 'rules',
  summary: 'Show which AGENTS.md rules are enforced, by which policy at which hook, and which are guidance only.',
  help: `Usage: harness-hooks rules [--path <dir-or-file>] [--format text|json] [--apply [--yes]] [--suggest [--write] [--model <id>]]

Reads AGENTS.md, AGENTS.override.md and CLAUDE.md (with @imports) from the repo root down, and prints
a coverage table: each rule sentence (file:line) -> enforced by a policy at a hook, not configured
(a policy can enforce it), in conflict with the current config, or guidance only.

Options:
  --format <text|json>  Output format (default text).
  --path <path>         Only the files an agent working on <path> reads (root first, nearer later,
                        overrides applied), their size against the limit, and the rules that apply there.
  --apply               Turn the recognised rules into config: shows the change as a diff.
  --yes                 With --apply: write the change (never written without it).
  --suggest             Ask the model (ANTHROPIC_API_KEY; ANTHROPIC_BASE_URL honoured) to propose
                        config for sentences the catalog did not recognise; proposals are checked
                        against the config schema. Without a key it says so and exits 0.
  --write               With --suggest: add the valid proposals to the config.
  --model <id>          Model for --suggest (default agentsMd.model, or ANTHROPIC_MODEL).

Exit codes: 0 ok · 2 usage or config error · 3 internal error.`,
  options: {
    format: { type: 'string' },
    apply: { type: 'boolean' },
    yes: { type: 'boolean', short: 'y' },
    suggest: { type: 'boolean' },
    write: { type: 'boolean' },
    model: { type: 'string' },
    path: { type: 'string' },
  },
  run: ({ values }, io) => runRules(values, io),
};

export default rules;

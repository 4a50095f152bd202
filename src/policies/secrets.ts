/**
 * `secrets`: block commits and pushes that add secrets. pre-commit scans the index's added lines
 * (correct line numbers, partially staged files as staged); commit-msg scans the message; pre-push
 * scans every pushed commit and names it. The rule table loads lazily inside run().
 */
import { definePolicy, type Finding } from '../engine/types.js';
import { policyConfig } from '../config/base.js';
import { plural } from './lib/plural.js';

/** Why `src` is not a valid JavaScript regex, or undefined when it is. */
export function regexProblem(src: string): string | undefined {
  try {
    new RegExp(src);
    return undefined;
  } catch (e) {
    return (e as Error).message.replace(/^Invalid regular expression: /, '');
  }
}

const schema = policyConfig((z) => ({
  allowlist: z
    .strictObject({
      paths: z.array(z.string()).default([]).describe('Globs of files never scanned (e.g. "test/fixtures/**").'),
      patterns: z
        .array(
          z.string().superRefine((src, ctx) => {
            const problem = regexProblem(src);
            if (problem) ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${problem}` });
          }),
        )
        .default([])
        .describe('Regexes; a secret matching one is ignored.'),
      stopwords: z.array(z.string()).default([]).describe('Substrings; a secret containing one (case-insensitive) is ignored.'),
    })
    .prefault({})
    .describe('Things never reported.'),
  baseline: z.string().default('.secrets-baseline.json').describe('Baseline file of accepted findings (fingerprints only), relative to the repo root.'),
  disabledRules: z.array(z.string()).default([]).describe('Rule ids to turn off (see docs/secrets-rules.md).'),
  inlineMarkers: z.boolean().default(true).describe('Honour `harness-secrets:allow <rule-id> <reason>` markers.'),
  scanCommitMessage: z.boolean().default(true).describe('Scan commit messages too (commit-msg hook, and each commit on pre-push).'),
  maxFileBytes: z.number().int().positive().default(5_000_000).describe('`scan [paths]`: files larger than this are skipped with a note.'),
}));

export type SecretsPolicyConfig = NonNullable<(typeof schema)['_output']>;

export const secretsPolicy = definePolicy({
  id: 'secrets',
  description: 'Block secrets (API keys, tokens, private keys, passwords) in commits, commit messages and pushes.',
  hooks: ['pre-commit', 'commit-msg', 'pre-push'],
  schema,
  waivable: false,
  summarize: (c) =>
    `secret scanning on${c.disabledRules.length ? ` (${plural(c.disabledRules.length, 'rule')} off)` : ''}; baseline ${c.baseline}; inline markers ${c.inlineMarkers ? 'allowed' : 'ignored'}`,
  async run(ctx) {
    const { scanChange } = await import('../secrets/change.js');
    const change = ctx.change;
    const messageOnly = ctx.hook === 'commit-msg';
    let report: Awaited<ReturnType<typeof scanChange>>;
    try {
      report = await scanChange(change, ctx.config, { hook: ctx.hook, source: ctx.sourceFor('*'), messageOnly, env: ctx.env });
    } catch (e) {
      // A broken baseline is the repo's input, not our bug: say which file and how to repair it.
      if ((e as Error).name !== 'BaselineError' && !/secrets baseline/.test((e as Error).message)) throw e;
      return [
        {
          policy: 'secrets',
          rule: 'baseline',
          severity: 'error',
          file: ctx.config.baseline,
          message: `${(e as Error).message}. It must be the JSON that \`harness-hooks scan --baseline-update\` writes: {"version": 1, "findings": [{"fingerprint": "..."}]}.`,
          fix: `Restore it from git (\`git checkout -- ${ctx.config.baseline}\`), or rebuild it with \`npx harness-hooks scan --baseline-update\` and review what it accepts.`,
          waivable: false,
        },
      ];
    }
    const out: Finding[] = report.findings;
    if (messageOnly) return out;
    const what = change.kind === 'range' ? plural(report.commits, 'commit') : plural(change.files.length, 'file');
    // A commit that only deletes files has nothing to scan, and nothing to warn about.
    const onlyDeletions = change.kind !== 'range' && change.files.length > 0 && change.files.every((f) => f.status === 'D');
    if (report.lines === 0 && !change.message && !(onlyDeletions && !report.skipped.length)) {
      const skipped = report.skipped.length ? ` Skipped: ${report.skipped.slice(0, 5).map((s) => `${s.file} (${s.reason})`).join(', ')}${report.skipped.length > 5 ? ', …' : ''}.` : '';
      out.push({
        policy: 'secrets',
        rule: 'scanned-nothing',
        severity: report.skipped.length ? 'warning' : 'info',
        message: `Secret scan checked NOTHING: ${what} with no added text lines.${skipped}`,
        fix: report.skipped.length ? 'These files were not scanned for secrets (allowlisted, or binary and unreadable / over maxFileBytes); check them by hand.' : undefined,
        waivable: false,
        data: { files: report.files, commits: report.commits, skipped: report.skipped },
      });
    } else if (report.skipped.length) {
      const unscannedBinary = report.skipped.some((s) => s.reason.startsWith('binary'));
      out.push({
        policy: 'secrets',
        rule: 'skipped-files',
        severity: unscannedBinary ? 'warning' : 'info',
        message: `Not scanned for secrets: ${report.skipped.slice(0, 5).map((s) => `${s.file} (${s.reason})`).join(', ')}${report.skipped.length > 5 ? ` and ${report.skipped.length - 5} more` : ''}.`,
        ...(unscannedBinary ? { fix: 'Check the binary files listed by hand, or raise policies.secrets.maxFileBytes so they are scanned.' } : {}),
        waivable: false,
        data: { skipped: report.skipped },
      });
    }
    if (report.binaryRuns.length) {
      const n = report.binaryRuns.length;
      out.push({
        policy: 'secrets',
        rule: 'binary-partial-scan',
        severity: 'info',
        message: `${n} binary file${n === 1 ? '' : 's'} scanned for fixed-format secrets only (keys and tokens with a known prefix; not generic passwords): ${report.binaryRuns.slice(0, 5).join(', ')}${n > 5 ? ` and ${n - 5} more` : ''}.`,
        waivable: false,
        data: { files: report.binaryRuns },
      });
    }
    return out;
  },
});

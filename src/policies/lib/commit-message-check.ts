/** The commit-message policy's checks, loaded by its run() at commit-msg only. */
import type { Finding, PolicyContext } from '../../engine/types.js';
import type { CommitMessageConfig as Config } from '../commit-message.js';
import { checkConventional, cleanMessage, isGitGenerated, parseTrailers } from './message.js';
import { shq } from './shell.js';
import { sourceForKey, sourceForValue } from './cite.js';

export async function messageFindings(ctx: Pick<PolicyContext<Config>, 'change' | 'config' | 'agent' | 'sourceFor' | 'git'>): Promise<Finding[]> {
  const { config, change, agent } = ctx;
  const raw = change.message;
  if (raw === undefined) return [];
  let commentChar = '#';
  if (raw.split('\n').some((l) => /^[^#\w\s]/.test(l))) {
    // Only ask git when a line starts with another possible comment character.
    const c = (await ctx.git.run(['config', '--get', 'core.commentChar'], { allowFail: true })).trim();
    if (c && c !== 'auto') commentChar = c;
  }
  const msg = cleanMessage(raw, commentChar);
  if (!msg) return []; // git aborts an empty message itself
  const header = msg.split('\n')[0]!;
  const out: Finding[] = [];
  const msgFile = change.messageFile ? shq(change.messageFile) : '.git/COMMIT_EDITMSG';

  if (config.conventional && !isGitGenerated(header)) {
    const p = checkConventional(header, config.types);
    if (p) {
      // The first line is quoted back (and a corrected one proposed): a secret in it must not be.
      const { redactorFor } = await import('../../handoff/redactor.js');
      const redact = await redactorFor([header, p.suggestion ?? '']);
      const shown = redact(header);
      const suggestion = p.suggestion ? redact(p.suggestion) : undefined;
      out.push({
        policy: 'commit-message',
        rule: 'conventional',
        severity: config.severity,
        message: `Commit message: ${p.problem}. First line: "${shown.slice(0, 100)}".`,
        line: 1,
        fix: suggestion
          ? `Use a first line like \`${suggestion}\`, e.g. \`git commit -m ${shq(suggestion)}\` (your message is saved in ${msgFile}; \`git commit -e -F ${msgFile}\` reopens it).`
          : `Start the message with \`type(scope): description\` (types: ${config.types.join(', ')}).`,
        waivable: true,
        source: sourceForKey(ctx, 'conventional'),
        data: { header: shown.slice(0, 200) },
      });
    }
  }

  if (config.requireTrailers.length && (config.trailersFor === 'everyone' || agent.isAgent)) {
    const have = parseTrailers(msg);
    for (const key of config.requireTrailers) {
      const t = have.find((x) => x.key.toLowerCase() === key.toLowerCase());
      if (t && t.value) continue;
      const example = `${key}: ${/assisted|co-authored|generated/i.test(key) ? (agent.name ?? '<agent>/<model>') : '<value>'}`;
      out.push({
        policy: 'commit-message',
        rule: 'trailer',
        severity: config.severity,
        message: `${agent.isAgent && config.trailersFor === 'agents' ? `Agent commits (detected ${agent.name} via ${agent.via}) need` : 'Commits need'} a \`${key}:\` trailer${t ? ' with a value' : ''} in the last paragraph of the message.`,
        fix: `Add it as the last paragraph of the message, e.g. \`git commit --cleanup=strip -F ${msgFile} --trailer ${shq(example)}\` (re-uses your message).`,
        waivable: true,
        source: sourceForValue(ctx, 'requireTrailers', key),
        data: { trailer: key },
      });
    }
  }
  return out;
}

/** The markdown reader: which sentences come out, with which file:line, from real-world markdown shapes. */
import { describe, expect, it } from 'vitest';
import { readMarkdown, isRuleLike, splitSentences } from '../../src/agents-md/reader.js';

const texts = (md: string) => readMarkdown(md, 'AGENTS.md').map((s) => `${s.line}:${s.text}`);

describe('readMarkdown', () => {
  it('reads bullets, numbered steps and wrapped continuation lines with the start line', () => {
    const md = ['# Rules', '', '- Never commit to main.', '- Run `npm test`', '  before pushing.', '1. Use a worktree.', '2) Keep PRs small.'].join('\n');
    expect(texts(md)).toEqual(['3:Never commit to main.', '4:Run `npm test` before pushing.', '6:Use a worktree.', '7:Keep PRs small.']);
  });
  it('splits prose into sentences across wrapped lines and keeps each start line', () => {
    const md = ['We like tidy history. Never commit', 'to main, e.g. for hotfixes. Always use a', 'git worktree.'].join('\n');
    expect(texts(md)).toEqual(['1:We like tidy history.', '1:Never commit to main, e.g. for hotfixes.', '2:Always use a git worktree.']);
  });
  it('skips fenced code, indented code, HTML comments, front matter and the generated block', () => {
    const md = [
      '---',
      'title: x',
      '---',
      '```sh',
      '# never commit to main',
      'git push --force',
      '```',
      '<!-- never use --no-verify',
      'still a comment -->',
      '',
      '    never delete tests',
      '',
      '<!-- harness-hooks:begin -->',
      '- branches: never commit to main',
      '<!-- harness-hooks:end -->',
      'Keep .env out of git.',
      '~~~',
      'ignored',
      '~~~',
    ].join('\n');
    expect(texts(md)).toEqual(['16:Keep .env out of git.']);
  });
  it('handles CRLF, BOM, emphasis, links, curly quotes and emoji', () => {
    const md = '\uFEFF- 🚫 **NEVER** commit to [main](https://x.y/main).\r\n- Don’t use _--no-verify_.\r\n';
    expect(texts(md)).toEqual(['1:NEVER commit to main.', '2:Don’t use --no-verify.']);
  });
  it('joins an intro ending in ":" with the items under it', () => {
    const md = ['Do not edit these paths:', '', '- `migrations/`', '- `.github/workflows/`', '## More', '- Never edit:', '  - `vendor/`'].join('\n');
    expect(texts(md)).toEqual(['3:Do not edit these paths: `migrations/`', '4:Do not edit these paths: `.github/workflows/`', '7:Never edit: `vendor/`']);
  });
  it('gives bare items under a directive heading their context', () => {
    const out = readMarkdown(["## ❌ Don'ts", '- commit to main', '- use --no-verify', '## Setup', '- install deps'].join('\n'), 'AGENTS.md');
    expect(out.map((s) => [s.line, s.text, s.context])).toEqual([
      [2, 'commit to main', 'Never'],
      [3, 'use --no-verify', 'Never'],
      [5, 'install deps', undefined],
    ]);
  });
  it('yields short imperative headings as rules, not topic headings', () => {
    const out = readMarkdown(['# Project', '## Never push to main', '## Testing', 'Text.'].join('\n'), 'AGENTS.md');
    expect(out.filter((s) => s.kind === 'heading').map((s) => [s.line, s.text])).toEqual([[2, 'Never push to main']]);
  });
  it('reads table rows; a directive column header prefixes its cells', () => {
    const md = ['| Do | Don\'t |', '|----|-------|', '| use a worktree | commit to main |', '', '| Command | Purpose |', '| --- | --- |', '| `npm test` | run tests |'].join('\n');
    const out = readMarkdown(md, 'AGENTS.md');
    expect(out.map((s) => [s.line, s.text, s.context])).toEqual([
      [3, 'use a worktree', 'Always'],
      [3, 'commit to main', 'Never'],
      [7, '`npm test` — run tests', undefined],
    ]);
  });
  it('reads block quotes and callouts', () => {
    expect(texts(['> [!IMPORTANT]', '> Never force-push.'].join('\n'))).toEqual(['2:Never force-push.']);
  });
  it('keeps nested bullets as their own sentences', () => {
    expect(texts(['- Testing', '  - Never delete tests.', '    - Not even flaky ones.'].join('\n'))).toEqual([
      '1:Testing',
      '2:Never delete tests.',
      '3:Not even flaky ones.',
    ]);
  });
});

describe('secrets in instruction files', () => {
  it('are masked before a sentence is shown, stored in sources or sent to a model', () => {
    const token = 'ghp_' + 'a1B2'.repeat(9); // built at runtime: not a real token
    const generic = 'Zq9' + 'xY7k'.repeat(9);
    const out = readMarkdown(`- Never commit tokens like ${token} or ${generic}.\n`, 'AGENTS.md');
    expect(out[0]!.text).toBe('Never commit tokens like ghp_…[redacted] or Zq9x…[redacted].');
    expect(JSON.stringify(out)).not.toContain(token.slice(8));
  });
});

describe('splitSentences', () => {
  it('does not split inside inline code or after abbreviations', () => {
    const t = 'Run `a. B` now. Use e.g. Foo. Done';
    const out = splitSentences(t, [...t].map(() => 1));
    expect(out.map((p) => p.text)).toEqual(['Run `a. B` now.', 'Use e.g. Foo.', 'Done']);
  });
});

describe('isRuleLike', () => {
  it('tells instructions from description', () => {
    for (const t of ['Never commit to main.', 'Use pnpm.', 'No API keys in code.', 'Tests must pass.', 'Always run lint']) expect(isRuleLike(t), t).toBe(true);
    for (const t of ['This repo is a monorepo.', 'The API lives in packages/api.', 'Why do we do this?', 'Overview']) expect(isRuleLike(t), t).toBe(false);
  });
});

describe('real-world shapes', () => {
  it('reads ❌ / ✅ markers as "never" / "always" context', () => {
    const out = readMarkdown(['- ❌ commit to main', '- ✅ use a worktree per task', '- 🚫 **Never** push --force'].join('\n'), 'AGENTS.md');
    expect(out.map((s) => [s.text, s.context])).toEqual([
      ['commit to main', 'Never'],
      ['use a worktree per task', 'Always'],
      ['Never push --force', 'Never'],
    ]);
  });
  it('skips a fenced block nested deep inside a list item', () => {
    const md = ['- Run the checks:', '    - first:', '        ```sh', '        never commit to main', '        ```', '- Never use --no-verify.'].join('\n');
    expect(readMarkdown(md, 'AGENTS.md').map((s) => s.text)).not.toContain('never commit to main');
    expect(readMarkdown(md, 'AGENTS.md').map((s) => s.text)).toContain('Never use --no-verify.');
  });
  it('reads lists inside HTML details blocks', () => {
    const md = ['<details><summary>Rules</summary>', '', '- Never commit to main.', '', '</details>'].join('\n');
    expect(readMarkdown(md, 'AGENTS.md').map((s) => s.text)).toContain('Never commit to main.');
  });
});

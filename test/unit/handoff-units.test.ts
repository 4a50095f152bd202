/** Pure parts of the handoff subsystem: evidence format, dependency diff, look-twice facts, CI writer, redaction. */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupAll, tempDir } from '../helpers/repo.js';
import { buildEvidence, checksum, formatEvidence, parseEvidence, evidenceTrailers } from '../../src/handoff/evidence.js';
import { dependencyChanges, lookTwice, isTestFile } from '../../src/handoff/facts.js';
import { writeCiWorkflow, CiWorkflowExistsError, GITHUB_WORKFLOW_PATH } from '../../src/handoff/ci.js';
import { redact } from '../../src/handoff/redact.js';
import type { ChangedFile } from '../../src/engine/types.js';

afterAll(cleanupAll);

const file = (path: string, added: string[], extra: Partial<ChangedFile> = {}): ChangedFile => ({
  path,
  status: 'M',
  binary: false,
  added: added.length,
  deleted: 0,
  addedLines: added.map((text, i) => ({ line: i + 1, text })),
  removedLines: [],
  ...extra,
});

describe('evidence format', () => {
  it('round-trips and its check field catches edits', () => {
    const ev = buildEvidence({ p: 'a'.repeat(16), a: 'b'.repeat(16), configHash: 'c'.repeat(64), preCommit: 'passed', commitMsg: 'passed', waived: ['size', 'size', 'paths'], skipped: [] });
    expect(ev.w).toBe('paths,size');
    const text = formatEvidence(ev);
    const parsed = parseEvidence(text)!;
    expect(parsed).toEqual(ev);
    expect(checksum(parsed)).toBe(parsed.k);
    const edited = parseEvidence(text.replace('w=paths,size', 'w=-'))!;
    expect(checksum(edited)).not.toBe(edited.k);
    expect(parseEvidence('v2 p=x')).toBeNull();
    expect(parseEvidence('v1 p=x a=y')).toBeNull();
    expect(evidenceTrailers(`s\n\nbody\n\nharness-evidence: ${text}\n`)).toEqual([text]);
  });
});

describe('dependency diff', () => {
  it('lists new dependencies and changed ranges, not unchanged ones', () => {
    const before = JSON.stringify({ dependencies: { a: '^1.0.0', b: '^2.0.0' } });
    const after = JSON.stringify({ dependencies: { a: '^1.0.0', b: '^3.0.0', c: '1.0.0' }, devDependencies: { d: '*' } });
    expect(dependencyChanges(before, after)).toEqual([
      { name: 'b', kind: 'dependencies', from: '^2.0.0', to: '^3.0.0' },
      { name: 'c', kind: 'dependencies', to: '1.0.0' },
      { name: 'd', kind: 'devDependencies', to: '*' },
    ]);
    expect(dependencyChanges(null, '{broken')).toEqual([]);
  });
});

describe('look twice', () => {
  const base = { packageJsons: [], records: [], checksRan: true, largeHunkLines: 3, protectedGlobs: ['infra/**'], extraGlobs: [] };
  it('flags facts and nothing on an ordinary change', () => {
    expect(lookTwice({ ...base, files: [file('src/a.ts', ['x'])] })).toEqual([]);
    const items = lookTwice({
      ...base,
      files: [
        file('test/a.test.ts', ["it.skip('x', () => {})"]),
        file('infra/main.tf', ['x']),
        file('src/big.ts', ['1', '2', '3', '4']),
        file('src/k.ts', ['const k = 1; // gitleaks:allow']),
        file('tests/gone_test.py', [], { status: 'D', deleted: 9 }),
      ],
    });
    expect(items.map((i) => i.kind).sort()).toEqual(['large-hunk', 'protected-file', 'secret-ignore', 'test-deleted', 'test-skipped']);
  });
  it('says when the checks did not run; recognises test files by path', () => {
    const items = lookTwice({ ...base, checksRan: false, files: [] });
    expect(items[0]!.kind).toBe('checks-not-run');
    expect(isTestFile('src/foo.spec.tsx')).toBe(true);
    expect(isTestFile('src/contest.ts')).toBe(false);
  });
});

describe('CI workflow writer', () => {
  it('writes the GitHub workflow once, and never overwrites a different file', async () => {
    const root = tempDir('hh-ci-');
    expect(await writeCiWorkflow(root, 'github')).toEqual([GITHUB_WORKFLOW_PATH]);
    const text = readFileSync(join(root, GITHUB_WORKFLOW_PATH), 'utf8');
    expect(text).toContain('npx harness-hooks verify --range origin/${{ github.base_ref }}..HEAD');
    expect(text).toContain('fetch-depth: 0');
    expect(text).toMatch(/on:\n  pull_request:/);
    expect(await writeCiWorkflow(root, 'github')).toEqual([]);
    writeFileSync(join(root, GITHUB_WORKFLOW_PATH), 'name: mine\n');
    await expect(writeCiWorkflow(root, 'github')).rejects.toBeInstanceOf(CiWorkflowExistsError);
    expect(readFileSync(join(root, GITHUB_WORKFLOW_PATH), 'utf8')).toBe('name: mine\n');
  });
});

describe('redact', () => {
  it('masks token shapes and assignments, keeps ordinary text', () => {
    const aws = 'AKIA' + 'QWERTYUIOPASDFGH';
    expect(redact(`key ${aws} here`)).not.toContain(aws);
    const pw = ['hunter2', 'hunter2'].join(''); // built at run time: no literal for scanners to trip on
    expect(redact(`password = "${pw}"`)).not.toContain(pw);
    expect(redact('https://bob:s3cretpw@example.test/x')).not.toContain('s3cretpw');
    expect(redact('all 12 tests passed in 3.2s')).toBe('all 12 tests passed in 3.2s');
    expect(redact('p=0123456789abcdef k=abcdef012345')).toBe('p=0123456789abcdef k=abcdef012345');
  });
});

describe('note rendering', () => {
  it('keeps a multi-line note inside its list item', async () => {
    const { noteText } = await import('../../src/handoff/render.js');
    expect(noteText('first\n## Look twice\n```\nx')).toBe('first\n  \\## Look twice\n  \\```\n  x');
  });
});

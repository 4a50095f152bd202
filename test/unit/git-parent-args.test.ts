/** Reading what git was asked to do, from its command line: amends and dry-run pushes. */
import { describe, expect, it } from 'vitest';
import { isAmendArgs, isDryRunPushArgs } from '../../src/git/amend.js';

describe('git command lines', () => {
  it('recognises a dry-run push however it is spelled', () => {
    expect(isDryRunPushArgs(['git', 'push', '--dry-run', 'origin', 'main'])).toBe(true);
    expect(isDryRunPushArgs(['git', 'push', '-n', 'origin'])).toBe(true);
    expect(isDryRunPushArgs(['git', '-c', 'x=y', 'push', '-fn', 'origin'])).toBe(true);
    expect(isDryRunPushArgs(['git', 'push', 'origin', 'main'])).toBe(false);
    expect(isDryRunPushArgs(['git', 'push', '-f', '-u', 'origin', 'main'])).toBe(false);
    expect(isDryRunPushArgs(['git', 'push', 'origin', '--', '-n'])).toBe(false); // a ref named -n
    expect(isDryRunPushArgs(['git', 'commit', '-n'])).toBe(false); // commit -n is --no-verify
  });
  it('recognises an amend', () => {
    expect(isAmendArgs(['git', 'commit', '--amend', '--no-edit'])).toBe(true);
    expect(isAmendArgs(['git', 'commit', '-m', 'x'])).toBe(false);
  });
});

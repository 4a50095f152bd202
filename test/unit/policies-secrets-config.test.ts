/** The secrets policy config: user regexes are validated by the schema (a config error, not a crash). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/config/errors.js';
import { cleanupAll, tempDir } from '../helpers/repo.js';

afterAll(cleanupAll);

async function problems(patterns: unknown[]): Promise<string[]> {
  const d = tempDir('hh-seccfg-');
  writeFileSync(join(d, '.harnessrc.json'), JSON.stringify({ policies: { secrets: { enabled: true, allowlist: { patterns } } } }));
  try {
    await loadConfig(d);
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
}

describe('policies.secrets.allowlist.patterns', () => {
  it('an invalid regex names its key path and the regex error', async () => {
    const p = await problems(['(unclosed']);
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^policies\.secrets\.allowlist\.patterns\.0 \(in \.harnessrc\.json\): not a valid regular expression: .*Unterminated group/);
  });

  it('each bad entry is reported at its own index; valid ones pass', async () => {
    expect(await problems(['^test-', 'a[b', 'ok', '*x'])).toEqual([
      expect.stringContaining('allowlist.patterns.1 '),
      expect.stringContaining('allowlist.patterns.3 '),
    ]);
    expect(await problems(['^test-', '[A-Z]{3}-\\d+'])).toEqual([]);
  });
});

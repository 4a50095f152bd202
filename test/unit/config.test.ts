/** Config loading, merge rules and error messages, against real files in temp directories. */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { mergeInto, normalize } from '../../src/config/presets.js';
import { ConfigError, didYouMean } from '../../src/config/errors.js';
import { cleanupAll, tempDir } from '../helpers/repo.js';

afterAll(cleanupAll);

function dirWith(files: Record<string, unknown>): string {
  const d = tempDir('hh-cfg-');
  for (const [f, v] of Object.entries(files)) {
    mkdirSync(join(d, f, '..'), { recursive: true });
    writeFileSync(join(d, f), typeof v === 'string' ? v : JSON.stringify(v));
  }
  return d;
}

async function loadError(dir: string): Promise<ConfigError> {
  try {
    await loadConfig(dir);
  } catch (e) {
    return e as ConfigError;
  }
  throw new Error('expected the config to be rejected');
}

describe('finding the config', () => {
  it.each([
    ['.harnessrc', JSON.stringify({ policies: { commands: { tasks: { '*.ts': 'tsc' } } } })],
    ['.harnessrc.json', { policies: { commands: { tasks: { '*.ts': 'tsc' } } } }],
    ['.harnessrc.yaml', 'policies:\n  commands:\n    tasks:\n      "*.ts": tsc\n'],
    ['harness.config.json', { policies: { commands: { tasks: { '*.ts': 'tsc' } } } }],
    ['harness.config.mjs', 'export default { policies: { commands: { tasks: { "*.ts": "tsc" } } } }'],
    ['harness.config.cjs', 'module.exports = { policies: { commands: { tasks: { "*.ts": "tsc" } } } }'],
    ['package.json', { name: 'x', harness: { policies: { commands: { tasks: { '*.ts': 'tsc' } } } } }],
  ])('reads %s', async (file, content) => {
    const dir = dirWith({ [file]: content });
    const { config, file: found } = await loadConfig(dir);
    expect(found).toBe(join(dir, file));
    expect(config.policies.commands?.tasks).toEqual({ '*.ts': 'tsc' });
  });

  it('uses the recommended preset when there is no config file', async () => {
    const { file, layers } = await loadConfig(dirWith({}));
    expect(file).toBeUndefined();
    expect(layers.at(-1)!.name).toContain('harness-hooks/recommended');
  });

  it('ignores a package.json without a "harness" key', async () => {
    const { file } = await loadConfig(dirWith({ 'package.json': { name: 'x' } }));
    expect(file).toBeUndefined();
  });
});

describe('errors name the file, the key path, what was expected and what was found', () => {
  it('unknown keys get a did-you-mean', async () => {
    const e = await loadError(dirWith({ '.harnessrc.json': { policies: { commands: { taks: {} } } } }));
    expect(e.message).toBe('invalid config in .harnessrc.json');
    expect(e.problems.join('\n')).toContain('policies.commands.taks (in .harnessrc.json): unknown key. Did you mean "tasks"?');
  });

  it('an unknown policy id gets a did-you-mean among policy ids', async () => {
    const e = await loadError(dirWith({ '.harnessrc.json': { policies: { comands: true } } }));
    expect(e.problems.join('\n')).toContain('Did you mean "commands"?');
  });

  it('wrong types say what was expected and found', async () => {
    const e = await loadError(dirWith({ '.harnessrc.json': { policies: { commands: { enabled: 'yes' } } } }));
    expect(e.problems.join('\n')).toMatch(/policies\.commands\.enabled.*expected boolean, found string "yes"/);
  });

  it('bad enum values list the allowed ones', async () => {
    const e = await loadError(dirWith({ '.harnessrc.json': { policies: { commands: { severity: 'fatal' } } } }));
    expect(e.problems.join('\n')).toContain('expected one of "error", "warning", found string "fatal"');
  });

  it('unparseable JSON names the file', async () => {
    const e = await loadError(dirWith({ '.harnessrc.json': '{ "policies": ' }));
    expect(e.message).toMatch(/cannot parse \.harnessrc\.json as JSON/);
  });

  it('a missing preset says how to install it', async () => {
    const e = await loadError(dirWith({ '.harnessrc.json': { extends: '@acme/harness-preset' } }));
    expect(e.message).toContain('npm install --save-dev @acme/harness-preset');
  });

  it('an unknown built-in preset lists the real ones', async () => {
    const e = await loadError(dirWith({ '.harnessrc.json': { extends: 'harness-hooks/strictest' } }));
    expect(e.message).toContain('harness-hooks/recommended, harness-hooks/strict, harness-hooks/agent');
  });

  it('an extends cycle is an error, not a hang', async () => {
    const e = await loadError(dirWith({ '.harnessrc.json': { extends: './a.json' }, 'a.json': { extends: './b.json' }, 'b.json': { extends: './a.json' } }));
    expect(e.message).toContain('cycle');
  });
});

describe('merge rules', () => {
  it('objects merge key by key, arrays and scalars from later layers replace, and origins are tracked', async () => {
    const dir = dirWith({
      'team.json': { policies: { commands: { enabled: true, tasks: { '*.ts': 'eslint' }, concurrent: 2 } } },
      '.harnessrc.json': { extends: './team.json', policies: { commands: { tasks: { '*.md': 'prettier --check' }, concurrent: false } } },
    });
    const { config, origins } = await loadConfig(dir);
    expect(config.policies.commands).toMatchObject({ enabled: true, tasks: { '*.ts': 'eslint', '*.md': 'prettier --check' }, concurrent: false });
    expect(origins.get('policies.commands.tasks.*.ts')).toBe('./team.json');
    expect(origins.get('policies.commands.tasks.*.md')).toBe('.harnessrc.json');
    expect(origins.get('policies.commands.concurrent')).toBe('.harnessrc.json');
  });

  it('`false` turns a preset\'s policy off, `true` turns it on with its defaults', async () => {
    const dir = dirWith({
      'team.json': { policies: { commands: { enabled: true, tasks: { '*.ts': 'eslint' } } } },
      '.harnessrc.json': { extends: './team.json', policies: { commands: false } },
    });
    const { config } = await loadConfig(dir);
    expect(config.policies.commands!.enabled).toBe(false);
    expect(config.policies.commands!.tasks).toEqual({ '*.ts': 'eslint' });
  });

  it('several presets apply left to right', async () => {
    const dir = dirWith({
      'a.json': { waivers: { allowAgents: false, minReasonLength: 20 } },
      'b.json': { waivers: { minReasonLength: 12 } },
      '.harnessrc.json': { extends: ['./a.json', './b.json'] },
    });
    const { config } = await loadConfig(dir);
    expect(config.waivers).toMatchObject({ allowAgents: false, minReasonLength: 12 });
  });

  it('mergeInto replaces arrays instead of concatenating', () => {
    const origins = new Map<string, string>();
    const merged = mergeInto(normalize({ policies: { x: { list: [1, 2] } } }), { policies: { x: { list: [3] } } }, 'b', origins);
    expect(merged).toEqual({ policies: { x: { list: [3] } } });
  });

  it('didYouMean returns nothing for far-off keys', () => {
    expect(didYouMean('zzzzzz', ['enabled', 'severity'])).toBeUndefined();
    expect(didYouMean('enabeld', ['enabled', 'severity'])).toBe('enabled');
  });

  it('setting commands.tasks turns the commands policy on unless enabled is said', async () => {
    const on = await loadConfig(dirWith({ '.harnessrc.json': { policies: { commands: { tasks: { '*.ts': 'eslint' } } } } }));
    expect(on.config.policies.commands!.enabled).toBe(true);
    const off = await loadConfig(dirWith({ '.harnessrc.json': { policies: { commands: { enabled: false, tasks: { '*.ts': 'eslint' } } } } }));
    expect(off.config.policies.commands!.enabled).toBe(false);
  });
});

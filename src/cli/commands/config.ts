/** `harness-hooks config`: the resolved config and where each value came from. */
import { relative } from 'node:path';
import type { CommandModule } from '../command.js';
import { UsageError } from '../command.js';
import { readRepoInfo } from '../../git/repo.js';
import { loadConfig } from '../../config/load.js';

const help = `Usage: harness-hooks config [--format text|json] [--config <file>]

Prints the resolved config (presets merged, defaults applied) and, for every value set by a
file or preset, which one set it. Exits 2 with the exact key path when the config is invalid.

Exit codes: 0 valid · 2 invalid config or usage error`;

function leaves(v: unknown, prefix: string, out: Array<[string, unknown]>): void {
  if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length) {
    for (const [k, x] of Object.entries(v)) leaves(x, prefix ? `${prefix}.${k}` : k, out);
  } else out.push([prefix, v]);
}

const cmd: CommandModule = {
  name: 'config',
  summary: 'Print the resolved config and where each value came from.',
  help,
  options: { format: { type: 'string', default: 'text' }, config: { type: 'string' } },
  async run({ values }, io) {
    const format = String(values.format);
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got "${format}"`);
    const repo = await readRepoInfo(io.cwd, io.env);
    const loaded = await loadConfig(repo.root, values.config ? { file: String(values.config) } : {});
    // A value's origin is the layer that set it, or the one that set an array/scalar above it;
    // an object merely containing it says nothing (its other keys may be defaults).
    const valueAt = (path: string) => path.split('.').reduce<any>((v, k) => (v == null ? undefined : v[k]), loaded.config);
    const originOf = (path: string) => {
      for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
        const o = loaded.origins.get(p);
        const v = valueAt(p);
        if (o && (p === path || typeof v !== 'object' || v === null || Array.isArray(v))) return o;
      }
      return 'default';
    };
    const rows: Array<[string, unknown]> = [];
    leaves(loaded.config, '', rows);
    if (format === 'json') {
      io.out(
        JSON.stringify(
          {
            file: loaded.file ? relative(repo.root, loaded.file) : null,
            layers: loaded.layers.map((l) => l.name),
            config: loaded.config,
            origins: Object.fromEntries(rows.map(([k]) => [k, originOf(k)])),
          },
          null,
          2,
        ),
      );
      return 0;
    }
    io.out(`config file: ${loaded.file ? relative(repo.root, loaded.file) : '(none: using harness-hooks/recommended)'}`);
    io.out(`layers (later wins): ${loaded.layers.map((l) => l.name).join(' -> ')}`);
    io.out('');
    const w = Math.min(60, Math.max(...rows.map(([k]) => k.length)));
    for (const [k, v] of rows) io.out(`${k.padEnd(w)}  ${JSON.stringify(v)}  (${originOf(k)})`);
    return 0;
  },
};
export default cmd;

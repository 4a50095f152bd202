/**
 * Find, merge and validate the config. cosmiconfig (module name `harness`) finds the file at the
 * repo root: package.json "harness", .harnessrc (json/yaml), .harnessrc.{json,yaml,yml},
 * harness.config.{js,mjs,cjs,json}. No file means the recommended preset.
 */
import { readFileSync, existsSync, statSync, writeFileSync, mkdirSync, renameSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { ResolvedConfig } from './schema.js';
import { ConfigError, formatIssues } from './errors.js';
import { collectLayers, mergeInto, normalize, resolvePreset, PACKAGE_ROOT, type Layer, type Raw } from './presets.js';

export const SEARCH_PLACES = [
  'package.json',
  '.harnessrc',
  '.harnessrc.json',
  '.harnessrc.yaml',
  '.harnessrc.yml',
  'harness.config.json',
  'harness.config.js',
  'harness.config.mjs',
  'harness.config.cjs',
];

export interface LoadedConfig {
  config: ResolvedConfig;
  /** Absolute path of the config file, undefined when none was found. */
  file?: string;
  /** The layers merged, in order. */
  layers: Layer[];
  /** Dotted key path -> the layer (file or preset name) that set it. */
  origins: Map<string, string>;
}

/** Find the config file without loading cosmiconfig when a cheap look settles it. */
export function findConfigFile(root: string): string | undefined {
  for (const place of SEARCH_PLACES) {
    const f = resolve(root, place);
    if (!existsSync(f)) continue;
    if (place === 'package.json') {
      try {
        const pkg = JSON.parse(readFileSync(f, 'utf8'));
        if (pkg && typeof pkg === 'object' && 'harness' in pkg) return f;
      } catch {
        /* a broken package.json is not our config */
      }
      continue;
    }
    return f;
  }
  return undefined;
}

async function readWithCosmiconfig(root: string, file: string): Promise<Raw> {
  const { cosmiconfig } = await import('cosmiconfig');
  const explorer = cosmiconfig('harness', { searchPlaces: SEARCH_PLACES, searchStrategy: 'none', cache: false });
  try {
    const res = await explorer.load(file);
    if (!res || res.isEmpty) return {};
    return res.config as Raw;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    // cosmiconfig's YAML errors put the reason on the lines after "YAML Error in <file>:".
    const lines = msg.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() && !/^YAML Error in /.test(l));
    throw new ConfigError(`cannot read ${relative(root, file)}: ${lines.slice(0, 6).join('\n    ') || msg}`, file);
  }
}

/** Read raw JSON configs directly (fast path); everything else through cosmiconfig. */
async function readRaw(root: string, file: string): Promise<Raw> {
  if (file.endsWith('package.json')) return (JSON.parse(readFileSync(file, 'utf8')).harness ?? {}) as Raw;
  if (file.endsWith('.json')) {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Raw;
    } catch (e) {
      throw new ConfigError(`cannot parse ${relative(root, file)} as JSON: ${e instanceof Error ? e.message : String(e)}`, file);
    }
  }
  return readWithCosmiconfig(root, file);
}

export interface LoadOptions {
  /** Use this raw config instead of reading a file (tests, staged config). */
  raw?: Raw;
  /** Explicit config file (--config). */
  file?: string;
  /**
   * Directory for the validated-config cache (the hooks pass <git dir>/harness). With a cache hit,
   * neither zod nor cosmiconfig is loaded: the hook's start-up stays close to node's own.
   */
  cacheDir?: string;
}

interface CacheEntry {
  version: string;
  root: string;
  file: string | null;
  stats: Array<[string, number, number]>;
  config: ResolvedConfig;
  origins: Array<[string, string]>;
  layers: Array<{ name: string; file: string }>;
}

let pkgVersion: string | undefined;
function ownVersion(): string {
  if (pkgVersion === undefined) {
    try {
      pkgVersion = String(JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')).version);
    } catch {
      pkgVersion = 'unknown';
    }
  }
  return pkgVersion;
}

function statKey(f: string): [string, number, number] {
  try {
    const st = statSync(f);
    return [f, st.mtimeMs, st.size];
  } catch {
    return [f, -1, -1];
  }
}

function readCache(cacheDir: string, root: string, file: string | undefined): LoadedConfig | undefined {
  try {
    const c = JSON.parse(readFileSync(join(cacheDir, 'config-cache.json'), 'utf8')) as CacheEntry;
    if (c.version !== ownVersion() || c.root !== root || c.file !== (file ?? null)) return undefined;
    for (const [f, m, sz] of c.stats) {
      const [, m2, sz2] = statKey(f);
      if (m !== m2 || sz !== sz2) return undefined;
    }
    return { config: c.config, file, layers: c.layers.map((l) => ({ ...l, data: {} })), origins: new Map(c.origins) };
  } catch {
    return undefined;
  }
}

function writeCache(cacheDir: string, root: string, loaded: LoadedConfig): void {
  try {
    mkdirSync(cacheDir, { recursive: true });
    const entry: CacheEntry = {
      version: ownVersion(),
      root,
      file: loaded.file ?? null,
      stats: [...new Set(loaded.layers.map((l) => l.file))].map(statKey),
      config: loaded.config,
      origins: [...loaded.origins],
      layers: loaded.layers.map((l) => ({ name: l.name, file: l.file })),
    };
    const tmp = join(cacheDir, `config-cache.json.${process.pid}`);
    writeFileSync(tmp, JSON.stringify(entry));
    renameSync(tmp, join(cacheDir, 'config-cache.json'));
  } catch {
    /* a cache we cannot write only costs speed */
  }
}

export async function loadConfig(root: string, opts: LoadOptions = {}): Promise<LoadedConfig> {
  const file = opts.file ? resolve(root, opts.file) : findConfigFile(root);
  if (opts.cacheDir && !opts.raw) {
    const hit = readCache(opts.cacheDir, root, file);
    if (hit) return hit;
  }
  const loaded = await loadUncached(root, file, opts);
  if (opts.cacheDir && !opts.raw) writeCache(opts.cacheDir, root, loaded);
  return loaded;
}

async function loadUncached(root: string, file: string | undefined, opts: LoadOptions): Promise<LoadedConfig> {
  let layers: Layer[];
  if (opts.raw || file) {
    const raw = opts.raw ?? (await readRaw(root, file!));
    const label = file ? relative(root, file) || file : '(inline)';
    layers = await collectLayers(file ?? resolve(root, '.harnessrc.json'), label, root, raw);
  } else {
    const f = resolvePreset('harness-hooks/recommended', resolve(root, 'package.json'), root);
    layers = await collectLayers(f, 'harness-hooks/recommended (no config file found)', root);
  }
  const origins = new Map<string, string>();
  let merged: Raw = {};
  for (const layer of layers) merged = mergeInto(merged, normalize(layer.data), layer.name, origins);
  // `extends` and `$schema` belong to the file, not the merged result.
  delete merged.extends;
  const { parseConfig } = await import('./schema.js');
  const parsed = await parseConfig(merged);
  if (!parsed.success) {
    const schema = parsed.schema;
    const originOf = (path: string) => {
      for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
        const o = origins.get(p);
        if (o) return o;
      }
      return undefined;
    };
    const problems = formatIssues(parsed.error.issues, merged, schema, originOf);
    const where = file ? relative(root, file) || file : 'the config';
    throw new ConfigError(`invalid config in ${where}`, file, problems);
  }
  return { config: parsed.data, file, layers, origins };
}

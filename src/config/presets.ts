/**
 * Presets and merge rules.
 *
 *  - `extends` takes built-in presets (`harness-hooks/recommended`, `/strict`, `/agent`), npm packages
 *    (resolved from the repo root, e.g. `@acme/harness-preset`), and relative paths (from the file
 *    that names them). Presets may extend presets; cycles are errors.
 *  - Layers merge in order: each preset in `extends` (left to right), then the file itself.
 *  - Objects merge key by key; arrays and scalars from a later layer replace earlier ones.
 *  - `policies.<id>: false` turns a policy off (`true` turns it on with its defaults); an object merges.
 */
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, resolve, relative, extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigError } from './errors.js';

export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUILTIN_PRESETS = ['recommended', 'strict', 'agent'] as const;

export type Raw = Record<string, unknown>;

export interface Layer {
  /** How the user named it (`harness-hooks/recommended`, `./team.json`) or the config file path. */
  name: string;
  /** Absolute file it was read from. */
  file: string;
  data: Raw;
}

function isPlainObject(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Normalise policy shorthands so merging is uniform. */
export function normalize(data: Raw): Raw {
  const out: Raw = { ...data };
  if (isPlainObject(out.policies)) {
    const pol: Raw = {};
    for (const [k, v] of Object.entries(out.policies)) pol[k] = typeof v === 'boolean' ? { enabled: v } : v;
    // Writing commands.tasks means "run these": a layer that sets tasks without `enabled` turns it on.
    const cmd = pol.commands;
    if (isPlainObject(cmd) && isPlainObject(cmd.tasks) && Object.keys(cmd.tasks).length && cmd.enabled === undefined) {
      pol.commands = { ...cmd, enabled: true };
    }
    out.policies = pol;
  }
  return out;
}

/** Deep-merge `over` into `base`, recording which layer set each leaf. */
export function mergeInto(base: Raw, over: Raw, origin: string, origins: Map<string, string>, prefix = ''): Raw {
  const out: Raw = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (k === 'extends' && prefix === '') continue;
    const path = prefix ? `${prefix}.${k}` : k;
    if (isPlainObject(v) && isPlainObject(out[k])) {
      out[k] = mergeInto(out[k] as Raw, v, origin, origins, path);
    } else {
      // A replaced value: forget the origins below it, then record the new ones.
      for (const key of [...origins.keys()]) if (key.startsWith(path + '.')) origins.delete(key);
      origins.set(path, origin);
      out[k] = isPlainObject(v) ? mergeInto({}, v, origin, origins, path) : v;
    }
  }
  return out;
}

async function readConfigFile(file: string): Promise<Raw> {
  const ext = extname(file);
  try {
    if (ext === '.js' || ext === '.mjs' || ext === '.cjs') {
      const mod = await import(pathToFileURL(file).href);
      const v = mod.default ?? mod;
      return typeof v === 'function' ? await v() : v;
    }
    const text = readFileSync(file, 'utf8');
    if (ext === '.yaml' || ext === '.yml') {
      const { defaultLoaders } = await import('cosmiconfig');
      return ((await defaultLoaders['.yaml'](file, text)) ?? {}) as Raw;
    }
    return JSON.parse(text) as Raw;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new ConfigError(`cannot read ${file}: ${msg}`, file);
  }
}

/** Resolve an `extends` entry to an absolute file. */
export function resolvePreset(name: string, fromFile: string, repoRoot: string): string {
  const builtin = /^harness-hooks\/(\w[\w-]*)$/.exec(name);
  if (builtin) {
    const f = resolve(PACKAGE_ROOT, 'presets', `${builtin[1]}.json`);
    if (!existsSync(f)) {
      throw new ConfigError(
        `extends: "${name}" is not a built-in preset. Built-in presets: ${BUILTIN_PRESETS.map((p) => `harness-hooks/${p}`).join(', ')}.`,
        fromFile,
      );
    }
    return f;
  }
  if (name.startsWith('./') || name.startsWith('../') || isAbsolute(name)) {
    const f = resolve(dirname(fromFile), name);
    if (!existsSync(f)) throw new ConfigError(`extends: "${name}" not found (looked for ${f}).`, fromFile);
    return f;
  }
  const req = createRequire(resolve(repoRoot, 'package.json'));
  try {
    return req.resolve(name);
  } catch {
    try {
      const pkgJson = req.resolve(`${name}/package.json`);
      const pkg = JSON.parse(readFileSync(pkgJson, 'utf8'));
      const main = pkg.harness ?? pkg.main ?? 'index.json';
      return resolve(dirname(pkgJson), main);
    } catch {
      throw new ConfigError(
        `extends: preset package "${name}" is not installed. Fix: npm install --save-dev ${name}`,
        fromFile,
      );
    }
  }
}

/** Load a file and everything it extends, as ordered layers (deepest preset first, the file last). */
export async function collectLayers(
  file: string,
  name: string,
  repoRoot: string,
  data?: Raw,
  seen: string[] = [],
): Promise<Layer[]> {
  if (seen.includes(file)) {
    throw new ConfigError(`extends: cycle ${[...seen, file].map((f) => relative(repoRoot, f) || f).join(' -> ')}`, file);
  }
  const raw = data ?? (await readConfigFile(file));
  if (!isPlainObject(raw)) throw new ConfigError(`${name}: a config must be an object, found ${Array.isArray(raw) ? 'an array' : typeof raw}.`, file);
  const ext = raw.extends;
  const names = ext === undefined ? [] : Array.isArray(ext) ? ext : [ext];
  const layers: Layer[] = [];
  for (const n of names) {
    if (typeof n !== 'string') throw new ConfigError(`extends: expected a preset name or path, found ${JSON.stringify(n)}.`, file);
    const f = resolvePreset(n, file, repoRoot);
    layers.push(...(await collectLayers(f, n, repoRoot, undefined, [...seen, file])));
  }
  layers.push({ name, file, data: normalize(raw) });
  return layers;
}

#!/usr/bin/env node
// Bundle the compiled CLI (dist/) into a few chunks in dist/bundle/, which bin/harness-hooks.js runs.
//
// Why: a hook run is a fresh Node process, and Node 20 loads ES modules one file at a time (resolve,
// read, compile, link): ~0.3–0.5 ms each, and a pre-commit run touched ~55 of our modules. Grouping
// what a hook needs into one chunk, and what the secret scanner needs on a staged change into
// another, makes the hook path a handful of files (bench/RESULTS.md has the before/after figures).
//
// The grouping is computed, not listed: the `hook` chunk is the static import closure of the hook
// entry points below; the `secrets` chunk is the closure of the staged-scan path minus what the hook
// chunk already holds. Everything else (init, doctor, the AGENTS.md reader, rarely hit rule families)
// keeps rollup's default chunks and still loads only when used. Every module exists once, in one
// chunk, so module state and `instanceof` behave as in dist/.
//
// dist/ keeps the per-module build: it is the library API (`import ... from 'harness-hooks'`), the
// `./prepare` export and the type declarations. All chunks live in one directory at the same depth as
// dist/<dir>/, so `new URL('../../package.json', import.meta.url)`-style paths resolve the same.
import { rollup } from 'rollup';
import { builtinModules } from 'node:module';
import { rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export async function bundle(root) {
  const dist = join(root, 'dist');
  const out = join(dist, 'bundle');
  const rel = (id) => relative(dist, id).split(sep).join('/');
  // Modules a hook run needs beyond the CLI entry: the run command and what it imports on every run.
  const HOOK_ROOTS = ['cli/commands/run.js', 'git/amend.js', 'git/index-entry.js', 'git/push.js', 'handoff/lifecycle.js', 'handoff/ledger.js'];
  // The staged secret scan: the engine, the generated rule table and the validators (the rule
  // families with their samples are for tests and docs, and are not on this path).
  const SECRETS_ROOTS = ['secrets/change.js', 'secrets/lazy.js'];
  const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
  const build = await rollup({
    input: { main: join(dist, 'cli/main.js'), 'tree-worker': join(dist, 'secrets/tree-worker.js') },
    // Our own files are bundled; node built-ins and dependencies (zod, cosmiconfig, lint-staged, ...)
    // stay imports, resolved from node_modules at run time as before.
    external: (id) => builtins.has(id) || id.startsWith('node:') || !(id.startsWith('.') || id.startsWith('/')),
    onwarn: (w) => {
      throw new Error(`bundle: ${w.code}: ${w.message}`);
    },
  });
  const closures = new Map();
  const closure = (getInfo, roots) => {
    const key = roots.join(',');
    if (closures.has(key)) return closures.get(key);
    const seen = new Set();
    const stack = roots.map((r) => join(dist, r));
    while (stack.length) {
      const id = stack.pop();
      if (seen.has(id)) continue;
      const info = getInfo(id);
      if (!info) throw new Error(`bundle: ${rel(id)} is not part of the build (update HOOK_ROOTS / SECRETS_ROOTS in scripts/bundle.mjs)`);
      seen.add(id);
      for (const d of info.importedIds) if (d.startsWith(dist)) stack.push(d);
    }
    closures.set(key, seen);
    return seen;
  };
  rmSync(out, { recursive: true, force: true });
  const result = await build.write({
    dir: out,
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
    manualChunks(id, { getModuleInfo }) {
      const entry = closure(getModuleInfo, ['cli/main.js']);
      if (entry.has(id)) return undefined; // stays in main.js
      if (closure(getModuleInfo, HOOK_ROOTS).has(id)) return 'hook';
      if (closure(getModuleInfo, SECRETS_ROOTS).has(id)) return 'secrets';
      return undefined;
    },
  });
  if (process.env.BUNDLE_REPORT) for (const o of result.output) if (o.type === 'chunk' && /^(hook|secrets)/.test(o.fileName)) console.log(o.fileName, Object.entries(o.modules).map(([id, m]) => `${rel(id)}=${m.renderedLength}`).join(' '));
  await build.close();
  return result.output.map((o) => o.fileName);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { fileURLToPath } = await import('node:url');
  const files = await bundle(join(fileURLToPath(new URL('.', import.meta.url)), '..'));
  console.log(`dist/bundle: ${files.length} files`);
}

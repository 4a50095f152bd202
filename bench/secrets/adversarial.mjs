#!/usr/bin/env node
/** Worst-case time per rule over the adversarial inputs of test/unit/secrets-adversarial.test.ts (min of 3 runs each). Needs dist/ (node scripts/build.mjs). */
const { RULES } = await import(new URL('../../dist/secrets/rules/index.js', import.meta.url).href);
const { compileRules, scanText } = await import(new URL('../../dist/secrets/engine.js', import.meta.url).href);
const { rnd, B64 } = await import(new URL('../../dist/secrets/kit.js', import.meta.url).href);
const e = compileRules(RULES);
const fill = (u, n) => u.repeat(Math.ceil(n / Math.max(1, u.length))).slice(0, n);
const minified = fill(`var a={token:e.token,password:"",apiKey:t,secret:n.secret||"${rnd(B64, 40, 'min')}"},o="https://x.y/api?token="+r;function u(e){return"sk-"+e+"AKIA"+e.slice(0,16)}`, 1_000_000);
const rows = [];
for (const r of RULES) {
  let worst = 0;
  const s = r.samples().positive[0].secret; const alphabet = [...new Set(s.replace(/\s/g, ''))].join(''); const kw = r.keywords[0];
  for (const input of [rnd(alphabet, 1e5, r.id), fill(kw, 1e5), kw + fill(alphabet.slice(0, 1), 1e5), fill(s.slice(0, -1) + ' ', 1e5), fill(s.slice(0, -1), 1e5), `${kw}="${fill(alphabet, 1e5)}`, minified]) {
    let best = Infinity; for (let i = 0; i < 3; i++) { const t = performance.now(); scanText(e, input, { only: [r.id] }); best = Math.min(best, performance.now() - t); }
    worst = Math.max(worst, best);
  }
  rows.push([r.id, worst]);
}
rows.sort((a, b) => b[1] - a[1]);
console.log('slowest:', rows.slice(0, 8).map(([id, ms]) => `${id} ${ms.toFixed(1)}ms`).join(', '));
console.log('median worst-case', rows[Math.floor(rows.length / 2)][1].toFixed(1), 'ms; max', rows[0][1].toFixed(1));

#!/usr/bin/env node
// Thin shim: the real CLI is compiled to dist/. Kept tiny so start-up stays fast.
import('../dist/bundle/main.js').then(
  (m) => m.main(process.argv.slice(2)),
  (err) => {
    process.stderr.write(
      `harness-hooks: cannot load its compiled code (${err && err.code ? err.code : err}).\n` +
        `  Fix: reinstall the package (npm install), or in a checkout of harness-hooks run "npm run build".\n`,
    );
    process.exit(3);
  },
);

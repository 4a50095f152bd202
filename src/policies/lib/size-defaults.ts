/** Files the size policy does not count by default: lockfiles, snapshots, vendored and built files. */
export const DEFAULT_SIZE_EXCLUDE = [
  // lockfiles
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb',
  'Cargo.lock', 'Gemfile.lock', 'poetry.lock', 'Pipfile.lock', 'uv.lock', 'composer.lock', 'go.sum',
  'mix.lock', 'pubspec.lock', 'Podfile.lock', 'flake.lock', 'packages.lock.json', 'gradle.lockfile',
  // snapshots
  '*.snap', '__snapshots__/',
  // vendored and built
  'vendor/', 'third_party/', 'node_modules/', 'dist/', '*.min.js', '*.min.css', '*.map',
];

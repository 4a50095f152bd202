/** Quote a word for a POSIX shell, for the exact commands we print in fix hints. */
export function shq(s: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s) && !s.startsWith('-')) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Quote several paths for a command that takes `-- <paths>`. */
export function shqPaths(paths: readonly string[], max = 8): string {
  const shown = paths.slice(0, max).map(shq).join(' ');
  return paths.length > max ? `${shown} ...` : shown;
}

/** A path as shown in a message: newlines and control characters made visible. */
export function showPath(p: string): string {
  return /[\x00-\x1f\x7f]/.test(p) ? JSON.stringify(p) : p;
}

/**
 * The contract every CLI command module follows. main.ts parses argv with node:util parseArgs using
 * the module's `options`, then calls `run`. A command returns its exit code (see EXIT); it never
 * calls process.exit itself and never prints a stack trace (throw UsageError / ConfigError instead).
 */
export interface CliIO {
  cwd: string;
  env: NodeJS.ProcessEnv;
  out(s: string): void;
  err(s: string): void;
  /** Read all of stdin (pre-push gives ref lines there). Empty string when stdin is a TTY. */
  readStdin(): Promise<string>;
  /** Whether to use colour on stderr/stdout (honours NO_COLOR / FORCE_COLOR / TTY). */
  color: boolean;
}

export type OptionSpec = { type: 'boolean' | 'string'; short?: string; multiple?: boolean; default?: string | boolean };

export interface CommandModule {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full `--help` text (usage, options, examples, exit codes). */
  help: string;
  options: Record<string, OptionSpec>;
  /** Allow positionals (paths, hook args). */
  allowPositionals?: boolean;
  run(args: { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] }, io: CliIO): Promise<number>;
}

/** Bad command-line usage: printed with the command's usage line, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

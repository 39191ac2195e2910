import { execFileSync, spawnSync } from 'node:child_process';

/** Path of the `kennzahl` binary that tests/global-setup.ts built (or `./dev test` passed). */
export function cliPath(): string {
  const path = process.env.KZ_CLI;
  if (!path) throw new Error('KZ_CLI is not set: run the suite through tests/playwright.config.ts');
  return path;
}

/** Runs the CLI and returns its stdout; throws on a non-zero exit. */
export function cli(args: string[]): string {
  return execFileSync(cliPath(), args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

/** Runs the CLI and returns exit code, stdout and stderr, whatever the exit code. */
export function cliRun(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(cliPath(), args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The report the CLI computes from the demo data (`kennzahl report --sample --json`). */
export function sampleReport(): any {
  return JSON.parse(cli(['report', '--sample', '--json']));
}

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

/**
 * The native CLI is the test oracle of the dashboard and the report. `./dev test` builds it
 * before Playwright starts and passes its path in KZ_CLI; a direct `npx playwright test`
 * builds it here, still before any worker starts, so no spec races a compile against its
 * 7-second expectations (a `cargo run` in a spec's beforeAll did).
 */
export default function globalSetup() {
  if (process.env.KZ_CLI) {
    if (!existsSync(process.env.KZ_CLI)) throw new Error(`KZ_CLI=${process.env.KZ_CLI} does not exist`);
    return;
  }
  execFileSync('cargo', ['build', '-q', '-p', 'kennzahl-cli', '--bin', 'kennzahl'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const targetDir = process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target');
  process.env.KZ_CLI = join(targetDir, 'debug', 'kennzahl');
}

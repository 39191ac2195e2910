import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';

// The built app (dist/) is served by the same static server the README's hosting guide uses.
// KZ_DIST lets parallel runs in one checkout use their own build.
//
// Playwright evaluates this file in the runner and again in every worker; the ports are picked
// once, in the runner, and handed to the workers (and the specs) through the environment, so
// all of them agree. Three sockets bound to port 0 ask the kernel for free ports, so two
// suites running at the same time never clash (fixed ports did, with no fallback).
function freePorts(n: number): number[] {
  const script = `
    const net = require('node:net');
    const servers = [];
    const next = () => {
      if (servers.length === ${n}) {
        console.log(servers.map((s) => s.address().port).join(' '));
        servers.forEach((s) => s.close());
        return;
      }
      const s = net.createServer();
      servers.push(s);
      s.listen(0, '127.0.0.1', next);
    };
    next();`;
  return execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim().split(' ').map(Number);
}

if (!process.env.KZ_APP_PORT) {
  const [app, host, sub] = freePorts(3);
  process.env.KZ_APP_PORT = String(app);
  process.env.KZ_HOST_PORT = String(host);
  process.env.KZ_SUB_PORT = String(sub);
}
const PORT = Number(process.env.KZ_APP_PORT);
const HOST_PORT = Number(process.env.KZ_HOST_PORT);
const SUB_PORT = Number(process.env.KZ_SUB_PORT);
const DIST = process.env.KZ_DIST ?? 'dist';
// KZ_APP_BASE serves the app below a sub-path on its own origin (the release test serves the
// unpacked web archive at /tools/kennzahl/); the origin, and so every origin check, stays.
const APP_BASE = process.env.KZ_APP_BASE ?? '/';
process.env.KZ_APP_ORIGIN = `http://127.0.0.1:${PORT}`;
process.env.KZ_HOST_ORIGIN = `http://127.0.0.1:${HOST_PORT}`;
process.env.KZ_SUB_ORIGIN = `http://127.0.0.1:${SUB_PORT}`;

export default defineConfig({
  testDir: './specs',
  globalSetup: './global-setup.ts',
  outputDir: './test-results',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: [['list']],
  use: {
    // KZ_BASE_URL runs the suite against another server, e.g. nginx set up as the README says.
    baseURL: process.env.KZ_BASE_URL ?? `http://127.0.0.1:${PORT}${APP_BASE}`,
    locale: 'de-DE',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: [
    {
      // The app, allowed to be framed by the test intranet host (HOST_PORT) only.
      command: `python3 tools/serve.py --dir ${DIST} --port ${PORT} --base ${APP_BASE} --frame-ancestors "'self' http://127.0.0.1:${HOST_PORT}"`,
      cwd: '..',
      url: `http://127.0.0.1:${PORT}${APP_BASE}`,
      reuseExistingServer: false,
      stdout: 'ignore',
    },
    {
      // An intranet page on another origin that embeds a calculator.
      command: `python3 -m http.server ${HOST_PORT} --bind 127.0.0.1 --directory tests/host`,
      cwd: '..',
      url: `http://127.0.0.1:${HOST_PORT}/`,
      reuseExistingServer: false,
      stdout: 'ignore',
    },
    {
      // The same dist/ below a sub-path, as the README's hosting guide describes.
      command: `python3 tools/serve.py --dir ${DIST} --port ${SUB_PORT} --base /tools/kennzahl/`,
      cwd: '..',
      url: `http://127.0.0.1:${SUB_PORT}/tools/kennzahl/`,
      reuseExistingServer: false,
      stdout: 'ignore',
    },
  ],
});

import { defineConfig } from '@playwright/test';

// The built app (dist/) is served by the same static server the README's hosting guide uses.
// KZ_PORT_BASE and KZ_DIST let parallel runs in one checkout use their own ports and build.
const BASE = Number(process.env.KZ_PORT_BASE ?? 8100);
const PORT = BASE + 81;
const HOST_PORT = BASE + 82;
const SUB_PORT = BASE + 83;
const DIST = process.env.KZ_DIST ?? 'dist';
process.env.KZ_APP_ORIGIN = `http://127.0.0.1:${PORT}`;
process.env.KZ_HOST_ORIGIN = `http://127.0.0.1:${HOST_PORT}`;
process.env.KZ_SUB_ORIGIN = `http://127.0.0.1:${SUB_PORT}`;

export default defineConfig({
  testDir: './specs',
  outputDir: './test-results',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: [['list']],
  use: {
    // KZ_BASE_URL runs the suite against another server, e.g. nginx set up as the README says.
    baseURL: process.env.KZ_BASE_URL ?? `http://127.0.0.1:${PORT}/`,
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
      // The app, allowed to be framed by the test intranet host on port 8282.
      command: `python3 tools/serve.py --dir ${DIST} --port ${PORT} --frame-ancestors "'self' http://127.0.0.1:${HOST_PORT}"`,
      cwd: '..',
      url: `http://127.0.0.1:${PORT}/`,
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

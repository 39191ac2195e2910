import { defineConfig } from '@playwright/test';

// The built app (dist/) is served by the same static server the README's hosting guide uses.
const PORT = 8181;

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
    baseURL: `http://127.0.0.1:${PORT}/`,
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
      command: `python3 tools/serve.py --dir dist --port ${PORT} --frame-ancestors "'self' http://127.0.0.1:8282"`,
      cwd: '..',
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: false,
      stdout: 'ignore',
    },
    {
      // An intranet page on another origin that embeds a calculator.
      command: 'python3 -m http.server 8282 --bind 127.0.0.1 --directory tests/host',
      cwd: '..',
      url: 'http://127.0.0.1:8282/',
      reuseExistingServer: false,
      stdout: 'ignore',
    },
    {
      // The same dist/ below a sub-path, as the README's hosting guide describes.
      command: 'python3 tools/serve.py --dir dist --port 8183 --base /tools/kennzahl/',
      cwd: '..',
      url: 'http://127.0.0.1:8183/tools/kennzahl/',
      reuseExistingServer: false,
      stdout: 'ignore',
    },
  ],
});

import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// The release version of the workspace (Cargo.toml) is what the footer shows.
const VERSION = /\[workspace\.package\][^[]*?\nversion = "([^"]+)"/.exec(
  readFileSync(join(__dirname, '..', '..', 'Cargo.toml'), 'utf8'),
)![1];

test('the footer names the release, in both languages', async ({ page }) => {
  expect(VERSION).toBe('0.1.0');
  for (const lang of ['de', 'en']) {
    await page.goto(`./?page=catalogue&lang=${lang}`);
    await expect(page.getByTestId('version')).toHaveText(`Kennzahl ${VERSION}`);
  }
});

import { expect, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A file for the import page: name and bytes. */
export interface TestFile {
  name: string;
  bytes: Buffer;
  type?: string;
}

/** Reads a fixture from tests/data. */
export function fixture(name: string): TestFile {
  return { name, bytes: readFileSync(join(__dirname, '..', 'data', name)) };
}

/** Pages whose leave question an ImportPage already answers. */
const confirming = new WeakSet<Page>();

/** The import page: drop zone, paste box, job cards, file list. */
export class ImportPage {
  readonly jobs: Locator;
  readonly fileCount: Locator;

  /**
   * `confirmLeave` (default on): leaving or reloading the page with an imported file asks
   * first (`beforeunload`, issue 19), and a test that moves on with `goto` or `reload` after
   * importing says "leave", as its user would; phone.spec.ts turns it off to check the question.
   */
  constructor(readonly page: Page, { confirmLeave = true }: { confirmLeave?: boolean } = {}) {
    this.jobs = page.getByTestId('job');
    this.fileCount = page.getByTestId('file-count');
    if (confirmLeave && !confirming.has(page)) {
      confirming.add(page);
      page.on('dialog', (dialog) => {
        if (dialog.type() === 'beforeunload') void dialog.accept();
        // Any other dialog as Playwright does without listeners, unless a spec listens too.
        else if (page.listenerCount('dialog') === 1) void dialog.dismiss();
      });
    }
  }

  async open(query = '') {
    await this.page.goto(`./?page=import${query}`);
    await expect(this.page.locator('main h1')).toBeVisible();
  }

  /** The card of the job whose heading is `name`. */
  job(name: string): Locator {
    return this.jobs.filter({ has: this.page.getByRole('heading', { name, exact: true }) });
  }

  /** Drops files on the drop zone, with a DataTransfer built in the page. */
  async drop(files: TestFile[]) {
    const payload = files.map((f) => ({ name: f.name, b64: f.bytes.toString('base64'), type: f.type ?? 'text/csv' }));
    const dataTransfer = await this.page.evaluateHandle((fs) => {
      const dt = new DataTransfer();
      for (const f of fs) {
        const bin = atob(f.b64);
        const bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        dt.items.add(new File([bytes], f.name, { type: f.type }));
      }
      return dt;
    }, payload);
    await this.page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer });
  }

  /** Chooses files with the picker's hidden input (paths or buffers). */
  async pick(files: Array<string | TestFile>) {
    await this.page.getByTestId('file-input').setInputFiles(
      files.map((f) => (typeof f === 'string' ? f : { name: f.name, mimeType: f.type ?? 'text/csv', buffer: f.bytes })),
    );
  }

  /** Opens the page in English, picks `files` and imports them one by one, each when its
   * card is ready (the file count shows every file before the next is imported). */
  async importEach(files: string[]) {
    await this.open('&lang=en');
    await this.pick(files);
    for (let i = 1; i <= files.length; i++) {
      await this.page.getByTestId('import').first().click({ timeout: 20_000 });
      await expect(this.fileCount).toHaveAttribute('data-count', String(i), { timeout: 20_000 });
    }
  }

  /** Pastes text into the paste box as a clipboard paste event. */
  async paste(text: string) {
    await this.page.getByTestId('paste').evaluate((el, t) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', t);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, text);
  }

  /**
   * used, rejected, skipped and rows of a finished job, as the page writes them (German or
   * English digit grouping). A cell that is empty or not a whole number fails the test: an
   * empty cell is unknown, not 0.
   */
  async accounting(job: Locator) {
    const read = async (id: string) => {
      const text = (await job.getByTestId(id).innerText()).trim();
      expect(text, `${id} is a whole number`).toMatch(/^\d{1,3}([.,]\d{3})*$/);
      return Number(text.replace(/[.,]/g, ''));
    };
    return { used: await read('acc-used'), rejected: await read('acc-rejected'), skipped: await read('acc-skipped'), rows: await read('acc-rows') };
  }
}

/**
 * Test support: write a rendered report into a temporary folder and open its index.html from disk
 * (file://) in real headless Chromium (Debian's /usr/bin/chromium), recording every request.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import type { ReportFile } from '../../reports/render.js';
import { tempDir } from '../helpers/cli.js';

/** The Chromium binary the tests use. */
export const CHROMIUM = '/usr/bin/chromium';

/** Whether Chromium is installed (the tests are skipped, with a warning, when it is not). */
export const HAS_CHROMIUM = existsSync(CHROMIUM);

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** An open report: the page, its folder, the URLs requested, and `close()` (which also removes the folder). */
export interface OpenReport {
  readonly page: Page;
  readonly dir: string;
  readonly url: string;
  readonly requests: readonly string[];
  close(): Promise<void>;
}

/** Writes `files` into a temporary folder (a `tempDir()`, so it is removed after the test file even if opening fails) and opens index.html at the given viewport width. */
export async function openReport(files: readonly ReportFile[], width = 1280): Promise<OpenReport> {
  const dir = tempDir('replbench-html-');
  for (const f of files) {
    mkdirSync(path.dirname(path.join(dir, f.name)), { recursive: true });
    writeFileSync(path.join(dir, f.name), f.content);
  }
  const profile = tempDir('replbench-chromium-');
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width, height: 900 } });
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  context.on('requestfailed', (r) => requests.push(r.url()));
  const url = pathToFileURL(path.join(dir, 'index.html')).href;
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  return {
    page,
    dir,
    url,
    requests,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

if (!HAS_CHROMIUM) {
  // A visible reason in the output, not a silent pass.
  console.warn(`skipping the Chromium report tests: ${CHROMIUM} is not installed (apt-get install -y chromium)`);
}

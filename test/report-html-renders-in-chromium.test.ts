/**
 * index.html opened from disk (file://) in real headless Chromium (Debian's /usr/bin/chromium):
 * every chart is drawn (inline SVG elements of non-trivial size), a screenshot is taken, and the
 * page makes no network request — nothing but the file itself is loaded.
 */
import { existsSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../reports/render.js';
import { resultsOf } from './support/report-fixture.js';
import { tempDir } from './helpers/cli.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe.skipIf(!existsSync(CHROMIUM))('index.html in Chromium', () => {
  it('renders every chart and makes no network request', async () => {
    const dir = tempDir('replbench-html-');
    const files = await renderReport(await resultsOf());
    for (const f of files) {
      mkdirSync(path.dirname(path.join(dir, f.name)), { recursive: true });
      writeFileSync(path.join(dir, f.name), f.content);
    }
    const charts = files.filter((f) => f.name.endsWith('.svg')).length;
    // Nothing on the page could load anything even without the Content-Security-Policy: the only links are in-page anchors.
    const html = files.find((f) => f.name === 'index.html')!.content;
    expect([...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]!).filter((u) => !u.startsWith('#'))).toEqual([]);
    expect(html).not.toMatch(/<(?:script|link|iframe|object|embed|img)\b|@import|url\((?!#)/i);
    const page = pathToFileURL(path.join(dir, 'index.html')).href;
    const context = await chromium.launchPersistentContext(tempDir('replbench-chromium-'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1280, height: 900 },
    });
    try {
      const requests: string[] = [];
      context.on('request', (r) => requests.push(r.url()));
      context.on('requestfailed', (r) => requests.push(r.url()));
      const tab = await context.newPage();
      await tab.goto(page, { waitUntil: 'load' });
      const sizes = await tab.$$eval('figure .chart > svg', (els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ w: r.width, h: r.height })));
      expect(sizes.length).toBe(charts);
      for (const s of sizes) {
        expect(s.w).toBeGreaterThan(200);
        expect(s.h).toBeGreaterThan(150);
      }
      // Marks were drawn inside the charts, not only the frames.
      expect(await tab.$$eval('figure .chart svg path', (els) => els.length)).toBeGreaterThan(charts * 10);
      const shot = path.join(dir, 'screenshot.png');
      await tab.screenshot({ path: shot, fullPage: true });
      expect(statSync(shot).size).toBeGreaterThan(20_000);
      expect(requests.filter((u) => u !== page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

if (!existsSync(CHROMIUM)) {
  // A visible reason in the output, not a silent pass.
  console.warn(`skipping the Chromium report test: ${CHROMIUM} is not installed (apt-get install -y chromium)`);
}

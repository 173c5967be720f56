/**
 * index.html opened from disk (file://) in real headless Chromium, for a small fixture run and for
 * quick versions of the failover and scaling suites: every chart is drawn (inline SVG elements of
 * non-trivial size), a screenshot is taken, and the page makes no network request — nothing but
 * the file itself is loaded.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../reports/render.js';
import type { RunResults } from '../reports/schema.js';
import { HAS_CHROMIUM, openReport } from './support/chromium.js';
import { quickFailover, quickScaling, resultsOf } from './support/report-fixture.js';

const RUNS: readonly [string, () => Promise<RunResults>][] = [
  ['a small fixture run', () => resultsOf()],
  ['the failover suite', quickFailover],
  ['the scaling suite', quickScaling],
];

describe.skipIf(!HAS_CHROMIUM)('index.html in Chromium', () => {
  it.each(RUNS)('%s: renders every chart and makes no network request', async (_, results) => {
    const files = await renderReport(await results());
    const charts = files.filter((f) => f.name.endsWith('.svg')).length;
    // Nothing on the page could load anything even without the Content-Security-Policy: the only links are in-page anchors.
    const html = files.find((f) => f.name === 'index.html')!.content;
    expect([...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]!).filter((u) => !u.startsWith('#'))).toEqual([]);
    expect(html).not.toMatch(/<(?:script|link|iframe|object|embed|img)\b|@import|url\((?!#)/i);
    const report = await openReport(files);
    try {
      const tab = report.page;
      const sizes = await tab.$$eval('figure .chart > svg', (els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ w: r.width, h: r.height })));
      expect(sizes.length).toBe(charts);
      for (const s of sizes) {
        expect(s.w).toBeGreaterThan(200);
        expect(s.h).toBeGreaterThan(150);
      }
      // Marks were drawn inside the charts, not only the frames.
      expect(await tab.$$eval('figure .chart svg path', (els) => els.length)).toBeGreaterThan(charts * 10);
      const shot = path.join(report.dir, 'screenshot.png');
      await tab.screenshot({ path: shot, fullPage: true });
      expect(statSync(shot).size).toBeGreaterThan(20_000);
      expect(report.requests.filter((u) => u !== report.url)).toEqual([]);
    } finally {
      await report.close();
    }
  });
});

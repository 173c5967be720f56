/**
 * The report stays readable with many cases, measured on the page Chromium renders (bounding
 * boxes of the drawn SVG text), for quick versions of the failover suite (six cases, two fault
 * schedules) and the scaling suite (eighteen cases): point labels on the trade-off chart overlap
 * neither each other nor any point or legend; no chart text is cut short ("…"); fault schedules
 * get a legend of their own; a fault configured at 5 s is drawn at 5 s on the time axis; the
 * summary table fits the page; every summary column is explained in the glossary.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { renderReport } from '../reports/render.js';
import type { RunResults } from '../reports/schema.js';
import { HAS_CHROMIUM, openReport } from './support/chromium.js';
import { quickFailover, quickScaling } from './support/report-fixture.js';

interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

const boxes = (page: Page, selector: string): Promise<(Box & { text: string })[]> =>
  page.$$eval(selector, (els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.left, y: r.top, w: r.width, h: r.height, text: e.textContent ?? '' };
    }),
  );

/** Checks the trade-off chart's point labels; returns them. */
async function tradeoffLabels(page: Page): Promise<string[]> {
  const labels = await boxes(page, '#chart-tradeoff g.mark-text.role-mark text');
  const points = await boxes(page, '#chart-tradeoff g.mark-symbol.role-mark path');
  const legends = await boxes(page, '#chart-tradeoff g.role-legend');
  expect(points.length).toBeGreaterThan(0);
  for (const b of [...labels, ...points]) expect(b.w * b.h).toBeGreaterThan(0);
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) expect(overlap(labels[i]!, labels[j]!), `"${labels[i]!.text}" overlaps "${labels[j]!.text}"`).toBe(false);
    for (const p of points) expect(overlap(labels[i]!, p), `"${labels[i]!.text}" overlaps a point`).toBe(false);
    for (const l of legends) expect(overlap(labels[i]!, l), `"${labels[i]!.text}" overlaps a legend`).toBe(false);
  }
  return labels.map((l) => l.text);
}

/** Checks what every report must: nothing cut short, the summary fits, every column explained. */
async function commonChecks(page: Page, results: RunResults): Promise<void> {
  const texts = await page.$$eval('figure svg text', (els) => els.map((e) => e.textContent ?? ''));
  expect(texts.length).toBeGreaterThan(50);
  expect(texts.filter((t) => t.includes('…'))).toEqual([]);
  const fit = await page.$eval('table.summary', (t) => ({ table: t.getBoundingClientRect().width, room: t.parentElement!.clientWidth }));
  expect(fit.table).toBeLessThanOrEqual(fit.room);
  const headers = await page.$$eval('table.summary thead th', (els) => els.map((e) => e.textContent ?? ''));
  const explained = await page.$$eval('#glossary dt', (els) => els.map((e) => e.textContent ?? ''));
  expect(headers.length).toBeGreaterThan(10);
  for (const h of headers) expect(explained).toContain(h);
  expect(await page.$$eval('table.summary tbody tr', (els) => els.length)).toBe(results.cases.length);
}

describe.skipIf(!HAS_CHROMIUM)('the report is readable', () => {
  it('failover suite: every point labelled without overlap, faults told apart, faults at their configured time', async () => {
    const results = await quickFailover();
    const report = await openReport(await renderReport(results));
    try {
      const page = report.page;
      await commonChecks(page, results);
      // Six cases in two tight pairs (sync and semi-sync under either crash): all six are labelled, in full.
      expect(new Set(await tradeoffLabels(page))).toEqual(new Set(results.cases.map((c) => c.name)));
      // The fault schedules are a legend of their own (shapes), besides the strategies (colours).
      const legendTitles = await page.$$eval('#chart-tradeoff g.mark-text.role-legend-title text', (els) => els.map((e) => e.textContent));
      expect(legendTitles).toEqual(['strategy', 'faults']);
      // The crash configured `at: 5s` (after a 2 s warm-up) starts where the time axis says 5.
      const tick = (await boxes(page, '#chart-timeseries g.mark-text.role-axis-label text')).find((b) => b.text === '5')!;
      const crash = await page.$$eval('#chart-timeseries g.mark-rect.role-mark path', (els) => els.filter((e) => e.getAttribute('fill') === '#d62728').map((e) => e.getBoundingClientRect().left));
      expect(crash.length).toBeGreaterThan(0);
      expect(Math.abs(crash[0]! - (tick.x + tick.w / 2))).toBeLessThan(1.5);
    } finally {
      await report.close();
    }
  });

  it('scaling suite: eighteen cases, labels never overlap, nothing cut short, the summary fits', async () => {
    const results = await quickScaling();
    const report = await openReport(await renderReport(results));
    try {
      const labels = await tradeoffLabels(report.page);
      expect(labels.length).toBeGreaterThan(5);
      for (const l of labels) expect(results.cases.map((c) => c.name)).toContain(l);
      await commonChecks(report.page, results);
    } finally {
      await report.close();
    }
  });
});

/** Rendering the whole report (HTML, markdown, CSV and every chart) for a 100-case run takes under 10 s. */
import { describe, expect, it } from 'vitest';
import { benchReport } from '../bench/report.js';

describe('report rendering speed', () => {
  it('renders a 100-case report in under 10 s', async () => {
    const { cases, ms } = await benchReport();
    expect(cases).toBe(100);
    expect(ms).toBeLessThan(10_000);
  });
});

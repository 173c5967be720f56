/**
 * index.html escapes every user-provided string: a case named `<img src=x onerror=alert(1)>`,
 * another named `</script><script>alert(2)</script>`, a hostile suite name and description and a
 * failed case's error message appear as text, never as markup; the page carries no script at all.
 */
import { describe, expect, it } from 'vitest';
import { renderReport } from '../reports/render.js';
import type { CaseResult } from '../reports/schema.js';
import { resultsOf } from './support/report-fixture.js';

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '</script><script>alert(2)</script>';

describe('index.html', () => {
  it('shows injected case names, suite names and error messages as text', async () => {
    const base = await resultsOf(undefined, (name, i) => (i === 0 ? IMG : i === 1 ? SCRIPT : name));
    const failed: CaseResult = { ...base.cases[2]!, status: 'failed', name: `bad ${IMG}`, error: { message: `boom ${SCRIPT}` } } as CaseResult;
    const results = { ...base, suite: { ...base.suite, name: `suite ${IMG}`, description: `desc ${SCRIPT}` }, cases: [...base.cases.slice(0, 2), failed, ...base.cases.slice(3)] };
    const files = await renderReport(results);
    const html = files.find((f) => f.name === 'index.html')!.content;
    // No markup from the names survives, anywhere (tables, details, inline SVG legends and labels).
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('</script>');
    // ...but the names are there as text.
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).toContain('suite &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('boom &lt;/script&gt;');
    // Every chart SVG is inline and the page forbids scripts and external loads.
    expect(html).toContain("default-src 'none'");
    expect((html.match(/<svg /g) ?? []).length).toBe(files.filter((f) => f.name.endsWith('.svg')).length);
  });
});

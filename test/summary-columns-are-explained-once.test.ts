/**
 * Every column the summary table can show has one explanation, kept in reports/glossary.ts: the
 * HTML report shows it, and README.md carries the same table word for word.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GLOSSARY, glossaryMarkdown } from '../reports/glossary.js';
import { SUMMARY_HEADERS } from '../reports/summary.js';
import { ROOT } from './helpers/cli.js';

describe('the summary glossary', () => {
  it('explains exactly the summary columns', () => {
    expect(GLOSSARY.map((e) => e.term)).toEqual([...SUMMARY_HEADERS]);
    for (const e of GLOSSARY) expect(e.meaning.length).toBeGreaterThan(20);
  });
  it('is in README.md as generated from reports/glossary.ts', () => {
    expect(readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toContain(`${glossaryMarkdown()}\n`);
  });
});

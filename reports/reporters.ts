/** The reporter names a user can pick (`--reporter html,csv,...`) and their parser; free of the chart stack so the CLI can parse options cheaply. */

/** Every reporter a user can pick. */
export const REPORTERS = ['json', 'csv', 'html', 'markdown', 'charts'] as const;

/** A reporter name. */
export type ReporterName = (typeof REPORTERS)[number];

/** Parses a comma-separated reporter list; returns the names, or the unknown entries. */
export function parseReporters(list: string): { ok: true; reporters: ReporterName[] } | { ok: false; unknown: string[] } {
  const names = list.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(REPORTERS as readonly string[]).includes(n));
  return unknown.length || names.length === 0 ? { ok: false, unknown: unknown.length ? unknown : [list] } : { ok: true, reporters: [...new Set(names)] as ReporterName[] };
}

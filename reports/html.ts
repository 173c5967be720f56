/**
 * index.html: a self-contained report (inline CSS and SVG, no script, no external request; a
 * Content-Security-Policy forbids both). Every user-provided string is escaped.
 */
import { EXPECTATION_HEADER, expectationRows } from './expectations.js';
import { canonicalJson } from './canonical-json.js';
import type { RenderedChart, SkippedChart } from './charts/index.js';
import { escapeHtml as h } from './escape.js';
import { NOT_MEASURED, fmtInt, fmtMs, fmtPct, ifMeasured } from './format.js';
import type { HistogramSummary } from './schema.js';
import type { ReportModel } from './model.js';
import type { CaseResult } from './schema.js';
import type { CaseMetrics } from './schema.js';
import { GLOSSARY, NOT_MEASURED_NOTE, meaningOf } from './glossary.js';
import { LOAD_HEADER, keyFindings, loadCells, summaryGrid, type Finding } from './summary.js';
import { markedName, shortfallNote, shortfalls } from './sufficiency.js';
import { SIM_VS_REAL_NOTE, simVsReal } from './sim-vs-real.js';

const CSS = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222; margin: 0; background: #fafafa; }
main { max-width: 1180px; margin: 0 auto; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 32px 0 12px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 0 0 4px; }
p.lead { color: #555; margin: 0 0 16px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
dl.meta dt { color: #666; } dl.meta dd { margin: 0; }
nav a { margin-right: 14px; }
table { border-collapse: collapse; background: white; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #ddd; padding: 4px 8px; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; white-space: normal; overflow-wrap: anywhere; min-width: 12em; max-width: 420px; }
th { background: #f0f0f0; }
thead th { white-space: normal; vertical-align: bottom; }
table.summary { font-size: 13px; }
table.summary th, table.summary td { padding: 3px 5px; }
table.summary thead th { min-width: 3.2em; }
table.summary tbody th { min-width: 10em; max-width: 300px; }
th[title] { cursor: help; text-decoration: underline dotted #999; }
dl.glossary { display: grid; grid-template-columns: max-content 1fr; gap: 3px 16px; margin: 0; background: white; border: 1px solid #ddd; padding: 8px 12px; }
dl.glossary dt { font-weight: 600; } dl.glossary dd { margin: 0; }
.scroll { overflow-x: auto; }
figure { background: white; border: 1px solid #ddd; margin: 0 0 20px; padding: 12px; }
figure .chart { overflow-x: auto; }
figure svg { display: block; max-width: none; height: auto; }
figcaption p { color: #555; margin: 0 0 8px; }
details { background: white; border: 1px solid #ddd; margin: 0 0 6px; padding: 6px 10px; }
details summary { cursor: pointer; overflow-wrap: anywhere; }
pre { background: #f6f6f6; padding: 8px; overflow-x: auto; font-size: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
.failed { color: #b00020; font-weight: 600; }
.footnotes { color: #555; font-size: 13px; } .footnotes p { margin: 8px 0 2px; } .footnotes ul { margin: 0; }
.muted { color: #777; }
ul.findings li { margin-bottom: 4px; }
`;

function finding(f: Finding): string {
  return f.map((s) => (typeof s === 'string' ? h(s) : `<strong>${h(s.name)}</strong>`)).join('');
}

function table(header: readonly string[], rows: readonly (readonly string[])[], cls = ''): string {
  const head = `<tr>${header.map((c) => {
    const meaning = meaningOf(c);
    return `<th scope="col"${meaning ? ` title="${h(meaning)}"` : ''}>${h(c)}</th>`;
  }).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${h(c)}</th>` : `<td>${h(c)}</td>`)).join('')}</tr>`).join('\n');
  return `<div class="scroll"><table${cls ? ` class="${cls}"` : ''}><thead>${head}</thead><tbody>\n${body}\n</tbody></table></div>`;
}

function meta(model: ReportModel): string {
  const r = model.results;
  const e = r.environment;
  const ok = model.cases.length;
  const items: [string, string][] = [
    ['suite', r.suite.name],
    ['suite file', r.suite.source],
    ['seed', String(r.suite.seed)],
    ['status', `${r.status}: ${ok} of ${r.cases.length} cases ran${model.failed.length ? `, ${model.failed.length} failed` : ''}`],
    ['replbench', e.replbench],
    ['started', r.startedAt],
    ['finished', r.finishedAt],
    ['machine', `${e.cpus} × ${e.cpuModel}, ${e.platform}/${e.arch}, Node ${e.node}`],
  ];
  return `<dl class="meta">${items.map(([k, v]) => `<dt>${h(k)}</dt><dd>${h(v)}</dd>`).join('')}</dl>`;
}

function chartFigure(c: RenderedChart): string {
  return `<figure id="chart-${h(c.name)}"><figcaption><h3>${h(c.title)}</h3><p>${h(c.description)} <span class="muted">(charts/${h(c.name)}.svg, spec charts/${h(c.name)}.vl.json)</span></p></figcaption><div class="chart">${stripXmlProlog(c.svg)}</div></figure>`;
}

/** The meaning of each column the summary shows (the shown ones first, then the rest of the glossary). */
function glossary(shown: readonly string[]): string {
  const entries = [...GLOSSARY.filter((e) => shown.includes(e.term)), ...GLOSSARY.filter((e) => !shown.includes(e.term))];
  return `<dl class="glossary">${entries.map((e) => `<dt${shown.includes(e.term) ? '' : ' class="muted"'}>${h(e.term)}</dt><dd>${h(e.meaning)}</dd>`).join('')}</dl>`;
}

/** Vega's SVG is a standalone document; inline it as an element. */
function stripXmlProlog(svg: string): string {
  return svg.replace(/^<\?xml[^>]*>\s*/, '');
}

function caseDetails(c: CaseResult): string {
  const config = h(JSON.stringify(JSON.parse(canonicalJson(c.config)), null, 2));
  if (c.status !== 'ok') {
    return `<details><summary><span class="failed">${c.status.toUpperCase()}</span> ${h(c.name)} <span class="muted">(case ${h(c.id)}, seed ${c.seed})</span></summary><p class="failed">${h(c.error.message)}</p>${
      c.error.stack ? `<pre>${h(c.error.stack)}</pre>` : ''
    }<h3>resolved configuration</h3><pre>${config}</pre></details>`;
  }
  const m = c.metrics;
  const short = shortfalls(m);
  const line = (label: string, n: number, x: HistogramSummary, failed: string) => [
    label,
    fmtInt(n),
    ...[x.mean, x.p50, x.p90, x.p99, x.p999, x.max].map((v) => ifMeasured(x.count > 0, v, fmtMs)),
    failed,
  ];
  const kinds = Object.entries(m.ops.byKind ?? {}).filter(([k]) => k !== 'read');
  const rows: string[][] = [
    line('writes (updates and inserts)', m.ops.write.count, m.ops.write.latency, fmtInt(m.ops.write.failed)),
    line('reads', m.ops.read.count, m.ops.read.latency, fmtInt(m.ops.read.failed)),
    ...kinds.map(([k, o]) => line(k, o.count, o.latency, fmtInt(o.failed))),
    line('replication lag', m.replicationLag.lag.count, m.replicationLag.lag, ''),
  ];
  const counters = Object.entries(m.counters).map(([k, v]) => `${k} ${fmtInt(v)}`).join(', ');
  const facts = [
    ...(short.length ? [`measured too little to compare (not ranked): ${shortfallNote(short)}`] : []),
    `throughput ${fmtInt(m.throughput)} ops/s (offered ${fmtInt(m.offered)} ops/s${m.saturated ? ', saturated' : ''}${m.dropped ? `, ${fmtInt(m.dropped)} arrivals dropped` : ''}) over ${m.measuredSeconds} s`,
    m.staleness.reads > 0
      ? `stale reads ${fmtPct(m.staleness.fraction)}% (${fmtInt(m.staleness.stale)} of ${fmtInt(m.staleness.reads)}), version gap max ${ifMeasured(m.staleness.stale > 0, m.staleness.versionGap.max, fmtInt)}, time gap p99 ${ifMeasured(m.staleness.stale > 0, m.staleness.timeGap.p99, fmtMs)} ms`
      : `stale reads ${NOT_MEASURED} (no reads)`,
    `unapplied at end ${fmtInt(m.replicationLag.unappliedAtEnd)}, in flight at end ${fmtInt(m.inflightAtEnd)}`,
    ...durabilityFacts(m),
    ...(counters ? [`counters: ${counters}`] : []),
    ...realFacts(m),
    ...(c.config.backend ? [`operations issued ${fmtInt(m.sim.events)}, ${(c.wallMs / 1000).toFixed(2)} wall s (set-up included)`] : [`simulation: ${fmtInt(m.sim.events)} events, ${m.sim.virtualSeconds} virtual s, ${(c.wallMs / 1000).toFixed(2)} wall s`]),
  ];
  return `<details><summary>${h(markedName(c.name, short))} <span class="muted">(case ${h(c.id)}, seed ${c.seed})</span></summary>${table(['', 'count', 'mean ms', 'p50 ms', 'p90 ms', 'p99 ms', 'p99.9 ms', 'max ms', 'failed'], rows)}<ul>${facts
    .map((f) => `<li>${h(f)}</li>`)
    .join('')}</ul><h3>resolved configuration</h3><pre>${config}</pre></details>`;
}

/** A real backend's own facts (metrics.real): start-up, the relays' lateness, connection waits, the database's view of lag. */
function realFacts(m: CaseMetrics): string[] {
  const r = (m as unknown as { real?: { backend?: string; startupMs?: number; relays?: { link: string; lateness: HistogramSummary }[]; clients?: { waited: number; poolWait: HistogramSummary }; view?: { samples: number; lagUs: HistogramSummary; behindBytes?: HistogramSummary } } }).real;
  if (!r || typeof r.backend !== 'string') return [];
  const out = [`real backend ${r.backend}: up in ${fmtInt(r.startupMs ?? 0)} ms`];
  if (r.relays?.length) out.push(`relay lateness p50 / p99 ms: ${r.relays.map((x) => `${x.link} ${fmtMs(x.lateness.p50)} / ${fmtMs(x.lateness.p99)}`).join(', ')}`);
  if (r.clients) out.push(`operations that waited for a connection ${fmtInt(r.clients.waited)}${r.clients.waited ? ` (wait p99 ${fmtMs(r.clients.poolWait.p99)} ms)` : ''}`);
  if (r.view && r.view.samples > 0) {
    // Redis reports no time (only offsets): show what the database reports.
    const parts = [
      ...(r.view.lagUs.count > 0 ? [`replay lag p50 ${fmtMs(r.view.lagUs.p50)} ms, p99 ${fmtMs(r.view.lagUs.p99)} ms`] : []),
      ...(r.view.behindBytes && r.view.behindBytes.count > 0 ? [`behind p50 ${fmtInt(r.view.behindBytes.p50)} bytes, p99 ${fmtInt(r.view.behindBytes.p99)} bytes`] : []),
    ];
    if (parts.length) out.push(`database's own view: ${parts.join('; ')} (${fmtInt(r.view.samples)} samples)`);
  }
  const cal = (r as { calibration?: { measured?: Record<string, { p50: number; p99: number }>; service?: { workers: number; write: unknown; read: unknown }; network?: { nodeToNode: unknown; clientToNode: unknown } } }).calibration;
  if (cal?.measured && cal.service && cal.network) {
    const q = (k: string) => (cal.measured![k] ? `${fmtMs(cal.measured![k]!.p50)} / ${fmtMs(cal.measured![k]!.p99)}` : '–');
    out.push(`calibration (one client, p50 / p99 ms): write service ${q('write')}, read service ${q('read')}, client link one way ${q('clientLink')}, replication link one way ${q('replicationLink')}`);
    out.push(`calibrated simulation: service ${JSON.stringify({ workers: cal.service.workers, write: cal.service.write, read: cal.service.read })}, network ${JSON.stringify(cal.network)} (µs)`);
  }
  return out;
}

/** Lost writes and availability, when the results record them (durability is never hidden). */
function durabilityFacts(m: CaseMetrics): string[] {
  const x = m as unknown as { durability?: { lostWrites?: unknown }; availability?: { overall?: unknown }; faults?: { windows?: unknown[]; failovers?: unknown[] } };
  const out: string[] = [];
  if (typeof x.durability?.lostWrites === 'number') out.push(`lost writes ${fmtInt(x.durability.lostWrites)}`);
  if (typeof x.availability?.overall === 'number') out.push(`availability ${fmtPct(x.availability.overall)}%`);
  const w = x.faults?.windows?.length ?? 0;
  const f = x.faults?.failovers?.length ?? 0;
  if (w || f) out.push(`faults: ${w} window${w === 1 ? '' : 's'}, ${f} failover${f === 1 ? '' : 's'}`);
  return out;
}

/** Renders index.html from the model and the rendered charts. */
export function renderHtml(model: ReportModel, charts: readonly RenderedChart[], skipped: readonly SkippedChart[]): string {
  const r = model.results;
  const grid = summaryGrid(model);
  const [legend, ...notes] = grid.footnotes;
  const findings = keyFindings(model);
  const load = loadCells(model);
  const expected = expectationRows(model);
  const paired = simVsReal(model);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="referrer" content="no-referrer">
<title>replbench: ${h(r.suite.name)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header>
<h1>replbench report: ${h(r.suite.name)}</h1>
${r.suite.description ? `<p class="lead">${h(r.suite.description)}</p>` : ''}
${meta(model)}
<nav><p><a href="#summary">Summary</a><a href="#glossary">Columns</a><a href="#charts">Charts</a><a href="#cases">Cases</a></p></nav>
</header>
<section id="summary">
<h2>Summary</h2>
${table(grid.header, grid.rows, 'summary')}
${legend === undefined ? '' : `<div class="footnotes"><p>${h(legend)}</p><ul>${notes.map((l) => `<li>${h(l)}</li>`).join('')}</ul></div>`}
<p class="muted">${h(NOT_MEASURED_NOTE)} <a href="#glossary">What the columns mean</a>.</p>
${findings.length ? `<h3 style="margin-top:16px">Key findings</h3><ul class="findings">${findings.map((f) => `<li>${finding(f)}</li>`).join('\n')}</ul>` : ''}
${load.length ? `<h3 style="margin-top:16px">Load balance and resize cost</h3>${table(LOAD_HEADER, load)}` : ''}
${paired.rows.length ? `<h3 style="margin-top:16px" id="sim-vs-real">Real beside calibrated simulation</h3>${table(paired.header, paired.rows)}<p class="muted">${h(SIM_VS_REAL_NOTE)}</p>` : ''}
${expected.length ? `<h3 style="margin-top:16px" id="expectations">Expectations beside measurements</h3>${table([...EXPECTATION_HEADER], expected)}` : ''}
</section>
<section id="glossary">
<h3 style="margin-top:16px">What the columns mean</h3>
${glossary(grid.header)}
</section>
<section id="charts">
<h2>Charts</h2>
${charts.length ? charts.map(chartFigure).join('\n') : '<p>No chart applies to this run (no case succeeded).</p>'}
${skipped.length ? `<p class="muted">Not shown: ${skipped.map((s) => `${h(s.title)} (${h(s.reason)})`).join('; ')}.</p>` : ''}
</section>
<section id="cases">
<h2>Cases</h2>
${r.cases.map(caseDetails).join('\n')}
</section>
<footer><p class="muted">Generated by replbench ${h(r.environment.replbench)}. Latencies are measured from the intended start of each operation; failed operations are counted apart.</p></footer>
</main>
</body>
</html>
`;
}

/** Renders Vega-Lite specs to SVG in Node with vega's headless view (no canvas, no browser, no network). */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { VlSpec } from './types.js';

/** A loader that refuses every request: specs carry their data inline, so rendering never touches files or the network. */
const noLoader = vega.loader();
noLoader.load = async (uri: string) => {
  throw new Error(`chart tried to load ${uri}: report charts must embed their data`);
};

/** Rendering prints nothing: Vega-Lite's and Vega's warnings are silenced (the tests check the specs instead). */
const silent = vega.logger(vega.None);

/** Compiles a Vega-Lite spec to a Vega spec. */
export function toVega(spec: VlSpec): vega.Spec {
  return compile(spec as unknown as TopLevelSpec, { logger: silent }).spec as vega.Spec;
}

/**
 * Renames the SVG's element ids (vega numbers clip paths with a process-wide counter) to
 * `<prefix>-<n>` in order of appearance: ids stay unique when several charts are inlined in one
 * page, and the output no longer depends on what was rendered before. `prefix` must be a plain
 * identifier (a chart name).
 */
export function scopeIds(svg: string, prefix: string): string {
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g)) if (!ids.has(m[1]!)) ids.set(m[1]!, `${prefix}-${ids.size + 1}`);
  if (ids.size === 0) return svg;
  const rename = (id: string) => ids.get(id) ?? id;
  return svg
    .replace(/(\sid=")([^"]+)(")/g, (_, a: string, id: string, b: string) => `${a}${rename(id)}${b}`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${rename(id)})`)
    .replace(/(href=")#([^"]+)(")/g, (_, a: string, id: string, b: string) => `${a}#${rename(id)}${b}`);
}

/** Renders a Vega-Lite spec to an SVG document string; element ids are prefixed with `idPrefix`. */
export async function renderSvg(spec: VlSpec, idPrefix = 'chart'): Promise<string> {
  const view = new vega.View(vega.parse(toVega(spec)), { renderer: 'none', loader: noLoader, logger: silent });
  try {
    return scopeIds(await view.toSVG(), idPrefix);
  } finally {
    view.finalize();
  }
}

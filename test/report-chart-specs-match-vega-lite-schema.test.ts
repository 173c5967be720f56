/**
 * Every chart spec validates against the JSON schema of the Vega-Lite version the report is
 * rendered with (node_modules/vega-lite/build/vega-lite-schema.json), so a user can load the
 * written charts/<name>.vl.json into any Vega-Lite 6 tool and restyle it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { version as vlVersion } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../reports/model.js';
import { CHARTS } from '../reports/charts/registry.js';
import { VL_SCHEMA } from '../reports/charts/common.js';
import { ROOT } from './helpers/cli.js';
import { PARTITIONED_SUITE, resultsOf, withFaultWindows } from './support/report-fixture.js';

const schema = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'vega-lite', 'build', 'vega-lite-schema.json'), 'utf8'));

describe('chart specs', () => {
  it('validate against the Vega-Lite schema of the installed version', async () => {
    expect(VL_SCHEMA).toContain(`/v${vlVersion.split('.')[0]}.json`);
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(schema);
    // The validator does reject what Vega-Lite would reject.
    expect(validate({ data: { values: [] }, mark: 'bogus', encoding: {} })).toBe(false);
    expect(validate({ data: { values: [] }, mark: 'point', encoding: { x: { field: 'a', type: 'quantity' } } })).toBe(false);
    const model = buildModel(withFaultWindows(await resultsOf(PARTITIONED_SUITE)));
    let checked = 0;
    for (const chart of CHARTS) {
      const built = chart.build(model);
      expect('spec' in built, `${chart.name} applies to the fixture`).toBe(true);
      if (!('spec' in built)) continue;
      const ok = validate(built.spec);
      expect(ok ? [] : validate.errors!.slice(0, 5).map((e) => `${chart.name}: ${e.instancePath} ${e.message}`)).toEqual([]);
      checked++;
    }
    expect(checked).toBe(CHARTS.length);
  });
});

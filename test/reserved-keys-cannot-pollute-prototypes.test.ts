/**
 * `__proto__`, `constructor` and `prototype` are rejected as keys and as segments of dotted paths
 * (matrix keys, -p overrides): the input gets a message naming the path and exit code 2, and
 * Object.prototype is never touched (`({}).polluted` stays undefined).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../harness/config/errors.js';
import { expandSuite } from '../harness/config/suite.js';
import { replbench, suiteFile } from './helpers/cli.js';

afterEach(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
});

/** Expands `raw` in this process, which must fail; returns the problems as "path: message" lines. */
async function problems(raw: unknown, properties?: Record<string, string>): Promise<string[]> {
  try {
    await expandSuite(raw, 'test', { baseDir: process.cwd(), ...(properties ? { properties } : {}) });
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).problems.map((p) => `${p.path}: ${p.message}`);
  }
  throw new Error('expected the suite to be rejected');
}

describe('reserved names in keys and paths', () => {
  it('are rejected in matrix keys, at any segment', async () => {
    for (const key of ['__proto__.polluted', 'a.__proto__.polluted', 'constructor.prototype.polluted', 'workload.constructor', '__proto__']) {
      const reserved = key.split('.').find((s) => ['__proto__', 'constructor', 'prototype'].includes(s));
      expect(await problems({ duration: '1s', matrix: { [key]: [1] } })).toEqual([`matrix.${key}: "${reserved}" is a reserved name and cannot be used as a key or in a path`]);
    }
  });

  it('are rejected as keys anywhere in a suite (as JSON.parse and YAML produce them)', async () => {
    expect(await problems(JSON.parse('{"duration": "1s", "__proto__": {"polluted": 1}}'))).toEqual(['__proto__: "__proto__" is a reserved name and cannot be used as a key or in a path']);
    expect(await problems(JSON.parse('{"regions": {"nodes": ["a"], "latency": {"a": {"__proto__": {"polluted": 1}}}}}'))).toEqual(['regions.latency.a.__proto__: "__proto__" is a reserved name and cannot be used as a key or in a path']);
    expect(await problems(JSON.parse('{"strategy": {"name": "async", "constructor": {"prototype": {"polluted": 1}}}}'))).toEqual(['strategy.constructor: "constructor" is a reserved name and cannot be used as a key or in a path']);
    expect(await problems(JSON.parse('{"faults": [{"kind": "loss", "probability": 0.1, "at": 1, "prototype": 1}]}'))).toEqual(['faults[0].prototype: "prototype" is a reserved name and cannot be used as a key or in a path']);
  });

  it('are rejected in YCSB property overrides', async () => {
    expect(await problems({ workload: { ycsb: 'ycsb-a' } }, { '__proto__.polluted': '1' })).toEqual(['-p: __proto__.polluted: "__proto__" is a reserved name and cannot be used as a key or in a path']);
  });

  it('make validate and run exit 2 with the path, without a stack trace, writing nothing', () => {
    for (const yaml of ['matrix:\n  __proto__.polluted: [1]\n', 'matrix:\n  "a.__proto__.x": [1]\n', '__proto__: { polluted: 1 }\n']) {
      const file = suiteFile(`duration: 200ms\n${yaml}`);
      const out = path.join(path.dirname(file), 'out');
      for (const args of [['validate', file], ['run', file, '--out', out]]) {
        const r = replbench(args);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toContain('is a reserved name');
        expect(r.stderr).not.toMatch(/\n\s+at /);
      }
      expect(existsSync(out)).toBe(false);
    }
    const p = replbench(['validate', suiteFile('workload: { ycsb: ycsb-a }\n'), '-p', '__proto__.polluted=1']);
    expect(p.code).toBe(2);
    expect(p.stderr).toContain('-p: __proto__.polluted: "__proto__" is a reserved name');
  });
});

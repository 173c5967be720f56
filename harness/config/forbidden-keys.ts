/**
 * Names that must never be a key or a segment of a dotted path in user input: `__proto__`,
 * `constructor` and `prototype`. Walking `a.__proto__.x` into a plain object would reach (and
 * could change) Object.prototype for the whole process, so such input is rejected wherever keys
 * or paths come from the user (suite files, matrix keys, -p overrides).
 */
import { formatPath, type InputProblem } from './errors.js';

/** The reserved names. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** The first reserved segment of a dotted path, if any. */
export function forbiddenSegment(dotted: string): string | undefined {
  return dotted.split('.').find((seg) => FORBIDDEN_KEYS.has(seg));
}

const message = (name: string) => `"${name}" is a reserved name and cannot be used as a key or in a path`;

/**
 * Problems for every reserved key anywhere in `value` (plain data parsed from YAML or JSON), and
 * for every reserved segment of a dotted key under `matrix` (at most `max` problems). Iterative,
 * so deeply nested input cannot overflow the stack.
 */
export function forbiddenKeyProblems(value: unknown, max = 20): InputProblem[] {
  const problems: InputProblem[] = [];
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value, path: [] }];
  while (stack.length > 0 && problems.length < max) {
    const { value: v, path } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: [...path, i] });
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const bad = FORBIDDEN_KEYS.has(key) ? key : path.length === 1 && path[0] === 'matrix' ? forbiddenSegment(key) : undefined;
      if (bad !== undefined) problems.push({ path: formatPath([...path, key]), message: message(bad) });
      else stack.push({ value: (v as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return problems;
}

/** Problems for reserved segments in dotted keys given at `where` (e.g. `-p`). */
export function forbiddenPathProblems(keys: Iterable<string>, where: string): InputProblem[] {
  const problems: InputProblem[] = [];
  for (const k of keys) {
    const bad = forbiddenSegment(k);
    if (bad !== undefined) problems.push({ path: where, message: `${k}: ${message(bad)}` });
  }
  return problems;
}

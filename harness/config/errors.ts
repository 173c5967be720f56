/** Input errors: every problem names the offending field path. */

/** One problem with the input: where (a field path such as `matrix.strategy[2].acks`) and what. */
export interface InputProblem {
  readonly path: string;
  readonly message: string;
}

/** Thrown for invalid input (exit code 2); carries every problem found. */
export class InputError extends Error {
  constructor(readonly problems: readonly InputProblem[]) {
    super(problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('\n'));
    this.name = 'InputError';
  }
}

/** Formats a path array as `a.b[2].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out;
}

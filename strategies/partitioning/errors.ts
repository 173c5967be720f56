/** Configuration errors for partitioning schemes: every problem names the offending option path. */

/** One problem with a partitioning option: where (e.g. `partitioning.vnodes`, `partitioning.splits[3]`) and what. */
export interface PartitionProblem {
  readonly path: string;
  readonly message: string;
}

/** Thrown when a scheme is built from invalid options; carries every problem found (the CLI maps it to exit code 2). */
export class PartitionConfigError extends Error {
  /** Every problem found, in option order. */
  readonly problems: readonly PartitionProblem[];

  /** An error listing `problems` one per line as `path: message`. */
  constructor(problems: readonly PartitionProblem[]) {
    super(problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('\n'));
    this.name = 'PartitionConfigError';
    this.problems = problems;
  }
}

/** "Did you mean ...?" for unknown names: the nearest known name by edit distance. */

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions) between `a` and `b`. */
export function editDistance(a: string, b: string): number {
  const prev2: number[] = new Array(b.length + 1).fill(0);
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  let row: number[] = new Array(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row[j] = d;
    }
    for (let j = 0; j <= b.length; j++) prev2[j] = prev[j]!;
    [prev, row] = [row, prev];
  }
  return prev[b.length]!;
}

/**
 * The known name nearest to `name` (case-insensitively), if it is near enough to be a likely typo:
 * at most a third of the longer name's length apart (and at most 3 edits); ties go to the first.
 */
export function nearest(name: string, known: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    if (k === name) continue;
    const d = editDistance(lower, k.toLowerCase());
    const limit = Math.min(3, Math.max(1, Math.floor(Math.max(name.length, k.length) / 3)));
    if (d <= limit && d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

/** ` (did you mean "x"?)` for the nearest known name, or an empty string. */
export function didYouMean(name: string, known: Iterable<string>): string {
  const n = nearest(name, known);
  return n === undefined ? '' : ` (did you mean "${n}"?)`;
}

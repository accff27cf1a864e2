/** Rank helpers over ascending sorted arrays: the share of peers strictly better than a value. */

/** Index of the first element ≥ x. */
export function lowerBound(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element > x. */
export function upperBound(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Share (0–1) of peers strictly better than x; ties are not "better", so equal firms share a bucket. */
export function shareBetter(sorted: ArrayLike<number>, x: number, higherIsBetter: boolean): number {
  if (sorted.length === 0) return 0;
  const better = higherIsBetter ? sorted.length - upperBound(sorted, x) : lowerBound(sorted, x);
  return better / sorted.length;
}

/** Share (0–1) of peers strictly below x: a 0–1 score where more is better. */
export function shareBelow(sorted: ArrayLike<number>, x: number): number {
  return sorted.length ? lowerBound(sorted, x) / sorted.length : 0;
}

export const sortedAsc = (values: number[]): Float64Array => Float64Array.from(values).sort();

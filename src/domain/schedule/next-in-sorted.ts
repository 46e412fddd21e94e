/** Smallest value in the ascending `list` that is greater than `current`, or undefined. */
export function nextInSorted(list: readonly number[], current: number): number | undefined {
  for (const value of list) if (value > current) return value;
  return undefined;
}

/** Progress goes to stderr so stdout holds only the figure lines. */
export function progress(text: string): void {
  process.stderr.write(`# ${text}\n`);
}

export type Print = (line: string) => void;

/** A whole number from the environment, or `fallback` when unset or not in [min, max]. */
export function envInt(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (Number.isInteger(value) && value >= min && value <= max) return value;
  progress(`${name}=${raw} is not a whole number from ${min} to ${max}; using ${fallback}`);
  return fallback;
}

/** `2020-03-24T14:02:03+00:00`: the API's timestamps, seconds precision, UTC offset spelled out. */
export function isoSeconds(ms: number | null): string | null {
  if (ms === null) return null;
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}+00:00`;
}

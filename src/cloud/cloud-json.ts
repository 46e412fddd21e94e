/** RFC 3339 with milliseconds, as Calyptia answers (`2025-01-22T21:00:09.123Z`). */
export const rfc3339 = (ms: number): string => new Date(ms).toISOString();

export interface CalyptiaCheckFields {
  id: string;
  protocol: string;
  status: string;
  retries: number;
  host: string;
  port: number;
  createdAt: number;
  updatedAt: number;
}

/** A check's eight Calyptia fields (spec §3.2): the API's body and a webhook's `$JSON` alike. */
export const calyptiaCheckJson = (c: CalyptiaCheckFields) => ({
  id: c.id,
  protocol: c.protocol,
  status: c.status,
  retries: c.retries,
  host: c.host,
  port: c.port,
  createdAt: rfc3339(c.createdAt),
  updatedAt: rfc3339(c.updatedAt),
});

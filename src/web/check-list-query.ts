import { isCheckSort, isListStatus, type CheckSort, type ListFilters, type ListStatus } from '../checks/check-page-filter.js';

export interface ListQuery {
  filters: ListFilters;
  /** Asked for in this request (and so remembered); absent means the saved order. */
  sort?: CheckSort;
}

/** A query parameter as every value it was given (`?tag=a&tag=b`). */
export function allValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

/** Spec §12 list parameters: `tag` (repeatable, all must match), `search`, `status` (repeatable), `sort`. */
export function parseListQuery(query: unknown): ListQuery {
  const q = (query ?? {}) as Record<string, unknown>;
  const tags = [
    ...new Set(
      allValues(q.tag)
        .map((t) => t.trim())
        .filter((t) => t !== ''),
    ),
  ];
  const statuses = [...new Set(allValues(q.status).filter(isListStatus))] as ListStatus[];
  const search = (allValues(q.search)[0] ?? '').trim().slice(0, 200);
  const sort = allValues(q.sort)[0];
  return { filters: { tags, search, statuses }, ...(sort !== undefined && isCheckSort(sort) ? { sort } : {}) };
}

/** The filters as a query string (`?…`, or '' when none): links and the live region keep them. */
export function filterQuery(filters: ListFilters): string {
  const params = new URLSearchParams();
  for (const tag of filters.tags) params.append('tag', tag);
  if (filters.search) params.set('search', filters.search);
  for (const status of filters.statuses) params.append('status', status);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The filters with `tag` switched on or off. */
export function toggleTag(filters: ListFilters, tag: string): ListFilters {
  const tags = filters.tags.includes(tag) ? filters.tags.filter((t) => t !== tag) : [...filters.tags, tag];
  return { ...filters, tags };
}

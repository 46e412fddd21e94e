import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticateApiKey } from '../../accounts/authenticate-api-key.js';
import { listFlips, type FlipFilters } from '../../checks/list-flips.js';
import { getCheck, UNIQUE_KEY } from '../../checks/read-checks.js';
import type { Deps } from '../../deps.js';
import { AppError } from '../../lib/app-error.js';
import { CANONICAL_UUID } from '../../lib/ids.js';
import { isoSeconds } from '../../lib/iso-time.js';
import type { FlipLogEntry } from '../../store/flip-log.js';
import { headerApiKey, registerApiEndpoint } from './api-endpoint.js';

const LIMITS = { seconds: 31_536_000, start: 10_000_000_000, end: 10_000_000_000 } as const;

/**
 * Python's `int()` as Django's form fields apply it: surrounding whitespace, a sign and digit
 * group underscores are accepted; IntegerField (`seconds`) also drops a trailing `.000`.
 */
function parseInteger(text: string, allowZeroDecimals: boolean): number | undefined {
  const cleaned = allowZeroDecimals ? text.replace(/\.0*\s*$/, '') : text;
  const match = /^\s*([+-]?\d+(?:_\d+)*)\s*$/.exec(cleaned);
  return match ? Number(match[1]!.replace(/_/g, '')) : undefined;
}

/** Spec §4.16: each filter an integer in range, else the whole request is a 400; empty means absent. */
export function parseFlipFilters(query: Record<string, unknown>): FlipFilters | undefined {
  const filters: FlipFilters = {};
  for (const name of ['seconds', 'start', 'end'] as const) {
    const raw = query[name];
    // A repeated parameter counts by its last value, as Django's QueryDict reads it.
    const value: unknown = Array.isArray(raw) ? raw.at(-1) : raw;
    if (value === undefined || value === '') continue;
    const parsed = typeof value === 'string' ? parseInteger(value, name === 'seconds') : undefined;
    if (parsed === undefined || parsed < 0 || parsed > LIMITS[name]) return undefined;
    filters[name] = parsed;
  }
  return filters;
}

/** Spec §1.11's flip object: seconds precision; only a flip to `up` is `up: 1`. */
export function flipJson(flip: FlipLogEntry): { timestamp: string | null; up: 0 | 1 } {
  return { timestamp: isoSeconds(flip.createdAt), up: flip.newStatus === 'up' ? 1 : 0 };
}

/** `<uuid>` or `<unique_key>`: any other form matches no Healthchecks URL (a generic 404). */
function flipsCheckId(request: FastifyRequest): string {
  const { id } = request.params as { id: string };
  if (!CANONICAL_UUID.test(id) && !UNIQUE_KEY.test(id)) throw new AppError('not_found', 'check not found');
  return id;
}

/** `checks/<uuid | unique_key>/flips/` (spec §4.16): read-only keys too. */
export function flipRoutes(deps: Deps) {
  return async function register(app: FastifyInstance): Promise<void> {
    registerApiEndpoint(app, {
      path: 'checks/:id/flips/',
      // Clients call it without the slash (spec/clients.md).
      slashOptional: true,
      handlers: {
        GET: async (request, reply) => {
          const id = flipsCheckId(request);
          const caller = await authenticateApiKey(deps, headerApiKey(request), 'read');
          // Healthchecks validates the filters after finding the check: 401, 404, 403 come first.
          const check = await getCheck(deps, caller, id);
          const filters = parseFlipFilters(request.query as Record<string, unknown>);
          if (!filters) return reply.code(400).send();
          return reply.send({ flips: (await listFlips(deps, check, filters)).map(flipJson) });
        },
      },
    });
  };
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { PingAnswer, PingRecorder } from '../ping/record-ping.js';
import { readBodiesOfAnyType } from './any-body.js';
import { parsePingPath } from './ping-path.js';
import { remoteAddr } from './remote-addr.js';

/** Spec Appendix C, plus our 503 for "not recorded, retry" and 400 for undecodable bodies. */
const ANSWERS: Record<PingAnswer, readonly [number, string]> = {
  ok: [200, 'OK'],
  created: [201, 'Created'],
  not_found: [404, 'not found'],
  ambiguous: [409, 'ambiguous slug'],
  invalid_url: [400, 'invalid url format'],
  invalid_rid: [400, 'invalid uuid format'],
  too_large: [400, 'request body too large'],
  body_not_utf8: [400, "request body is not valid UTF-8 (required by this check's keyword filters)"],
  unavailable: [503, 'service unavailable'],
};

/** Django's upload cap that Healthchecks inherits: 2.5 MiB, raised to PING_BODY_LIMIT if larger. */
const UPLOAD_CAP_BYTES = 2_621_440;
const TOO_LARGE = Symbol('too large');
const NO_BODY = new Uint8Array(0);

type Body = Buffer | typeof TOO_LARGE | undefined;

function lastValue(value: unknown): string | undefined {
  if (Array.isArray(value)) return lastValue(value[value.length - 1]);
  return typeof value === 'string' ? value : undefined;
}

export function pingRoutes(config: Config, recorder: PingRecorder) {
  const capBytes = Math.max(UPLOAD_CAP_BYTES, config.pingBodyLimitBytes ?? 0);

  return async function register(app: FastifyInstance): Promise<void> {
    // Bodies are kept raw whatever their Content-Type (JSON included): never parsed, never
    // refused before the check lookup, so an unknown check still answers 404 (spec §3.4).
    readBodiesOfAnyType(app);
    app.addContentTypeParser('*', (request, payload, done) => {
      if (Number(request.headers['content-length']) > capBytes) {
        payload.resume();
        return done(null, TOO_LARGE);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      payload.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= capBytes) chunks.push(chunk);
      });
      payload.on('end', () => done(null, size > capBytes ? TOO_LARGE : Buffer.concat(chunks, size)));
      payload.on('error', (error) => done(error, undefined));
    });

    app.all('/ping/*', async (request: FastifyRequest<{ Params: { '*': string } }>, reply: FastifyReply) => {
      const parsed = parsePingPath(request.params['*']);
      const answer: PingAnswer = parsed ? await recordHttpPing(request, parsed) : 'not_found';
      const [status, text] = ANSWERS[answer];
      reply
        .code(status)
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'max-age=0, no-cache, no-store, must-revalidate, private')
        .header('expires', new Date(0).toUTCString());
      if (status === 200 || status === 201) {
        reply.header('access-control-allow-origin', '*');
        if (config.pingBodyLimitBytes !== null) reply.header('ping-body-limit', String(config.pingBodyLimitBytes));
      }
      if (status === 503) reply.header('retry-after', '1');
      return reply.send(text);
    });
  };

  function recordHttpPing(request: FastifyRequest, parsed: NonNullable<ReturnType<typeof parsePingPath>>): Promise<PingAnswer> {
    const body = request.body as Body;
    const bytes = body === undefined || body === TOO_LARGE ? NO_BODY : body;
    const query = request.query as Record<string, unknown>;
    return recorder.record({
      target: parsed.target,
      source: { via: 'http', action: parsed.action, exitStatus: parsed.exitStatus, method: request.method, body: bytes },
      scheme: (lastValue(request.headers['x-forwarded-proto']) ?? 'http').slice(0, 16),
      remoteAddr: remoteAddr(request.headers['x-forwarded-for'], request.socket.remoteAddress),
      method: request.method,
      ua: (request.headers['user-agent'] ?? '').slice(0, 200),
      rid: lastValue(query.rid),
      exitStatus: parsed.exitStatus,
      body: bytes,
      bodyTooLarge: body === TOO_LARGE,
      keepWholeBody: false,
      create: lastValue(query.create) === '1',
    });
  }
}

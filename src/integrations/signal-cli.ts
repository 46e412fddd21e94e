import { createConnection, type Socket } from 'node:net';
import { z } from 'zod';

/** What one JSON-RPC call to signal-cli came to. */
export type SignalCallOutcome =
  { ok: true } | { ok: false; error: string; permanent: boolean; captchaToken?: string; reply?: string };

const replySchema = z.object({
  id: z.string().default(''),
  error: z
    .object({
      code: z.number().int(),
      data: z
        .object({
          response: z.object({
            results: z.array(z.object({ type: z.string(), token: z.string().nullish() })),
          }),
        })
        .nullish(),
    })
    .nullish(),
});

const UNEXPECTED = 'signal-cli call failed (unexpected response)';

/**
 * Reads one reply line: undefined when it is not the answer to `id` (signal-cli also pushes
 * notifications on the same socket), an outcome otherwise.
 */
export function judgeSignalReply(line: string, id: string): SignalCallOutcome | undefined {
  let parsed;
  try {
    parsed = replySchema.safeParse(JSON.parse(line));
  } catch {
    return { ok: false, error: UNEXPECTED, permanent: false };
  }
  if (!parsed.success) return { ok: false, error: UNEXPECTED, permanent: false };
  const reply = parsed.data;
  if (reply.id !== id) return undefined;
  if (!reply.error) return { ok: true };
  for (const result of reply.error.data?.response.results ?? []) {
    if (result.type === 'UNREGISTERED_FAILURE') return { ok: false, error: 'Recipient not found', permanent: true };
    if ((result.type === 'RATE_LIMIT_FAILURE' || result.type === 'PROOF_REQUIRED_FAILURE') && result.token) {
      return { ok: false, error: 'CAPTCHA proof required', permanent: false, captchaToken: result.token, reply: line };
    }
  }
  return { ok: false, error: `signal-cli call failed (${reply.error.code})`, permanent: false };
}

/** `host:port` is TCP, anything else a UNIX socket path (SIGNAL_CLI_SOCKET). */
function connect(address: string): Socket {
  if (address.includes(':')) {
    const [host = '', port = ''] = address.split(':');
    return createConnection({ host, port: Number(port) });
  }
  return createConnection({ path: address });
}

/**
 * Sends one newline-terminated JSON-RPC request, half-closes the socket and reads
 * newline-delimited replies until the one answering `id` arrives, the peer closes, or
 * `timeoutMs` passes.
 */
export function callSignalCli(address: string, request: { id: string }, timeoutMs: number): Promise<SignalCallOutcome> {
  return new Promise((resolve) => {
    let socket: Socket;
    try {
      socket = connect(address);
    } catch (error) {
      // A malformed address (`host:notaport`) throws before any I/O.
      return resolve({ ok: false, error: `signal-cli call failed (${(error as Error).message})`, permanent: false });
    }
    let buffer = Buffer.alloc(0);
    let settled = false;
    const finish = (outcome: SignalCallOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ ok: false, error: 'signal-cli call timed out', permanent: false }), timeoutMs);
    const judge = (line: string) => {
      const outcome = judgeSignalReply(line, request.id);
      if (outcome) finish(outcome);
    };

    socket.once('connect', () => socket.end(`${JSON.stringify(request)}\n`));
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      let newline: number;
      while (!settled && (newline = buffer.indexOf(0x0a)) !== -1) {
        const line = buffer.subarray(0, newline + 1).toString('utf8');
        buffer = buffer.subarray(newline + 1);
        judge(line);
      }
    });
    socket.once('end', () => {
      // A last line without a newline still counts; after that, silence is not an answer.
      if (buffer.length > 0) judge(buffer.toString('utf8'));
      finish({ ok: false, error: UNEXPECTED, permanent: false });
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      finish({ ok: false, error: `signal-cli call failed (${error.code ?? error.message})`, permanent: false });
    });
  });
}

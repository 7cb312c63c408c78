// A streaming JSON response (load, import, later pull/push/build): one
// message per line, each written through at once. The status line waits
// for the first message, so a failure before any output still gets its
// proper HTTP status; after that it becomes an error message in the
// stream, as moby's streamformatter.FormatError writes it.
import type { ServerResponse } from 'node:http';
import { errorMessage, log } from '../common/index.js';
import type { JsonMessage } from '../spec/index.js';
import { sendError } from './respond.js';

class JsonMessageStream {
  readonly #res: ServerResponse;

  constructor(res: ServerResponse) {
    this.#res = res;
  }

  write(message: JsonMessage): void {
    const res = this.#res;
    if (res.destroyed || res.writableEnded) return;
    if (!res.headersSent) res.writeHead(200, { 'Content-Type': 'application/json' });
    // "\r\n" as moby's stream formatter; clients split on "\n".
    res.write(JSON.stringify(message) + '\r\n');
  }

  end(): void {
    const res = this.#res;
    if (res.destroyed || res.writableEnded) return;
    if (!res.headersSent) res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end();
  }

  fail(err: unknown): void {
    if (!this.#res.headersSent) {
      sendError(this.#res, err);
      return;
    }
    const message = errorMessage(err);
    log.debug('stream failed after output started', { error: message });
    this.write({ errorDetail: { message }, error: message });
    this.end();
  }
}

/** Runs `task`, streaming each message it writes; then ends the response, or reports the task's failure. */
export async function streamJsonMessages(res: ServerResponse, task: (write: (m: JsonMessage) => void) => Promise<void>): Promise<void> {
  const stream = new JsonMessageStream(res);
  try {
    await task((m) => stream.write(m));
    stream.end();
  } catch (err) {
    stream.fail(err);
  }
}

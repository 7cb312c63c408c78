// Reading a JSON request body, as moby's httputils.ReadJSON: the
// Content-Type must be JSON when given, the body at most `limit` bytes, and
// an empty body is an error. The value is `unknown` until a validator reads it.
import type { IncomingMessage } from 'node:http';
import { InvalidArgument } from '../common/index.js';

/** Create bodies are small; this is far above any real one. */
export const maxJsonBody = 4 * 1024 * 1024;

export async function readJsonBody(req: IncomingMessage, limit = maxJsonBody): Promise<unknown> {
  const type = req.headers['content-type'];
  if (type !== undefined && type !== '' && !/^application\/json\s*(;|$)/i.test(type)) {
    throw new InvalidArgument(`unsupported Content-Type header (${type}): must be 'application/json'`);
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new InvalidArgument(`request body is larger than ${limit} bytes`);
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > limit) throw new InvalidArgument(`request body is larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw new InvalidArgument('invalid JSON: got EOF while reading request body');
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new InvalidArgument(`invalid JSON: ${(err as Error).message}`);
  }
}

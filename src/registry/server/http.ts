// Small HTTP helpers of the registry server: answers with the distribution
// headers, bounded request bodies, and the byte ranges of blob GETs.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RegistryError } from './errors.js';

export type Headers = Record<string, string | number>;

/** An answer without a body (Content-Length: 0, as distribution sends it). */
export function sendEmpty(res: ServerResponse, status: number, headers: Headers = {}): void {
  res.writeHead(status, { ...headers, 'Content-Length': 0 });
  res.end();
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Headers = {}, head = false): void {
  const body = Buffer.from(JSON.stringify(value));
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers, 'Content-Length': body.length });
  res.end(head ? undefined : body);
}

/**
 * Answers an error. When the request body has not been read (an error found
 * before it was), the connection is closed after the answer instead of
 * reading what may be gigabytes nobody wants.
 */
export function sendError(req: IncomingMessage, res: ServerResponse, err: RegistryError): void {
  const headers: Headers = { ...err.headers };
  if (!req.complete) headers.Connection = 'close';
  sendJson(res, err.status, err.body(), headers, req.method === 'HEAD');
}

/** The declared Content-Length, undefined when absent; SIZE_INVALID when it is not a number. */
export function contentLength(req: IncomingMessage): number | undefined {
  const value = req.headers['content-length'];
  if (value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(value)) throw new RegistryError('SIZE_INVALID', `invalid Content-Length ${JSON.stringify(value)}`);
  return Number(value);
}

/** Whether the request has a body to read (a non-zero Content-Length, or chunked). */
export function hasBody(req: IncomingMessage): boolean {
  const length = contentLength(req);
  return length === undefined ? req.headers['transfer-encoding'] !== undefined : length > 0;
}

/** Reads a whole body of at most `limit` bytes; 413 with `code` when it is larger (declared or not). */
export async function readBody(req: IncomingMessage, limit: number, code: 'MANIFEST_INVALID' | 'SIZE_INVALID'): Promise<Buffer> {
  const tooLarge = (): RegistryError => new RegistryError(code, `the body exceeds the limit of ${limit} bytes`, { status: 413 });
  const declared = contentLength(req);
  if (declared !== undefined && declared > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export interface ByteRange {
  start: number;
  end: number;
}

/**
 * The one byte range of a `Range: bytes=...` header within `size` bytes:
 * undefined for the whole (no header, several ranges, another unit: the
 * whole body is an allowed answer), 'unsatisfiable' for a range past the end.
 */
export function byteRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | undefined {
  const m = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (m === null) return undefined;
  const [, from = '', to = ''] = m;
  if (from === '' && to === '') return undefined;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(size - suffix, 0), end: size - 1 };
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/** A chunk's Content-Range as docker and containers/image send it (`<start>-<end>`, `bytes` prefix tolerated). */
export function chunkRange(header: string | undefined): ByteRange | undefined {
  if (header === undefined) return undefined;
  const m = /^(?:bytes[ =])?(\d{1,15})-(\d{1,15})$/.exec(header.trim());
  if (m === null) throw new RegistryError('BLOB_UPLOAD_INVALID', `invalid Content-Range ${JSON.stringify(header.slice(0, 100))}`, { status: 416 });
  return { start: Number(m[1]), end: Number(m[2]) };
}

// Writing whole responses: JSON bodies (newline-terminated, as Go's
// json.Encoder), empty bodies, and errors as Docker's {"message": ...}.
import type { ServerResponse } from 'node:http';
import { errorMessage, log } from '../common/index.js';
import { statusFromError } from '../spec/docker/index.js';

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendJsonText(res, status, JSON.stringify(body));
}

/** A body already serialized as JSON. */
export function sendJsonText(res: ServerResponse, status: number, json: string): void {
  const data = json + '\n';
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) });
  res.end(data);
}

export function sendEmpty(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'Content-Length': 0 });
  res.end();
}

/** Answers with the error's status and message, as JSON or (for clients older than we serve) plain text. */
export function sendError(res: ServerResponse, err: unknown, plainText = false): void {
  const status = statusFromError(err);
  const message = errorMessage(err);
  if (status >= 500) log.error('request failed', { error: message });
  if (res.headersSent) {
    // Too late for a status: cut the response short so the client sees a failure.
    res.destroy();
    return;
  }
  if (!plainText) {
    sendJson(res, status, { message });
    return;
  }
  const text = message + '\n';
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

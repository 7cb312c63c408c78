// Newline-delimited JSON from a stream (progress of load, import, pull...),
// one value at a time, with a cap on the length of a line.
import type { Readable } from 'node:stream';
import { Internal } from '../common/index.js';

const newline = 0x0a;

/** Calls `onValue` for each JSON line of `stream` (with its text, for numbers a double cannot hold); rejects on a line over `maxLine` bytes or bad JSON. */
export async function readJsonLines(stream: Readable, maxLine: number, onValue: (value: unknown, text: string) => void): Promise<void> {
  let pending: Buffer[] = [];
  let pendingLength = 0;
  const emit = (line: Buffer): void => {
    if (line.length > maxLine) throw new Internal(`response stream line exceeds ${maxLine} bytes`);
    const text = line.toString('utf8').trim();
    if (text === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new Internal(`invalid JSON in response stream: ${text.slice(0, 200)}`, { cause: err });
    }
    onValue(value, text);
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    // A newline byte never occurs inside a UTF-8 sequence, so bytes can be split on it.
    for (let nl = chunk.indexOf(newline); nl >= 0; nl = chunk.indexOf(newline, start)) {
      const part = chunk.subarray(start, nl);
      const line = pendingLength === 0 ? part : Buffer.concat([...pending, part]);
      pending = [];
      pendingLength = 0;
      start = nl + 1;
      emit(line);
    }
    if (start < chunk.length) {
      pending.push(chunk.subarray(start));
      pendingLength += chunk.length - start;
      if (pendingLength > maxLine) throw new Internal(`response stream line exceeds ${maxLine} bytes`);
    }
  }
  if (pendingLength > 0) emit(Buffer.concat(pending));
}

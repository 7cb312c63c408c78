// Docker's multiplexed stream (stdcopy): frames of an 8-byte header — the
// stream (1 stdout, 2 stderr), three zero bytes, the payload length
// (big-endian) — and the payload. Splits it back into the two streams.
import type { Readable } from 'node:stream';
import { Unavailable } from '../common/index.js';

// Docker writes frames of at most 32 KiB; anything far larger is not a frame.
const maxFrame = 64 * 1024 * 1024;

/** Copies `input`'s frames to stdout and stderr; resolves at its end. */
export function demultiplex(input: Readable, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    let pending: Buffer = Buffer.alloc(0);
    input.on('data', (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      while (pending.length >= 8) {
        const size = pending.readUInt32BE(4);
        if (size > maxFrame) {
          input.destroy();
          reject(new Unavailable(`unrecognized input header: ${pending[0]}`));
          return;
        }
        if (pending.length < 8 + size) break;
        const target = pending[0] === 2 ? stderr : stdout;
        const payload = pending.subarray(8, 8 + size);
        pending = pending.subarray(8 + size);
        if (!target.write(payload)) {
          input.pause();
          target.once('drain', () => input.resume());
        }
      }
    });
    input.once('end', () => resolve());
    input.once('close', () => resolve());
    input.once('error', reject);
  });
}

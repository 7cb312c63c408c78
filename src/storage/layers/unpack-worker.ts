// Worker thread entry: reads the tar bytes the main thread sends and
// applies them to the layer directory with synchronous file system calls,
// so many small files cost no event-loop round trips and the daemon's
// event loop is never blocked. One job at a time; the worker is reused.
import { parentPort } from 'node:worker_threads';
import { LayerWriter } from './layer-writer.js';
import { TarFormatError, TarReader } from './tar-reader.js';
import type { JobMessage, WorkerMessage } from './unpack-protocol.js';

const maxMetaSize = 1024 * 1024;

interface Job {
  writer: LayerWriter;
  reader: TarReader;
  failed: boolean;
}

let job: Job | null = null;

function post(message: WorkerMessage): void {
  parentPort!.postMessage(message);
}

function fail(current: Job, err: unknown): void {
  current.failed = true;
  current.writer.close();
  // TarFormatError: the archive's fault; LayerSystemError (disk full...) or anything else: ours.
  const kind = err instanceof TarFormatError ? 'invalid' : 'system';
  post({ type: 'error', kind, message: err instanceof Error ? err.message : String(err) });
}

parentPort!.on('message', (message: JobMessage) => {
  switch (message.type) {
    case 'start': {
      const writer = new LayerWriter(message.root, message.copy);
      job = { writer, reader: new TarReader(writer, { maxEntrySize: message.maxEntrySize, maxMetaSize }), failed: false };
      return;
    }
    case 'chunk': {
      const current = job!;
      if (current.failed) return;
      try {
        current.reader.write(Buffer.from(message.data, 0, message.length));
        post({ type: 'ack' });
      } catch (err) {
        fail(current, err);
      }
      return;
    }
    case 'end': {
      const current = job!;
      job = null;
      if (current.failed) return;
      try {
        current.reader.end();
        post({ type: 'done', size: current.writer.finish() });
      } catch (err) {
        fail(current, err);
      }
      return;
    }
  }
});

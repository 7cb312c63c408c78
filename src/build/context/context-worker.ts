// Worker thread entry: the file system work on a build context that would
// otherwise cost an event-loop round trip per file (expanding wildcards,
// digesting sources and files), done with synchronous calls, one job at a
// time.
import { parentPort } from 'node:worker_threads';
import { InvalidArgument, NotFound, errorMessage } from '../../common/index.js';
import type { ContextReply, ContextRequest } from './context-worker-protocol.js';
import { digestFiles, digestSources } from './digest-sync.js';
import { expandPatterns } from './expand-sync.js';

parentPort!.on('message', (job: ContextRequest) => {
  let reply: ContextReply;
  try {
    const result = job.kind === 'expand' ? expandPatterns(job.root, job.patterns) : job.kind === 'digest' ? digestSources(job.sources) : digestFiles(job.paths);
    reply = { id: job.id, result };
  } catch (err) {
    const kind = err instanceof InvalidArgument ? 'InvalidArgument' : err instanceof NotFound ? 'NotFound' : 'Internal';
    reply = { id: job.id, error: { kind, message: errorMessage(err) } };
  }
  parentPort!.postMessage(reply);
});

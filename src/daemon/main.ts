// `cais daemon`: the entry point. Runs until SIGTERM or SIGINT, then shuts
// down cleanly and exits 0. Also run directly: `node dist/src/daemon/main.js`.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { errorMessage, log, setLogLevel } from '../common/index.js';
import { startDaemon } from './daemon.js';
import { parseDaemonArgs, usage } from './flags.js';

/** Runs the daemon with `argv` (the arguments after `daemon`); resolves with the exit code once it has stopped. */
export async function main(argv: string[]): Promise<number> {
  let config;
  try {
    config = parseDaemonArgs(argv);
  } catch (err) {
    process.stderr.write(`cais daemon: ${errorMessage(err)}\nSee 'cais daemon --help'.\n`);
    return 125;
  }
  if (config === 'help') {
    process.stdout.write(usage);
    return 0;
  }
  setLogLevel(config.logLevel);
  // Listen for signals from the start, so one that comes during startup still shuts down cleanly.
  const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];
  let received: (signal: NodeJS.Signals) => void = () => {};
  const signalled = new Promise<NodeJS.Signals>((resolve) => (received = resolve));
  const onSignal = (signal: NodeJS.Signals): void => {
    // A second signal gets Node's default action: exit at once.
    for (const s of signals) process.off(s, onSignal);
    received(signal);
  };
  for (const s of signals) process.on(s, onSignal);
  let daemon;
  try {
    daemon = await startDaemon(config);
  } catch (err) {
    for (const s of signals) process.off(s, onSignal);
    log.error(`failed to start daemon: ${errorMessage(err)}`);
    return 1;
  }
  const signal = await signalled;
  log.info(`received ${signal}, shutting down`);
  await daemon.stop();
  return 0;
}

// exitCode, not exit(): log lines still queued for a pipe must drain first.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}

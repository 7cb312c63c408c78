// Composition root: `cais daemon`.
export { main } from './main.js';
export { startDaemon, type RunningDaemon } from './daemon.js';
export { parseDaemonArgs, type DaemonConfig } from './flags.js';

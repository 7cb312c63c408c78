// `cais restart`: a stop then a start, in the daemon.
import { stopOrRestart } from './stop.js';

export const run = stopOrRestart('restart');

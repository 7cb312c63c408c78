// Runs the system programs networking is built on (netavark, iptables,
// unshare), with their output size-limited and their failure turned into
// an error carrying what they printed.
import { execFile } from 'node:child_process';
import { Internal } from '../common/index.js';

const maxOutput = 1 << 20;
const timeoutMs = 60_000;

export function runTool(program: string, args: readonly string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(program, args, { maxBuffer: maxOutput, timeout: timeoutMs, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err === null) return resolve(stdout);
      const detail = (stderr.trim() || stdout.trim() || err.message).split('\n').slice(-3).join('; ');
      reject(new ToolError(`${program.split('/').pop()} ${args[0] ?? ''}: ${detail}`, stdout, { cause: err }));
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** A program's failure, with its standard output (netavark prints its error there as JSON). */
export class ToolError extends Internal {
  constructor(
    message: string,
    readonly stdout: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

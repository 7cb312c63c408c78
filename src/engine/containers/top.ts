// GET /containers/{id}/top (moby daemon/top_unix.go): the host's `ps` with
// the client's arguments, keeping the rows of the processes in the
// container's cgroup.
import { execFile } from 'node:child_process';
import { Conflict, Internal, InvalidArgument } from '../../common/index.js';
import type { ContainerTopResponse } from '../../spec/index.js';
import { cgroupPids } from './cgroup-v1.js';
import type { ContainerContext } from './context.js';
import { containerEvent } from './events.js';

/** moby's validatePSArgs: ps may not be told to rename the PID column. */
function validatePsArgs(psArgs: string): void {
  for (const m of psArgs.matchAll(/\s+(\S*)=\s*(PID\S*)/g)) {
    if (m[1] !== 'pid') throw new InvalidArgument(`specifying "${m[1]}=${m[2]}" is not allowed`);
  }
}

function ps(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('ps', args, { maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err === null) return resolve(stdout);
      // The first line of stderr says why ps failed.
      const line = stderr.split('\n')[0];
      reject(line ? new Internal(line) : new Internal(`ps: ${err.message}`));
    });
  });
}

/** moby's parsePSOutput: the titles, and the rows whose PID is the container's (with the thread rows under them, for `-m`). */
export function parsePsOutput(output: string, pids: ReadonlySet<number>): ContainerTopResponse {
  const lines = output.split('\n');
  const titles = fields(lines[0] ?? '');
  const pidIndex = titles.indexOf('PID');
  if (pidIndex < 0) throw new Internal("Couldn't find PID field in ps output");
  const processes: string[][] = [];
  const add = (f: string[]): void => {
    processes.push([...f.slice(0, titles.length - 1), f.slice(titles.length - 1).join(' ')]);
  };
  let previousContained = false;
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    const f = fields(line);
    const pid = f[pidIndex] ?? '';
    if (pid === '-') {
      if (previousContained) add(f);
      continue;
    }
    if (!/^[-+]?\d+$/.test(pid)) throw new Internal(`Unexpected pid '${pid}': strconv.Atoi: parsing ${JSON.stringify(pid)}: invalid syntax`);
    previousContained = pids.has(Number(pid));
    if (previousContained) add(f);
  }
  return { Titles: titles, Processes: processes };
}

// Split on ASCII whitespace only, as moby's fieldsASCII.
function fields(line: string): string[] {
  return line.split(/[ \t\n\v\f\r]+/).filter(Boolean);
}

export async function containerTop(ctx: ContainerContext, ref: string, psArgs: string): Promise<ContainerTopResponse> {
  const args = psArgs === '' ? '-ef' : psArgs;
  validatePsArgs(args);
  const c = ctx.store.resolve(ref);
  if (c.state.status === 'restarting') throw new Conflict(`Container ${c.id} is restarting, wait until the container is running`);
  if (c.state.status !== 'running' && c.state.status !== 'paused') throw new Conflict(`container ${c.id} is not running`);
  const pids = await cgroupPids(ctx.runner.cgroupsPath(c.id));
  const argv = args.split(' ');
  // Some options (such as f) do not go with -q: then ps lists everything and the rows are picked here.
  const output = await ps([...argv, `-q${pids.join(',')}`]).catch(() => ps(argv));
  const result = parsePsOutput(output, new Set(pids));
  containerEvent(ctx, c, 'top');
  return result;
}

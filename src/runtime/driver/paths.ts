// Where the driver keeps its state, under one directory (e.g.
// <exec-root>/runtime): per-container files conmon and the driver write,
// the shared exit directory conmon reports exits to, the attach socket
// links, each OCI runtime's own state root and the crun wrapper.
//
//   <state>/containers/<id>/       conmon's --persist-dir: exit, oom, pid,
//                                  conmon.pid, container.json (the driver's record)
//   <state>/containers/<id>/exec/<exec-id>/  one exec session (conmon -e)
//   <state>/exits/<id>             exit code, written by conmon (--exit-dir)
//   <state>/sockets/<id>           conmon's link to the bundle (where it puts the
//                                  attach socket), its name cut short when long
//   <state>/crun, <state>/runc     the runtimes' --root
//   <state>/crun-wrapper           see crun-wrapper.ts
import { join } from 'node:path';
import { InvalidArgument } from '../../common/index.js';

// Docker's container ids are 64 hex digits; exec ids too. Anything used as
// a file name must not escape its directory.
const idPattern = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/;

export function checkId(id: string, what = 'container id'): string {
  if (!idPattern.test(id)) throw new InvalidArgument(`invalid ${what}: ${JSON.stringify(id)}`);
  return id;
}

export class DriverPaths {
  readonly containers: string;
  readonly exits: string;
  readonly sockets: string;
  readonly crunWrapper: string;

  constructor(readonly root: string) {
    this.containers = join(root, 'containers');
    this.exits = join(root, 'exits');
    this.sockets = join(root, 'sockets');
    this.crunWrapper = join(root, 'crun-wrapper');
  }

  runtimeRoot(runtime: string): string {
    return join(this.root, runtime);
  }

  container(id: string): ContainerPaths {
    const dir = join(this.containers, checkId(id));
    return {
      dir,
      record: join(dir, 'container.json'),
      pidFile: join(dir, 'pid'),
      conmonPidFile: join(dir, 'conmon.pid'),
      exitFile: join(this.exits, id),
      oomFile: join(dir, 'oom'),
      socketLink: join(this.sockets, id),
    };
  }

  exec(id: string, execId: string): ExecPaths {
    const dir = join(this.container(id).dir, 'exec', checkId(execId, 'exec id'));
    return {
      dir,
      processFile: join(dir, 'process.json'),
      pidFile: join(dir, 'pid'),
      conmonPidFile: join(dir, 'conmon.pid'),
      exitDir: join(dir, 'exit'),
      logPath: join(dir, 'log'),
      ctl: join(dir, 'ctl'),
      attachSocket: join(dir, 'attach'),
      socketLink: join(this.sockets, execId),
    };
  }
}

export interface ContainerPaths {
  dir: string;
  record: string;
  pidFile: string;
  conmonPidFile: string;
  exitFile: string;
  oomFile: string;
  socketLink: string;
}

export interface ExecPaths {
  dir: string;
  processFile: string;
  pidFile: string;
  conmonPidFile: string;
  exitDir: string;
  logPath: string;
  ctl: string;
  attachSocket: string;
  socketLink: string;
}

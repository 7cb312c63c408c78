// Exec sessions through conmon (-e --exec-attach), as Podman runs them: a
// second conmon per session runs `runtime exec --detach`, keeps the
// process's stdio behind its own attach socket and reports the exit code.
// The handshake: a byte on the start pipe lets conmon set up; it answers
// on the attach pipe when its attach socket listens; we connect, and a
// second byte lets it run the process; the sync pipe then carries the pid
// and, at the end, the exit code.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { FailedPrecondition, Internal } from '../../common/index.js';
import { attachSocket, resizeTerminal, type Attachment } from './attach.js';
import { expectMessage, spawnConmon } from './conmon.js';
import type { OciRuntime } from './oci-runtime.js';
import type { ExecPaths } from './paths.js';

export interface ExecOptions {
  /** Allocate a TTY (the process's `terminal` must be true too). */
  tty?: boolean;
  /** Keep stdin open: writes to attachment.stdin reach the process. */
  stdin?: boolean;
}

export interface ExecSession {
  pid: number;
  attachment: Attachment;
  /** Resolves with the exit code; the session's files are removed by then. */
  exitCode: Promise<number>;
  resize(height: number, width: number): Promise<void>;
}

const handshakeTimeoutMs = 60_000;

export async function startExec(
  conmonProgram: string,
  runtime: OciRuntime,
  id: string,
  files: ExecPaths,
  processSpec: unknown,
  options: ExecOptions,
): Promise<ExecSession> {
  await mkdir(files.exitDir, { recursive: true, mode: 0o700 });
  const removeFiles = () => Promise.all([rm(files.dir, { recursive: true, force: true }), rm(files.socketLink, { force: true })]);
  let attachment: Attachment | undefined;
  const conmon = spawnConmon(
    conmonProgram,
    [
      '--api-version', '-c', id, '-u', basename(files.dir), '-n', id,
      '-r', runtime.executable, ...runtime.globalArgs.flatMap((a) => ['--runtime-arg', a]),
      '-b', files.dir, '-p', files.pidFile, '-P', files.conmonPidFile, '--exit-dir', files.exitDir,
      '-l', `k8s-file:${files.logPath}`, '--socket-dir-path', dirname(files.socketLink),
      '-e', '--exec-process-spec', files.processFile, '--exec-attach',
      ...(options.tty ? ['-t'] : []),
      ...(options.stdin ? ['-i'] : []),
    ],
    { start: true, attach: true },
  );
  try {
    await writeFile(files.processFile, JSON.stringify(processSpec));
    conmon.start!.write('0');
    const ready = await expectMessage(conmon, conmon.attach!, 'attach socket', handshakeTimeoutMs);
    if (ready.data < 0) throw new Internal(`conmon exec: ${ready.message ?? 'attach failed'}`);
    attachment = attachSocket(files.attachSocket);
    conmon.start!.write('0');
    const started = await expectMessage(conmon, conmon.sync, 'exec pid', handshakeTimeoutMs);
    if (started.data <= 0) {
      throw new FailedPrecondition(`OCI runtime exec failed: ${started.message?.trim() ?? 'unknown error'}`);
    }
    const exitCode = conmon.sync.next().then(async (message) => {
      conmon.close();
      await removeFiles();
      if (message === undefined) throw new Internal(`exec in ${id}: conmon exited without an exit code`);
      return message.data;
    });
    return {
      pid: started.data,
      attachment,
      exitCode,
      resize: (height, width) => resizeTerminal(files.ctl, height, width),
    };
  } catch (err) {
    attachment?.close();
    conmon.close();
    await removeFiles();
    throw err;
  }
}

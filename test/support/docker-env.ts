// What the tests that drive the real docker CLI (and cais's) against a test
// daemon share: the environment pointing both CLIs at it, and the busybox
// image they run.
import { runOk } from './exec.js';
import type { TestDaemon } from './daemon.js';
import { busyboxRootfs } from './images.js';

/** DOCKER_HOST and CAIS_HOST at the daemon, the docker CLI's config in its exec root (no user config read). */
export function dockerEnv(daemon: TestDaemon, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, DOCKER_HOST: daemon.host, CAIS_HOST: daemon.host, DOCKER_CONFIG: daemon.execRoot, ...extra };
}

/** Imports Debian's busybox as bb:latest (CMD ["/bin/sh"]) through the docker CLI. */
export async function importBusybox(env: NodeJS.ProcessEnv): Promise<void> {
  await runOk('docker', ['import', '--change', 'CMD ["/bin/sh"]', '-', 'bb:latest'], { env, input: await busyboxRootfs() });
}

// Drives the cais CLI (the compiled entry bin/cais imports) and the real
// docker CLI side by side against the same daemon, for tests that hold
// cais's output to docker's.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { type RunResult, run } from './exec.js';

/** The compiled CLI entry of the build these tests sit in (dist/ or dist-NAME/). */
export const cliEntry = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

export interface Clis {
  cais(args: string[], input?: Buffer | string): Promise<RunResult>;
  docker(args: string[], input?: Buffer | string): Promise<RunResult>;
  /** Runs both; ages ("2 seconds ago") may tick between the two runs, so a mismatch is retried. */
  bothSay(args: string[]): Promise<RunResult>;
}

/** The two CLIs with the given environment (DOCKER_HOST pointing at the test daemon); read lazily, so it may be set in before(). */
export function clis(env: () => NodeJS.ProcessEnv): Clis {
  const cais = (args: string[], input?: Buffer | string) => run(process.execPath, [cliEntry, ...args], { env: env(), input });
  const docker = (args: string[], input?: Buffer | string) => run('docker', args, { env: env(), input });
  async function bothSay(args: string[]): Promise<RunResult> {
    let last: [RunResult, RunResult] | undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      const theirs = await docker(args);
      const ours = await cais(args);
      last = [ours, { ...theirs, stderr: theirs.stderr.replaceAll('docker', 'cais') }];
      if (JSON.stringify(last[0]) === JSON.stringify(last[1])) return ours;
    }
    // On a slow machine every attempt may straddle a second: ages a second apart are the same age.
    const [ours, theirs] = (last as [RunResult, RunResult]).map((r) => ({ ...r, stdout: r.stdout.replace(/\b\d+ seconds ago\b/g, 'N seconds ago') }));
    assert.deepEqual(ours, theirs, `cais ${args.join(' ')} differs from docker`);
    return last![0];
  }
  return { cais, docker, bothSay };
}

// Where a stage stands between two instructions: the cache key of its
// result so far, the image config (history included) and layers of that
// result, and what the Dockerfile set that is not in the config (the ARGs
// in scope, whether CMD was set in this stage).
import type { Digest } from '../common/index.js';
import type { StoredLayer } from '../images/index.js';
import type { ContainerConfig, ImageConfig } from '../spec/index.js';

const defaultShell = ['/bin/sh', '-c'];
/** BuildKit's system.DefaultPathEnv for Linux. */
export const defaultPath = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function envKey(entry: string): string {
  const eq = entry.indexOf('=');
  return eq < 0 ? entry : entry.slice(0, eq);
}

/** Env with k=v set (replacing an entry of the same name in place), as BuildKit's addEnv. */
export function withEnv(env: readonly string[], key: string, value: string): string[] {
  const out = [...env];
  const at = out.findIndex((e) => envKey(e) === key);
  if (at >= 0) out[at] = `${key}=${value}`;
  else out.push(`${key}=${value}`);
  return out;
}

export class StageState {
  constructor(
    /** The cache key of the current result (hex). */
    public key: string,
    public config: ImageConfig,
    public layers: StoredLayer[],
    /** The image the stage started from ('' for scratch), for the RUN containers' records. */
    readonly baseImage: Digest | '',
    /** ARGs in scope, in declaration order; undefined when declared without a value. */
    readonly args: Map<string, string | undefined> = new Map(),
    public cmdSet = false,
  ) {}

  /** The state a stage built `FROM` this one starts with: ONBUILD triggers and the CMD mark do not carry over. */
  child(): StageState {
    const { OnBuild: _onBuild, ...runtime } = this.runtime();
    return new StageState(this.key, { ...this.config, config: runtime }, [...this.layers], this.baseImage, new Map(this.args));
  }

  runtime(): ContainerConfig {
    return this.config.config ?? {};
  }

  chain(): Digest[] {
    return this.layers.map((l) => l.chainId);
  }

  shell(): string[] {
    const shell = this.runtime().Shell;
    return shell && shell.length > 0 ? [...shell] : [...defaultShell];
  }

  workdir(): string {
    return this.runtime().WorkingDir || '/';
  }

  /** What variables expand to: the ARGs with values, then ENV (which wins, as Docker documents). */
  env(): Map<string, string> {
    const env = new Map<string, string>();
    for (const [k, v] of this.args) if (v !== undefined) env.set(k, v);
    for (const entry of this.runtime().Env ?? []) {
      const eq = entry.indexOf('=');
      env.set(eq < 0 ? entry : entry.slice(0, eq), eq < 0 ? '' : entry.slice(eq + 1));
    }
    return env;
  }

  /** The ARGs as RUN's history line lists them: each with its value as the command sees it. */
  argPairs(): [string, string][] {
    const env = this.env();
    return [...this.args.keys()].map((k) => [k, env.get(k) ?? '']);
  }

  /** A RUN process's environment: the image's, then the ARGs with values it does not override. */
  runEnv(extra: ReadonlyMap<string, string>): string[] {
    let env = [...(this.runtime().Env ?? [])];
    const set = new Set(env.map(envKey));
    for (const [k, v] of [...this.args, ...extra]) {
      if (v === undefined || set.has(k)) continue;
      env = withEnv(env, k, v);
      set.add(k);
    }
    return env;
  }
}

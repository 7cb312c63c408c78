// Registry credentials where the docker CLI keeps them, so that both CLIs
// share one login: `auths` of $DOCKER_CONFIG/config.json (default
// ~/.docker), or the credential helper it names (`credHelpers` for one
// registry, `credsStore` for all), spoken to as docker-credential-helpers
// does: `docker-credential-<name> get|store|erase`, JSON on stdin/stdout.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { AuthConfig } from '../spec/docker/index.js';
import { serverHost } from '../spec/reference/index.js';
import { StatusError } from './errors.js';

/** Docker Hub's key in config.json (the v1 index address, for history's sake). */
export const dockerHubServer = 'https://index.docker.io/v1/';

const maxConfigBytes = 1 << 20;
/** docker-credential-helpers' answer when it holds nothing for a server. */
const notFoundMessage = 'credentials not found in native keychain';

interface AuthEntry {
  auth?: string;
  identitytoken?: string;
  [key: string]: unknown;
}

interface ConfigFile {
  auths?: Record<string, AuthEntry>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
  [key: string]: unknown;
}

/** The key config.json files a registry under: Docker Hub's v1 address, else host[:port]. */
export function serverKey(domain: string): string {
  return domain === 'docker.io' ? dockerHubServer : domain;
}

export class CredentialStore {
  readonly path: string;

  constructor(private readonly env: NodeJS.ProcessEnv) {
    const dir = env.DOCKER_CONFIG !== undefined && env.DOCKER_CONFIG !== '' ? env.DOCKER_CONFIG : join(homedir(), '.docker');
    this.path = join(dir, 'config.json');
  }

  private read(): ConfigFile {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new StatusError(`loading config file: ${(err as Error).message}`);
    }
    if (text.length > maxConfigBytes) throw new StatusError(`loading config file: ${this.path} is larger than 1 MiB`);
    if (text.trim() === '') return {};
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
      return parsed as ConfigFile;
    } catch (err) {
      throw new StatusError(`loading config file: ${this.path}: ${(err as Error).message}`);
    }
  }

  /** Atomically, mode 0600: a crash never leaves half a file of secrets. */
  private write(config: ConfigFile): void {
    mkdirSync(join(this.path, '..'), { recursive: true, mode: 0o700 });
    const temp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(config, null, '\t') + '\n', { mode: 0o600 });
    renameSync(temp, this.path);
  }

  private helper(config: ConfigFile, key: string): string | undefined {
    return config.credHelpers?.[serverHost(key)] ?? config.credHelpers?.[key] ?? config.credsStore;
  }

  /** The credentials for a registry, or undefined when there are none. */
  get(domain: string): AuthConfig | undefined {
    const key = serverKey(domain);
    const config = this.read();
    const helper = this.helper(config, key);
    if (helper !== undefined && helper !== '') return helperGet(helper, key, this.env);
    const entries = Object.entries(config.auths ?? {});
    const entry = (config.auths ?? {})[key] ?? entries.find(([k]) => serverHost(k) === serverHost(key))?.[1];
    if (entry === undefined) return undefined;
    const out: AuthConfig = { serveraddress: key };
    if (typeof entry.auth === 'string' && entry.auth !== '') {
      const plain = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = plain.indexOf(':');
      if (colon < 0) throw new StatusError(`invalid auth configuration file: ${this.path}`);
      out.username = plain.slice(0, colon);
      out.password = plain.slice(colon + 1);
    }
    if (typeof entry.identitytoken === 'string' && entry.identitytoken !== '') out.identitytoken = entry.identitytoken;
    return out.username !== undefined || out.identitytoken !== undefined ? out : undefined;
  }

  /** Keeps credentials (an identity token instead of the password when the registry gave one). */
  store(domain: string, auth: { username: string; password: string; identityToken?: string }): void {
    const key = serverKey(domain);
    const config = this.read();
    const helper = this.helper(config, key);
    if (helper !== undefined && helper !== '') {
      const username = auth.identityToken !== undefined ? '<token>' : auth.username;
      helperRun(this.env, helper, 'store', JSON.stringify({ ServerURL: key, Username: username, Secret: auth.identityToken ?? auth.password }));
      // docker keeps an empty entry, so the registry is listed as logged in
      config.auths = { ...config.auths, [key]: {} };
    } else {
      const entry: AuthEntry =
        auth.identityToken !== undefined
          ? { auth: Buffer.from(`${auth.username}:`).toString('base64'), identitytoken: auth.identityToken }
          : { auth: Buffer.from(`${auth.username}:${auth.password}`).toString('base64') };
      config.auths = { ...config.auths, [key]: entry };
    }
    this.write(config);
  }

  /** Forgets a registry's credentials; false when there were none. */
  erase(domain: string): boolean {
    const key = serverKey(domain);
    const config = this.read();
    const helper = this.helper(config, key);
    let had = false;
    if (helper !== undefined && helper !== '') had = helperRun(this.env, helper, 'erase', key, true) !== undefined;
    const auths = { ...config.auths };
    for (const k of Object.keys(auths)) {
      if (k === key || serverHost(k) === serverHost(key)) {
        delete auths[k];
        had = true;
      }
    }
    if (had) this.write({ ...config, auths });
    return had;
  }

  /** Whether credentials would be kept in config.json itself (docker warns about that). */
  storesPlainText(domain: string): boolean {
    const helper = this.helper(this.read(), serverKey(domain));
    return helper === undefined || helper === '';
  }
}

/** A helper's answer; undefined when it has nothing for the server (if `missingOk`). */
function helperRun(env: NodeJS.ProcessEnv, helper: string, action: 'get' | 'store' | 'erase', input: string, missingOk = false): string | undefined {
  const program = `docker-credential-${helper}`;
  const result = spawnSync(program, [action], { env, input, encoding: 'utf8', maxBuffer: maxConfigBytes, timeout: 60_000 });
  if (result.error) throw new StatusError(`error getting credentials - err: ${result.error.message}`);
  if (result.status !== 0) {
    const message = (result.stdout || result.stderr).trim();
    if (missingOk && message.includes(notFoundMessage)) return undefined;
    throw new StatusError(`error ${action === 'get' ? 'getting' : action === 'store' ? 'storing' : 'erasing'} credentials - err: exit status ${result.status}, out: \`${message}\``);
  }
  return result.stdout;
}

function helperGet(helper: string, key: string, env: NodeJS.ProcessEnv): AuthConfig | undefined {
  const out = helperRun(env, helper, 'get', key, true);
  if (out === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(out);
  } catch {
    throw new StatusError(`error getting credentials - err: docker-credential-${helper} answered no JSON`);
  }
  const { Username, Secret } = (parsed ?? {}) as { Username?: unknown; Secret?: unknown };
  if (typeof Username !== 'string' || typeof Secret !== 'string') return undefined;
  return Username === '<token>' ? { serveraddress: key, identitytoken: Secret } : { serveraddress: key, username: Username, password: Secret };
}

/** The X-Registry-Auth value for credentials: base64url JSON with padding (Go's URLEncoding, which dockerd decodes). */
export function encodeAuth(auth: AuthConfig | undefined): string | undefined {
  if (auth === undefined) return undefined;
  return Buffer.from(JSON.stringify(auth)).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

/** The X-Registry-Auth value for a reference's registry, from the stored credentials. */
export function registryAuthFor(env: NodeJS.ProcessEnv, domain: string): string | undefined {
  return encodeAuth(new CredentialStore(env).get(domain));
}

// One registry (a reference's domain) with one set of credentials: login,
// and its repositories. docker.io is reached at registry-1.docker.io, as
// dockerd does; any other domain as its host[:port].
import { InvalidArgument } from '../../common/index.js';
import type { RegistryAuth } from './auth.js';
import { defaultCertsDir } from './certs.js';
import { RegistryEndpoint } from './endpoint.js';
import { errorClassOf } from './errors.js';
import { RemoteRepository, type Repository } from './repository.js';

export interface RegistryClientOptions {
  /** host[:port] names or CIDRs the daemon was told are insecure (--insecure-registry); localhost, 127.0.0.0/8 and ::1 always are. */
  insecureRegistries?: readonly string[];
  userAgent?: string;
  /** Docker's per-registry certificates: <certsDir>/<host:port>/{*.crt,*.cert,*.key}; /etc/docker/certs.d by default. */
  certsDir?: string;
  /** Blobs up to this size are uploaded in one PUT (64 MiB by default)... */
  monolithicUploadMaxBytes?: number;
  /** ...larger ones in PATCHes of this size (16 MiB by default, or the registry's OCI-Chunk-Min-Length if larger). */
  uploadChunkBytes?: number;
  /** Tags asked for per page (1000 by default). */
  tagPageSize?: number;
  /** 30 s by default, as Go's dialer. */
  connectTimeoutMs?: number;
  /** A socket without data for this long fails its request or body (30 s by default). */
  idleTimeoutMs?: number;
}

const dockerHubDomains = new Set(['docker.io', 'index.docker.io']);
const dockerHubHost = 'registry-1.docker.io';
// host[:port], the host a DNS name or an IP (IPv6 in brackets): it names a certs.d directory too
const domainPattern = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

const defaults = {
  userAgent: 'cais',
  monolithicUploadMaxBytes: 64 << 20,
  uploadChunkBytes: 16 << 20,
  tagPageSize: 1000,
  connectTimeoutMs: 30_000,
  idleTimeoutMs: 30_000,
};

function positive(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw new InvalidArgument(`${name} must be a positive integer, not ${value}`);
  return value;
}

export class RegistryClient {
  /** Where the registry is reached: registry-1.docker.io for docker.io. */
  readonly host: string;
  private readonly endpoint: RegistryEndpoint;
  private readonly settings: { monolithicMaxBytes: number; chunkBytes: number; tagPageSize: number };

  constructor(
    readonly domain: string,
    auth: RegistryAuth | undefined,
    opts: RegistryClientOptions = {},
  ) {
    if (!domainPattern.test(domain)) throw new InvalidArgument(`invalid registry domain: ${JSON.stringify(domain)}`);
    this.host = dockerHubDomains.has(domain) ? dockerHubHost : domain;
    this.endpoint = new RegistryEndpoint(
      {
        domain,
        host: this.host,
        official: dockerHubDomains.has(domain),
        insecureRegistries: opts.insecureRegistries ?? [],
        certsDir: opts.certsDir ?? defaultCertsDir,
        userAgent: opts.userAgent ?? defaults.userAgent,
        connectTimeoutMs: positive('connectTimeoutMs', opts.connectTimeoutMs ?? defaults.connectTimeoutMs),
        idleTimeoutMs: positive('idleTimeoutMs', opts.idleTimeoutMs ?? defaults.idleTimeoutMs),
      },
      auth,
    );
    this.settings = {
      monolithicMaxBytes: positive('monolithicUploadMaxBytes', opts.monolithicUploadMaxBytes ?? defaults.monolithicUploadMaxBytes),
      chunkBytes: positive('uploadChunkBytes', opts.uploadChunkBytes ?? defaults.uploadChunkBytes),
      tagPageSize: positive('tagPageSize', opts.tagPageSize ?? defaults.tagPageSize),
    };
  }

  /**
   * GET /v2/ with the credentials, as dockerd's login check (POST /auth):
   * an identity token when the token server gave a refresh token.
   * Unauthorized as dockerd words it (`login attempt to ... failed with
   * status: 401 Unauthorized`), or the token server's refusal
   * (`unauthorized: incorrect username or password`).
   */
  async login(): Promise<{ identityToken?: string }> {
    const url = new URL('/v2/', await this.endpoint.origin());
    const { res } = await this.endpoint.request({ method: 'GET', target: url, scopes: [], offline: true });
    res.resume();
    const status = res.statusCode ?? 0;
    if (status === 200) {
      const identityToken = await this.endpoint.refreshToken();
      return identityToken !== undefined ? { identityToken } : {};
    }
    const Class = errorClassOf(status);
    throw new Class(`login attempt to ${url.href} failed with status: ${status} ${res.statusMessage ?? ''}`.trimEnd());
  }

  /** A repository ('library/busybox'); push asks for the 'pull,push' scope. */
  repository(path: string, access: 'pull' | 'push'): Repository {
    return new RemoteRepository(this.endpoint, path, access, this.settings);
  }
}

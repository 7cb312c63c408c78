// One registry reached over HTTP: where it answers and how it wants
// credentials. The first request pings /v2/ as dockerd does: over HTTPS, or
// for an insecure registry over HTTPS without certificate checks and, when
// that fails to connect (refused, TLS error, timeout), over plain HTTP; the
// ping's 401 tells the authenticator the challenge, so requests with bodies
// go out with credentials the first time. Each request then carries the
// Authorization for its scopes, and a 401 is answered once: its challenge
// is learnt, the token for those scopes forgotten, and the request sent
// again if that gives other credentials than it carried.
import type { OutgoingHttpHeaders } from 'node:http';
import { Authenticator, type RegistryAuth } from './auth.js';
import { readRegistryCertificates } from './certs.js';
import { parseChallenges } from './challenge.js';
import { ConnectionError, HttpTransport, type HttpResponse, type RequestBody, type TlsSettings } from './http.js';
import { isInsecureRegistry } from './insecure.js';

export interface EndpointOptions {
  /** The reference's domain, as --insecure-registry and certs.d name it. */
  domain: string;
  /** Where it is reached (host[:port]): registry-1.docker.io for docker.io. */
  host: string;
  /** Docker Hub: secure whatever the insecure list says, as dockerd's index config has it. */
  official: boolean;
  insecureRegistries: readonly string[];
  certsDir: string;
  userAgent: string;
  connectTimeoutMs: number;
  idleTimeoutMs: number;
}

export interface RegistryRequest {
  method: string;
  /** A path below the registry's origin (with a query), or an absolute URL (an upload's Location, a Link). */
  target: string | URL;
  /** The token scopes the request needs: `repository:library/busybox:pull`. */
  scopes: readonly string[];
  headers?: OutgoingHttpHeaders;
  body?: RequestBody;
  /** Ask the token server for a refresh token too (login). */
  offline?: boolean;
}

interface Connected {
  origin: URL;
  http: HttpTransport;
  auth: Authenticator;
}

export class RegistryEndpoint {
  private connected: Promise<Connected> | undefined;

  constructor(
    private readonly opts: EndpointOptions,
    private readonly credentials: RegistryAuth | undefined,
  ) {}

  /** The registry's origin (https://host or, for an insecure one, possibly http://host), after the ping. */
  async origin(): Promise<URL> {
    return (await this.connect()).origin;
  }

  /** The refresh token a token server gave during this endpoint's requests. */
  async refreshToken(): Promise<string | undefined> {
    return (await this.connect()).auth.refreshToken;
  }

  private connect(): Promise<Connected> {
    if (this.connected === undefined) {
      this.connected = this.ping();
      // a failed ping (the registry down) is tried again by the next request
      this.connected.catch(() => (this.connected = undefined));
    }
    return this.connected;
  }

  private async ping(): Promise<Connected> {
    const { domain, host } = this.opts;
    const [insecure, certs] = await Promise.all([
      this.opts.official ? false : isInsecureRegistry(domain, this.opts.insecureRegistries),
      readRegistryCertificates(this.opts.certsDir, domain),
    ]);
    const registryHost = new URL(`https://${host}`).host;
    const registryTls: TlsSettings = { rejectUnauthorized: !insecure, ...certs };
    const http = new HttpTransport({
      userAgent: this.opts.userAgent,
      connectTimeoutMs: this.opts.connectTimeoutMs,
      idleTimeoutMs: this.opts.idleTimeoutMs,
      // token servers and object stores are verified as any host
      tlsFor: (url) => (url.host === registryHost ? registryTls : { rejectUnauthorized: true }),
    });
    const auth = new Authenticator(this.credentials, http);
    const answersAt = async (origin: URL): Promise<Connected> => {
      const { res } = await http.send({ method: 'GET', url: new URL('/v2/', origin) });
      res.resume();
      if (res.statusCode === 401) auth.learn(parseChallenges(res.headers['www-authenticate']));
      return { origin, http, auth };
    };
    try {
      return await answersAt(new URL(`https://${host}`));
    } catch (err) {
      if (!insecure || !(err instanceof ConnectionError)) throw err;
      return answersAt(new URL(`http://${host}`));
    }
  }

  /** A request with credentials; the caller reads (or resumes) the response's body. */
  async request(r: RegistryRequest): Promise<HttpResponse> {
    const { origin, http, auth } = await this.connect();
    const url = typeof r.target === 'string' ? new URL(r.target, origin) : r.target;
    const onRegistry = url.host === origin.host;
    const authOptions = { offline: r.offline ?? false };
    let sent = onRegistry ? await auth.authorization(r.scopes, authOptions) : undefined;
    for (let attempt = 0; ; attempt++) {
      const headers: OutgoingHttpHeaders = { ...r.headers };
      if (sent !== undefined) headers.authorization = sent;
      const answer = await http.send({ method: r.method, url, headers, ...(r.body !== undefined ? { body: r.body } : {}) });
      if (answer.res.statusCode !== 401 || !onRegistry || attempt > 0) return answer;
      auth.learn(parseChallenges(answer.res.headers['www-authenticate']));
      auth.forget(r.scopes);
      const next = await auth.authorization(r.scopes, authOptions);
      if (next === undefined || next === sent) return answer;
      answer.res.resume();
      sent = next;
    }
  }
}

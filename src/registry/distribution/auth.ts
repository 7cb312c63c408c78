// Credentials for one registry, as the distribution client's auth handlers
// use them: the registry's 401 challenge says how. `Basic` gets the username
// and password; `Bearer` gets a token from the challenge's realm for the
// scopes a request needs (docker's token spec: GET with service, scope and
// account, basic-authenticated when there is a password; POST of a
// refresh_token grant when the credentials are an identity token), cached
// until it expires. A registry token is sent as the bearer as it is.
import { Unauthorized } from '../../common/index.js';
import type { AuthConfig } from '../../spec/index.js';
import type { Challenge } from './challenge.js';
import { registryError } from './errors.js';
import { readBody, send, type HttpRequest } from './http.js';

const maxTokenBody = 1 << 20;
/** The token spec's default lifetime. */
const defaultExpirySeconds = 60;

interface CachedToken {
  value: string;
  expiresAt: number;
}

function scopeKey(scopes: readonly string[]): string {
  return [...scopes].sort().join(' ');
}

export interface TokenAnswer {
  token: string;
  refreshToken?: string;
}

export class Credentials {
  private challenge: Challenge | undefined;
  private readonly tokens = new Map<string, CachedToken>();

  constructor(
    private readonly auth: AuthConfig | undefined,
    private readonly tls: Pick<HttpRequest, 'insecureTls' | 'tls'>,
  ) {}

  private userPassword(): { username: string; password: string } | undefined {
    const { username, password, auth } = this.auth ?? {};
    if (username !== undefined && username !== '' && password !== undefined) return { username, password };
    if (auth !== undefined && auth !== '') {
      const plain = Buffer.from(auth, 'base64').toString('utf8');
      const colon = plain.indexOf(':');
      if (colon > 0) return { username: plain.slice(0, colon), password: plain.slice(colon + 1) };
    }
    return undefined;
  }

  /** Takes a 401's challenge; a token it refused is not offered again. */
  learn(challenges: Challenge[], scopes: readonly string[]): void {
    const usable = challenges.find((c) => c.scheme === 'bearer') ?? challenges.find((c) => c.scheme === 'basic');
    if (usable !== undefined) this.challenge = usable;
    this.tokens.delete(scopeKey(scopes));
  }

  /** The Authorization header for a request needing `scopes`; undefined before any challenge. */
  async header(scopes: readonly string[]): Promise<string | undefined> {
    const registryToken = this.auth?.registrytoken;
    if (registryToken !== undefined && registryToken !== '') return `Bearer ${registryToken}`;
    const challenge = this.challenge;
    if (challenge === undefined) return undefined;
    if (challenge.scheme === 'basic') {
      const creds = this.userPassword();
      return creds === undefined ? undefined : `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
    }
    const cached = this.tokens.get(scopeKey(scopes));
    if (cached !== undefined && cached.expiresAt > Date.now()) return `Bearer ${cached.value}`;
    const answer = await this.fetchToken(challenge, scopes);
    return `Bearer ${answer.token}`;
  }

  /** A token from the challenge's realm (login asks with no scope, for a refresh token). */
  async fetchToken(challenge: Challenge, scopes: readonly string[], offline = false): Promise<TokenAnswer> {
    const realm = challenge.params.realm;
    if (realm === undefined || !/^https?:\/\//.test(realm)) throw new Unauthorized(`the registry's token realm ${JSON.stringify(realm ?? '')} is not an http(s) URL`);
    const url = new URL(realm);
    const service = challenge.params.service;
    const creds = this.userPassword();
    const identityToken = this.auth?.identitytoken;
    let res;
    if (identityToken !== undefined && identityToken !== '') {
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: identityToken, client_id: 'cais' });
      if (service !== undefined) form.set('service', service);
      if (scopes.length > 0) form.set('scope', scopes.join(' '));
      const body = Buffer.from(form.toString());
      res = await send({ method: 'POST', url, body, headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': body.length }, ...this.tls });
    } else {
      if (service !== undefined) url.searchParams.set('service', service);
      for (const scope of scopes) url.searchParams.append('scope', scope);
      const headers: Record<string, string> = {};
      if (creds !== undefined) {
        url.searchParams.set('account', creds.username);
        headers.authorization = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
        if (offline) {
          url.searchParams.set('offline_token', 'true');
          url.searchParams.set('client_id', 'cais');
        }
      }
      res = await send({ method: 'GET', url, headers, ...this.tls });
    }
    if (res.statusCode !== 200) throw await registryError(res, `token from ${url.origin}`);
    let parsed: { token?: unknown; access_token?: unknown; expires_in?: unknown; refresh_token?: unknown };
    try {
      parsed = JSON.parse((await readBody(res, maxTokenBody)).toString('utf8')) as typeof parsed;
    } catch {
      throw new Unauthorized(`the token server at ${url.origin} answered no JSON`);
    }
    const token = typeof parsed.token === 'string' && parsed.token !== '' ? parsed.token : parsed.access_token;
    if (typeof token !== 'string' || token === '') throw new Unauthorized(`the token server at ${url.origin} answered no token`);
    const seconds = typeof parsed.expires_in === 'number' && parsed.expires_in > 0 ? parsed.expires_in : defaultExpirySeconds;
    // a little early, so that a token does not expire on its way
    this.tokens.set(scopeKey(scopes), { value: token, expiresAt: Date.now() + (seconds - 5) * 1000 });
    return { token, ...(typeof parsed.refresh_token === 'string' ? { refreshToken: parsed.refresh_token } : {}) };
  }

  /** The challenge the registry last sent. */
  current(): Challenge | undefined {
    return this.challenge;
  }
}

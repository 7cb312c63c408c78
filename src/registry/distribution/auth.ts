// Credentials for one registry, as the registry's challenge asks for them
// (docker's token spec, docs.docker.com/registry/spec/auth/token and /oauth):
// - Basic: the username and password on every request;
// - Bearer: a token from the challenge's realm for the scopes a request
//   needs: GET ?service=&scope=...&account= with the username and password
//   as Basic (anonymous without them), or, for an identity token (the
//   refresh token a login gave), POST of a refresh_token grant; the answer's
//   `token` or `access_token`, cached per set of scopes until `expires_in`
//   (60 s when absent or shorter, as distribution's client); a registry
//   token is sent as the bearer as it is.
import { z } from 'zod';
import { Unauthorized } from '../../common/index.js';
import type { AuthConfig } from '../../spec/docker/index.js';
import type { Challenge } from './challenge.js';
import { responseError } from './errors.js';
import { readBody, type HttpTransport } from './http.js';

/** Docker's AuthConfig, as X-Registry-Auth carries it. */
export type RegistryAuth = AuthConfig;

const maxTokenBodyBytes = 1 << 20;
const minimumTokenSeconds = 60;
/** The client_id docker sends is 'docker'; token servers only log it. */
const clientId = 'cais';

const tokenAnswerSchema = z.object({
  token: z.string().optional(),
  access_token: z.string().optional(),
  expires_in: z.number().optional(),
  refresh_token: z.string().optional(),
});

interface CachedToken {
  value: string;
  expiresAt: number;
}

function scopeKey(scopes: readonly string[]): string {
  return [...new Set(scopes)].sort().join(' ');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value !== '' ? value : undefined;
}

export class Authenticator {
  private challenge: Challenge | undefined;
  private readonly tokens = new Map<string, CachedToken>();
  // one token request per set of scopes at a time: requests side by side share it
  private readonly pending = new Map<string, Promise<string>>();
  /** The latest refresh token a token server gave (login answers it as the identity token). */
  refreshToken: string | undefined;

  constructor(
    private readonly auth: RegistryAuth | undefined,
    private readonly http: HttpTransport,
  ) {}

  private basicCredentials(): { username: string; password: string } | undefined {
    const username = nonEmpty(this.auth?.username);
    const password = this.auth?.password;
    if (username !== undefined && password !== undefined) return { username, password };
    const encoded = nonEmpty(this.auth?.auth);
    if (encoded === undefined) return undefined;
    const plain = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = plain.indexOf(':');
    return colon > 0 ? { username: plain.slice(0, colon), password: plain.slice(colon + 1) } : undefined;
  }

  private basicHeader(): string | undefined {
    const creds = this.basicCredentials();
    return creds !== undefined ? `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}` : undefined;
  }

  /** Takes the challenges of a ping or a 401 (Bearer preferred, as registries offering both expect). */
  learn(challenges: readonly Challenge[]): void {
    this.challenge = challenges.find((c) => c.scheme === 'bearer') ?? challenges.find((c) => c.scheme === 'basic') ?? this.challenge;
  }

  /** Forgets the token for `scopes` (the registry refused it). */
  forget(scopes: readonly string[]): void {
    this.tokens.delete(scopeKey(scopes));
  }

  /**
   * The Authorization header for a request needing `scopes`; undefined
   * before any challenge, or for Basic without credentials. `offline` asks
   * the token server for a refresh token too (login).
   */
  async authorization(scopes: readonly string[], { offline = false } = {}): Promise<string | undefined> {
    const challenge = this.challenge;
    if (challenge === undefined) return undefined;
    if (challenge.scheme === 'basic') return this.basicHeader();
    if (challenge.scheme !== 'bearer') return undefined;
    const registryToken = nonEmpty(this.auth?.registrytoken);
    if (registryToken !== undefined) return `Bearer ${registryToken}`;
    const key = scopeKey(scopes);
    const cached = this.tokens.get(key);
    if (cached !== undefined && cached.expiresAt > Date.now()) return `Bearer ${cached.value}`;
    let request = this.pending.get(key);
    if (request === undefined) {
      request = this.fetchToken(challenge, [...new Set(scopes)], offline).finally(() => this.pending.delete(key));
      this.pending.set(key, request);
    }
    return `Bearer ${await request}`;
  }

  private async fetchToken(challenge: Challenge, scopes: string[], offline: boolean): Promise<string> {
    const realm = challenge.params.realm;
    let url: URL;
    try {
      url = new URL(realm ?? '');
    } catch {
      throw new Unauthorized(`the registry's token realm ${JSON.stringify(realm ?? '')} is not a URL`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Unauthorized(`the registry's token realm ${url.href} is not an http(s) URL`);
    const service = challenge.params.service;
    const identityToken = nonEmpty(this.auth?.identitytoken);
    const started = Date.now();
    let answer;
    if (identityToken !== undefined) {
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: identityToken, client_id: clientId });
      if (service !== undefined) form.set('service', service);
      if (scopes.length > 0) form.set('scope', scopes.join(' '));
      const body = Buffer.from(form.toString());
      answer = await this.http.send({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': body.length },
        body,
      });
    } else {
      if (service !== undefined) url.searchParams.set('service', service);
      for (const scope of scopes) url.searchParams.append('scope', scope);
      const creds = this.basicCredentials();
      const headers: Record<string, string> = {};
      if (creds !== undefined) {
        url.searchParams.set('account', creds.username);
        headers.authorization = this.basicHeader()!;
        if (offline) {
          url.searchParams.set('offline_token', 'true');
          url.searchParams.set('client_id', clientId);
        }
      }
      answer = await this.http.send({ method: 'GET', url, headers });
    }
    const what = `token from ${url.origin}${url.pathname}`;
    if (answer.res.statusCode !== 200) throw await responseError(answer.res, what);
    const bytes = await readBody(answer.res, maxTokenBodyBytes, what);
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new Unauthorized(`${what}: the token server answered no JSON`);
    }
    const parsed = tokenAnswerSchema.safeParse(json);
    const token = parsed.success ? nonEmpty(parsed.data.token) ?? nonEmpty(parsed.data.access_token) : undefined;
    if (!parsed.success || token === undefined) throw new Unauthorized(`${what}: the token server answered no token`);
    const seconds = Math.max(parsed.data.expires_in ?? 0, minimumTokenSeconds);
    // from when it was asked for, so that it is not used past its expiry
    this.tokens.set(scopeKey(scopes), { value: token, expiresAt: started + seconds * 1000 });
    if (parsed.data.refresh_token !== undefined && parsed.data.refresh_token !== '') this.refreshToken = parsed.data.refresh_token;
    return token;
  }
}

// Bearer tokens the registry issues and checks itself (Docker's token
// spec, with the server as both issuer and verifier): JWTs signed with
// HMAC-SHA256 under a random key of this process, so tokens die with it.
// Claims as distribution's token format: iss, sub, aud, exp, nbf, iat, jti
// and `access` (the resources and actions granted).
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { ResourceActions, ResourceType } from './scopes.js';

export const tokenIssuer = 'cais-registry';
const maxTokenLength = 16 * 1024;

export interface IssuedToken {
  token: string;
  expiresIn: number;
  issuedAt: string;
}

export interface TokenClaims {
  account: string;
  access: ResourceActions[];
}

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

function isResourceActions(value: unknown): value is ResourceActions {
  const v = value as Partial<ResourceActions> | null;
  return (
    typeof v === 'object' && v !== null &&
    (v.type === 'repository' || v.type === 'registry') &&
    typeof v.name === 'string' &&
    Array.isArray(v.actions) && v.actions.every((a) => typeof a === 'string')
  );
}

export class TokenSigner {
  private readonly key = randomBytes(32);

  constructor(
    readonly service: string,
    readonly ttlSeconds = 300,
  ) {}

  issue(account: string, access: ResourceActions[], now = Date.now()): IssuedToken {
    const iat = Math.floor(now / 1000);
    const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const claims = { iss: tokenIssuer, sub: account, aud: this.service, exp: iat + this.ttlSeconds, nbf: iat - 1, iat, jti: randomUUID(), access };
    const payload = base64url(JSON.stringify(claims));
    const signature = this.sign(`${header}.${payload}`);
    return { token: `${header}.${payload}.${signature}`, expiresIn: this.ttlSeconds, issuedAt: new Date(iat * 1000).toISOString() };
  }

  /** The claims of a token this process issued, still valid and for this service; undefined otherwise. */
  verify(token: string, now = Date.now()): TokenClaims | undefined {
    if (token.length > maxTokenLength) return undefined;
    const [header, payload, signature, ...rest] = token.split('.');
    if (header === undefined || payload === undefined || signature === undefined || rest.length > 0) return undefined;
    const expected = Buffer.from(this.sign(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    let head: unknown;
    let claims: unknown;
    try {
      head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    if ((head as { alg?: unknown } | null)?.alg !== 'HS256') return undefined;
    const c = claims as { iss?: unknown; sub?: unknown; aud?: unknown; exp?: unknown; nbf?: unknown; access?: unknown } | null;
    const seconds = now / 1000;
    if (c === null || typeof c !== 'object' || c.iss !== tokenIssuer || c.aud !== this.service || typeof c.sub !== 'string') return undefined;
    if (typeof c.exp !== 'number' || typeof c.nbf !== 'number' || seconds >= c.exp || seconds < c.nbf) return undefined;
    if (!Array.isArray(c.access) || !c.access.every(isResourceActions)) return undefined;
    return { account: c.sub, access: c.access };
  }

  private sign(input: string): string {
    return createHmac('sha256', this.key).update(input).digest('base64url');
  }
}

/** Whether the granted resources allow one action. */
export function grants(access: ResourceActions[], type: ResourceType, name: string, action: string): boolean {
  return access.some((a) => a.type === type && a.name === name && (a.actions.includes(action) || a.actions.includes('*')));
}

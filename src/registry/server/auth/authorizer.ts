// Who may do what, in the three modes of `cais registry serve`:
// - open (no --htpasswd): everyone may do everything;
// - basic (--htpasswd): any user of the file may do everything, others get
//   401 with a Basic challenge, as distribution's htpasswd mode;
// - token (--auth token): requests carry a bearer token from GET /token
//   (basic-authenticated against the htpasswd file, or anonymous), which
//   grants what the ACL allows of the scopes asked for. A request without a
//   valid token, or whose token lacks what it needs, gets 401 with a Bearer
//   challenge naming the scope to ask for (error="invalid_token" or
//   "insufficient_scope"), as distribution's token access controller.
import { RegistryError } from '../errors.js';
import type { AccessList } from './access-list.js';
import type { Htpasswd } from './htpasswd.js';
import { formatScope, parseScopes, type Access, type ResourceActions } from './scopes.js';
import { grants, type IssuedToken, type TokenSigner } from './token.js';

export const realmName = 'cais-registry';
const maxScopes = 32;

/** What a request may do once authenticated. */
export interface Grant {
  allows(access: Access): boolean;
}

export interface AuthRequest {
  authorization: string | undefined;
  /** `<scheme>://<host>` of the request, for the token realm. */
  origin: string;
}

export interface Authorizer {
  /** The request's grant; throws a 401 RegistryError (with its challenge) unless it may do all of `required`. */
  authorize(req: AuthRequest, required: Access[]): Promise<Grant>;
}

const everything: Grant = { allows: () => true };

export const openAccess: Authorizer = { authorize: async () => everything };

interface Credentials {
  user: string;
  password: string;
}

/** The user and password of a Basic Authorization header; undefined when there is none, 401 when malformed. */
function basicCredentials(header: string | undefined): Credentials | undefined {
  if (header === undefined || !/^basic /i.test(header)) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function bearerToken(header: string | undefined): string | undefined {
  return header !== undefined && /^bearer /i.test(header) ? header.slice(7).trim() : undefined;
}

function accessDetail(required: Access[]): { Type: string; Name: string; Action: string }[] {
  return required.map((a) => ({ Type: a.type, Name: a.name, Action: a.action }));
}

export class BasicAuthorizer implements Authorizer {
  constructor(private readonly users: Htpasswd) {}

  /** The user of valid Basic credentials, undefined when there are none; 401 when they are wrong. */
  async authenticate(header: string | undefined, challenge: string): Promise<string | undefined> {
    const creds = basicCredentials(header);
    if (creds === undefined) return undefined;
    if (await this.users.verify(creds.user, creds.password)) return creds.user;
    throw new RegistryError('UNAUTHORIZED', 'authentication required: invalid username or password', { headers: { 'WWW-Authenticate': challenge } });
  }

  async authorize(req: AuthRequest, required: Access[]): Promise<Grant> {
    const challenge = `Basic realm="${realmName}"`;
    const user = await this.authenticate(req.authorization, challenge);
    if (user === undefined) {
      throw new RegistryError('UNAUTHORIZED', 'authentication required', { detail: accessDetail(required), headers: { 'WWW-Authenticate': challenge } });
    }
    return everything;
  }
}

export class TokenAuthorizer implements Authorizer {
  constructor(
    private readonly users: BasicAuthorizer,
    private readonly acl: AccessList,
    private readonly signer: TokenSigner,
  ) {}

  async authorize(req: AuthRequest, required: Access[]): Promise<Grant> {
    const token = bearerToken(req.authorization);
    const claims = token === undefined ? undefined : this.signer.verify(token);
    let error: string | undefined;
    if (token !== undefined && claims === undefined) error = 'invalid_token';
    else if (claims !== undefined && !required.every((a) => grants(claims.access, a.type, a.name, a.action))) error = 'insufficient_scope';
    if (claims === undefined || error !== undefined) {
      throw new RegistryError('UNAUTHORIZED', error === 'insufficient_scope' ? 'authentication required: insufficient scope' : 'authentication required', {
        detail: accessDetail(required),
        headers: { 'WWW-Authenticate': this.challenge(req.origin, required, error) },
      });
    }
    const access = claims.access;
    return { allows: (a) => grants(access, a.type, a.name, a.action) };
  }

  /** GET /token: a token granting the scopes asked for, as far as the ACL allows the (possibly anonymous) caller. */
  async issue(authorization: string | undefined, service: string | null, scopes: string[]): Promise<IssuedToken> {
    if (service !== null && service !== this.signer.service) {
      throw new RegistryError('DENIED', `unknown service ${JSON.stringify(service.slice(0, 100))}; this registry is ${this.signer.service}`);
    }
    const account = await this.users.authenticate(authorization, `Basic realm="${realmName}"`);
    const requested = scopes.flatMap(parseScopes);
    if (requested.length > maxScopes) throw new RegistryError('DENIED', `at most ${maxScopes} scopes per token`);
    const granted = requested.map((r) => this.acl.grant(account, r)).filter((g) => g.actions.length > 0);
    return this.signer.issue(account ?? '', granted);
  }

  private challenge(origin: string, required: Access[], error: string | undefined): string {
    const merged = new Map<string, ResourceActions>();
    for (const a of required) {
      const key = `${a.type}:${a.name}`;
      const entry = merged.get(key) ?? { type: a.type, name: a.name, actions: [] };
      entry.actions.push(a.action);
      merged.set(key, entry);
    }
    let challenge = `Bearer realm="${origin}/token",service="${this.signer.service}"`;
    if (merged.size > 0) challenge += `,scope="${[...merged.values()].map(formatScope).join(' ')}"`;
    if (error !== undefined) challenge += `,error="${error}"`;
    return challenge;
  }
}

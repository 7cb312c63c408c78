// A token server for the distribution registry's token auth, as Docker Hub's
// auth.docker.io behaves (docs.docker.com/registry/spec/auth/token, /oauth):
// GET ?service=&scope=...&account= with Basic credentials (or none: anonymous
// pull), POST of a refresh_token grant; it answers RS256 JWTs whose x5c
// header holds a self-signed certificate (made with openssl), which the
// registry trusts through `rootCertBundle`. Each user is granted the actions
// listed for every repository; a wrong password gets Docker Hub's 401
// `{"details":"incorrect username or password"}`. Every request is recorded.
import { execFile } from 'node:child_process';
import { X509Certificate, createSign, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface TokenUser {
  password: string;
  /** What the user may do on any repository: ['pull'], ['pull', 'push']. */
  actions: string[];
}

export interface TokenRequest {
  method: string;
  account?: string;
  scopes: string[];
  offline: boolean;
  grant?: string;
}

export interface TokenServer {
  /** The realm URL (http://127.0.0.1:PORT/token). */
  readonly realm: string;
  readonly service: string;
  readonly issuer: string;
  /** The PEM certificate the tokens are signed under: the registry's rootcertbundle. */
  readonly rootCertBundle: string;
  readonly requests: TokenRequest[];
  stop(): Promise<void>;
}

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

export async function startTokenServer(users: Record<string, TokenUser>, opts: { service?: string; issuer?: string; anonymousActions?: string[] } = {}): Promise<TokenServer> {
  const service = opts.service ?? 'cais-test-registry';
  const issuer = opts.issuer ?? 'cais-test-issuer';
  const dir = await mkdtemp(join(tmpdir(), 'cais-token-server-'));
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  await promisify(execFile)('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=cais-test-token-issuer']);
  const key = await readFile(keyFile);
  const x5c = new X509Certificate(await readFile(certFile)).raw.toString('base64');
  const refreshTokens = new Map<string, string>(); // refresh token → account
  const requests: TokenRequest[] = [];

  const sign = (account: string | undefined, scopes: string[], actions: string[]): string => {
    const access = scopes.flatMap((scope) => {
      const [type, name, asked] = [scope.slice(0, scope.indexOf(':')), scope.slice(scope.indexOf(':') + 1, scope.lastIndexOf(':')), scope.slice(scope.lastIndexOf(':') + 1)];
      const granted = asked.split(',').filter((a) => actions.includes(a));
      return type === 'repository' && granted.length > 0 ? [{ type, name, actions: granted }] : [];
    });
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', x5c: [x5c] }));
    const claims = b64url(JSON.stringify({ iss: issuer, sub: account ?? '', aud: service, exp: now + 300, nbf: now - 10, iat: now, jti: randomBytes(8).toString('hex'), access }));
    const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(key);
    return `${header}.${claims}.${b64url(signature)}`;
  };

  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const reply = (status: number, doc: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(doc));
      };
      if (req.method === 'POST') {
        const form = new URLSearchParams(body);
        const scopes = (form.get('scope') ?? '').split(' ').filter((s) => s !== '');
        requests.push({ method: 'POST', scopes, offline: false, grant: form.get('grant_type') ?? '' });
        const account = refreshTokens.get(form.get('refresh_token') ?? '');
        if (form.get('grant_type') !== 'refresh_token' || account === undefined || form.get('service') !== service) return reply(401, { details: 'invalid refresh token' });
        return reply(200, { access_token: sign(account, scopes, users[account]!.actions), expires_in: 300, scope: scopes.join(' ') });
      }
      const scopes = url.searchParams.getAll('scope');
      const offline = url.searchParams.get('offline_token') === 'true';
      const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const [name, password] = basic !== undefined ? Buffer.from(basic, 'base64').toString().split(/:(.*)/s) : [];
      requests.push({ method: 'GET', ...(name !== undefined ? { account: url.searchParams.get('account') ?? '' } : {}), scopes, offline });
      if (url.searchParams.get('service') !== service) return reply(400, { details: 'unknown service' });
      if (name === undefined) return reply(200, { token: sign(undefined, scopes, opts.anonymousActions ?? []), expires_in: 300 });
      const user = users[name];
      if (user === undefined || user.password !== password) return reply(401, { details: 'incorrect username or password' });
      const answer: Record<string, unknown> = { token: sign(name, scopes, user.actions), expires_in: 300 };
      if (offline) {
        const refresh = randomBytes(16).toString('hex');
        refreshTokens.set(refresh, name);
        answer.refresh_token = refresh;
      }
      reply(200, answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const realm = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`;
  return {
    realm,
    service,
    issuer,
    rootCertBundle: certFile,
    requests,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

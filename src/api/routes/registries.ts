// Registry routes: pull (POST /images/create?fromImage=), push and /auth
// (moby daemon/server/router/image and router/system). Credentials come in
// the X-Registry-Auth header, or as the body of /auth.
import type { IncomingMessage } from 'node:http';
import { NotFound, Unauthorized } from '../../common/index.js';
import { pullReference } from '../../engine/index.js';
import { decodeRegistryAuth, parseAuthConfig } from '../../spec/docker-validate/index.js';
import { parseNormalizedNamed, type AuthConfig } from '../../spec/index.js';
import { readJsonBody } from '../json-body.js';
import { streamJsonMessages } from '../json-stream.js';
import { sendJson } from '../respond.js';
import type { RequestContext, Router } from '../router.js';
import type { ServedEngine } from '../served-engine.js';
import { versionLess } from '../version.js';

function registryAuth(req: IncomingMessage): AuthConfig | undefined {
  const header = req.headers['x-registry-auth'];
  return decodeRegistryAuth(Array.isArray(header) ? header[0] : header);
}

export function registerRegistryRoutes(router: Router, engine: ServedEngine): void {
  router.post('/images/{name:.*}/push', async ({ req, res, params, query }) => {
    const name = params.name ?? '';
    const ref = parseNormalizedNamed(query.get('tag') !== '' ? `${name}:${query.get('tag')}` : name);
    const auth = registryAuth(req);
    // a bare name pushes every tag (the CLI adds :latest unless --all-tags)
    const allTags = ref.tag === undefined;
    await streamJsonMessages(res, (write) => engine.registries.push({ ref, allTags, ...(auth ? { auth } : {}) }, write));
  });

  router.post('/auth', async ({ req, res }) => {
    const auth = parseAuthConfig(await readJsonBody(req));
    try {
      const { identityToken } = await engine.registries.login(auth);
      sendJson(res, 200, { Status: 'Login Succeeded', IdentityToken: identityToken ?? '' });
    } catch (err) {
      // a registry that is not there is not a refusal of the credentials
      if (err instanceof NotFound) throw new Unauthorized(err.message, { cause: err });
      throw err;
    }
  });
}

/** POST /images/create with fromImage: pulls one tag or digest, or (a bare name) every tag. */
export async function pullImage({ req, res, query, version }: RequestContext, engine: ServedEngine): Promise<void> {
  const ref = pullReference(query.get('fromImage'), query.get('tag'));
  const auth = registryAuth(req);
  const platform = versionLess(version, '1.32') ? '' : query.get('platform');
  const allTags = ref.tag === undefined && ref.digest === undefined;
  await streamJsonMessages(res, (write) =>
    engine.registries.pull({ ref, allTags, ...(platform !== '' ? { platform } : {}), ...(auth ? { auth } : {}) }, write),
  );
}

// The container file system routes (moby router/container): archive
// (HEAD stat, GET tar, PUT extract), changes, export, and commit.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { InvalidArgument, errorMessage, log } from '../../common/index.js';
import { containerConfigSchema, type ContainerConfig } from '../../spec/oci/index.js';
import type { ContainerPathStat } from '../../spec/docker/index.js';
import { readJsonBody } from '../json-body.js';
import { sendEmpty, sendJson } from '../respond.js';
import type { Router } from '../router.js';
import type { ServedEngine } from '../served-engine.js';

const statHeader = 'X-Docker-Container-Path-Stat';

function statValue(stat: ContainerPathStat): string {
  return Buffer.from(JSON.stringify(stat)).toString('base64');
}

/** Streams a tar; a failure once it has started cuts the response short, so the client sees it. */
async function sendTar(res: ServerResponse, tar: NodeJS.ReadableStream, headers: Record<string, string>, what: string): Promise<void> {
  res.writeHead(200, { 'Content-Type': 'application/x-tar', ...headers });
  try {
    await pipeline(tar, res);
  } catch (err) {
    log.warn(`${what} stream failed`, { error: errorMessage(err) });
  }
}

/** The body of POST /commit: nothing, `null`, or a container config. */
async function commitConfig(req: IncomingMessage): Promise<ContainerConfig | undefined> {
  let body: unknown = null;
  try {
    body = await readJsonBody(req);
  } catch (err) {
    // moby: "Do not fail if body is empty."
    if (!(err instanceof InvalidArgument && /got EOF/.test(err.message))) throw err;
  }
  if (body === null) return undefined;
  const parsed = containerConfigSchema.safeParse(body);
  if (!parsed.success) throw new InvalidArgument(`invalid config: ${parsed.error.issues[0]?.message ?? 'malformed'}`);
  return parsed.data;
}

export function registerContainerFsRoutes(router: Router, engine: ServedEngine): void {
  const containers = engine.containers;

  router.add('HEAD', '/containers/{id}/archive', async ({ res, params, query }) => {
    const stat = await containers.statPath(params.id ?? '', query.get('path'));
    res.writeHead(200, { [statHeader]: statValue(stat), 'Content-Type': 'application/json' });
    res.end();
  });

  router.get('/containers/{id}/archive', async ({ res, params, query }) => {
    const { stat, tar } = await containers.archive(params.id ?? '', query.get('path'));
    await sendTar(res, tar, { [statHeader]: statValue(stat) }, 'archive');
  });

  router.add(
    'PUT',
    '/containers/{id}/archive',
    async ({ req, res, params, query }) => {
      await containers.extract(params.id ?? '', query.get('path'), req, {
        noOverwriteDirNonDir: query.bool('noOverwriteDirNonDir'),
        copyUIDGID: query.bool('copyUIDGID'),
      });
      sendEmpty(res, 200);
    },
    { streamsBody: true },
  );

  router.get('/containers/{id}/changes', async ({ res, params }) => sendJson(res, 200, await containers.changes(params.id ?? '')));

  router.get('/containers/{id}/export', async ({ res, params }) => {
    await sendTar(res, await containers.export(params.id ?? ''), {}, 'export');
  });

  router.post(
    '/commit',
    async ({ req, res, query }) => {
      const config = await commitConfig(req);
      const id = await containers.commit(query.get('container'), {
        ...(config ? { config } : {}),
        changes: query.all('changes'),
        author: query.get('author'),
        comment: query.get('comment'),
        repo: query.get('repo'),
        tag: query.get('tag'),
      });
      sendJson(res, 201, { Id: id });
    },
    { streamsBody: true },
  );
}

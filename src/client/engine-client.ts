// A typed client of the Engine API, over a unix socket or TCP with mutual
// TLS, on one keep-alive agent. Answers outside 2xx become the error class
// of their status, carrying the daemon's message.
import http, { type IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import type { Duplex, Readable } from 'node:stream';
import { CaisError, Internal, NotFound, Unavailable, errorMessage } from '../common/index.js';
import {
  errorFromStatus,
  type AuthConfig,
  type AuthResponse,
  type BuildPruneResponse,
  type ContextSyncRequest,
  type ContextSyncResponse,
  type ContainerChange,
  type ContainerCreateResponse,
  type ContainerPathStat,
  type ContainerInspect,
  type ContainerPruneResponse,
  type ContainerStatsResponse,
  type ContainerSummary,
  type ExecCreateRequest,
  type ExecCreateResponse,
  type ExecInspectResponse,
  type ExecStartRequest,
  type ContainerTopResponse,
  type ContainerUpdateRequest,
  type ContainerUpdateResponse,
  type EventMessage,
  parseHost,
  type Filters,
  type HostAddress,
  type ImageDeleteItem,
  type ImageHistoryItem,
  type ImageInspect,
  type ImagePruneResponse,
  type ImageSummary,
  type JsonMessage,
  type Network,
  type NetworkConnectRequest,
  type NetworkCreateResponse,
  type NetworkDisconnectRequest,
  type NetworkPruneResponse,
  type SystemDataUsage,
  type SystemInfo,
  type SystemVersion,
  type Volume,
  type VolumeCreateOptions,
  type VolumeListResponse,
  type VolumePruneResponse,
} from '../spec/docker/index.js';
import { parseNormalizedNamed, repositoryName } from '../spec/reference/index.js';
import { StreamedError, connectError } from './errors.js';
import { readJsonLines } from './json-lines.js';

export interface TlsOptions {
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

export interface EngineClientOptions {
  host: string;
  tls?: TlsOptions;
  /** Sent as the /vX.Y path prefix; '1.50' by default. */
  apiVersion?: string;
}

const maxJsonBody = 64 * 1024 * 1024;
const maxErrorBody = 64 * 1024;
const maxStreamLine = 1024 * 1024;

interface Sent {
  res: IncomingMessage;
  /** Stops sending the request body and drops the connection. */
  abort(): void;
  /** The error of the request body stream, if it failed. */
  bodyError(): Error | undefined;
}

export class EngineClient {
  readonly host: string;
  readonly #address: HostAddress;
  readonly #agent: http.Agent;
  readonly #transport: Pick<typeof http, 'request'>;
  readonly #prefix: string;

  constructor(options: EngineClientOptions) {
    this.host = options.host;
    this.#address = parseHost(options.host);
    this.#prefix = `/v${options.apiVersion ?? '1.50'}`;
    if (options.tls) {
      // node:https (with tls and crypto) takes some 10 ms to load: only TLS hosts pay for it.
      const https = createRequire(import.meta.url)('node:https') as typeof import('node:https');
      this.#transport = https;
      this.#agent = new https.Agent({ keepAlive: true, ...options.tls });
    } else {
      this.#transport = http;
      this.#agent = new http.Agent({ keepAlive: true });
    }
  }

  async ping(): Promise<{ apiVersion: string }> {
    const { res } = await this.#send('GET', '/_ping', { versioned: false });
    await checkStatus(res);
    res.resume();
    return { apiVersion: res.headers['api-version']?.toString() ?? '' };
  }

  version(): Promise<SystemVersion> {
    return this.#json('GET', '/version');
  }

  info(): Promise<SystemInfo> {
    return this.#json('GET', '/info');
  }

  dataUsage(): Promise<SystemDataUsage> {
    return this.#json('GET', '/system/df');
  }

  listImages(q: { all?: boolean; digests?: boolean; filters?: Filters }): Promise<ImageSummary[]> {
    const query = new URLSearchParams();
    if (q.all) query.set('all', '1');
    if (q.digests) query.set('digests', '1');
    setFilters(query, q.filters);
    return this.#json('GET', '/images/json', query);
  }

  inspectImage(name: string): Promise<ImageInspect> {
    return this.#json('GET', `/images/${encodeURIComponent(name)}/json`);
  }

  imageHistory(name: string): Promise<ImageHistoryItem[]> {
    return this.#json('GET', `/images/${encodeURIComponent(name)}/history`);
  }

  async tagImage(source: string, repo: string, tag?: string): Promise<void> {
    const query = new URLSearchParams({ repo });
    if (tag !== undefined) query.set('tag', tag);
    const { res } = await this.#send('POST', `/images/${encodeURIComponent(source)}/tag`, { query });
    await checkStatus(res);
    res.resume();
  }

  removeImage(name: string, q: { force?: boolean; noPrune?: boolean }): Promise<ImageDeleteItem[]> {
    const query = new URLSearchParams();
    if (q.force) query.set('force', '1');
    if (q.noPrune) query.set('noprune', '1');
    return this.#json('DELETE', `/images/${encodeURIComponent(name)}`, query);
  }

  pruneImages(filters: Filters): Promise<ImagePruneResponse> {
    const query = new URLSearchParams();
    setFilters(query, filters);
    return this.#json('POST', '/images/prune', query);
  }

  importImage(
    body: Readable,
    q: { repo?: string; tag?: string; changes?: string[]; message?: string; platform?: string },
    onMessage: (m: JsonMessage) => void,
  ): Promise<void> {
    const query = new URLSearchParams({ fromSrc: '-' });
    if (q.repo) query.set('repo', q.repo);
    if (q.tag) query.set('tag', q.tag);
    if (q.message) query.set('message', q.message);
    if (q.platform) query.set('platform', q.platform);
    for (const change of q.changes ?? []) query.append('changes', change);
    return this.#upload('/images/create', query, body, onMessage);
  }

  loadImages(body: Readable, q: { quiet: boolean }, onMessage: (m: JsonMessage) => void): Promise<void> {
    return this.#upload('/images/load', new URLSearchParams({ quiet: q.quiet ? '1' : '0' }), body, onMessage);
  }

  /** The docker-archive tar of the named images, as a stream; fails early on an unknown name. */
  async saveImages(names: string[]): Promise<Readable> {
    const query = new URLSearchParams();
    for (const name of names) query.append('names', name);
    const { res } = await this.#send('GET', '/images/get', { query });
    await checkStatus(res);
    return res;
  }

  /**
   * POST /build: sends the context tar with the query the CLI made (the
   * docker CLI's parameters, `progress=cais` for structured progress).
   * Every message goes to onMessage, errors too: a failed build is no
   * failed request, and the CLI reports it in its own words.
   */
  buildImage(body: Readable, query: URLSearchParams, onMessage: (m: JsonMessage) => void): Promise<void> {
    // The docker CLI sends its registry credentials here (Go's padded base64url); cais has none to send: an empty map.
    const headers = { 'X-Registry-Config': Buffer.from('{}').toString('base64').replace(/\+/g, '-').replace(/\//g, '_') };
    return this.#stream('POST', '/build', query, onMessage, body, { headers, passErrors: true });
  }

  /** cais's POST /build/context; undefined from a daemon without it (404). */
  async syncBuildContext(req: ContextSyncRequest): Promise<ContextSyncResponse | undefined> {
    try {
      return await this.#json<ContextSyncResponse>('POST', '/build/context', undefined, req);
    } catch (err) {
      if (err instanceof NotFound) return undefined;
      throw err;
    }
  }

  /** POST /build/prune as docker 28 asks: `filters` always (empty without any), `keep-storage` when set. */
  pruneBuildCache(q: { all?: boolean; filters?: Filters; keepStorage?: number }): Promise<BuildPruneResponse> {
    const query = new URLSearchParams();
    if (q.all) query.set('all', '1');
    setFilters(query, q.filters);
    if (!query.has('filters')) query.set('filters', '');
    if (q.keepStorage) query.set('keep-storage', String(q.keepStorage));
    return this.#json('POST', '/build/prune', query);
  }

  /**
   * Pulls `ref` as docker's ImageCreate asks for it: a bare name means its
   * :latest, or every tag with allTags. `auth` is the X-Registry-Auth value.
   */
  pullImage(ref: string, onMessage: (m: JsonMessage) => void, q: { platform?: string; allTags?: boolean; auth?: string } = {}): Promise<void> {
    const named = parseNormalizedNamed(ref);
    const query = new URLSearchParams({ fromImage: repositoryName(named) });
    if (q.platform) query.set('platform', q.platform.toLowerCase());
    query.set('tag', named.digest ?? named.tag ?? (q.allTags ? '' : 'latest'));
    return this.#stream('POST', '/images/create', query, onMessage, undefined, { headers: registryAuthHeader(q.auth) });
  }

  /** Pushes `ref` (a bare name: every tag); `auth` is the X-Registry-Auth value. */
  pushImage(ref: string, onMessage: (m: JsonMessage) => void, q: { auth?: string } = {}): Promise<void> {
    const named = parseNormalizedNamed(ref);
    const query = new URLSearchParams({ tag: named.tag ?? '' });
    return this.#stream('POST', `/images/${encodeURIComponent(repositoryName(named))}/push`, query, onMessage, undefined, {
      headers: registryAuthHeader(q.auth),
    });
  }

  /** POST /auth: the daemon checks the credentials against the registry. */
  login(auth: AuthConfig): Promise<AuthResponse> {
    return this.#json('POST', '/auth', undefined, auth);
  }

  /** `body` is Docker's create body: the container config with HostConfig and NetworkingConfig. */
  createContainer(body: object, q: { name?: string; platform?: string } = {}): Promise<ContainerCreateResponse> {
    const query = new URLSearchParams();
    if (q.name) query.set('name', q.name);
    if (q.platform) query.set('platform', q.platform);
    return this.#json('POST', '/containers/create', query, body);
  }

  listContainers(q: { all?: boolean; limit?: number; size?: boolean; filters?: Filters } = {}): Promise<ContainerSummary[]> {
    const query = new URLSearchParams();
    if (q.all) query.set('all', '1');
    if (q.limit !== undefined && q.limit > 0) query.set('limit', String(q.limit));
    if (q.size) query.set('size', '1');
    setFilters(query, q.filters);
    return this.#json('GET', '/containers/json', query);
  }

  inspectContainer(ref: string, q: { size?: boolean } = {}): Promise<ContainerInspect> {
    const query = new URLSearchParams();
    if (q.size) query.set('size', '1');
    return this.#json('GET', `/containers/${encodeURIComponent(ref)}/json`, query);
  }

  removeContainer(ref: string, q: { force?: boolean; volumes?: boolean } = {}): Promise<void> {
    const query = new URLSearchParams();
    if (q.force) query.set('force', '1');
    if (q.volumes) query.set('v', '1');
    return this.#noContent('DELETE', `/containers/${encodeURIComponent(ref)}`, query);
  }

  pruneContainers(filters: Filters): Promise<ContainerPruneResponse> {
    const query = new URLSearchParams();
    setFilters(query, filters);
    return this.#json('POST', '/containers/prune', query);
  }

  async startContainer(ref: string): Promise<void> {
    await this.#noContent('POST', `/containers/${encodeURIComponent(ref)}/start`, new URLSearchParams());
  }

  async stopContainer(ref: string, q: { timeout?: number; signal?: string } = {}, action: 'stop' | 'restart' = 'stop'): Promise<void> {
    const query = new URLSearchParams();
    if (q.timeout !== undefined) query.set('t', String(q.timeout));
    if (q.signal) query.set('signal', q.signal);
    await this.#noContent('POST', `/containers/${encodeURIComponent(ref)}/${action}`, query);
  }

  async killContainer(ref: string, signal?: string): Promise<void> {
    const query = new URLSearchParams();
    if (signal) query.set('signal', signal);
    await this.#noContent('POST', `/containers/${encodeURIComponent(ref)}/kill`, query);
  }

  async resizeContainer(ref: string, height: number, width: number): Promise<void> {
    await this.#noContent('POST', `/containers/${encodeURIComponent(ref)}/resize`, new URLSearchParams({ h: String(height), w: String(width) }));
  }

  /**
   * Waits for a container. Resolves once the daemon has the wait in place
   * (its status line), with the promise of the exit code (in an object: a
   * promise cannot resolve to a promise), so the caller can start the
   * container knowing no exit is missed.
   */
  async waitContainer(ref: string, condition?: 'not-running' | 'next-exit' | 'removed'): Promise<{ exitCode: Promise<number> }> {
    const query = new URLSearchParams();
    if (condition) query.set('condition', condition);
    const { res } = await this.#send('POST', `/containers/${encodeURIComponent(ref)}/wait`, { query });
    await checkStatus(res);
    const exitCode = readBody(res, maxErrorBody, true).then(
      (text) => {
        const body = JSON.parse(text) as { StatusCode?: unknown; Error?: { Message?: string } | null };
        if (body.Error?.Message) throw new Internal(body.Error.Message);
        if (typeof body.StatusCode !== 'number') throw new Unavailable('the cais daemon answered a wait without a status code');
        return body.StatusCode;
      },
      (err) => Promise.reject(asCaisError(err)),
    );
    return { exitCode };
  }

  topContainer(ref: string, psArgs?: string): Promise<ContainerTopResponse> {
    const query = new URLSearchParams();
    if (psArgs) query.set('ps_args', psArgs);
    return this.#json('GET', `/containers/${encodeURIComponent(ref)}/top`, query);
  }

  /** Stats samples to `onSample` until the daemon ends the stream (one sample unless `stream`) or `signal` aborts. */
  async containerStats(ref: string, q: { stream: boolean; oneShot?: boolean }, onSample: (s: ContainerStatsResponse) => void, signal?: AbortSignal): Promise<void> {
    const query = new URLSearchParams({ stream: q.stream ? '1' : '0' });
    if (q.oneShot) query.set('one-shot', '1');
    await this.#readStream('GET', `/containers/${encodeURIComponent(ref)}/stats`, query, (value) => onSample(value as ContainerStatsResponse), signal);
  }

  pauseContainer(ref: string): Promise<void> {
    return this.#noContent('POST', `/containers/${encodeURIComponent(ref)}/pause`, new URLSearchParams());
  }

  unpauseContainer(ref: string): Promise<void> {
    return this.#noContent('POST', `/containers/${encodeURIComponent(ref)}/unpause`, new URLSearchParams());
  }

  renameContainer(ref: string, name: string): Promise<void> {
    return this.#noContent('POST', `/containers/${encodeURIComponent(ref)}/rename`, new URLSearchParams({ name }));
  }

  updateContainer(ref: string, body: ContainerUpdateRequest): Promise<ContainerUpdateResponse> {
    return this.#json('POST', `/containers/${encodeURIComponent(ref)}/update`, undefined, body);
  }

  /**
   * Daemon events to `onEvent` (with timeNano exact, as a bigint) until
   * `until` passes or `signal` aborts. since/until: Unix seconds or what
   * docker's GetTimestamp takes.
   */
  async events(
    q: { since?: string; until?: string; filters?: Filters },
    onEvent: (e: EventMessage, timeNano: bigint) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    const query = new URLSearchParams();
    if (q.since) query.set('since', q.since);
    if (q.until) query.set('until', q.until);
    setFilters(query, q.filters);
    await this.#readStream('GET', '/events', query, (value, text) => {
      const nanos = /"timeNano":(\d+)/.exec(text)?.[1];
      const message = value as EventMessage;
      onEvent(message, nanos !== undefined ? BigInt(nanos) : BigInt(message.time) * 1_000_000_000n);
    }, signal);
  }

  /** The log stream (framed unless the container has a TTY). */
  async containerLogs(ref: string, q: URLSearchParams): Promise<Readable> {
    const { res } = await this.#send('GET', `/containers/${encodeURIComponent(ref)}/logs`, { query: q });
    await checkStatus(res);
    return res;
  }

  /** Attaches to a container: the hijacked connection (framed output unless it has a TTY). */
  attachContainer(ref: string, q: URLSearchParams): Promise<Duplex> {
    return this.hijack(`/containers/${encodeURIComponent(ref)}/attach`, q);
  }

  createExec(ref: string, body: Partial<ExecCreateRequest>): Promise<ExecCreateResponse> {
    return this.#json('POST', `/containers/${encodeURIComponent(ref)}/exec`, undefined, body);
  }

  /** Starts an exec: detached, it returns once the process runs; else the hijacked connection (framed output unless `Tty`). */
  async startExec(id: string, body: Partial<ExecStartRequest> & { Detach: true }): Promise<void>;
  async startExec(id: string, body: Partial<ExecStartRequest>): Promise<Duplex>;
  async startExec(id: string, body: Partial<ExecStartRequest>): Promise<Duplex | void> {
    const path = `/exec/${encodeURIComponent(id)}/start`;
    if (!body.Detach) return this.hijack(path, new URLSearchParams(), body);
    const { res } = await this.#send('POST', path, { json: body });
    await checkStatus(res);
    res.resume();
  }

  inspectExec(id: string): Promise<ExecInspectResponse> {
    return this.#json('GET', `/exec/${encodeURIComponent(id)}/json`);
  }

  async resizeExec(id: string, height: number, width: number): Promise<void> {
    await this.#noContent('POST', `/exec/${encodeURIComponent(id)}/resize`, new URLSearchParams({ h: String(height), w: String(width) }));
  }

  /** A request whose connection the daemon takes over for raw stdio, as the docker CLI asks: Connection: Upgrade, Upgrade: tcp. */
  hijack(path: string, query: URLSearchParams, json?: object): Promise<Duplex> {
    const q = query.toString();
    const fullPath = this.#prefix + path + (q ? `?${q}` : '');
    const target = this.#address.kind === 'unix' ? { socketPath: this.#address.path } : { host: this.#address.hostname, port: this.#address.port };
    const body = json === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(json));
    const headers = { Connection: 'Upgrade', Upgrade: 'tcp', 'Content-Type': 'application/json', 'Content-Length': body.length };
    return new Promise((resolve, reject) => {
      // Its own connection: a hijacked socket never goes back to the agent.
      const req = this.#transport.request({ ...target, agent: false, method: 'POST', path: fullPath, headers });
      req.once('upgrade', (_res, socket: Socket, head: Buffer) => {
        if (head.length > 0) socket.unshift(head);
        resolve(socket);
      });
      req.once('response', (res) => checkStatus(res).then(() => reject(new Unavailable('the cais daemon did not take over the connection')), reject));
      req.on('error', (err: NodeJS.ErrnoException) => reject(connectError(err, this.host)));
      req.end(body);
    });
  }

  /** HEAD /containers/{id}/archive: the stat of a path in the container. */
  async statContainerPath(ref: string, path: string): Promise<ContainerPathStat> {
    const { res } = await this.#send('HEAD', `/containers/${encodeURIComponent(ref)}/archive`, { query: new URLSearchParams({ path }) });
    await checkStatus(res);
    res.resume();
    return pathStat(res);
  }

  /** GET /containers/{id}/archive: a tar of a path in the container, with its stat. */
  async getContainerArchive(ref: string, path: string): Promise<{ stat: ContainerPathStat; tar: Readable }> {
    const { res } = await this.#send('GET', `/containers/${encodeURIComponent(ref)}/archive`, { query: new URLSearchParams({ path }) });
    await checkStatus(res);
    return { stat: pathStat(res), tar: res };
  }

  /** PUT /containers/{id}/archive: extracts a tar into a directory of the container. */
  async putContainerArchive(ref: string, path: string, body: Readable, q: { noOverwriteDirNonDir?: boolean; copyUIDGID?: boolean } = {}): Promise<void> {
    const query = new URLSearchParams({ path });
    if (q.noOverwriteDirNonDir) query.set('noOverwriteDirNonDir', 'true');
    if (q.copyUIDGID) query.set('copyUIDGID', 'true');
    const { res, abort, bodyError } = await this.#send('PUT', `/containers/${encodeURIComponent(ref)}/archive`, { query, body });
    try {
      await checkStatus(res);
      res.resume();
    } catch (err) {
      abort();
      throw bodyError() ?? err;
    }
  }

  containerChanges(ref: string): Promise<ContainerChange[] | null> {
    return this.#json('GET', `/containers/${encodeURIComponent(ref)}/changes`);
  }

  /** The tar of the container's root file system, as a stream. */
  async exportContainer(ref: string): Promise<Readable> {
    const { res } = await this.#send('GET', `/containers/${encodeURIComponent(ref)}/export`, {});
    await checkStatus(res);
    return res;
  }

  commitContainer(ref: string, q: { repo?: string; tag?: string; comment?: string; author?: string; changes?: string[]; pause?: boolean }): Promise<{ Id: string }> {
    const query = new URLSearchParams({ container: ref });
    if (q.repo) query.set('repo', q.repo);
    if (q.tag) query.set('tag', q.tag);
    if (q.comment) query.set('comment', q.comment);
    if (q.author) query.set('author', q.author);
    for (const change of q.changes ?? []) query.append('changes', change);
    if (q.pause === false) query.set('pause', '0');
    return this.#json('POST', '/commit', query);
  }

  createVolume(body: VolumeCreateOptions): Promise<Volume> {
    return this.#json('POST', '/volumes/create', undefined, body);
  }

  listVolumes(filters?: Filters): Promise<VolumeListResponse> {
    const query = new URLSearchParams();
    setFilters(query, filters);
    return this.#json('GET', '/volumes', query);
  }

  inspectVolume(name: string): Promise<Volume> {
    return this.#json('GET', `/volumes/${encodeURIComponent(name)}`);
  }

  removeVolume(name: string, q: { force?: boolean } = {}): Promise<void> {
    const query = new URLSearchParams();
    if (q.force) query.set('force', '1');
    return this.#noContent('DELETE', `/volumes/${encodeURIComponent(name)}`, query);
  }

  pruneVolumes(filters: Filters): Promise<VolumePruneResponse> {
    const query = new URLSearchParams();
    setFilters(query, filters);
    return this.#json('POST', '/volumes/prune', query);
  }

  listNetworks(filters?: Filters): Promise<Network[]> {
    const query = new URLSearchParams();
    setFilters(query, filters);
    return this.#json('GET', '/networks', query);
  }

  inspectNetwork(name: string, q: { verbose?: boolean } = {}): Promise<Network> {
    const query = new URLSearchParams();
    if (q.verbose) query.set('verbose', 'true');
    return this.#json('GET', `/networks/${encodeURIComponent(name)}`, query);
  }

  /** `body` is Docker's network create request (its unset optional fields left out, as the docker CLI sends it). */
  createNetwork(body: object): Promise<NetworkCreateResponse> {
    return this.#json('POST', '/networks/create', undefined, body);
  }

  removeNetwork(name: string): Promise<void> {
    return this.#noContent('DELETE', `/networks/${encodeURIComponent(name)}`, new URLSearchParams());
  }

  pruneNetworks(filters: Filters): Promise<NetworkPruneResponse> {
    const query = new URLSearchParams();
    setFilters(query, filters);
    return this.#json('POST', '/networks/prune', query);
  }

  connectNetwork(name: string, body: NetworkConnectRequest): Promise<void> {
    return this.#noContent('POST', `/networks/${encodeURIComponent(name)}/connect`, new URLSearchParams(), body);
  }

  disconnectNetwork(name: string, body: NetworkDisconnectRequest): Promise<void> {
    return this.#noContent('POST', `/networks/${encodeURIComponent(name)}/disconnect`, new URLSearchParams(), body);
  }

  /** Closes the idle connections; the client is not used afterwards. */
  close(): void {
    this.#agent.destroy();
  }

  /** A request whose answer has no body worth reading. */
  async #noContent(method: string, path: string, query: URLSearchParams, json?: object): Promise<void> {
    const { res } = await this.#send(method, path, { query, json });
    await checkStatus(res);
    res.resume();
  }

  async #json<T>(method: string, path: string, query?: URLSearchParams, json?: object): Promise<T> {
    const { res } = await this.#send(method, path, { query, json });
    await checkStatus(res);
    const text = await readBody(res, maxJsonBody, true).catch((err: unknown) => {
      throw asCaisError(err);
    });
    try {
      return JSON.parse(text) as T;
    } catch (err) {
      throw new Internal(`invalid JSON from the daemon for ${method} ${path}`, { cause: err });
    }
  }

  /** Reads a stream of JSON values (stats, events) until it ends or `signal` aborts. */
  async #readStream(method: string, path: string, query: URLSearchParams, onValue: (value: unknown, text: string) => void, signal?: AbortSignal): Promise<void> {
    const { res, abort } = await this.#send(method, path, { query });
    const onAbort = (): void => abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await checkStatus(res);
      await readJsonLines(res, maxStreamLine, onValue);
    } catch (err) {
      if (signal?.aborted) return;
      throw asCaisError(err);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Sends `body` and reads the JSON message stream that answers it. */
  #upload(path: string, query: URLSearchParams, body: Readable, onMessage: (m: JsonMessage) => void): Promise<void> {
    return this.#stream('POST', path, query, onMessage, body);
  }

  /** Reads the JSON message stream that answers a request (with an optional body to upload). */
  async #stream(
    method: string,
    path: string,
    query: URLSearchParams,
    onMessage: (m: JsonMessage) => void,
    body?: Readable,
    opts: { headers?: Record<string, string>; passErrors?: boolean } = {},
  ): Promise<void> {
    const { res, abort, bodyError } = await this.#send(method, path, { query, body, headers: opts.headers });
    try {
      await checkStatus(res);
      await readJsonLines(res, maxStreamLine, (value) => {
        const message = asJsonMessage(value);
        if (!opts.passErrors && (message.error !== undefined || message.errorDetail !== undefined)) {
          throw new StreamedError(message.errorDetail?.message ?? message.error ?? 'unknown error');
        }
        onMessage(message);
      });
    } catch (err) {
      // The daemon may answer before it has read the whole body: stop sending.
      abort();
      throw bodyError() ?? asCaisError(err);
    }
  }

  #send(
    method: string,
    path: string,
    options: { query?: URLSearchParams; body?: Readable; json?: object; versioned?: boolean; headers?: Record<string, string> },
  ): Promise<Sent> {
    const query = options.query?.toString();
    const fullPath = (options.versioned === false ? '' : this.#prefix) + path + (query ? `?${query}` : '');
    const target = this.#address.kind === 'unix' ? { socketPath: this.#address.path } : { host: this.#address.hostname, port: this.#address.port };
    const body = options.body;
    const json = options.json === undefined ? undefined : Buffer.from(JSON.stringify(options.json));
    const headers = {
      ...(body ? { 'Content-Type': 'application/x-tar' } : json ? { 'Content-Type': 'application/json', 'Content-Length': json.length } : { 'Content-Length': 0 }),
      ...options.headers,
    };
    return new Promise((resolve, reject) => {
      const req = this.#transport.request({ ...target, agent: this.#agent, method, path: fullPath, headers });
      let failedBody: Error | undefined;
      const abort = (): void => {
        body?.unpipe(req);
        req.destroy();
      };
      req.once('response', (res) => resolve({ res, abort, bodyError: () => failedBody }));
      req.on('error', (err: NodeJS.ErrnoException) => reject(failedBody ?? connectError(err, this.host)));
      if (!body) {
        req.end(json);
        return;
      }
      body.on('error', (err) => {
        failedBody = err;
        req.destroy(err);
      });
      body.pipe(req);
    });
  }
}

function setFilters(query: URLSearchParams, filters: Filters | undefined): void {
  if (!filters || Object.keys(filters).length === 0) return;
  // The set form {"name":{"value":true}}, keys sorted as Go writes maps, as the docker CLI sends it.
  const sorted = (keys: string[]) => [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const sets = sorted(Object.keys(filters)).map((name) => `${JSON.stringify(name)}:{${sorted(filters[name] ?? []).map((v) => `${JSON.stringify(v)}:true`).join(',')}}`);
  query.set('filters', `{${sets.join(',')}}`);
}

/** The X-Docker-Container-Path-Stat header: base64 of the stat's JSON. */
function pathStat(res: IncomingMessage): ContainerPathStat {
  const header = res.headers['x-docker-container-path-stat'];
  try {
    return JSON.parse(Buffer.from(String(header ?? ''), 'base64').toString('utf8')) as ContainerPathStat;
  } catch (err) {
    throw new Internal('the daemon sent no valid X-Docker-Container-Path-Stat header', { cause: err });
  }
}

/** Throws the error class of a non-2xx answer, with the daemon's message. */
async function checkStatus(res: IncomingMessage): Promise<void> {
  const status = res.statusCode ?? 0;
  if (status >= 200 && status < 300) return;
  const text = await readBody(res, maxErrorBody, false);
  let message = text.trim();
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string') message = body.message;
  } catch {
    // Not JSON (an old-version error is plain text): keep the text.
  }
  throw errorFromStatus(status, message || `${status} ${res.statusMessage ?? ''}`.trim());
}

/** The body as text; over `limit` bytes it fails (strict) or is cut (for error messages). */
async function readBody(res: IncomingMessage, limit: number, strict: boolean): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > limit) {
      res.destroy();
      if (strict) throw new Internal(`response from the daemon exceeds ${limit} bytes`);
      chunks.push(chunk.subarray(0, chunk.length - (length - limit)));
      break;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A failure while reading an answer: the connection broke (the daemon died?) unless it is ours. */
function asCaisError(err: unknown): CaisError {
  if (err instanceof CaisError) return err;
  return new Unavailable(`error reading the answer of the cais daemon: ${errorMessage(err)}`, { cause: err });
}

function asJsonMessage(value: unknown): JsonMessage {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Internal('unexpected value in the response stream');
  }
  const m = value as Record<string, unknown>;
  if ((m.error !== undefined && typeof m.error !== 'string') || (m.status !== undefined && typeof m.status !== 'string')) {
    throw new Internal('malformed message in the response stream');
  }
  return value as JsonMessage;
}

/** Every pull and push carries the header (docker sends `e30=`, `{}`, without credentials). */
function registryAuthHeader(auth: string | undefined): Record<string, string> {
  return { 'X-Registry-Auth': auth ?? 'e30=' };
}

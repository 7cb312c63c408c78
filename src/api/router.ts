// A small router for the Engine API. Paths are moby's: `{name}` matches one
// segment, `{name:.*}` matches the rest greedily (image names contain
// slashes and colons). Static paths are found by one map lookup, so hot
// endpoints such as /_ping cost no pattern matching.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { InvalidArgument } from '../common/index.js';
import type { Hijack } from './hijack.js';
import type { Query } from './query.js';

export interface RequestContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** Path parameters, percent-decoded. */
  readonly params: Readonly<Record<string, string>>;
  readonly query: Query;
  /** The API version the client asked for (from the path), else the maximum. */
  readonly version: string;
  /** Takes the connection over for raw stdio (routes registered with `hijacks`). */
  readonly hijack: Hijack;
}

export type Handler = (ctx: RequestContext) => void | Promise<void>;

export interface RouteOptions {
  /** The handler consumes the request body as a stream (import, load). */
  readonly streamsBody?: boolean;
  /** The handler may hijack the connection (attach, exec start): the only routes served on an upgrade request. */
  readonly hijacks?: boolean;
}

export interface Route extends RouteOptions {
  readonly method: string;
  readonly path: string;
  readonly handler: Handler;
}

export interface RouteMatch {
  readonly route: Route;
  readonly params: Record<string, string>;
}

interface PatternRoute {
  readonly route: Route;
  readonly regex: RegExp;
  readonly names: readonly string[];
}

const noParams: Record<string, string> = Object.freeze({}) as Record<string, string>;

export class Router {
  readonly #static = new Map<string, Route>();
  readonly #patterns: PatternRoute[] = [];

  add(method: string, path: string, handler: Handler, options: RouteOptions = {}): void {
    const route: Route = { method, path, handler, ...options };
    if (!path.includes('{')) {
      this.#static.set(`${method} ${path}`, route);
      return;
    }
    const names: string[] = [];
    const source = path.replace(/\{(\w+)(:\.\*)?\}|[^{]+/g, (part, name: string | undefined, greedy: string | undefined) => {
      if (name === undefined) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      names.push(name);
      return greedy ? '(.*)' : '([^/]+)';
    });
    this.#patterns.push({ route, regex: new RegExp(`^${source}$`), names });
  }

  get(path: string, handler: Handler): void {
    this.add('GET', path, handler);
  }

  post(path: string, handler: Handler, options?: RouteOptions): void {
    this.add('POST', path, handler, options);
  }

  delete(path: string, handler: Handler): void {
    this.add('DELETE', path, handler);
  }

  /** The route for a method and an unversioned, undecoded path; throws InvalidArgument on a bad %-escape. */
  match(method: string, path: string): RouteMatch | undefined {
    const route = this.#static.get(`${method} ${path}`);
    if (route) return { route, params: noParams };
    // Registration order decides between patterns, as in gorilla/mux.
    for (const p of this.#patterns) {
      if (p.route.method !== method) continue;
      const m = p.regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      p.names.forEach((name, i) => (params[name] = decode(m[i + 1] ?? '')));
      return { route: p.route, params };
    }
    return undefined;
  }
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new InvalidArgument(`invalid URL escape in ${JSON.stringify(s)}`);
  }
}

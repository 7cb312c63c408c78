// What every handler gets: the request and response, the query, the
// storage, and what the caller may do.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Grant } from '../auth/authorizer.js';
import type { RegistryStorage } from '../storage.js';
import type { Uploads } from '../uploads.js';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  query: URLSearchParams;
  storage: RegistryStorage;
  uploads: Uploads;
  grant: Grant;
  head: boolean;
}

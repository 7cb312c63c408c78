// Registry credentials from outside: the body of POST /auth and the
// X-Registry-Auth header. Go's decoder matches field names without regard to
// case and ignores unknown ones, so clients that send `Username` work too.
import { InvalidArgument } from '../../common/index.js';
import type { AuthConfig } from '../docker/index.js';

const fields = ['username', 'password', 'auth', 'email', 'serveraddress', 'identitytoken', 'registrytoken'] as const;
/** Far above any real credential; the header is bounded by the HTTP parser too. */
const maxEncodedBytes = 64 * 1024;

/** An AuthConfig from decoded JSON; InvalidArgument in Go's words for a field of the wrong type. */
export function parseAuthConfig(body: unknown): AuthConfig {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidArgument('json: cannot unmarshal into Go value of type registry.AuthConfig');
  }
  const out: AuthConfig = {};
  for (const [key, value] of Object.entries(body)) {
    const field = fields.find((f) => f === key.toLowerCase());
    if (field === undefined || value === null) continue;
    if (typeof value !== 'string') {
      throw new InvalidArgument(`json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value} into Go struct field AuthConfig.${field} of type string`);
    }
    out[field] = value;
  }
  return out;
}

/** The X-Registry-Auth header (base64url JSON, padded or not); undefined when absent or empty. */
export function decodeRegistryAuth(header: string | undefined): AuthConfig | undefined {
  if (header === undefined || header === '') return undefined;
  if (header.length > maxEncodedBytes || !/^[A-Za-z0-9_\-+/]*={0,2}$/.test(header)) {
    throw new InvalidArgument('invalid X-Registry-Auth header: illegal base64 data');
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
  } catch (err) {
    throw new InvalidArgument(`invalid X-Registry-Auth header: ${(err as Error).message}`);
  }
  try {
    return parseAuthConfig(json);
  } catch (err) {
    throw new InvalidArgument(`invalid X-Registry-Auth header: ${(err as Error).message}`);
  }
}

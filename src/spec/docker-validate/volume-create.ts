// The body of POST /volumes/create, validated at the edge: the four fields
// of VolumeCreateOptions (null reads as the zero value, as Go decodes it);
// unknown fields are refused rather than silently dropped. Cluster volumes
// need a swarm, which cais never is part of.
import { z } from 'zod';
import { InvalidArgument, Unavailable } from '../../common/index.js';
import type { VolumeCreateOptions } from '../docker/index.js';
import { decodeError } from './go-json.js';

const str = z.string().nullish().transform((v) => v ?? '');
const stringMap = z.record(z.string(), z.string()).nullish().transform((v) => v ?? {});

const createBody = z
  .object({ Name: str, Driver: str, DriverOpts: stringMap, Labels: stringMap, ClusterVolumeSpec: z.unknown() })
  .strict();

/** moby's error when a swarm-only request reaches a node outside a swarm. */
const notSwarmManager =
  'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.';

export function parseVolumeCreate(body: unknown): VolumeCreateOptions {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidArgument('invalid JSON: json: cannot unmarshal into Go value of type volume.CreateOptions');
  }
  const parsed = createBody.safeParse(body);
  if (!parsed.success) throw decodeError(parsed.error.issues[0]!);
  const { ClusterVolumeSpec, ...options } = parsed.data;
  if (ClusterVolumeSpec !== undefined && ClusterVolumeSpec !== null) throw new Unavailable(notSwarmManager);
  return options;
}

// The body of POST /containers/{id}/update: the Resources fields cais
// applies and the restart policy, as Go decodes them (zero values for
// absent fields, a PidsLimit that is only set when sent).
import { z } from 'zod';
import { InvalidArgument } from '../../common/index.js';
import type { ContainerUpdateRequest, RestartPolicyName } from '../docker/index.js';
import { decodeError } from './go-json.js';

const int = z.number().int().nullish().transform((v) => v ?? 0);
const str = z.string().nullish().transform((v) => v ?? '');

const updateBody = z.object({
  BlkioWeight: int,
  CpuShares: int,
  NanoCpus: int,
  CpuPeriod: int,
  CpuQuota: int,
  CpusetCpus: str,
  CpusetMems: str,
  Memory: int,
  MemorySwap: int,
  MemoryReservation: int,
  PidsLimit: z.number().int().nullish(),
  RestartPolicy: z
    .object({ Name: str, MaximumRetryCount: int })
    .nullish()
    .transform((v) => v ?? { Name: '', MaximumRetryCount: 0 }),
});

export function parseContainerUpdate(body: unknown): ContainerUpdateRequest & Required<Pick<ContainerUpdateRequest, 'RestartPolicy'>> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidArgument('invalid JSON: json: cannot unmarshal into Go value of type container.UpdateConfig');
  }
  const parsed = updateBody.safeParse(body);
  if (!parsed.success) throw decodeError(parsed.error.issues[0]!);
  const { PidsLimit, RestartPolicy, ...rest } = parsed.data;
  return {
    ...rest,
    ...(PidsLimit !== undefined && PidsLimit !== null ? { PidsLimit } : {}),
    RestartPolicy: { Name: RestartPolicy.Name as RestartPolicyName, MaximumRetryCount: RestartPolicy.MaximumRetryCount },
  };
}

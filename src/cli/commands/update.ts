// `cais update` / `cais container update`: docker's runUpdate. The flags
// given make the new resources (a zero leaves a value as it is), sent to
// each container in turn; names are printed as done, failures together.
import type { ContainerUpdateRequest, RestartPolicyName } from '../../spec/docker/index.js';
import type { CliContext } from '../cli-context.js';
import { memSwap, restartPolicy } from '../create-options.js';
import { StatusError, errorText } from '../errors.js';
import { type ParsedFlags, intFlag } from '../flags.js';
import { parseCpus, ramInBytes } from '../parse-units.js';
import { parseUint16 } from '../container-opts.js';

function updateRequest(flags: ParsedFlags): ContainerUpdateRequest {
  const str = (name: string): string => flags.values.get(name) as string;
  const bytes = (name: string, parse = ramInBytes): number => (str(name) === '' ? 0 : parse(str(name)));
  const restart = str('restart') === '' ? { Name: '', MaximumRetryCount: 0 } : restartPolicy(str('restart'));
  return {
    BlkioWeight: str('blkio-weight') === '' ? 0 : parseUint16(str('blkio-weight')),
    CpuPeriod: intFlag(flags, 'cpu-period'),
    CpuQuota: intFlag(flags, 'cpu-quota'),
    CpuShares: intFlag(flags, 'cpu-shares'),
    NanoCpus: str('cpus') === '' ? 0 : parseCpus(str('cpus')),
    CpusetCpus: str('cpuset-cpus'),
    CpusetMems: str('cpuset-mems'),
    Memory: bytes('memory'),
    MemoryReservation: bytes('memory-reservation'),
    MemorySwap: bytes('memory-swap', memSwap),
    // Sent only when given: 0 would mean "unlimited" rather than "unchanged".
    ...(flags.changed.has('pids-limit') ? { PidsLimit: intFlag(flags, 'pids-limit') } : {}),
    RestartPolicy: { Name: restart.Name as RestartPolicyName, MaximumRetryCount: restart.MaximumRetryCount },
  };
}

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  if (flags.changed.size === 0) throw new StatusError('you must provide one or more flags when using this command');
  const body = updateRequest(flags);
  const client = await cli.client();
  const warnings: string[] = [];
  const errors: string[] = [];
  for (const container of flags.args) {
    try {
      const answer = await client.updateContainer(container, body);
      warnings.push(...(answer.Warnings ?? []));
      cli.out(`${container}\n`);
    } catch (err) {
      errors.push(errorText(err));
    }
  }
  if (warnings.length > 0) cli.out(`${warnings.join('\n')}\n`);
  if (errors.length > 0) throw new StatusError(errors.join('\n'));
}

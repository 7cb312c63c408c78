// The daemon's checks of a container's settings before it is created, with
// Docker's messages (moby daemon/container.go verifyContainerSettings,
// daemon_unix.go verifyPlatformContainerResources, hostconfig.go
// ValidateRestartPolicy). Pure: the host's CPU count is passed in.
import { InvalidArgument } from '../../common/index.js';
import type { ContainerCreateRequest, DockerContainerConfig, HostConfig } from '../docker/index.js';
import { parseSignal } from './signals.js';

const minMemory = 6 * 1024 * 1024;

export interface HostLimits {
  /** CPUs available to containers (NanoCpus may not exceed them). */
  ncpu: number;
}

function verifyConfig(config: DockerContainerConfig): void {
  if (config.WorkingDir !== '' && !config.WorkingDir.startsWith('/')) {
    throw new InvalidArgument(`the working directory '${config.WorkingDir}' is invalid, it needs to be an absolute path`);
  }
  if (config.StopSignal !== undefined && config.StopSignal !== '') parseSignal(config.StopSignal);
  for (const env of config.Env ?? []) {
    if (env === '' || env.startsWith('=')) throw new InvalidArgument(`invalid environment variable: ${env}`);
  }
  const hc = config.Healthcheck;
  if (hc) {
    const min = 1_000_000; // 1ms, as Docker's containertypes.MinimumDuration
    for (const [name, value] of [['Interval', hc.Interval], ['Timeout', hc.Timeout], ['StartPeriod', hc.StartPeriod], ['StartInterval', hc.StartInterval]] as const) {
      if (value !== undefined && value !== 0 && value < min) throw new InvalidArgument(`${name} in Healthcheck cannot be less than 1ms`);
    }
    if ((hc.Retries ?? 0) < 0) throw new InvalidArgument('Retries in Healthcheck cannot be negative');
  }
}

export function verifyRestartPolicy(policy: HostConfig['RestartPolicy']): void {
  switch (policy.Name) {
    case 'always':
    case 'unless-stopped':
    case 'no':
      if (policy.MaximumRetryCount !== 0) {
        let msg = "invalid restart policy: maximum retry count can only be used with 'on-failure'";
        if (policy.MaximumRetryCount < 0) msg += ' and cannot be negative';
        throw new InvalidArgument(msg);
      }
      return;
    case 'on-failure':
      if (policy.MaximumRetryCount < 0) throw new InvalidArgument('invalid restart policy: maximum retry count cannot be negative');
      return;
    case '':
      return;
    default:
      throw new InvalidArgument(
        `invalid restart policy: unknown policy '${policy.Name}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'`,
      );
  }
}

function verifyResources(h: HostConfig, limits: HostLimits): void {
  if (h.Memory !== 0 && h.Memory < minMemory) throw new InvalidArgument('Minimum memory limit allowed is 6MB');
  if (h.Memory > 0 && h.MemorySwap > 0 && h.MemorySwap < h.Memory) {
    throw new InvalidArgument('Minimum memoryswap limit should be larger than memory limit, see usage');
  }
  if (h.Memory === 0 && h.MemorySwap > 0) {
    throw new InvalidArgument('You should always set the Memory limit when using Memoryswap limit, see usage');
  }
  if (h.MemorySwappiness !== null && h.MemorySwappiness !== -1 && (h.MemorySwappiness < 0 || h.MemorySwappiness > 100)) {
    throw new InvalidArgument(`Invalid value: ${h.MemorySwappiness}, valid memory swappiness range is 0-100`);
  }
  if (h.Memory > 0 && h.MemoryReservation > 0 && h.Memory < h.MemoryReservation) {
    throw new InvalidArgument('Minimum memory limit can not be less than memory reservation limit, see usage');
  }
  if (h.MemoryReservation > 0 && h.MemoryReservation < minMemory) throw new InvalidArgument('Minimum memory reservation allowed is 6MB');
  if (h.NanoCpus > 0 && h.CpuPeriod > 0) throw new InvalidArgument('Conflicting options: Nano CPUs and CPU Period cannot both be set');
  if (h.NanoCpus > 0 && h.CpuQuota > 0) throw new InvalidArgument('Conflicting options: Nano CPUs and CPU Quota cannot both be set');
  if (h.NanoCpus < 0 || h.NanoCpus > limits.ncpu * 1e9) {
    throw new InvalidArgument(`Range of CPUs is from 0.01 to ${limits.ncpu}.00, as there are only ${limits.ncpu} CPUs available`);
  }
  if (h.CpuPeriod !== 0 && (h.CpuPeriod < 1000 || h.CpuPeriod > 1_000_000)) {
    throw new InvalidArgument('CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)');
  }
  if (h.CpuQuota > 0 && h.CpuQuota < 1000) throw new InvalidArgument('CPU cfs quota can not be less than 1ms (i.e. 1000)');
  if (h.BlkioWeight > 0 && (h.BlkioWeight < 10 || h.BlkioWeight > 1000)) throw new InvalidArgument('Range of blkio weight is from 10 to 1000');
  if (h.ShmSize < 0) throw new InvalidArgument('SHM size can not be less than 0');
  if (h.OomScoreAdj < -1000 || h.OomScoreAdj > 1000) {
    throw new InvalidArgument(`Invalid value ${h.OomScoreAdj}, range for oom score adj is [-1000, 1000]`);
  }
}

/** Throws InvalidArgument with Docker's message for the first setting Docker would refuse at create. */
export function verifyContainerSettings(req: ContainerCreateRequest, limits: HostLimits): void {
  verifyConfig(req.Config);
  verifyRestartPolicy(req.HostConfig.RestartPolicy);
  if (req.HostConfig.AutoRemove && req.HostConfig.RestartPolicy.Name !== '' && req.HostConfig.RestartPolicy.Name !== 'no') {
    throw new InvalidArgument("can't create 'AutoRemove' container with restart policy");
  }
  verifyResources(req.HostConfig, limits);
}

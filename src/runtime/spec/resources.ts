// cgroup limits as moby computes them (daemon/daemon_unix.go getMemoryResources,
// getCPUResources, getPidsLimit; oci_linux.go WithResources). Values arrive
// as numbers: parsing "32m" or "0.5" is the API and CLI edge's job.
import { InvalidArgument } from '../../common/index.js';
import type { OciResources, OciThrottleDevice } from './oci-runtime-config.js';
import type { ResourceSettings, ThrottleDevice } from './settings.js';

/** CFS period Docker uses for --cpus: 100 ms in microseconds. */
export const cpuPeriodUs = 100_000;

function int(value: number | undefined, what: string): number {
  if (value === undefined) return 0;
  if (!Number.isSafeInteger(value)) throw new InvalidArgument(`invalid ${what}: ${value}`);
  return value;
}

/** The resources section without the device rules (added by the builder). */
export function buildResources(r: ResourceSettings): OciResources {
  const out: OciResources = {};

  const memory = int(r.memory, 'memory');
  const reservation = int(r.memoryReservation, 'memory reservation');
  // Docker's create-time default: swap twice the memory limit.
  const swap = memory > 0 && !r.memorySwap ? memory * 2 : int(r.memorySwap, 'memory swap');
  if (memory > 0 && swap > 0 && swap < memory) {
    throw new InvalidArgument('Minimum memoryswap limit should be larger than memory limit, see usage');
  }
  const mem: NonNullable<OciResources['memory']> = {};
  if (memory > 0) mem.limit = memory;
  if (reservation > 0) mem.reservation = reservation;
  if (swap > 0) mem.swap = swap;
  if (Object.keys(mem).length > 0) out.memory = mem;

  const shares = int(r.cpuShares, 'CPU shares');
  const nanoCpus = int(r.nanoCpus, 'NanoCPUs');
  const period = int(r.cpuPeriod, 'CPU period');
  const quota = int(r.cpuQuota, 'CPU quota');
  if (shares < 0) throw new InvalidArgument(`invalid CPU shares (${shares}): value must be a positive integer`);
  if (nanoCpus < 0) throw new InvalidArgument(`invalid NanoCPUs (${nanoCpus}): value must be positive`);
  if (nanoCpus > 0 && period > 0) throw new InvalidArgument('Conflicting options: Nano CPUs and CPU Period cannot both be set');
  if (nanoCpus > 0 && quota > 0) throw new InvalidArgument('Conflicting options: Nano CPUs and CPU Quota cannot both be set');
  const cpu: NonNullable<OciResources['cpu']> = {};
  if (shares > 0) cpu.shares = shares;
  if (nanoCpus > 0) {
    cpu.quota = Math.trunc((nanoCpus * cpuPeriodUs) / 1e9);
    cpu.period = cpuPeriodUs;
  }
  if (period !== 0) cpu.period = period;
  if (quota !== 0) cpu.quota = quota;
  if (r.cpusetCpus) cpu.cpus = r.cpusetCpus;
  if (r.cpusetMems) cpu.mems = r.cpusetMems;
  if (Object.keys(cpu).length > 0) out.cpu = cpu;

  // 0 and negative mean unlimited. moby writes -1 then, which crun 1.8 on
  // cgroup v1 hosts writes to pids.max verbatim and the kernel refuses; a
  // new cgroup is unlimited anyway, so the limit is left out.
  const limit = int(r.pidsLimit ?? 0, 'pids limit');
  if (limit > 0) out.pids = { limit };

  const weight = int(r.blkioWeight, 'blkio weight');
  if (weight !== 0 && (weight < 10 || weight > 1000)) {
    throw new InvalidArgument('Range of blkio weight is from 10 to 1000');
  }
  const blockIO: NonNullable<OciResources['blockIO']> = {};
  if (weight > 0) blockIO.weight = weight;
  if (r.deviceReadBps?.length) blockIO.throttleReadBpsDevice = r.deviceReadBps.map(throttle);
  if (r.deviceWriteBps?.length) blockIO.throttleWriteBpsDevice = r.deviceWriteBps.map(throttle);
  if (Object.keys(blockIO).length > 0) out.blockIO = blockIO;
  return out;
}

function throttle(d: ThrottleDevice): OciThrottleDevice {
  const [major, minor, rate] = [int(d.major, 'device major'), int(d.minor, 'device minor'), int(d.rate, 'device rate')];
  if (major < 0 || minor < 0 || rate < 0) throw new InvalidArgument(`invalid throttle device ${major}:${minor} ${rate}`);
  return { major, minor, rate };
}

// netavark, the network stack Podman uses: given a network namespace and
// the networks it joins (addresses chosen by the caller), it makes the
// bridge, the veth pair, the NAT and port-forwarding rules, and keeps
// aardvark-dns answering for the containers' names. Runs are serialized
// machine-wide with flock, as netavark's own iptables steps (check a chain,
// then add to it) race with a concurrent run from another daemon.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Internal } from '../common/index.js';
import { runTool, ToolError } from './tool.js';

export interface NetavarkNetwork {
  name: string;
  id: string;
  driver: 'bridge';
  network_interface: string;
  subnets: { subnet: string; gateway: string }[];
  ipv6_enabled: false;
  internal: boolean;
  dns_enabled: boolean;
  options: Record<string, string>;
}

export interface NetavarkEndpoint {
  static_ips: string[];
  aliases: string[];
  interface_name: string;
  static_mac?: string;
}

export interface NetavarkPortMapping {
  host_ip: string;
  container_port: number;
  host_port: number;
  range: number;
  protocol: string;
}

/** What setup and teardown take: the container and the networks to join or leave (by network name). */
export interface NetavarkRequest {
  container_id: string;
  container_name: string;
  port_mappings: NetavarkPortMapping[];
  networks: Record<string, NetavarkEndpoint>;
  network_info: Record<string, NetavarkNetwork>;
}

/** Per network name: the interfaces made, with their MAC and addresses. */
export type NetavarkStatus = Record<string, { interfaces: Record<string, { mac_address: string; subnets?: { ipnet: string; gateway?: string }[] }> }>;

export interface NetavarkOptions {
  /** Where netavark keeps aardvark-dns's configuration: one per daemon. */
  configDir: string;
  /** The machine-wide lock file. */
  lockFile: string;
  flock: string;
  netavark: string;
  aardvarkDns: string;
}

export class Netavark {
  constructor(private readonly opts: NetavarkOptions) {}

  async setup(netns: string, request: NetavarkRequest): Promise<NetavarkStatus> {
    await mkdir(this.opts.configDir, { recursive: true, mode: 0o700 });
    return JSON.parse(await this.run('setup', netns, request)) as NetavarkStatus;
  }

  async teardown(netns: string, request: NetavarkRequest): Promise<void> {
    await mkdir(this.opts.configDir, { recursive: true, mode: 0o700 });
    await this.run('teardown', netns, request);
  }

  /** Runs a command under the machine-wide lock, for the firewall cleanup that must not interleave with netavark. */
  async locked(program: string, args: string[], input?: string): Promise<string> {
    // A minimal system may lack /run/lock.
    await mkdir(dirname(this.opts.lockFile), { recursive: true, mode: 0o755 });
    // -o: the lock is not passed on to what the program leaves running (aardvark-dns).
    return runTool(this.opts.flock, ['-o', this.opts.lockFile, program, ...args], input);
  }

  private async run(command: 'setup' | 'teardown', netns: string, request: NetavarkRequest): Promise<string> {
    const { netavark, configDir, aardvarkDns } = this.opts;
    try {
      return await this.locked(netavark, ['--config', configDir, '-a', aardvarkDns, command, netns], JSON.stringify(request));
    } catch (err) {
      // netavark reports its error as {"error": "..."} on stdout.
      const reported = err instanceof ToolError ? reportedError(err.stdout) : undefined;
      if (reported !== undefined) throw new Internal(`netavark: ${reported}`, { cause: err });
      throw err;
    }
  }
}

function reportedError(stdout: string): string | undefined {
  try {
    const parsed = JSON.parse(stdout) as { error?: unknown };
    return typeof parsed.error === 'string' ? parsed.error : undefined;
  } catch {
    return undefined;
  }
}

// RUN's flags: `--mount` (checked here, parsed by the builder once
// expanded), `--network`, `--security` and `--device`, with BuildKit's
// checks in its order (devices, mounts, network, security).
import { InvalidArgument } from '../../common/index.js';
import { csvFields } from './csv.js';
import { parseFlags } from './flags.js';
import { parseGoBool } from './go-parse.js';
import { checkMount } from './mounts.js';
import { withSuggestion } from './suggest.js';
import { goQuote } from './text.js';
import type { EscapeChar, RunDevice, RunInstruction, RunNetwork, RunSecurity } from './types.js';

type RunFlags = Pick<RunInstruction, 'mounts' | 'network' | 'security' | 'devices'>;

const networks: readonly RunNetwork[] = ['default', 'none', 'host'];
const securities: readonly RunSecurity[] = ['sandbox', 'insecure'];

/** `--device=name[,required]` (`name=` may also be written). */
function parseDevice(spec: string): RunDevice {
  let fields: string[];
  try {
    fields = csvFields(spec);
  } catch (err) {
    throw new InvalidArgument(`failed to parse csv devices: ${(err as Error).message}`);
  }
  const device: RunDevice = { name: '', required: false };
  for (const field of fields) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    const value = field.slice(eq + 1);
    if (key === 'required') {
      const required = eq < 0 ? true : parseGoBool(value);
      if (required === undefined) throw new InvalidArgument(`invalid value for ${key}: ${value}`);
      device.required = required;
    } else if (eq >= 0 && key === 'name') {
      if (device.name !== '') throw new InvalidArgument(`device name already set to ${device.name}`);
      device.name = value;
    } else if (device.name === '') {
      // CDI names may hold `=`: the first field that is no option is the name.
      device.name = field;
    } else if (eq < 0) throw new InvalidArgument(`invalid field '${field}' must be a key=value pair`);
    else throw new InvalidArgument(withSuggestion(`unexpected key '${key}' in '${field}'`, key, ['name', 'required'], true));
  }
  return device;
}

export function runFlags(written: readonly string[], escape: EscapeChar): RunFlags {
  const flags = parseFlags(written, { mount: 'strings', network: 'string', security: 'string', device: 'strings' });
  const devices = flags.strings('device').map(parseDevice);
  const mounts = flags.strings('mount');
  for (const mount of mounts) checkMount(mount, escape);
  const networkValue = flags.string('network') ?? 'default';
  const network = networks.find((n) => n === networkValue);
  if (network === undefined) throw new InvalidArgument(`invalid network mode ${goQuote(networkValue)}`);
  const securityValue = flags.string('security') ?? 'sandbox';
  const security = securities.find((s) => s === securityValue);
  if (security === undefined) throw new InvalidArgument(`security ${goQuote(securityValue)} is not valid`);
  return { mounts, network, security, devices };
}

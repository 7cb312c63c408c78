// `cais info`: the client and server sections in docker's layout
// (cli/command/system/info.go), or the user's --format over the daemon's
// /info JSON plus the client's details.
import type { CliContext } from '../cli-context.js';
import { StatusError, errorText } from '../errors.js';
import type { ParsedFlags } from '../flags.js';
import { parseFormat, templateFailure } from '../format/formatter.js';
import { GoMap, GoStruct, type GoValue, formatValue } from '../format/go-value.js';
import { type Json, list, number, object as obj, string as text } from '../format/json-fields.js';
import { bytesSize } from '../format/units.js';
import { cliVersion } from '../version-info.js';
import { clientSection } from './version.js';


/** Go's fmt.Println of a value (zero values for missing fields). */
function show(v: unknown, zero: string): string {
  return v === undefined || v === null ? zero : formatValue(v as GoValue);
}

/** docker's clientInfo: the client's version details plus debug mode, plugins and warnings. */
function clientInfo(debug: boolean): GoStruct {
  const version = clientSection('');
  const fields = version.fields.filter((f) => f.name !== 'APIVersion');
  return new GoStruct('*system.clientInfo', [
    { name: 'Debug', value: debug },
    { name: 'clientVersion', value: new GoStruct('system.clientVersion', fields), embedded: true },
    { name: 'Plugins', value: [] },
    { name: 'Warnings', value: null },
  ]);
}

function printClient(lines: string[], debug: boolean): void {
  lines.push('Client:', ` Version:    ${cliVersion()}`, ' Context:    default', ` Debug Mode: ${debug}`);
}

/** docker's prettyPrintServerInfo, for the fields a cais daemon reports (and any others it sends). */
function printServer(lines: string[], info: Json, debug: boolean, warnings: string[]): void {
  const add = (label: string, value: unknown, zero = ''): void => {
    lines.push(`${label} ${show(value, zero)}`);
  };
  const addNonEmpty = (label: string, value: unknown): void => {
    if (text(value) !== '') lines.push(`${label} ${text(value)}`);
  };
  add(' Containers:', info.Containers, '0');
  add('  Running:', info.ContainersRunning, '0');
  add('  Paused:', info.ContainersPaused, '0');
  add('  Stopped:', info.ContainersStopped, '0');
  add(' Images:', info.Images, '0');
  addNonEmpty(' Server Version:', info.ServerVersion);
  addNonEmpty(' Storage Driver:', info.Driver);
  for (const pair of list(info.DriverStatus)) lines.push(`  ${text(list(pair)[0])}: ${text(list(pair)[1])}`);
  for (const pair of list(info.SystemStatus)) lines.push(` ${text(list(pair)[0])}: ${text(list(pair)[1])}`);
  addNonEmpty(' Logging Driver:', info.LoggingDriver);
  addNonEmpty(' Cgroup Driver:', info.CgroupDriver);
  addNonEmpty(' Cgroup Version:', info.CgroupVersion);
  const plugins = obj(info.Plugins);
  const names = (k: string): string => list(plugins[k]).map(text).join(' ');
  lines.push(' Plugins:', `  Volume: ${names('Volume')}`, `  Network: ${names('Network')}`);
  if (list(plugins.Authorization).length > 0) lines.push(`  Authorization: ${names('Authorization')}`);
  lines.push(`  Log: ${names('Log')}`);
  if (list(info.CDISpecDirs).length > 0) lines.push(' CDI spec directories:', ...list(info.CDISpecDirs).map((d) => `  ${text(d)}`));
  const swarm = obj(info.Swarm);
  const state = text(swarm.LocalNodeState);
  lines.push(` Swarm: ${state}`);
  if (state !== 'inactive' && state !== 'locked') {
    lines.push(`  NodeID: ${text(swarm.NodeID)}`);
    if (text(swarm.Error) !== '') lines.push(`  Error: ${text(swarm.Error)}`);
    lines.push(`  Is Manager: ${swarm.ControlAvailable === true}`, `  Node Address: ${text(swarm.NodeAddr)}`);
  }
  const runtimes = Object.keys(obj(info.Runtimes));
  if (runtimes.length > 0) lines.push(` Runtimes: ${runtimes.join(' ')}`, ` Default Runtime: ${text(info.DefaultRuntime)}`);
  if (info.OSType === 'linux') {
    lines.push(
      ` Init Binary: ${text(info.InitBinary)}`,
      ` containerd version: ${text(obj(info.ContainerdCommit).ID)}`,
      ` runc version: ${text(obj(info.RuncCommit).ID)}`,
      ` init version: ${text(obj(info.InitCommit).ID)}`,
    );
    const security = list(info.SecurityOptions).map(text);
    if (security.length > 0) {
      lines.push(' Security Options:');
      for (const option of security) {
        // "name=seccomp,profile=builtin"
        const kv = Object.fromEntries(option.split(',').map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
        lines.push(`  ${kv.name ?? option}`);
        if (kv.profile !== undefined) lines.push(`   Profile: ${kv.profile}`);
      }
    }
  }
  addNonEmpty(' Kernel Version:', info.KernelVersion);
  addNonEmpty(' Operating System:', info.OperatingSystem);
  addNonEmpty(' OSType:', info.OSType);
  addNonEmpty(' Architecture:', info.Architecture);
  add(' CPUs:', info.NCPU, '0');
  lines.push(` Total Memory: ${bytesSize(number(info.MemTotal))}`);
  addNonEmpty(' Name:', info.Name);
  addNonEmpty(' ID:', info.ID);
  add(' Docker Root Dir:', info.DockerRootDir);
  add(' Debug Mode:', info.Debug, 'false');
  if (info.Debug === true || debug) {
    add('  File Descriptors:', info.NFd, '0');
    add('  Goroutines:', info.NGoroutines, '0');
    add('  System Time:', info.SystemTime);
    add('  EventsListeners:', info.NEventsListener, '0');
  }
  addNonEmpty(' HTTP Proxy:', info.HttpProxy);
  addNonEmpty(' HTTPS Proxy:', info.HttpsProxy);
  addNonEmpty(' No Proxy:', info.NoProxy);
  if (list(info.Labels).length > 0) lines.push(' Labels:', ...list(info.Labels).map((l) => `  ${text(l)}`));
  add(' Experimental:', info.ExperimentalBuild, 'false');
  const registry = obj(info.RegistryConfig);
  const insecure = list(registry.InsecureRegistryCIDRs).map(text);
  const indexes = Object.values(obj(registry.IndexConfigs)).map(obj);
  if (insecure.length > 0 || indexes.length > 0) {
    lines.push(' Insecure Registries:');
    for (const index of indexes) if (index.Secure !== true) lines.push(`  ${text(index.Name)}`);
    for (const cidr of insecure) lines.push(`  ${cidr}`);
  }
  const mirrors = list(registry.Mirrors).map(text);
  if (mirrors.length > 0) lines.push(' Registry Mirrors:', ...mirrors.map((m) => `  ${m}`));
  add(' Live Restore Enabled:', info.LiveRestoreEnabled, 'false');
  if (text(info.ProductLicense) !== '') lines.push(` Product License: ${text(info.ProductLicense)}`);
  const pools = list(info.DefaultAddressPools).map(obj);
  if (pools.length > 0) lines.push(' Default Address Pools:', ...pools.map((p) => `   Base: ${text(p.Base)}, Size: ${show(p.Size, '0')}`));
  lines.push('');
  warnings.push(...list(info.Warnings).map(text));
}

/** docker's needsServerInfo: whether a --format uses more than the client's details. */
function needsServer(format: string, client: GoStruct): boolean {
  if (!/\.[a-zA-Z]/.test(format)) return true;
  try {
    const sparse = new GoStruct('system.sparseInfo', [
      { name: 'ClientInfo', value: client, omitEmpty: true },
      { name: 'ClientErrors', value: null, omitEmpty: true },
    ]);
    parseFormat(format).execute(sparse);
    return false;
  } catch {
    return true;
  }
}

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const format = flags.values.get('format') as string;
  const debug = cli.options.debug;
  const client = clientInfo(debug);
  let info: Json | undefined;
  let failure: unknown;
  if (format === '' || needsServer(format === 'json' ? '{{json .}}' : format, client)) {
    try {
      info = obj(await (await cli.client()).info());
    } catch (err) {
      failure = err;
    }
  }
  if (format === '') {
    const lines: string[] = [];
    const warnings: string[] = [];
    printClient(lines, debug);
    lines.push('', 'Server:');
    if (info) printServer(lines, info, debug, warnings);
    cli.out(lines.join('\n') + '\n');
    if (warnings.length > 0) cli.err(warnings.join('\n') + '\n');
    if (failure !== undefined) throw failure;
    return;
  }
  const template = parseFormat(format === 'json' ? '{{json .}}' : format, 64);
  if (failure !== undefined) cli.err(errorText(failure) + '\n');
  // The server's fields at the top level (docker embeds system.Info), then the client's.
  const entries: Record<string, GoValue> = { ...(info as Record<string, GoValue> | undefined), ClientInfo: client };
  let output: string;
  try {
    output = template.execute(new GoMap('system.dockerInfo', entries, ''));
  } catch (err) {
    throw templateFailure(err);
  }
  cli.out(output + '\n');
  if (failure !== undefined) throw new StatusError('');
}

// Containers as docker's formatter prints them (formatter/container.go's
// ContainerContext), for `system df -v`; the columns `ps` will need too.
import { shortId } from '../../common/index.js';
import { ellipsis } from './display-width.js';
import { type RowMethods, formatterRow } from './formatter.js';
import { GoNil, type GoStruct, GoTime, type GoValue } from './go-value.js';
import { formatGoTime } from './go-time.js';
import { quoteGo } from './go-printf.js';
import { type Json, number, object, string, strings } from './json-fields.js';
import { humanSizeWithPrecision, timeAgo } from './units.js';

export const containerHeader: Record<string, string> = {
  ID: 'CONTAINER ID',
  Names: 'NAMES',
  Image: 'IMAGE',
  Command: 'COMMAND',
  CreatedAt: 'CREATED AT',
  RunningFor: 'CREATED',
  Ports: 'PORTS',
  State: 'STATE',
  Status: 'STATUS',
  Size: 'SIZE',
  Labels: 'LABELS',
  Mounts: 'MOUNTS',
  LocalVolumes: 'LOCAL VOLUMES',
  Networks: 'NETWORKS',
  Platform: 'PLATFORM',
};

/** Running, paused and restarting containers count as active (in use). */
export function isActiveContainer(c: Json): boolean {
  const state = string(c.State);
  return state.includes('running') || state.includes('paused') || state.includes('restarting');
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** docker's DisplayablePorts: "0.0.0.0:80->8080/tcp, 9000-9001/tcp", consecutive ports grouped. */
export function displayablePorts(ports: Json[]): string {
  const sorted = [...ports].sort(
    (a, b) =>
      number(a.PrivatePort) - number(b.PrivatePort) ||
      compare(string(a.IP), string(b.IP)) ||
      number(a.PublicPort) - number(b.PublicPort) ||
      compare(string(a.Type), string(b.Type)),
  );
  const groups = new Map<string, { first: number; last: number }>();
  const result: string[] = [];
  const hostMappings: string[] = [];
  const hostPort = (ip: string, port: string): string => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);
  const form = (key: string, first: number, last: number): string => {
    const [ipOrType, type] = key.split('/') as [string, string | undefined];
    const range = first === last ? String(first) : `${first}-${last}`;
    return type === undefined ? `${range}/${ipOrType}` : `${hostPort(ipOrType, range)}->${range}/${type}`;
  };
  for (const p of sorted) {
    const current = number(p.PrivatePort);
    const ip = string(p.IP);
    let key = string(p.Type);
    if (ip !== '') {
      if (number(p.PublicPort) !== current) {
        hostMappings.push(`${hostPort(ip, String(number(p.PublicPort)))}->${current}/${string(p.Type)}`);
        continue;
      }
      key = `${ip}/${string(p.Type)}`;
    }
    const group = groups.get(key);
    if (!group) groups.set(key, { first: current, last: current });
    else if (current === group.last + 1) group.last = current;
    else {
      result.push(form(key, group.first, group.last));
      groups.set(key, { first: current, last: current });
    }
  }
  for (const [key, g] of groups) result.push(form(key, g.first, g.last));
  return [...result, ...hostMappings].join(', ');
}

interface ContainerRowData {
  c: Json;
  trunc: boolean;
}

const mounts = (c: Json): Json[] => (Array.isArray(c.Mounts) ? c.Mounts.map(object) : []);

/** Labels as "k=v" pairs joined with commas. */
export function labelList(labels: unknown, sorted: boolean): string {
  const o = object(labels);
  const pairs = Object.keys(o).map((k) => `${k}=${string(o[k])}`);
  return (sorted ? pairs.sort() : pairs).join(',');
}

/** docker's ContainerContext methods. */
const containerMethods: RowMethods<ContainerRowData> = {
  ID: ({ c, trunc }) => (trunc ? shortId(string(c.Id)) : string(c.Id)),
  Names: ({ c, trunc }) => {
    const names = strings(c.Names).map((n) => n.replace(/^\//, ''));
    // Truncated, only the first name that is not a legacy link ("/other/link").
    return trunc ? (names.find((n) => !n.includes('/')) ?? '') : names.join(',');
  },
  Image: ({ c, trunc }) => {
    const image = string(c.Image);
    if (image === '') return '<no image>';
    if (!trunc || shortId(string(c.ImageID)) !== shortId(image)) return image;
    return shortId(image);
  },
  Command: ({ c, trunc }) => quoteGo(trunc ? ellipsis(string(c.Command), 20) : string(c.Command)),
  CreatedAt: ({ c }) => formatGoTime(new GoTime(number(c.Created) * 1000)),
  RunningFor: ({ c }) => timeAgo(number(c.Created)),
  Ports: ({ c }) => displayablePorts(Array.isArray(c.Ports) ? c.Ports.map(object) : []),
  State: ({ c }) => string(c.State),
  Status: ({ c }) => string(c.Status),
  Size: ({ c }) => {
    const rw = humanSizeWithPrecision(number(c.SizeRw), 3);
    return number(c.SizeRootFs) > 0 ? `${rw} (virtual ${humanSizeWithPrecision(number(c.SizeRootFs), 3)})` : rw;
  },
  Labels: ({ c }) => labelList(c.Labels, true),
  Mounts: ({ c, trunc }) =>
    mounts(c)
      .map((m) => string(m.Name) || string(m.Source))
      .map((n) => (trunc ? ellipsis(n, 15) : n))
      .join(','),
  LocalVolumes: ({ c }) => String(mounts(c).filter((m) => string(m.Driver) === 'local').length),
  Networks: ({ c }) => Object.keys(object(object(c.NetworkSettings).Networks)).join(','),
  Platform: ({ c }) => {
    const platform = object(c.ImageManifestDescriptor).platform;
    return platform === undefined ? new GoNil('pointer', '*formatter.Platform') : (platform as GoValue);
  },
};

export function containerRow(c: Json, trunc: boolean): GoStruct {
  return formatterRow('*formatter.ContainerContext', containerMethods, { c, trunc });
}

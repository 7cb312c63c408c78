// Networks as docker's formatter prints them (cli/command/network/formatter.go).
import { shortId } from '../../common/index.js';
import { type RowMethods, formatterRow } from './formatter.js';
import type { GoStruct } from './go-value.js';
import { formatGoTime } from './go-time.js';
import { goTime } from './image-inspect-view.js';
import { labelList } from './container-rows.js';
import { type Json, boolean, string } from './json-fields.js';

export const networkHeader: Record<string, string> = {
  ID: 'NETWORK ID',
  Name: 'NAME',
  Driver: 'DRIVER',
  Scope: 'SCOPE',
  IPv4: 'IPV4',
  IPv6: 'IPV6',
  Internal: 'INTERNAL',
  Labels: 'LABELS',
  CreatedAt: 'CREATED AT',
};

interface NetworkRowData {
  n: Json;
  trunc: boolean;
}

/** docker's networkContext methods. */
const networkMethods: RowMethods<NetworkRowData> = {
  ID: ({ n, trunc }) => (trunc ? shortId(string(n.Id)) : string(n.Id)),
  Name: ({ n }) => string(n.Name),
  Driver: ({ n }) => string(n.Driver),
  Scope: ({ n }) => string(n.Scope),
  IPv4: ({ n }) => String(boolean(n.EnableIPv4)),
  IPv6: ({ n }) => String(boolean(n.EnableIPv6)),
  Internal: ({ n }) => String(boolean(n.Internal)),
  // Docker joins them in Go's (random) map order; the daemon's order here.
  Labels: ({ n }) => labelList(n.Labels, false),
  CreatedAt: ({ n }) => formatGoTime(goTime(n.Created)),
};

export function networkRow(n: Json, trunc: boolean): GoStruct {
  return formatterRow('*network.networkContext', networkMethods, { n, trunc });
}

/** docker's network NewFormat. */
export function networkFormat(source: string, quiet: boolean): string {
  if (source === 'table' || source === '') return quiet ? '{{.ID}}' : 'table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}';
  if (source === 'raw') return quiet ? 'network_id: {{.ID}}' : 'network_id: {{.ID}}\nname: {{.Name}}\ndriver: {{.Driver}}\nscope: {{.Scope}}\n';
  return source;
}

// Namespaces as moby's WithNamespaces sets them: a new namespace of each kind
// by default, none (shared with the host) for `host`, and a path to join for
// a namespace owned by something else (another container, a netns file).
import { defaultNamespaces } from './defaults.js';
import type { NamespaceType, OciNamespace } from './oci-runtime-config.js';
import type { NamespaceSetting, NamespaceSettings } from './settings.js';

export function buildNamespaces(s: NamespaceSettings): OciNamespace[] {
  const namespaces = defaultNamespaces();
  const apply = (type: NamespaceType, setting: NamespaceSetting | 'none' | undefined) => {
    const i = namespaces.findIndex((n) => n.type === type);
    if (setting === 'host') {
      if (i >= 0) namespaces.splice(i, 1);
      return;
    }
    const ns: OciNamespace = typeof setting === 'object' ? { type, path: setting.path } : { type };
    if (i >= 0) namespaces[i] = ns;
    else namespaces.push(ns);
  };
  apply('network', s.network);
  apply('ipc', s.ipc);
  apply('pid', s.pid);
  apply('uts', s.uts);
  if (s.cgroup === 'private') apply('cgroup', 'private');
  return namespaces;
}

/** Docker's network sysctls only go into a network namespace of the container's own. */
export function ownsNetworkNamespace(s: NamespaceSettings): boolean {
  const n = s.network;
  return n === undefined || n === 'none' || (typeof n === 'object' && n.private === true);
}

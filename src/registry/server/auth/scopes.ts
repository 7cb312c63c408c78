// Access to a registry's resources as Docker's token spec names it:
// `repository:<name>:pull,push`, `registry:catalog:*`. A scope's name may
// hold colons (the spec's grammar), so the type ends at the first colon and
// the actions start after the last.
import { isRepositoryName } from '../names.js';

export type ResourceType = 'repository' | 'registry';

export interface ResourceActions {
  type: ResourceType;
  name: string;
  actions: string[];
}

/** One action on one resource: what a request needs. */
export interface Access {
  type: ResourceType;
  name: string;
  action: string;
}

export const catalogAccess: Access = { type: 'registry', name: 'catalog', action: '*' };

/** Parses one `scope` parameter (several may be space-separated); what cannot be granted is left out. */
export function parseScopes(value: string): ResourceActions[] {
  const out: ResourceActions[] = [];
  for (const scope of value.split(' ').filter((s) => s !== '')) {
    const first = scope.indexOf(':');
    const last = scope.lastIndexOf(':');
    if (first <= 0 || last === first) continue;
    const type = scope.slice(0, first);
    const name = scope.slice(first + 1, last);
    const actions = scope.slice(last + 1).split(',').filter((a) => a !== '');
    if (type === 'repository' && isRepositoryName(name)) out.push({ type, name, actions });
    else if (type === 'registry' && name === 'catalog') out.push({ type, name, actions });
  }
  return out;
}

export function formatScope(access: ResourceActions): string {
  return `${access.type}:${access.name}:${access.actions.join(',')}`;
}

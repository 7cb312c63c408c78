// Who may do what in token mode (--token-acl FILE): a JSON array of
//   {"account": "alice", "name": "team/*", "actions": ["pull", "push"]}
// where `account` is a user of the htpasswd file or "*" (anyone, also
// anonymous clients), `name` a repository name in which `*` matches any
// characters (`/` too), `actions` any of "pull", "push", "delete" or "*"
// (all), and `type` is "repository" (the default) or "registry" (with
// name "catalog": may list the catalog). Entries add up.
import { readFile, stat } from 'node:fs/promises';
import type { ResourceActions, ResourceType } from './scopes.js';

const maxFileBytes = 1 << 20;
const actionsOf: Record<ResourceType, string[]> = { repository: ['pull', 'push', 'delete'], registry: ['*'] };

interface AccessRule {
  account: string;
  type: ResourceType;
  name: RegExp;
  actions: string[];
}

function globPattern(glob: string): RegExp {
  return new RegExp(`^${glob.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('.*')}$`);
}

export class AccessList {
  private constructor(private readonly rules: AccessRule[]) {}

  static async load(path: string): Promise<AccessList> {
    const { size } = await stat(path);
    if (size > maxFileBytes) throw new Error(`token ACL ${path}: larger than ${maxFileBytes} bytes`);
    let json: unknown;
    try {
      json = JSON.parse(await readFile(path, 'utf8'));
    } catch (err) {
      throw new Error(`token ACL ${path}: invalid JSON: ${(err as Error).message}`);
    }
    return AccessList.parse(json, `token ACL ${path}`);
  }

  static parse(json: unknown, what: string): AccessList {
    if (!Array.isArray(json)) throw new Error(`${what}: expected an array of {account, name, actions}`);
    const rules = json.map((entry: unknown, n): AccessRule => {
      const e = entry as { account?: unknown; type?: unknown; name?: unknown; actions?: unknown } | null;
      const where = `${what}, entry ${n}`;
      if (typeof e !== 'object' || e === null) throw new Error(`${where}: expected an object`);
      const type = e.type ?? 'repository';
      if (type !== 'repository' && type !== 'registry') throw new Error(`${where}: type must be "repository" or "registry"`);
      if (typeof e.account !== 'string' || e.account === '') throw new Error(`${where}: account must be a user name or "*"`);
      if (typeof e.name !== 'string' || e.name === '') throw new Error(`${where}: name must be a repository name or pattern`);
      const known = [...actionsOf[type], '*'];
      if (!Array.isArray(e.actions) || !e.actions.every((a): a is string => typeof a === 'string' && known.includes(a))) {
        throw new Error(`${where}: actions must be a list of ${known.join(', ')}`);
      }
      const actions = e.actions.includes('*') ? actionsOf[type] : e.actions;
      return { account: e.account, type, name: globPattern(e.name), actions };
    });
    return new AccessList(rules);
  }

  /** The requested actions `account` (undefined: anonymous) may do: the intersection of requested and allowed. */
  grant(account: string | undefined, requested: ResourceActions): ResourceActions {
    const allowed = new Set<string>();
    for (const rule of this.rules) {
      if (rule.type !== requested.type || !rule.name.test(requested.name)) continue;
      if (rule.account !== '*' && rule.account !== account) continue;
      for (const action of rule.actions) allowed.add(action);
    }
    return { ...requested, actions: [...new Set(requested.actions)].filter((a) => allowed.has(a)) };
  }
}

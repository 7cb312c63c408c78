// The container's user from its `User` setting (name|uid[:group|gid]) and
// the image's /etc/passwd and /etc/group, as runc's libcontainer/user
// GetExecUser resolves it: names must exist in those files, numbers need
// not; supplementary groups come from /etc/group unless a group is given.
import { readFileSync } from 'node:fs';
import { InvalidArgument } from '../../common/index.js';
import { resolveInRoot } from './in-root.js';

export interface ExecUser {
  uid: number;
  gid: number;
  additionalGids: number[];
}

const maxId = 2 ** 31 - 1;
// /etc/passwd and /etc/group of any real image fit easily.
const maxFileBytes = 4 * 1024 * 1024;

function readEntries(root: string, path: string): string[][] {
  let text: string;
  try {
    const buf = readFileSync(resolveInRoot(root, path));
    text = buf.subarray(0, maxFileBytes).toString('utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split(':'));
}

function numeric(text: string): number | undefined {
  if (!/^[0-9]+$/.test(text)) return undefined;
  const n = Number(text);
  return n <= maxId ? n : undefined;
}

export function resolveUser(root: string, spec: string, groupAdd: readonly string[] = []): ExecUser {
  const colon = spec.indexOf(':');
  const userArg = colon < 0 ? spec : spec.slice(0, colon);
  const groupArg = colon < 0 ? '' : spec.slice(colon + 1);
  const passwd = readEntries(root, '/etc/passwd');
  const groups = readEntries(root, '/etc/group');

  let uid = 0;
  let gid = 0;
  let name = 'root';
  const wanted = userArg === '' ? '0' : userArg;
  const uidNumber = numeric(wanted);
  const entry = passwd.find((e) => e[0] === wanted || (uidNumber !== undefined && numeric(e[2] ?? '') === uidNumber));
  if (entry !== undefined) {
    name = entry[0] ?? '';
    uid = numeric(entry[2] ?? '') ?? 0;
    gid = numeric(entry[3] ?? '') ?? 0;
  } else if (uidNumber !== undefined) {
    uid = uidNumber;
    name = '';
  } else {
    throw new InvalidArgument(`unable to find user ${wanted}: no matching entries in passwd file`);
  }

  let additionalGids: number[] = [];
  if (groupArg !== '') {
    const gidNumber = numeric(groupArg);
    const group = groups.find((g) => g[0] === groupArg || (gidNumber !== undefined && numeric(g[2] ?? '') === gidNumber));
    if (group !== undefined) gid = numeric(group[2] ?? '') ?? 0;
    else if (gidNumber !== undefined) gid = gidNumber;
    else throw new InvalidArgument(`unable to find group ${groupArg}: no matching entries in group file`);
  } else if (name !== '') {
    additionalGids = groups.filter((g) => (g[3] ?? '').split(',').includes(name)).map((g) => numeric(g[2] ?? '') ?? 0);
  }
  for (const extra of groupAdd) {
    const n = numeric(extra);
    const group = groups.find((g) => g[0] === extra || (n !== undefined && numeric(g[2] ?? '') === n));
    if (group !== undefined) additionalGids.push(numeric(group[2] ?? '') ?? 0);
    else if (n !== undefined) additionalGids.push(n);
    else throw new InvalidArgument(`Unable to find group ${extra}: no matching entries in group file`);
  }
  return { uid, gid, additionalGids: [...new Set(additionalGids)].filter((g) => g !== gid) };
}

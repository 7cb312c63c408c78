// The host's network state a test must leave as it found it: interfaces,
// network namespace mounts and the iptables rules (counters and timestamps
// left out), as one comparable text.
import { readFile } from 'node:fs/promises';
import { runOk } from './exec.js';

export async function hostNetworkState(): Promise<string> {
  const links = (await runOk('ip', ['-o', 'link', 'show']))
    .split('\n')
    .map((l) => l.split(':')[1]?.trim().split('@')[0] ?? '')
    .filter(Boolean)
    .sort();
  const nsfs = (await readFile('/proc/self/mountinfo', 'utf8')).split('\n').filter((l) => l.includes(' - nsfs ')).map((l) => l.split(' ')[4]);
  const rules = (table: string) => runOk('iptables-save', ['-t', table]).then((t) => t.split('\n').filter((l) => l !== '' && !l.startsWith('#')).map((l) => l.replace(/\[\d+:\d+\]/, '')));
  return [
    `links: ${links.join(' ')}`,
    `netns mounts: ${nsfs.sort().join(' ')}`,
    ...(await rules('filter')),
    ...(await rules('nat')),
  ].join('\n');
}

// The mounts a container's run gets from its settings, in the runtime's terms.
import type { RuntimeMount } from '../../runtime/index.js';
import type { StoredSettings } from './container-store.js';

export function containerMounts(s: StoredSettings): RuntimeMount[] {
  const tmpfs = Object.entries(s.HostConfig.Tmpfs ?? {}).map(
    ([destination, options]): RuntimeMount => ({ type: 'tmpfs', destination, options: options === '' ? [] : options.split(',') }),
  );
  return tmpfs;
}

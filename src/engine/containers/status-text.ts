// The Status column of a container list (moby container.State.String), with
// go-units' HumanDuration.
import { humanDuration } from '../../spec/index.js';
import type { ContainerStateRecord } from './container-store.js';

export function statusText(state: ContainerStateRecord, now: number): string {
  switch (state.status) {
    case 'running':
    case 'paused':
    case 'restarting': {
      if (state.status === 'restarting') return `Restarting (${state.exitCode}) ${humanDuration(now - (state.finishedAt ?? now))} ago`;
      const up = `Up ${humanDuration(now - (state.startedAt ?? now))}`;
      return state.status === 'paused' ? `${up} (Paused)` : up;
    }
    case 'removing':
      return 'Removal In Progress';
    case 'dead':
      return 'Dead';
    default:
      if (state.startedAt === null) return 'Created';
      if (state.finishedAt === null) return '';
      return `Exited (${state.exitCode}) ${humanDuration(now - state.finishedAt)} ago`;
  }
}

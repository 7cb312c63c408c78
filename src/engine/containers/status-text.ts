// The Status column of a container list (moby container.State.String), with
// go-units' HumanDuration and a running container's health.
import { humanDuration, type Health } from '../../spec/index.js';
import type { ContainerStateRecord } from './container-store.js';

export function statusText(state: ContainerStateRecord, now: number, health: Health | null = null): string {
  switch (state.status) {
    case 'running':
    case 'paused':
    case 'restarting': {
      if (state.status === 'restarting') return `Restarting (${state.exitCode}) ${humanDuration(now - (state.finishedAt ?? now))} ago`;
      const up = `Up ${humanDuration(now - (state.startedAt ?? now))}`;
      if (state.status === 'paused') return `${up} (Paused)`;
      if (health === null) return up;
      return `${up} (${health.Status === 'starting' ? 'health: starting' : health.Status})`;
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

// The Status column of a container list (moby container.State.String), with
// go-units' HumanDuration.
import type { ContainerStateRecord } from './container-store.js';

/** go-units HumanDuration, for a duration in ms. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.trunc(ms / 3_600_000 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(ms / 3_600_000 / 24 / 365)} years`;
}

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

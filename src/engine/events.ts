// The daemon's event bus (moby daemon/events): what happened to containers,
// images and volumes, fanned out to /events subscribers. The last events
// are kept in a ring, so a subscriber asking for `since` gets those first.
import type { EventMessage, EventType, Filters } from '../spec/index.js';
import { filterValues, matchLabels, parseTimestamp, validateFilters } from '../images/index.js';

/** An event with its exact time in nanoseconds (timeNano overflows a double's precision). */
export interface DaemonEvent {
  message: EventMessage;
  nanos: bigint;
}

const ringSize = 256;
const acceptedFilters = ['container', 'event', 'image', 'label', 'type', 'volume', 'scope', 'daemon', 'network', 'plugin'];

export class EventBus {
  private readonly ring: DaemonEvent[] = [];
  private readonly listeners = new Set<(e: DaemonEvent) => void>();
  private lastNanos = 0n;

  publish(type: EventType, action: string, id: string, attributes: Record<string, string> = {}): void {
    // Strictly increasing, so `since` never replays an event twice or skips one with the same clock reading.
    let nanos = BigInt(Date.now()) * 1_000_000n + (process.hrtime.bigint() % 1_000_000n);
    if (nanos <= this.lastNanos) nanos = this.lastNanos + 1n;
    this.lastNanos = nanos;
    const legacy = type === 'container' || type === 'image' ? { status: action, id, ...(attributes.image !== undefined ? { from: attributes.image } : {}) } : {};
    const message: EventMessage = {
      ...legacy,
      Type: type,
      Action: action,
      Actor: { ID: id, Attributes: attributes },
      scope: 'local',
      time: Number(nanos / 1_000_000_000n),
      timeNano: Number(nanos),
    };
    const event = { message, nanos };
    this.ring.push(event);
    if (this.ring.length > ringSize) this.ring.shift();
    for (const listener of this.listeners) listener(event);
  }

  /** The kept events from `sinceNanos` on, then every new one, to `listener` until the returned function is called. */
  subscribe(listener: (e: DaemonEvent) => void, sinceNanos?: bigint): () => void {
    if (sinceNanos !== undefined) for (const e of this.ring) if (e.nanos >= sinceNanos) listener(e);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** moby's events.Filter: which events a subscriber's filters let through. */
export function eventFilter(filters: Filters): (m: EventMessage) => boolean {
  validateFilters(filters, acceptedFilters);
  const exact = (key: string, value: string): boolean => {
    const values = filterValues(filters, key);
    return values.length === 0 || values.includes(value);
  };
  const fuzzy = (key: string, ...candidates: string[]): boolean => {
    const values = filterValues(filters, key);
    return values.length === 0 || candidates.some((c) => c !== '' && values.some((v) => c === v || c.startsWith(v)));
  };
  const stripTag = (ref: string): string => ref.replace(/:[^:/]*$/, '');
  return (m) => {
    const attrs = m.Actor.Attributes;
    const imageName = attrs[m.Type === 'image' ? 'name' : 'image'] ?? '';
    return (
      exact('type', m.Type) &&
      exact('event', m.Action) &&
      exact('scope', m.scope) &&
      fuzzy('container', m.Actor.ID, attrs.name ?? '') &&
      exact('volume', m.Actor.ID) &&
      (filterValues(filters, 'image').length === 0 || [m.Actor.ID, imageName, stripTag(m.Actor.ID), stripTag(imageName)].some((v) => exact('image', v))) &&
      matchLabels(filterValues(filters, 'label'), attrs)
    );
  };
}

/** A since/until value in nanoseconds: Unix seconds with up to nine decimals (as the docker CLI sends them), or what GetTimestamp takes. */
export function eventTime(value: string, now = Date.now()): bigint {
  const unix = /^(\d+)(?:\.(\d{1,9}))?$/.exec(value);
  if (unix) return BigInt(unix[1]!) * 1_000_000_000n + BigInt((unix[2] ?? '').padEnd(9, '0'));
  return BigInt(Math.round(parseTimestamp(value, now) * 1e6));
}

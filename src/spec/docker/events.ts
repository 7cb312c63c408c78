// GET /events: what happened to which object (moby api/types/events).
export type EventType = 'container' | 'image' | 'volume' | 'network' | 'daemon' | 'plugin' | 'node' | 'service' | 'secret' | 'config';

export interface EventMessage {
  /** Deprecated fields moby still sends for containers and images: the action, the id, the image. */
  status?: string;
  id?: string;
  from?: string;
  Type: EventType;
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  scope: 'local' | 'swarm';
  /** Seconds since the epoch. */
  time: number;
  timeNano: number;
}

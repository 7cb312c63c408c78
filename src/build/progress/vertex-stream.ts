// Progress as BuildKit reports it, for cais's own CLI: one vertex per step
// BuildKit shows (FROM an image, RUN, COPY, ADD, WORKDIR) and per piece of
// internal work, each announced with its name when it starts, then its
// logs, and completed (cached, or with an error). Steps BuildKit does not
// show (ENV, CMD...) send nothing.
import { buildVertexMessageId, type BuildVertexEvent, type JsonMessage } from '../../spec/index.js';
import type { BuildProgress, PlannedStep } from './progress.js';

const now = (): string => new Date().toISOString();

export class VertexStream implements BuildProgress {
  private steps: PlannedStep[] = [];
  /** The vertex of each step that has one, once started. */
  private readonly vertices = new Map<number, number>();
  private count = 0;

  constructor(private readonly write: (m: JsonMessage) => void) {}

  plan(steps: readonly PlannedStep[]): void {
    this.steps = [...steps];
  }

  started(step: number): void {
    const name = this.steps[step]?.vertex;
    if (name === undefined) return;
    this.vertices.set(step, this.announce(name));
  }

  cached(step: number): void {
    this.send(step, { cached: true });
  }

  output(step: number, data: Buffer): void {
    this.send(step, { log: data.toString('utf8') });
  }

  container(): void {
    // BuildKit shows no containers.
  }

  result(): void {
    // ...nor intermediate ids.
  }

  done(step: number): void {
    this.send(step, { completed: now() });
  }

  failed(step: number, message: string): void {
    this.send(step, { completed: now(), error: message });
  }

  async task<T>(name: string, fn: (status: (id: string, done?: boolean) => void) => Promise<T>): Promise<T> {
    const vertex = this.announce(name);
    const emit = (e: Omit<BuildVertexEvent, 'vertex'>) => this.event({ vertex, ...e });
    try {
      const result = await fn((id, done) => emit({ status: { id, ...(done ? { done } : {}) } }));
      emit({ completed: now() });
      return result;
    } catch (err) {
      emit({ completed: now(), error: (err as Error).message });
      throw err;
    }
  }

  warn(message: string): void {
    this.write({ stream: `[Warning] ${message}\n` });
  }

  built(): void {
    // The image id follows as the build's result message.
  }

  private announce(name: string): number {
    const vertex = ++this.count;
    this.event({ vertex, name, started: now() });
    return vertex;
  }

  private send(step: number, e: Omit<BuildVertexEvent, 'vertex'>): void {
    const vertex = this.vertices.get(step);
    if (vertex !== undefined) this.event({ vertex, ...e });
  }

  private event(e: BuildVertexEvent): void {
    this.write({ id: buildVertexMessageId, aux: e });
  }
}

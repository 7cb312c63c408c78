// What a build tells its client as it goes. The builder reports through
// this one interface; two streams render it: the classic builder's text
// (legacy-stream.ts, for the docker CLI) and BuildKit-like vertices
// (vertex-stream.ts, for cais's own CLI, `progress=cais`).

export interface PlannedStep {
  /** The instruction as written (continuations joined): "RUN make". */
  instruction: string;
  /** BuildKit's vertex name for the steps BuildKit shows (FROM an image, RUN, COPY, ADD, WORKDIR). */
  vertex?: string;
}

export interface BuildProgress {
  /** The steps the build runs, in Dockerfile order of the stages it builds; later calls name them by index. */
  plan(steps: readonly PlannedStep[]): void;
  started(step: number): void;
  cached(step: number): void;
  output(step: number, data: Buffer): void;
  /** A RUN container was made for the step / removed after it. */
  container(step: number, id: string, phase: 'running' | 'removed'): void;
  /** The step's result, by a short id. */
  result(step: number, id: string): void;
  done(step: number): void;
  failed(step: number, message: string): void;
  /** Work outside the steps ("[internal] load build context", "exporting to image"). */
  task<T>(name: string, fn: (status: (id: string, done?: boolean) => void) => Promise<T>): Promise<T>;
  warn(message: string): void;
  /** The build's image and the names it got. */
  built(imageId: string, tags: readonly string[]): void;
}

/** A short id as Docker prints them: 12 hex digits, no algorithm. */
export function shortHex(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

// The classic builder's output, which the docker CLI prints as it comes
// (DOCKER_BUILDKIT=0): "Step 2/9 : RUN make", " ---> Running in <id>", the
// command's output, " ---> Using cache", " ---> <id>", "Successfully
// built <id>", "Successfully tagged x:latest". Stages may build at once;
// their text still comes out in Dockerfile order: a step's text is held
// back until every step before it has finished.
import type { JsonMessage } from '../../spec/index.js';
import { shortHex, type BuildProgress, type PlannedStep } from './progress.js';

interface StepText {
  chunks: string[];
  finished: boolean;
}

export class LegacyStream implements BuildProgress {
  private steps: PlannedStep[] = [];
  private texts: StepText[] = [];
  /** The first step whose text is not all written yet. */
  private next = 0;

  /** quiet: no step text at all (the caller writes the image id at the end). */
  constructor(
    private readonly write: (m: JsonMessage) => void,
    private readonly quiet: boolean,
  ) {}

  plan(steps: readonly PlannedStep[]): void {
    this.steps = [...steps];
    this.texts = steps.map(() => ({ chunks: [], finished: false }));
  }

  started(step: number): void {
    this.add(step, `Step ${step + 1}/${this.steps.length} : ${this.steps[step]!.instruction}\n`);
  }

  cached(step: number): void {
    this.add(step, ' ---> Using cache\n');
  }

  output(step: number, data: Buffer): void {
    this.add(step, data.toString('utf8'));
  }

  container(step: number, id: string, phase: 'running' | 'removed'): void {
    this.add(step, phase === 'running' ? ` ---> Running in ${shortHex(id)}\n` : ` ---> Removed intermediate container ${shortHex(id)}\n`);
  }

  result(step: number, id: string): void {
    this.add(step, ` ---> ${shortHex(id)}\n`);
  }

  done(step: number): void {
    const text = this.texts[step];
    if (text === undefined) return;
    text.finished = true;
    this.flush();
  }

  failed(step: number): void {
    this.done(step);
  }

  task<T>(_name: string, fn: (status: (id: string, done?: boolean) => void) => Promise<T>): Promise<T> {
    return fn(() => undefined);
  }

  warn(message: string): void {
    if (!this.quiet) this.write({ stream: `[Warning] ${message}\n` });
  }

  built(imageId: string, tags: readonly string[]): void {
    if (this.quiet) return;
    this.write({ stream: `Successfully built ${shortHex(imageId)}\n` });
    for (const tag of tags) this.write({ stream: `Successfully tagged ${tag}\n` });
  }

  private add(step: number, chunk: string): void {
    if (this.quiet) return;
    if (step === this.next) this.write({ stream: chunk });
    else this.texts[step]?.chunks.push(chunk);
  }

  /** Writes the held text of the steps that are now next in line. */
  private flush(): void {
    while (this.next < this.texts.length && this.texts[this.next]!.finished) {
      this.next++;
      const text = this.texts[this.next];
      if (text === undefined) break;
      for (const chunk of text.chunks.splice(0)) this.write({ stream: chunk });
    }
  }
}

// Which stages a build runs and in what order its steps are shown: the
// stages form a graph (a stage's base, the stages COPY --from and RUN
// --mount from= name); only those the target needs are built. Names refer
// to earlier stages only (BuildKit treats a later name as an image).
import { InvalidArgument, NotFound } from '../common/index.js';
import { expandWord, parseMount, type Dockerfile, type Instruction, type Stage } from '../spec/dockerfile/index.js';
import type { PlannedStep } from './progress/progress.js';

export type StageBase = { kind: 'scratch' } | { kind: 'stage'; index: number } | { kind: 'image'; ref: string };

export interface PlannedStage {
  index: number;
  stage: Stage;
  /** The FROM value expanded with the global scope. */
  base: StageBase;
  /** The first step of this stage in the build's step list (its FROM). */
  firstStep: number;
}

export interface BuildPlan {
  /** The stages to build, in Dockerfile order. */
  stages: PlannedStage[];
  target: number;
  steps: PlannedStep[];
}

/** The stage a `--from`/`from=` value names, seen from stage `current`: a name or an index of an earlier stage. */
export function stageRef(stages: readonly Stage[], current: number, ref: string): number | undefined {
  if (/^[0-9]+$/.test(ref)) {
    const index = Number(ref);
    if (index >= current) throw new InvalidArgument(`invalid stage index ${index}: a stage can only refer to earlier stages`);
    return index;
  }
  const lower = ref.toLowerCase();
  const index = stages.findIndex((s, i) => i < current && s.name === lower);
  return index < 0 ? undefined : index;
}

function references(instr: Instruction): string[] {
  if (instr.kind === 'COPY' && instr.from !== undefined) return [instr.from];
  if (instr.kind === 'RUN') return instr.mounts.map((m) => parseMount(m, (v) => v).from).filter((f): f is string => f !== undefined);
  return [];
}

/** The instructions BuildKit gives a numbered vertex ("[stage 2/4] RUN make"). */
const vertexKinds: ReadonlySet<Instruction['kind']> = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

function stageLabel(stage: Stage, index: number, multi: boolean): string {
  if (!multi) return '';
  return `${stage.name ?? `stage-${index}`} `;
}

export function planBuild(file: Dockerfile, target: string | undefined, globalScope: ReadonlyMap<string, string>): BuildPlan {
  const { stages } = file;
  if (stages.length === 0) throw new InvalidArgument('the Dockerfile has no FROM instruction: file with no instructions');
  let targetIndex = stages.length - 1;
  if (target !== undefined && target !== '') {
    targetIndex = stages.findIndex((s) => s.name === target.toLowerCase());
    if (targetIndex < 0) throw new NotFound(`target stage "${target}" could not be found`);
  }
  const bases = stages.map((stage, i): StageBase => {
    const image = expandWord(stage.from.image, globalScope, file.escape);
    if (image === '') throw new InvalidArgument(`base name (${stage.from.image}) should not be blank`);
    const earlier = stages.findIndex((s, j) => j < i && s.name === image.toLowerCase());
    if (earlier >= 0) return { kind: 'stage', index: earlier };
    return image.toLowerCase() === 'scratch' ? { kind: 'scratch' } : { kind: 'image', ref: image };
  });
  const needed = new Set<number>();
  const visit = (i: number): void => {
    if (needed.has(i)) return;
    needed.add(i);
    const base = bases[i]!;
    if (base.kind === 'stage') visit(base.index);
    for (const instr of stages[i]!.instructions) {
      for (const ref of references(instr)) {
        const dep = stageRef(stages, i, ref);
        if (dep !== undefined) visit(dep);
      }
    }
  };
  visit(targetIndex);

  const multi = needed.size > 1;
  const planned: PlannedStage[] = [];
  const steps: PlannedStep[] = [];
  for (const [index, stage] of stages.entries()) {
    if (!needed.has(index)) continue;
    planned.push({ index, stage, base: bases[index]!, firstStep: steps.length });
    const total = 1 + stage.instructions.filter((i) => vertexKinds.has(i.kind)).length;
    const label = stageLabel(stage, index, multi);
    const base = bases[index]!;
    steps.push({
      instruction: stage.from.original,
      ...(base.kind === 'image' && { vertex: `[${label}1/${total}] FROM ${base.ref}` }),
    });
    let n = 1;
    for (const instr of stage.instructions) {
      const vertex = vertexKinds.has(instr.kind) ? `[${label}${++n}/${total}] ${instr.original}` : undefined;
      steps.push({ instruction: instr.original, ...(vertex !== undefined && { vertex }) });
    }
  }
  return { stages: planned, target: targetIndex, steps };
}

// Instructions grouped into build stages: each FROM starts one; the ARGs
// before the first FROM are the global (meta) ARGs; nothing else may come
// before a FROM.
import { DockerfileParseError } from './errors.js';
import type { ArgInstruction, Instruction, Stage } from './types.js';

export function groupStages(instructions: readonly Instruction[]): { metaArgs: ArgInstruction[]; stages: Stage[] } {
  const metaArgs: ArgInstruction[] = [];
  const stages: Stage[] = [];
  const names = new Set<string>();
  for (const instruction of instructions) {
    if (instruction.kind === 'FROM') {
      const { name } = instruction;
      // BuildKit only warns; the classic builder refused, and so does cais,
      // as which of the stages `--from=name` means is left undefined.
      if (name !== undefined && names.has(name)) throw new DockerfileParseError(`duplicate name ${name}`, instruction.startLine, instruction.endLine);
      if (name !== undefined) names.add(name);
      stages.push({ ...(name !== undefined && { name }), from: instruction, instructions: [] });
    } else if (stages.length > 0) stages[stages.length - 1]!.instructions.push(instruction);
    else if (instruction.kind === 'ARG') metaArgs.push(instruction);
    else throw new DockerfileParseError('no build stage in current context', instruction.startLine, instruction.endLine);
  }
  if (stages.length === 0) {
    const last = instructions[instructions.length - 1];
    throw new DockerfileParseError('dockerfile contains no stages to build', last?.startLine ?? 0, last?.endLine ?? 0);
  }
  return { metaArgs, stages };
}

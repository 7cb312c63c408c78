// Helpers for tests that replay docker's recorded runs: the command a
// recorded command line names, its flags parsed as cais parses them, and
// the clock set to when the recording was made.
import { mock } from 'node:test';
import { commands, findCommand } from '../../commands.js';
import { StatusError } from '../../errors.js';
import { type ParsedFlags, parseFlags } from '../../flags.js';
import type { LeafCommand } from '../../usage.js';
import { type RecordedRun, recording } from './docker-recording.js';

/** The leaf command and parsed flags of a recorded command line (after "docker"). */
export function parseRecorded(args: string[]): { command: LeafCommand; flags: ParsedFlags } {
  const [first, ...rest] = args as [string, ...string[]];
  const top = findCommand(commands, first);
  if (!top) throw new Error(`no command ${first}`);
  if (top.kind === 'leaf') return { command: top, flags: parseFlags(rest, top.flags) };
  const [second, ...more] = rest as [string, ...string[]];
  const sub = findCommand(top.commands, second);
  if (!sub) throw new Error(`no command ${first} ${second}`);
  return { command: sub, flags: parseFlags(more, sub.flags) };
}

/** Freezes Date at the recording's time (CREATED columns are relative). */
export function useRecordingClock(): void {
  mock.timers.enable({ apis: ['Date'], now: recording.capturedAt });
}

export function restoreClock(): void {
  mock.timers.reset();
}

/** What a run produced, in the recording's terms: stdout, or the error docker printed and its status. */
export async function outcome(render: () => string | Promise<string>): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    return { stdout: await render(), stderr: '', code: 0 };
  } catch (err) {
    if (!(err instanceof StatusError)) throw err;
    return { stdout: '', stderr: err.message + '\n', code: err.status };
  }
}

export function expected(run: RecordedRun): { stdout: string; stderr: string; code: number } {
  return { stdout: run.stdout, stderr: run.stderr, code: run.code };
}

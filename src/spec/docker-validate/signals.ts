// Linux signal names and numbers (x86-64/arm64 numbering), for Docker's
// signal.ParseSignal: "SIGTERM", "TERM", "15" and "RTMIN+3" all name one.
import { InvalidArgument } from '../../common/index.js';

const signals: Readonly<Record<string, number>> = {
  ABRT: 6, ALRM: 14, BUS: 7, CHLD: 17, CLD: 17, CONT: 18, FPE: 8, HUP: 1, ILL: 4, INT: 2, IO: 29, IOT: 6,
  KILL: 9, PIPE: 13, POLL: 29, PROF: 27, PWR: 30, QUIT: 3, SEGV: 11, STKFLT: 16, STOP: 19, SYS: 31,
  TERM: 15, TRAP: 5, TSTP: 20, TTIN: 21, TTOU: 22, URG: 23, USR1: 10, USR2: 12, VTALRM: 26, WINCH: 28,
  XCPU: 24, XFSZ: 25,
};
const sigrtmin = 34;
const sigrtmax = 64;

/** The signal number for a name or number as Docker accepts it; InvalidArgument "Invalid signal: x" otherwise. */
export function parseSignal(raw: string): number {
  if (/^[0-9]+$/.test(raw)) {
    const n = Number(raw);
    if (n === 0) throw new InvalidArgument(`Invalid signal: ${raw}`);
    return n;
  }
  const name = raw.toUpperCase().replace(/^SIG/, '');
  const known = signals[name];
  if (known !== undefined) return known;
  const rt = /^RTM(IN|AX)([+-][0-9]+)?$/.exec(name);
  if (rt) {
    const n = (rt[1] === 'IN' ? sigrtmin : sigrtmax) + Number(rt[2] ?? 0);
    if (n >= sigrtmin && n <= sigrtmax) return n;
  }
  throw new InvalidArgument(`Invalid signal: ${raw}`);
}

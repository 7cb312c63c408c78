// The progress of a build from cais's vertex events (progress=cais), shown
// as BuildKit's progress UI shows it (moby/buildkit util/progress/progressui):
// plain lines (`#3 [2/4] RUN make`, `#3 0.123 output`, `#3 DONE 0.4s`) when
// the output is no terminal or --progress=plain, and on a terminal a block
// redrawn in place: a `[+] Building 1.2s (5/8)` header, one line per vertex
// with its time, the last lines of output under the running ones, and
// FINISHED at the end. Times of vertices come from the daemon's timestamps;
// times of logs and statuses from when they arrive here.
import type { BuildVertexEvent } from '../spec/docker/index.js';
import type { Output } from './progress.js';

interface Status {
  id: string;
  current: number;
  total: number;
  /** Local times (ms) it was first seen and seen done. */
  started: number;
  completed?: number;
  /** Changed since last printed. */
  updated: boolean;
}

interface Vertex {
  index: number;
  name: string;
  /** The daemon's times (ms since the epoch). */
  started?: number;
  completed?: number;
  /** Local time (ms) the start arrived, for the times of its logs. */
  localStart?: number;
  cached: boolean;
  error?: string;
  statuses: Map<string, Status>;
  /** Complete lines of output the display has not taken yet. */
  lines: string[];
  /** The end of the output that has no newline yet. */
  partial: string;
}

/** tonistiigi/units' Bytes with "%.2f": plain bytes below 1kB, else two decimals and a decimal unit. */
export function unitsBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  let i = 0;
  let value = n;
  while (Math.abs(value) >= 1000 && i < units.length - 1) {
    value /= 1000;
    i++;
  }
  return i === 0 ? `${n}B` : `${value.toFixed(2)}${units[i]}`;
}

/** The log time BuildKit prints: seconds since the vertex started, 3 decimals under 10s, 2 under 100s, else 1. */
function logTime(seconds: number): string {
  return seconds.toFixed(seconds < 10 ? 3 : seconds < 100 ? 2 : 1);
}

function parseTime(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The vertices of a build as their events describe them. */
class Trace {
  readonly vertices = new Map<number, Vertex>();

  constructor(private readonly clock: () => number) {}

  apply(ev: BuildVertexEvent): Vertex {
    let v = this.vertices.get(ev.vertex);
    if (!v) {
      v = { index: ev.vertex, name: '', cached: false, statuses: new Map(), lines: [], partial: '' };
      this.vertices.set(ev.vertex, v);
    }
    const now = this.clock();
    if (ev.name !== undefined) v.name = ev.name;
    if (ev.started !== undefined) {
      v.started = parseTime(ev.started);
      v.localStart ??= now;
    }
    if (ev.completed !== undefined) v.completed = parseTime(ev.completed) ?? now;
    if (ev.cached) v.cached = true;
    if (ev.error !== undefined) v.error = ev.error;
    if (ev.status) {
      const s = v.statuses.get(ev.status.id) ?? { id: ev.status.id, current: 0, total: 0, started: now, updated: false };
      if (ev.status.current !== undefined) s.current = ev.status.current;
      if (ev.status.total !== undefined) s.total = ev.status.total;
      if (ev.status.done) s.completed ??= now;
      s.updated = true;
      v.statuses.set(s.id, s);
    }
    if (ev.log !== undefined) {
      v.localStart ??= now;
      const parts = (v.partial + ev.log).split('\n');
      v.partial = parts.pop() as string;
      v.lines.push(...parts);
    }
    return v;
  }
}

/** BuildKit's plain printer (progressui's textMux), one event at a time. */
export class PlainProgress {
  private readonly trace: Trace;
  private current: Vertex | undefined;
  private notFirst = false;
  /** The last output written ended inside a line of a vertex's output. */
  private midLine = false;
  private readonly lastStatus = new Map<string, { current: number; time: number }>();

  constructor(
    private readonly out: Output,
    private readonly clock: () => number = Date.now,
  ) {
    this.trace = new Trace(clock);
  }

  event(ev: BuildVertexEvent): void {
    const v = this.trace.apply(ev);
    const hasNews = v.started !== undefined || v.completed !== undefined || v.lines.length > 0 || v.partial !== '' || v.statuses.size > 0;
    if (!hasNews) return;
    this.print(v, ev.log ?? '');
  }

  /** Ends a line of output left open. */
  finish(): void {
    this.endLine();
  }

  private endLine(): void {
    if (this.midLine) this.out.write('\n');
    this.midLine = false;
  }

  private print(v: Vertex, log: string): void {
    const w = (text: string): void => void this.out.write(text);
    if (v !== this.current) {
      this.endLine();
      if (this.current) w(`#${this.current.index} ...\n`);
      if (this.notFirst) w('\n');
      this.notFirst = true;
      w(`#${v.index} ${v.name}\n`);
    }
    for (const s of v.statuses.values()) {
      if (!s.updated) continue;
      s.updated = false;
      const last = this.lastStatus.get(`${v.index}/${s.id}`);
      const now = this.clock();
      if (last && s.completed === undefined) {
        const delta = s.total > 0 ? (s.current - last.current) / s.total : 0;
        if (delta < 0.05 && now - last.time < 5000) continue;
      }
      this.lastStatus.set(`${v.index}/${s.id}`, { current: s.current, time: now });
      const bytes = s.total !== 0 ? ` ${unitsBytes(s.current)} / ${unitsBytes(s.total)}` : s.current !== 0 ? ` ${unitsBytes(s.current)}` : '';
      const seconds = ((s.completed ?? now) - s.started) / 1000;
      const time = (seconds > 0.01 ? ` ${seconds.toFixed(1)}s` : '') + (s.completed !== undefined ? ' done' : '');
      this.endLine();
      w(`#${v.index} ${s.id}${bytes}${time}\n`);
    }
    if (log !== '') this.printLog(v, log);
    this.current = v;
    if (v.completed !== undefined) {
      this.current = undefined;
      this.endLine();
      if (v.error !== undefined) {
        w(v.error.endsWith('context canceled') ? `#${v.index} CANCELED\n` : `#${v.index} ERROR: ${v.error}\n`);
      } else if (v.cached) {
        w(`#${v.index} CACHED\n`);
      } else {
        const time = v.started !== undefined ? ` ${((v.completed - v.started) / 1000).toFixed(1)}s` : '';
        w(`#${v.index} DONE${time}\n`);
      }
    }
  }

  /** Output as it came: each new line as "#N <time> ", continued lines as they are. */
  private printLog(v: Vertex, log: string): void {
    const time = logTime((this.clock() - (v.localStart ?? this.clock())) / 1000);
    const pieces = log.split('\n');
    pieces.forEach((piece, i) => {
      const last = i === pieces.length - 1;
      if (last && piece === '') return;
      if (!this.midLine) this.out.write(`#${v.index} ${time} `);
      this.out.write(piece);
      if (last) this.midLine = true;
      else {
        this.out.write('\n');
        this.midLine = false;
      }
    });
    // The trace keeps the lines for the terminal display only.
    v.lines.length = 0;
  }
}

/** How many lines of output a running vertex shows under it. */
const tailLines = 6;

/** BuildKit's terminal display: the whole state redrawn in place. */
export class TtyProgress {
  private readonly trace: Trace;
  private readonly start: number;
  private drawn = 0;
  private timer: NodeJS.Timeout | undefined;
  /** Every line of output per vertex (the display shows the last few). */
  private readonly logs = new Map<number, string[]>();

  constructor(
    private readonly out: Output & { rows?: number },
    private readonly clock: () => number = Date.now,
    refreshMs = 100,
  ) {
    this.trace = new Trace(clock);
    this.start = clock();
    if (refreshMs > 0) {
      this.timer = setInterval(() => this.draw(false), refreshMs);
      this.timer.unref();
    }
  }

  event(ev: BuildVertexEvent): void {
    const v = this.trace.apply(ev);
    if (v.lines.length > 0) {
      const kept = this.logs.get(v.index) ?? [];
      kept.push(...v.lines);
      this.logs.set(v.index, kept.slice(-tailLines));
      v.lines.length = 0;
    }
  }

  /** The last frame, with FINISHED (or not, after a failure), and the timer stopped. */
  finish(ok = true): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.draw(true, ok);
  }

  /** The lines of the frame at this moment. */
  frame(final = false, ok = true): string[] {
    const now = this.clock();
    const width = Math.max((this.out.columns ?? 80) - 1, 40);
    const all = [...this.trace.vertices.values()].filter((v) => v.started !== undefined || v.completed !== undefined).sort((a, b) => a.index - b.index);
    const done = [...this.trace.vertices.values()].filter((v) => v.completed !== undefined).length;
    const elapsed = ((now - this.start) / 1000).toFixed(1);
    const lines = [`[+] Building ${elapsed}s (${done}/${this.trace.vertices.size})${final && ok ? ' FINISHED' : ''}`];
    const align = (left: string, right: string): string => {
      const room = width - right.length - 1;
      const text = left.length > room ? left.slice(0, Math.max(room - 3, 0)) + '...' : left;
      return text + ' '.repeat(Math.max(width - text.length - right.length, 1)) + right;
    };
    for (const v of all) {
      const running = v.completed === undefined;
      const seconds = running ? (now - (v.localStart ?? now)) / 1000 : v.started !== undefined ? (v.completed! - v.started) / 1000 : 0;
      const prefix = v.error !== undefined ? 'ERROR ' : v.cached ? 'CACHED ' : '';
      lines.push(align(` => ${prefix}${v.name}`, `${seconds.toFixed(1)}s`));
      for (const s of v.statuses.values()) {
        const bytes = s.total !== 0 ? ` ${unitsBytes(s.current)} / ${unitsBytes(s.total)}` : s.current !== 0 ? ` ${unitsBytes(s.current)}` : '';
        lines.push(align(` => => ${s.id}${bytes}`, `${(((s.completed ?? now) - s.started) / 1000).toFixed(1)}s`));
      }
      if (running || v.error !== undefined) {
        const tail = [...(this.logs.get(v.index) ?? []), ...(v.partial !== '' ? [v.partial] : [])].slice(-tailLines);
        for (const line of tail) lines.push(align(` => => # ${line}`, ''));
      }
    }
    // What does not fit the terminal: the oldest vertices go first.
    const rows = this.out.rows ?? 0;
    if (rows > 2 && lines.length > rows - 1) lines.splice(1, lines.length - (rows - 1));
    return lines;
  }

  private draw(final: boolean, ok = true): void {
    const lines = this.frame(final, ok);
    const up = this.drawn > 0 ? `\x1b[${this.drawn}A` : '';
    this.out.write(`\r${up}${lines.map((l) => `${l}\x1b[K\n`).join('')}\x1b[J`);
    this.drawn = lines.length;
  }
}

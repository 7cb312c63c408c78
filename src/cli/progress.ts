// The daemon's JSON message streams (load, import) shown as docker's
// jsonmessage shows them: plain lines when stdout is not a terminal, and
// on a terminal one line per layer id, redrawn in place with progress bars.
import type { JsonMessage } from '../spec/docker/index.js';
import { humanSize } from './format/units.js';

/** Erases the whole line (aec.EraseLine(EraseModes.All)). */
const clearLine = '\x1b[2K';

export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** jsonmessage's JSONProgress.String(): "[=====>    ]  1.2MB/4.3MB". */
export function progressBar(detail: JsonMessage['progressDetail'], width: number): string {
  const current = detail?.current ?? 0;
  const total = detail?.total ?? 0;
  if (current <= 0 && total <= 0) return '';
  if (total <= 0) return humanSize(current).padStart(8);
  const percentage = Math.min(Math.trunc((current / total) * 100) / 2, 50) | 0;
  const bar = width > 110 ? `[${'='.repeat(percentage)}>${' '.repeat(Math.max(50 - percentage, 0))}] ` : '';
  const numbers = current > total ? humanSize(current).padStart(8) : `${humanSize(current).padStart(8)}/${humanSize(total)}`;
  return bar + numbers;
}

export class MessageDisplay {
  private ids = new Map<string, number>();

  constructor(private readonly out: Output) {}

  /** Shows one message of the stream. */
  show(m: JsonMessage): void {
    if (m.aux !== undefined) return;
    const terminal = this.out.isTTY === true;
    const hasProgress = m.progressDetail !== undefined;
    if (!terminal) {
      this.ids.clear();
      this.write(m, false);
      return;
    }
    let diff = 0;
    if (m.id && (hasProgress || m.progress)) {
      let line = this.ids.get(m.id);
      if (line === undefined) {
        line = this.ids.size;
        this.ids.set(m.id, line);
        this.out.write('\n');
      }
      diff = this.ids.size - line;
      if (diff > 0) this.out.write(`\x1b[${diff}A`);
    } else {
      // Anything else ends the block of progress lines.
      this.ids.clear();
    }
    this.write(m, true);
    if (m.id && diff > 0) this.out.write(`\x1b[${diff}B`);
  }

  private write(m: JsonMessage, terminal: boolean): void {
    const bar = progressBar(m.progressDetail, this.out.columns ?? 200);
    let endl = '';
    if (terminal && !m.stream && m.progressDetail !== undefined) {
      this.out.write(clearLine + '\r');
      endl = '\r';
    } else if (!terminal && bar !== '') {
      // Progress bars are for terminals only.
      return;
    }
    let text = '';
    if (m.id) text += `${m.id}: `;
    if (m.progressDetail !== undefined && terminal) text += `${m.status ?? ''} ${bar}${endl}`;
    else if (m.progress) text += `${m.status ?? ''} ${m.progress}${endl}`;
    else if (m.stream) text += m.stream + endl;
    else text += `${m.status ?? ''}${endl}\n`;
    this.out.write(text);
  }
}

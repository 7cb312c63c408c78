// Go's text/tabwriter (elastic tabstops) as docker's fork uses it: cells are
// terminated by '\t' (or '\v'), a column is a run of consecutive lines that
// have that cell, and every cell of a column is padded with spaces to the
// widest one plus `padding` (at least `minwidth`). Docker tables use
// (minwidth 10, padding 3); `docker version` uses (20, 1). Text is measured
// in terminal columns, as docker's fork does with go-runewidth.
import { displayWidth } from './display-width.js';

interface Cell {
  text: string;
  width: number;
  /** Terminated by a '\t' (a "hard" tab). */
  htab: boolean;
}

export class TabWriter {
  private lines: Cell[][] = [[]];
  private cell = '';
  private readonly widths: number[] = [];
  private readonly out: string[] = [];

  constructor(
    private readonly minwidth: number,
    private readonly padding: number,
  ) {}

  write(text: string): void {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch !== 9 && ch !== 10 && ch !== 11 && ch !== 12) continue;
      this.cell += text.slice(start, i);
      start = i + 1;
      const cells = this.terminateCell(ch === 9);
      if (ch === 10 || ch === 12) {
        this.lines.push([]);
        // A line of one cell cannot affect the alignment of the lines after
        // it (its only cell is not in a column), so Go flushes there; so
        // must we, or the columns around it would differ.
        if (ch === 12 || cells === 1) this.flushLines();
      }
    }
    this.cell += text.slice(start);
  }

  /** Formats everything written so far and returns the text produced since the last call. */
  flush(): string {
    this.flushLines();
    const result = this.out.join('');
    this.out.length = 0;
    return result;
  }

  private terminateCell(htab: boolean): number {
    const line = this.lines[this.lines.length - 1] as Cell[];
    line.push({ text: this.cell, width: displayWidth(this.cell), htab });
    this.cell = '';
    return line.length;
  }

  private flushLines(): void {
    if (this.cell.length > 0) this.terminateCell(false);
    this.format(0, this.lines.length);
    this.lines = [[]];
    this.cell = '';
  }

  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let cur = line0; cur < line1; cur++) {
      if (column >= (this.lines[cur] as Cell[]).length - 1) continue;
      // This line has a cell in `column`: the lines before it are done.
      this.writeLines(line0, cur);
      line0 = cur;
      let width = this.minwidth;
      for (; cur < line1; cur++) {
        const line = this.lines[cur] as Cell[];
        if (column >= line.length - 1) break;
        const w = (line[column] as Cell).width + this.padding;
        if (w > width) width = w;
      }
      this.widths.push(width);
      this.format(line0, cur);
      this.widths.pop();
      line0 = cur;
    }
    this.writeLines(line0, line1);
  }

  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i] as Cell[];
      for (let j = 0; j < line.length; j++) {
        const c = line[j] as Cell;
        this.out.push(c.text);
        if (j < this.widths.length) this.out.push(' '.repeat((this.widths[j] as number) - c.width));
      }
      // The last buffered line has no newline yet.
      this.out.push(i + 1 === this.lines.length ? this.cell : '\n');
    }
  }
}

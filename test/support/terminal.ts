// Real terminals for tests of -it: a tmux server of the test's own (its
// socket in a temp dir, so nobody else's sessions are touched), sessions
// of 80x24 running a command, and what their screens show.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, runOk } from './exec.js';

export interface Terminal {
  screen(): Promise<string>;
  /** tmux send-keys: text, or key names such as Enter and C-c. */
  send(...keys: string[]): Promise<void>;
  /** Waits (up to 10 s) for the screen to match; the screen. */
  waitFor(pattern: RegExp): Promise<string>;
  resize(width: number, height: number): Promise<void>;
  kill(): Promise<void>;
}

export interface Terminals {
  open(session: string, command: string): Promise<Terminal>;
  /** Kills the tmux server and removes its directory. */
  close(): Promise<void>;
}

export async function terminals(): Promise<Terminals> {
  const dir = await mkdtemp(join(tmpdir(), 'cais-tmux-'));
  const tmux = (args: string[]) => runOk('tmux', ['-S', join(dir, 'socket'), ...args]);
  return {
    async open(session, command) {
      await tmux(['new-session', '-d', '-s', session, '-x', '80', '-y', '24', command]);
      const screen = () => tmux(['capture-pane', '-p', '-t', session]);
      return {
        screen,
        send: async (...keys) => void (await tmux(['send-keys', '-t', session, ...keys])),
        async waitFor(pattern) {
          let text = '';
          for (let i = 0; i < 200; i++) {
            text = await screen();
            if (pattern.test(text)) return text;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          assert.fail(`the terminal never showed ${pattern}:\n${text}`);
        },
        resize: async (width, height) => void (await tmux(['resize-window', '-t', session, '-x', String(width), '-y', String(height)])),
        kill: async () => void (await tmux(['kill-session', '-t', session])),
      };
    },
    async close() {
      await run('tmux', ['-S', join(dir, 'socket'), 'kill-server']);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

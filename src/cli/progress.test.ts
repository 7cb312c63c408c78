import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MessageDisplay, progressBar } from './progress.js';

function capture(isTTY: boolean, columns = 200): { out: { write(t: string): void; isTTY: boolean; columns: number }; text: () => string } {
  let text = '';
  return { out: { write: (t: string) => void (text += t), isTTY, columns }, text: () => text };
}

describe('MessageDisplay', () => {
  it('prints plain lines without a terminal, and skips progress bars', () => {
    const { out, text } = capture(false);
    const d = new MessageDisplay(out);
    d.show({ status: 'Loading layer', id: 'fe4286f557dd', progressDetail: { current: 10, total: 100 } });
    d.show({ status: 'Loading layer', id: 'fe4286f557dd', progressDetail: {} });
    d.show({ stream: 'Loaded image: busybox:latest\n' });
    d.show({ status: 'sha256:abc' });
    d.show({ aux: { ID: 'sha256:abc' } });
    assert.equal(text(), 'fe4286f557dd: Loading layer\nLoaded image: busybox:latest\nsha256:abc\n');
  });

  it('redraws one line per id on a terminal, as docker load does', () => {
    const { out, text } = capture(true);
    const d = new MessageDisplay(out);
    d.show({ status: 'Loading layer', id: 'fe4286f557dd', progressDetail: {} });
    d.show({ stream: 'Loaded image: busybox:latest\n' });
    // The bytes docker 28 wrote for the same stream on a terminal.
    assert.equal(text(), '\n\x1b[1A\x1b[2K\rfe4286f557dd: Loading layer \r\x1b[1BLoaded image: busybox:latest\n');
  });

  it('draws bars as jsonmessage does', () => {
    assert.equal(progressBar({ current: 0, total: 0 }, 200), '');
    assert.equal(progressBar({ current: 1500 }, 200), '   1.5kB');
    assert.equal(progressBar({ current: 512, total: 1024 }, 200), `[${'='.repeat(25)}>${' '.repeat(25)}]     512B/1.024kB`);
    assert.equal(progressBar({ current: 512, total: 1024 }, 80), '    512B/1.024kB');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ellipsis, displayWidth } from './display-width.js';
import { TabWriter } from './tabwriter.js';

function table(text: string, minwidth = 10, padding = 3): string {
  const w = new TabWriter(minwidth, padding);
  w.write(text);
  return w.flush();
}

describe('TabWriter (docker tables: minwidth 10, padding 3)', () => {
  it('pads every cell of a column to the widest plus padding, at least minwidth', () => {
    assert.equal(
      table('REPOSITORY\tTAG\tIMAGE ID\nbusybox\tlatest\taaaa1111bbbb\nlocalhost:5000/foo/bar\tv1\taaaa1111bbbb\n'),
      [
        'REPOSITORY               TAG       IMAGE ID',
        'busybox                  latest    aaaa1111bbbb',
        'localhost:5000/foo/bar   v1        aaaa1111bbbb',
        '',
      ].join('\n'),
    );
  });

  it('keeps trailing empty cells padded, as docker prints an empty COMMENT column', () => {
    assert.equal(table('A\tB\t\nx\t\t\n'), 'A         B         \nx                   \n');
  });

  it('aligns only runs of lines that have the column (elastic tabstops)', () => {
    assert.equal(table('a\tb\nlong-text-here\nc\td\n'), 'a         b\nlong-text-here\nc         d\n');
    assert.equal(table('aaaaaaaaaaaa\tb\tc\nx\ty\n'), 'aaaaaaaaaaaa   b         c\nx              y\n');
  });

  it('counts East Asian wide characters as two columns', () => {
    assert.equal(table('漢字\tx\nab\ty\n'), '漢字      x\nab        y\n');
    assert.equal(displayWidth('漢字a'), 5);
  });

  it('docker version layout (minwidth 20, padding 1)', () => {
    assert.equal(table('Client:\n Version:\t28.2.2\n API version:\t1.50\n', 20, 1), 'Client:\n Version:           28.2.2\n API version:       1.50\n');
  });

  it('keeps a final line without a newline', () => {
    assert.equal(table('a\tb\nc\td'), 'a         b\nc         d');
  });
});

describe('ellipsis', () => {
  it('cuts to a display width, ending with …', () => {
    assert.equal(ellipsis('/bin/sh -c #(nop)  CMD ["sh"] this is a long created by', 45), '/bin/sh -c #(nop)  CMD ["sh"] this is a long…');
    assert.equal(ellipsis('short', 45), 'short');
    assert.equal(ellipsis('abc', 1), 'a');
    assert.equal(ellipsis('abc', 0), '');
    assert.equal(ellipsis('漢字漢字', 5), '漢字…');
  });
});

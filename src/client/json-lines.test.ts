import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { Internal } from '../common/index.js';
import { readJsonLines } from './json-lines.js';

async function collect(chunks: Array<string | Buffer>, maxLine = 1024): Promise<unknown[]> {
  const out: unknown[] = [];
  await readJsonLines(Readable.from(chunks.map((c) => Buffer.from(c))), maxLine, (v) => out.push(v));
  return out;
}

test('lines split across chunks, CRLF, blank lines and a last line without newline', async () => {
  assert.deepEqual(await collect(['{"a":', '1}\r\n{"b"', ':2}\n\n', '{"c":3}']), [{ a: 1 }, { b: 2 }, { c: 3 }]);
  assert.deepEqual(await collect(['{"a":1}\n{"b":2}\n']), [{ a: 1 }, { b: 2 }]);
  assert.deepEqual(await collect([]), []);
});

test('multi-byte characters split between chunks survive', async () => {
  const bytes = Buffer.from('{"s":"é✓"}\n');
  assert.deepEqual(await collect([bytes.subarray(0, 7), bytes.subarray(7)]), [{ s: 'é✓' }]);
});

test('a line over the limit is refused, complete or not', async () => {
  await assert.rejects(collect([`{"a":"${'x'.repeat(100)}"}\n`], 50), Internal);
  await assert.rejects(collect(['{"a":"', 'x'.repeat(40), 'x'.repeat(40)], 50), Internal);
});

test('bad JSON is refused; an exception from the callback stops the reading', async () => {
  await assert.rejects(collect(['{"a":1}\nnot json\n']), Internal);
  const seen: unknown[] = [];
  await assert.rejects(
    readJsonLines(Readable.from([Buffer.from('{"a":1}\n{"b":2}\n{"c":3}\n')]), 1024, (v) => {
      seen.push(v);
      if (seen.length === 2) throw new Error('stop');
    }),
    /stop/,
  );
  assert.equal(seen.length, 2);
});

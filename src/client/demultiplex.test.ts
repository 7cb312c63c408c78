import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { it } from 'node:test';
import { demultiplex } from './demultiplex.js';

function frame(stream: number, text: string): Buffer {
  const data = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(data.length, 4);
  return Buffer.concat([header, data]);
}

it('splits frames, also when they arrive cut anywhere', async () => {
  const all = Buffer.concat([frame(1, 'out1\n'), frame(2, 'err\n'), frame(1, 'out2\n')]);
  const pieces = [all.subarray(0, 3), all.subarray(3, 17), all.subarray(17)];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  await demultiplex(Readable.from(pieces), stdout, stderr);
  assert.equal(stdout.read().toString(), 'out1\nout2\n');
  assert.equal(stderr.read().toString(), 'err\n');
});

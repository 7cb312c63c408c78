import assert from 'node:assert/strict';
import { PassThrough, Duplex } from 'node:stream';
import { test } from 'node:test';
import { streamHijacked } from './hijacked-io.js';

function frame(stream: number, text: string): Buffer {
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(Buffer.byteLength(text), 4);
  return Buffer.concat([header, Buffer.from(text)]);
}

/** A connection whose remote side answers with `reply` once the local side half-closes (or at once). */
function connection(reply: Buffer, waitForEnd: boolean): { socket: Duplex; sent: () => string } {
  const received: Buffer[] = [];
  const socket = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, callback) {
      received.push(chunk);
      callback();
    },
    final(callback) {
      if (waitForEnd) {
        socket.push(reply);
        socket.push(null);
      }
      callback();
    },
  });
  if (!waitForEnd) {
    socket.push(reply);
    socket.push(null);
  }
  return { socket, sent: () => Buffer.concat(received).toString() };
}

function streams(input: string) {
  const stdin = new PassThrough();
  stdin.end(input);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const stdout = new PassThrough().on('data', (c: Buffer) => out.push(c));
  const stderr = new PassThrough().on('data', (c: Buffer) => err.push(c));
  return { io: { stdin, stdout, stderr }, out: () => Buffer.concat(out).toString(), err: () => Buffer.concat(err).toString() };
}

test('without a TTY the output is demultiplexed, and stdin is sent then half-closed', async () => {
  const { socket, sent } = connection(Buffer.concat([frame(1, 'out'), frame(2, 'err')]), true);
  const s = streams('typed');
  await streamHijacked(socket, s.io, { tty: false, stdin: true });
  assert.deepEqual([sent(), s.out(), s.err()], ['typed', 'out', 'err']);
});

test('with a TTY the output is raw; without stdin nothing is read', async () => {
  const { socket, sent } = connection(Buffer.from('raw\r\n'), false);
  const s = streams('never sent');
  await streamHijacked(socket, s.io, { tty: true, stdin: false });
  assert.deepEqual([sent(), s.out()], ['', 'raw\r\n']);
});

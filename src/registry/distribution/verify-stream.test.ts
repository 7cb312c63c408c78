import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, it } from 'node:test';
import { InvalidArgument, type Digest } from '../../common/index.js';
import { verifyStream } from './verify-stream.js';

const content = Buffer.from('the bytes of a blob');
const digest: Digest = `sha256:${createHash('sha256').update(content).digest('hex')}`;

async function through(parts: Buffer[], opts: { digest?: Digest; size?: number; offset?: number } = {}): Promise<Buffer> {
  const out: Buffer[] = [];
  await pipeline(Readable.from(parts), verifyStream({ digest: opts.digest ?? digest, size: opts.size ?? content.length, offset: opts.offset ?? 0, sender: 'the registry' }), async (source: AsyncIterable<Buffer>) => {
    for await (const c of source) out.push(c);
  });
  return Buffer.concat(out);
}

describe('verifyStream', () => {
  it('passes the right bytes, in any chunks', async () => {
    assert.deepEqual(await through([content.subarray(0, 3), content.subarray(3)]), content);
  });

  it('errors on short, long and wrong bytes, naming the digest', async () => {
    await assert.rejects(through([content.subarray(0, 5)]), (err: unknown) => err instanceof InvalidArgument && err.message === `blob ${digest}: the registry sent 5 of its ${content.length} bytes`);
    await assert.rejects(through([content, Buffer.from('x')]), (err: unknown) => err instanceof InvalidArgument && /sent more than its/.test(err.message));
    const wrong = Buffer.from(content);
    wrong[0] = 0;
    await assert.rejects(through([wrong]), (err: unknown) => err instanceof InvalidArgument && err.message.startsWith(`blob ${digest}: digest mismatch`));
  });

  it('checks only the size of a blob read from an offset', async () => {
    assert.deepEqual(await through([content.subarray(4)], { offset: 4 }), content.subarray(4));
    await assert.rejects(through([content.subarray(5)], { offset: 4 }), /sent 18 of its 19 bytes/);
  });

  it('refuses malformed descriptors', () => {
    assert.throws(() => verifyStream({ digest: 'md5:00' as Digest, size: 1, sender: 'x' }), InvalidArgument);
    assert.throws(() => verifyStream({ digest, size: 3, offset: 4, sender: 'x' }), InvalidArgument);
    assert.throws(() => verifyStream({ digest, size: -1, sender: 'x' }), InvalidArgument);
  });
});

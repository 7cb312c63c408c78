import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseLogLine, readLogs, type ReadLogsOptions } from './index.js';

const lines = [
  '2024-05-01T10:00:00.000000001+00:00 stdout F one',
  '2024-05-01T10:00:01.5+00:00 stderr F two words',
  'not a log line',
  '2024-05-01T12:00:02.000000000+02:00 stdout P par',
  '2024-05-01T10:00:02.100000000Z stdout F tial',
];

async function logFile(t: { after(fn: () => void): void }, content: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cais-logs-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'ctr.log');
  writeFileSync(path, content);
  return path;
}

async function texts(path: string, options?: ReadLogsOptions): Promise<string[]> {
  const out: string[] = [];
  for await (const e of readLogs(path, options)) out.push(`${e.stream}${e.partial ? '+' : ''} ${e.text.toString()}`);
  return out;
}

test('parseLogLine reads time to the nanosecond, stream, partial flag and text', () => {
  const e = parseLogLine(Buffer.from(lines[0]!))!;
  assert.equal(e.time, BigInt(Date.parse('2024-05-01T10:00:00Z')) * 1_000_000n + 1n);
  assert.equal(e.timestamp, '2024-05-01T10:00:00.000000001+00:00');
  assert.equal(e.stream, 'stdout');
  assert.equal(e.partial, false);
  assert.equal(e.text.toString(), 'one');
  // Offsets are honoured: 12:00:02+02:00 is 10:00:02Z.
  assert.equal(parseLogLine(Buffer.from(lines[3]!))!.time, BigInt(Date.parse('2024-05-01T10:00:02Z')) * 1_000_000n);
  assert.equal(parseLogLine(Buffer.from(lines[2]!)), undefined);
  assert.equal(parseLogLine(Buffer.from('2024-05-01T10:00:00Z stdin F x')), undefined);
  assert.equal(parseLogLine(Buffer.from('2024-05-01T10:00:00Z stdout F ')!)!.text.length, 0);
});

test('readLogs filters by time and tails by lines', async (t) => {
  const path = await logFile(t, lines.join('\n') + '\n');
  assert.deepEqual(await texts(path), ['stdout one', 'stderr two words', 'stdout+ par', 'stdout tial']);
  assert.deepEqual(await texts(path, { tail: 2 }), ['stdout+ par', 'stdout tial']);
  assert.deepEqual(await texts(path, { tail: 0 }), []);
  assert.deepEqual((await texts(path, { tail: 100 })).length, 4);
  const since = new Date('2024-05-01T10:00:01Z');
  assert.deepEqual(await texts(path, { since }), ['stderr two words', 'stdout+ par', 'stdout tial']);
  assert.deepEqual(await texts(path, { since: Date.parse('2024-05-01T10:00:01.6Z') / 1000, until: new Date('2024-05-01T10:00:02.1Z') }), ['stdout+ par']);
  assert.deepEqual(await texts(join(path, '..', 'missing.log')), []);
});

test('readLogs follows appended lines, a half-written last line included, until stopped', async (t) => {
  const path = await logFile(t, lines[0] + '\n');
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const got: string[] = [];
  const reading = (async () => {
    for await (const e of readLogs(path, { follow: true, stop: stopped })) {
      got.push(e.text.toString());
      if (got.length === 1) appendFileSync(path, '2024-05-01T10:00:05Z stdout F la');
      if (got.length === 1) setTimeout(() => appendFileSync(path, 'ter\n'), 50);
      if (got.length === 2) {
        appendFileSync(path, '2024-05-01T10:00:06Z stdout F last\n');
        stop();
      }
    }
  })();
  await reading;
  assert.deepEqual(got, ['one', 'later', 'last']);
});

test('readLogs stops following when its signal aborts', async (t) => {
  const path = await logFile(t, lines[0] + '\n');
  const controller = new AbortController();
  const got: string[] = [];
  setTimeout(() => controller.abort(), 100);
  for await (const e of readLogs(path, { follow: true, signal: controller.signal })) got.push(e.text.toString());
  assert.deepEqual(got, ['one']);
});

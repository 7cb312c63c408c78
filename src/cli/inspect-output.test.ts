import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NotFound } from '../common/index.js';
import { imageInspectView } from './format/image-inspect-view.js';
import { recording } from './format/testdata/docker-recording.js';
import { StatusError } from './errors.js';
import { expected, parseRecorded } from './format/testdata/replay.js';
import { type Inspected, inspectAll } from './inspect-output.js';

/** stdout, and the error docker printed with its status, as the recording has them. */
async function render(refs: string[], format: string, get: (ref: string) => Promise<Inspected>): Promise<{ stdout: string; stderr: string; code: number }> {
  let stdout = '';
  try {
    await inspectAll(refs, format, get, (t) => (stdout += t));
    return { stdout, stderr: '', code: 0 };
  } catch (err) {
    if (!(err instanceof StatusError)) throw err;
    return { stdout, stderr: err.message + '\n', code: err.status };
  }
}

const recorded = async (ref: string): Promise<Inspected> => {
  if (ref !== 'busybox') throw new NotFound(`No such image: ${ref}:latest`);
  return { raw: recording.inspect, typed: imageInspectView(recording.inspect) };
};

describe('image inspect output, as docker 28 printed it', () => {
  for (const run of recording.cases.inspect) {
    it(run.args.join(' '), async () => {
      const { flags } = parseRecorded(run.args);
      const got = await render(flags.args, flags.values.get('format') as string, recorded);
      assert.deepEqual(got, expected(run));
    });
  }

  it('prints what it found and reports the rest together', async () => {
    let printed = '';
    await assert.rejects(
      inspectAll(['nope', 'busybox', 'gone'], '{{.Os}}', recorded, (t) => (printed += t)),
      { message: 'Error response from daemon: No such image: nope:latest\nError response from daemon: No such image: gone:latest' },
    );
    assert.equal(printed, 'linux\n');
    printed = '';
    await assert.rejects(inspectAll(['nope'], '', recorded, (t) => (printed += t)));
    assert.equal(printed, '[]\n');
  });
});

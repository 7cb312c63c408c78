import assert from 'node:assert/strict';
import { it } from 'node:test';
import { InvalidArgument } from '../../common/index.js';
import { mergeTmpfsOptions } from './tmpfs-options.js';

it('lets later options win, one per flag pair, one propagation', () => {
  assert.deepEqual(mergeTmpfsOptions(['noexec', 'nosuid', 'nodev', 'rprivate', 'exec', 'size=1m', 'size=2m', 'shared', 'defaults']), [
    'nosuid',
    'nodev',
    'exec',
    'size=2m',
    'shared',
  ]);
});

it('refuses data options tmpfs does not take, with Docker\'s words', () => {
  assert.throws(() => mergeTmpfsOptions(['foo']), (e: Error) => e instanceof InvalidArgument && e.message === 'Invalid tmpfs option ["foo"]');
  assert.throws(() => mergeTmpfsOptions(['uid=1', 'bar=2']), (e: Error) => e.message === 'Invalid tmpfs option ["bar" "2"]');
});

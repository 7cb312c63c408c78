// COPY/ADD sources: wildcards expanded over the context with Go's
// filepath.Match, plain paths kept, as the classic builder does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgument } from '../../common/index.js';
import { expandSources } from './sources.js';
import { tempDir, write } from './test-support.js';

test('wildcards name the matching context paths in walk order; plain paths are kept', async (t) => {
  const root = await tempDir(t);
  write(root, { 'a.txt': '', 'b.txt': '', 'c.md': '', 'dir/d.txt': '', 'dir/sub/e.txt': '', 'x*y': '' });
  const cases: Array<[string[], string[]]> = [
    [['*.txt'], ['a.txt', 'b.txt']],
    [['dir/*.txt'], ['dir/d.txt']],
    [['dir/*'], ['dir/d.txt', 'dir/sub']],
    [['*/*/*.txt'], ['dir/sub/e.txt']],
    [['/*.md', './c.md', '/dir'], ['c.md', 'c.md', 'dir']],
    [['[ab].txt', '?.md'], ['a.txt', 'b.txt', 'c.md']],
    [['nothing*'], []],
    [['plain/missing'], ['plain/missing']],
    [['x\\*y'], ['x\\*y']],
  ];
  for (const [sources, expected] of cases) assert.deepEqual(await expandSources(root, sources), expected, sources.join(' '));
  await assert.rejects(expandSources(root, ['a[']), InvalidArgument);
});

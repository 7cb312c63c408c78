// The real docker CLI (28.x, already on the machine) against a cais daemon on
// a temporary socket: the image commands of the foundation issue, with the
// columns, IDs and sizes Docker prints for the same input.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { extract } from 'tar-stream';
import { Readable } from 'node:stream';
import { startDaemon, type TestDaemon } from '../support/daemon.js';
import { busyboxRootfs, makeTar } from '../support/images.js';
import { run, runOk } from '../support/exec.js';

let daemon: TestDaemon;
let env: NodeJS.ProcessEnv;
let rootfs: Buffer;
const docker = (args: string[], input?: Buffer) => run('docker', args, { env, input });
const dockerOk = (args: string[], input?: Buffer) => runOk('docker', args, { env, input });

/** Docker's image size for a layer: the sizes of its non-directory entries (symlinks: their target's length). */
async function layerSize(tar: Buffer): Promise<number> {
  let size = 0;
  const ex = extract();
  ex.on('entry', (header, stream, next) => {
    if (header.type === 'file') size += header.size ?? 0;
    if (header.type === 'symlink') size += Buffer.byteLength(header.linkname ?? '');
    stream.resume();
    stream.on('end', next);
  });
  const done = new Promise<void>((resolve, reject) => ex.on('finish', () => resolve()).on('error', reject));
  Readable.from(tar).pipe(ex);
  await done;
  return size;
}

before(async () => {
  daemon = await startDaemon();
  env = { ...process.env, DOCKER_HOST: daemon.host, DOCKER_CONFIG: daemon.execRoot };
  rootfs = await busyboxRootfs();
});
after(async () => {
  await daemon?.stop();
});

test('docker import prints the image id, and images/inspect agree on id and size', async () => {
  const out = await dockerOk(['import', '--change', 'CMD ["/bin/sh"]', '--change', 'ENV A=b', '-', 'bb:latest'], rootfs);
  const id = out.trim();
  assert.match(id, /^sha256:[0-9a-f]{64}$/);
  const rows = await dockerOk(['images', '--format', '{{.Repository}}|{{.Tag}}|{{.ID}}|{{.Size}}']);
  assert.equal(rows.trim().split('\n').length, 1);
  const [repo, tag, shortId] = rows.trim().split('|');
  assert.deepEqual([repo, tag, shortId], ['bb', 'latest', id.slice(7, 19)]);
  const inspect = JSON.parse(await dockerOk(['image', 'inspect', 'bb']))[0];
  assert.equal(inspect.Id, id);
  assert.deepEqual(inspect.RepoTags, ['bb:latest']);
  assert.deepEqual(inspect.Config.Cmd, ['/bin/sh']);
  assert.ok(inspect.Config.Env.includes('A=b'));
  assert.equal(inspect.Size, await layerSize(rootfs));
  assert.equal(inspect.RootFS.Layers.length, 1);
  assert.equal(await dockerOk(['image', 'inspect', '--format', '{{json .Config.Cmd}}', 'bb']), '["/bin/sh"]\n');
});

test('docker images: default table columns, --filter and --format', async () => {
  const table = await dockerOk(['images']);
  const [header, row] = table.split('\n');
  assert.match(header!, /^REPOSITORY\s+TAG\s+IMAGE ID\s+CREATED\s+SIZE$/);
  assert.match(row!, /^bb\s+latest\s+[0-9a-f]{12}\s+(Less than a second|\d+ seconds?|About a minute) ago\s+\d+(\.\d+)?MB$/);
  await dockerOk(['tag', 'bb', 'localhost:5000/team/bb:v1']);
  const byRef = await dockerOk(['images', '--filter', 'reference=localhost:5000/*/*', '--format', '{{.Repository}}:{{.Tag}}']);
  assert.equal(byRef, 'localhost:5000/team/bb:v1\n');
  const ids = await dockerOk(['images', '-q']);
  assert.equal(ids.trim().split('\n').length, 2, 'one line per tag, as docker prints');
  const json = (await dockerOk(['images', '--format', 'json'])).trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(json.map((j) => j.Repository).sort(), ['bb', 'localhost:5000/team/bb']);
  const dangling = await dockerOk(['images', '--filter', 'dangling=true', '-q']);
  assert.equal(dangling, '');
  const bad = await docker(['images', '--filter', 'nope=1']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /invalid filter 'nope'/);
});

test('docker history shows the import entry', async () => {
  const out = await dockerOk(['history', 'bb']);
  const lines = out.trim().split('\n');
  assert.match(lines[0]!, /^IMAGE\s+CREATED\s+CREATED BY\s+SIZE\s+COMMENT$/);
  assert.match(lines[1]!, /^[0-9a-f]{12}\s+.+ago\s+\d+(\.\d+)?MB\s+Imported from -$/);
});

test('docker save | docker load round-trips the same image id', async () => {
  const id = (await dockerOk(['image', 'inspect', '--format', '{{.Id}}', 'bb'])).trim();
  const saved = await new Promise<Buffer>((resolve, reject) => {
    import('node:child_process').then(({ spawn }) => {
      const child = spawn('docker', ['save', 'bb:latest'], { env });
      const chunks: Buffer[] = [];
      child.stdout.on('data', (c: Buffer) => chunks.push(c));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(chunks)) : reject(new Error(`docker save exited ${code}`))));
    }, reject);
  });
  const removed = await dockerOk(['rmi', '-f', id]);
  assert.match(removed, /Untagged: bb:latest/);
  assert.match(removed, new RegExp(`Deleted: ${id}`));
  const loaded = await dockerOk(['load'], saved);
  assert.match(loaded, /Loaded image: bb:latest/);
  assert.equal((await dockerOk(['image', 'inspect', '--format', '{{.Id}}', 'bb'])).trim(), id);
});

test('docker rmi untags first, refuses what it must, and image prune removes dangling images', async () => {
  await dockerOk(['tag', 'bb', 'bb:two']);
  assert.equal(await dockerOk(['rmi', 'bb:two']), 'Untagged: bb:two\n');
  const missing = await docker(['rmi', 'nothere']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /No such image: nothere/);
  const other = await makeTar([{ name: 'hello.txt', content: 'hello\n' }]);
  const danglingId = (await dockerOk(['import', '-'], other)).trim();
  assert.equal((await dockerOk(['images', '--filter', 'dangling=true', '-q', '--no-trunc'])).trim(), danglingId);
  const pruned = await dockerOk(['image', 'prune', '-f']);
  assert.match(pruned, new RegExp(`deleted: ${danglingId}`));
  assert.match(pruned, /Total reclaimed space: 6B/);
  assert.equal(await dockerOk(['images', '--filter', 'dangling=true', '-q']), '');
});

test('docker system df counts the images and their size', async () => {
  const out = await dockerOk(['system', 'df']);
  const lines = out.trim().split('\n');
  assert.match(lines[0]!, /^TYPE\s+TOTAL\s+ACTIVE\s+SIZE\s+RECLAIMABLE$/);
  assert.match(lines[1]!, /^Images\s+1\s+0\s+\d+(\.\d+)?MB\s+\d+(\.\d+)?MB \(100%\)$/);
  const json = JSON.parse((await dockerOk(['system', 'df', '--format', 'json'])).trim().split('\n')[0]!);
  assert.equal(json.Type, 'Images');
});

test('bad input gets Docker-style errors', async () => {
  const badRef = await docker(['tag', 'bb', 'UPPER:case']);
  assert.notEqual(badRef.code, 0);
  assert.match(badRef.stderr, /invalid reference format/);
  const garbage = await docker(['load'], Buffer.from('this is not a tar archive at all'.repeat(40)));
  assert.equal(garbage.code, 1);
  const noImage = await docker(['image', 'inspect', 'nothere']);
  assert.equal(noImage.code, 1);
  assert.match(noImage.stderr, /No such image: nothere/);
});

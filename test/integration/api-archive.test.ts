// The container file system endpoints of a real daemon: archive HEAD/GET/PUT
// with Docker's path rules, symlinks that never reach host files, hostile
// tars that change nothing, changes (diff), export and commit, on stopped
// and running containers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { extract } from 'tar-stream';
import { rawRequest, startDaemon, type TestDaemon } from '../support/daemon.js';
import { busyboxRootfs, makeTar } from '../support/images.js';
import { hostileTars } from '../support/hostile-tars.js';

let daemon: TestDaemon;
let outside: string;

before(async () => {
  daemon = await startDaemon();
  outside = await mkdtemp(join(tmpdir(), 'cais-archive-outside-'));
  await daemon.client.importImage(Readable.from([await busyboxRootfs()]), { repo: 'bb', changes: ['CMD ["/bin/sh"]'] }, () => {});
});
after(async () => {
  await daemon?.stop();
  if (outside) await rm(outside, { recursive: true, force: true });
});

async function create(cmd: string[], hostConfig: object = {}): Promise<string> {
  const { Id } = await daemon.client.createContainer({ Image: 'bb', Cmd: cmd, HostConfig: hostConfig });
  return Id;
}

async function runToEnd(cmd: string[]): Promise<string> {
  const id = await create(cmd);
  const { exitCode: exited } = await daemon.client.waitContainer(id, 'next-exit');
  await daemon.client.startContainer(id);
  assert.equal(await exited, 0);
  return id;
}

/** The entries of a tar: name, type and (for files) content. */
async function entries(tar: Readable): Promise<{ name: string; type: string; linkname?: string; content?: string }[]> {
  const out: { name: string; type: string; linkname?: string; content?: string }[] = [];
  const ex = extract();
  const done = new Promise<void>((resolve, reject) => {
    ex.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => chunks.push(c as Buffer));
      stream.on('end', () => {
        out.push({
          name: header.name,
          type: header.type ?? 'file',
          ...(header.linkname ? { linkname: header.linkname } : {}),
          ...(header.type === 'file' ? { content: Buffer.concat(chunks).toString() } : {}),
        });
        next();
      });
    });
    ex.on('finish', resolve);
    ex.on('error', reject);
  });
  tar.pipe(ex);
  await done;
  return out;
}

const archive = (id: string, path: string) => daemon.client.getContainerArchive(id, path);
const names = async (id: string, path: string) => (await entries((await archive(id, path)).tar)).map((e) => e.name);

test('HEAD stats a path as Docker: Go file modes, symlink targets resolved in the root, 404 for a missing file', async () => {
  const id = await create(['true']);
  const passwd = await daemon.client.statContainerPath(id, '/etc/passwd');
  assert.deepEqual({ ...passwd, mtime: '' }, { name: 'passwd', size: passwd.size, mode: 0o644, mtime: '', linkTarget: '' });
  assert.match(passwd.mtime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  const sh = await daemon.client.statContainerPath(id, 'bin/sh');
  assert.equal(sh.mode, 2 ** 27 + 0o777);
  assert.equal(sh.linkTarget, '/bin/busybox');
  const etc = await daemon.client.statContainerPath(id, '/etc/.');
  assert.deepEqual([etc.name, etc.mode], ['.', 2 ** 31 + 0o755]);
  assert.equal((await daemon.client.statContainerPath(id, '/')).name, '/');
  const missing = await rawRequest(daemon.socketPath, 'GET', `/v1.50/containers/${id}/archive?path=/nope`);
  assert.deepEqual([missing.status, JSON.parse(missing.body)], [404, { message: `Could not find the file /nope in container ${id}` }]);
  const empty = await rawRequest(daemon.socketPath, 'GET', `/v1.50/containers/${id}/archive?path=`);
  assert.deepEqual([empty.status, JSON.parse(empty.body)], [400, { message: "bad parameter: 'path' cannot be empty" }]);
  await daemon.client.removeContainer(id, { force: true });
});

test('GET names entries after the last path element: dir/, dir/. and a file', async () => {
  const id = await create(['true']);
  // hostname, hosts and resolv.conf come from the init layer, as in Docker.
  const etc = ['group', 'hostname', 'hosts', 'passwd', 'resolv.conf'];
  assert.deepEqual(await names(id, '/etc'), ['etc/', ...etc.map((f) => `etc/${f}`)]);
  assert.deepEqual(await names(id, '/etc/'), ['etc/', ...etc.map((f) => `etc/${f}`)]);
  assert.deepEqual(await names(id, '/etc/.'), ['./', ...etc.map((f) => `./${f}`)]);
  const { stat, tar } = await archive(id, '/etc/passwd');
  assert.equal(stat.name, 'passwd');
  const [file] = await entries(tar);
  assert.deepEqual([file?.name, file?.content], ['passwd', 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n']);
  assert.deepEqual(await entries((await archive(id, '/bin/sh')).tar), [{ name: 'sh', type: 'symlink', linkname: '/bin/busybox' }]);
  await daemon.client.removeContainer(id, { force: true });
});

test('symlinks in the container never reach host files', async () => {
  const id = await create(['true']);
  const links = await makeTar([
    { name: 'shadow', type: 'symlink', linkname: '/etc/shadow' },
    { name: 'pw', type: 'symlink', linkname: '/etc/passwd' },
    { name: 'up', type: 'symlink', linkname: '../../../../../../etc' },
    { name: 'hostdir', type: 'symlink', linkname: outside },
  ]);
  await daemon.client.putContainerArchive(id, '/tmp', Readable.from([links]));
  // A link is archived as itself; its target is resolved in the root, where /etc/shadow does not exist
  // (and, as in moby, a dangling link cannot be archived).
  assert.deepEqual(await entries((await archive(id, '/tmp/pw')).tar), [{ name: 'pw', type: 'symlink', linkname: '/etc/passwd' }]);
  assert.equal((await daemon.client.statContainerPath(id, '/tmp/pw')).linkTarget, '/etc/passwd');
  for (const path of ['/tmp/shadow', '/tmp/shadow/', '/tmp/up/shadow', '/tmp/up/../shadow']) {
    await assert.rejects(archive(id, path), /Could not find the file/, path);
  }
  // '..' climbs to the container's root, whose /etc holds the image's and the init layer's files.
  assert.deepEqual(await names(id, '/tmp/up/.'), ['./', './group', './hostname', './hosts', './passwd', './resolv.conf']);
  // A link to a host directory names that path inside the root, where it does not exist.
  await assert.rejects(
    daemon.client.putContainerArchive(id, '/tmp/hostdir', Readable.from([await makeTar([{ name: 'evil', content: 'x' }])])),
    /Could not find the file \/tmp\/hostdir/,
  );
  assert.deepEqual(await readdir(outside), []);
  await daemon.client.removeContainer(id, { force: true });
});

test('hostile tars to PUT are refused and change nothing; nothing lands outside the root', async () => {
  const id = await create(['true']);
  const accepted: string[] = [];
  for (const hostile of hostileTars(outside)) {
    const before = await daemon.client.containerChanges(id);
    try {
      await daemon.client.putContainerArchive(id, '/tmp', Readable.from([hostile.data]));
      accepted.push(hostile.name);
    } catch (err) {
      assert.match(String(err), /invalid archive|unexpected EOF|gzip|incorrect header|unrecognized archive|not a tar|invalid/i, hostile.name);
      assert.deepEqual(await daemon.client.containerChanges(id), before, hostile.name);
    }
    assert.deepEqual(await readdir(outside), [], hostile.name);
  }
  // What a layer accepts (inside the root), and `.wh...`, only a name outside a layer.
  const contained = hostileTars(outside).filter((h) => h.contained !== undefined).map((h) => h.name);
  assert.deepEqual(accepted.sort(), [...contained, 'whiteout-dotdot'].sort());
  await daemon.client.removeContainer(id, { force: true });
});

test('PUT extracts into a directory; refuses files, read-only roots and overwrites with noOverwriteDirNonDir', async () => {
  const id = await create(['true']);
  const tar = await makeTar([{ name: 'd/', type: 'directory' }, { name: 'd/f', content: 'hello', uid: 1000, gid: 1000 }]);
  await daemon.client.putContainerArchive(id, '/tmp', Readable.from([tar]));
  assert.deepEqual(await entries((await archive(id, '/tmp/d')).tar), [
    { name: 'd/', type: 'directory' },
    { name: 'd/f', type: 'file', content: 'hello' },
  ]);
  await assert.rejects(daemon.client.putContainerArchive(id, '/etc/passwd', Readable.from([tar])), /extraction point is not a directory/);
  await assert.rejects(daemon.client.putContainerArchive(id, '/nope', Readable.from([tar])), new RegExp(`Could not find the file /nope in container ${id}`));
  const clash = await makeTar([{ name: 'd', content: 'not a dir' }]);
  await assert.rejects(
    daemon.client.putContainerArchive(id, '/tmp', Readable.from([clash]), { noOverwriteDirNonDir: true }),
    /cannot overwrite directory "\/tmp\/d" with non-directory "\/tmp"/,
  );
  const ro = await create(['true'], { ReadonlyRootfs: true });
  await assert.rejects(daemon.client.putContainerArchive(ro, '/tmp', Readable.from([tar])), /container rootfs is marked read-only/);
  await daemon.client.removeContainer(id, { force: true });
  await daemon.client.removeContainer(ro, { force: true });
});

test('changes, export and commit of a container that ran; the committed image runs', async () => {
  const id = await runToEnd(['sh', '-c', 'echo hi > /new && rm /etc/group && mkdir /tmp/d']);
  const changes = (await daemon.client.containerChanges(id)) ?? [];
  for (const change of [{ Path: '/etc', Kind: 0 }, { Path: '/etc/group', Kind: 2 }, { Path: '/new', Kind: 1 }, { Path: '/tmp', Kind: 0 }, { Path: '/tmp/d', Kind: 1 }]) {
    assert.ok(changes.some((c) => c.Path === change.Path && c.Kind === change.Kind), `${JSON.stringify(change)} in ${JSON.stringify(changes)}`);
  }
  const exported = await entries(await daemon.client.exportContainer(id));
  const exportedNames = exported.map((e) => e.name);
  assert.ok(exportedNames.includes('new') && exportedNames.includes('bin/busybox') && exportedNames.includes('tmp/d/'));
  assert.ok(!exportedNames.includes('etc/group'));
  assert.equal(exported.find((e) => e.name === 'new')?.content, 'hi\n');

  const { Id } = await daemon.client.commitContainer(id, { repo: 'committed', tag: 'v1', comment: 'a change', author: 'me', changes: ['ENV A=b'] });
  assert.match(Id, /^sha256:[0-9a-f]{64}$/);
  const image = await daemon.client.inspectImage('committed:v1');
  assert.equal(image.Id, Id);
  assert.equal(image.Author, 'me');
  assert.equal(image.Comment, ''); // moby's NewChildImage keeps the comment in the history only
  assert.ok(image.Config?.Env?.includes('A=b'));
  assert.equal(image.RootFS.Layers?.length, 2);
  const history = await daemon.client.imageHistory('committed:v1');
  assert.deepEqual([history[0]?.Comment, history[0]?.CreatedBy], ['a change', 'sh -c echo hi > /new && rm /etc/group && mkdir /tmp/d']);

  const { Id: child } = await daemon.client.createContainer({ Image: 'committed:v1', Cmd: ['sh', '-c', 'cat /new && test ! -e /etc/group && test -d /tmp/d'] });
  const { exitCode: exited } = await daemon.client.waitContainer(child, 'next-exit');
  await daemon.client.startContainer(child);
  assert.equal(await exited, 0);
  assert.equal(await daemon.client.containerChanges(child), null);
  // A container with no changes commits to an image with no new layer.
  const { Id: same } = await daemon.client.commitContainer(child, {});
  assert.equal((await daemon.client.inspectImage(same)).RootFS.Layers?.length, 2);
  for (const c of [id, child]) await daemon.client.removeContainer(c, { force: true });
});

test('a running container is copied to and from', async () => {
  const id = await create(['sleep', '60']);
  await daemon.client.startContainer(id);
  await daemon.client.putContainerArchive(id, '/', Readable.from([await makeTar([{ name: 'hello', content: 'world' }])]));
  assert.deepEqual(await entries((await archive(id, '/hello')).tar), [{ name: 'hello', type: 'file', content: 'world' }]);
  assert.ok(((await daemon.client.containerChanges(id)) ?? []).some((c) => c.Path === '/hello' && c.Kind === 1));
  await daemon.client.removeContainer(id, { force: true });
});

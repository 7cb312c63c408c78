import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { main } from './main.js';

/** Runs the CLI in this process with captured streams; no daemon is involved in these cases. */
async function cais(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { stdout: '', stderr: '' };
  stdout.on('data', (c: Buffer) => (chunks.stdout += c.toString()));
  stderr.on('data', (c: Buffer) => (chunks.stderr += c.toString()));
  const code = await main(argv, { stdin: new PassThrough(), stdout, stderr });
  return { code, ...chunks };
}

// Expected messages and codes are docker 28's for the same command lines, with "docker" read as "cais".
describe('cais command line', () => {
  it('rejects bad flags with the usage line and status 125', async () => {
    assert.deepEqual(await cais('images', '--foo'), {
      code: 125,
      stdout: '',
      stderr: "unknown flag: --foo\n\nUsage:  cais images [OPTIONS] [REPOSITORY[:TAG]]\n\nRun 'cais images --help' for more information\n",
    });
    assert.deepEqual(await cais('--foo', 'images'), {
      code: 125,
      stdout: '',
      stderr: "unknown flag: --foo\n\nUsage:  cais [OPTIONS] COMMAND [ARG...]\n\nRun 'cais --help' for more information\n",
    });
    assert.equal((await cais('image', 'ls', '-x')).stderr.split('\n')[2], 'Usage:  cais image ls [OPTIONS] [REPOSITORY[:TAG]]');
  });

  it('rejects wrong argument counts with status 1', async () => {
    const r = await cais('history');
    assert.equal(r.code, 1);
    assert.equal(r.stderr, "cais: 'cais history' requires 1 argument\n\nUsage:  cais history [OPTIONS] IMAGE\n\nRun 'cais history --help' for more information\n");
  });

  it('reports unknown commands', async () => {
    assert.deepEqual(await cais('foo'), { code: 1, stdout: '', stderr: "cais: unknown command: cais foo\n\nRun 'cais --help' for more information\n" });
    assert.deepEqual(await cais('image', 'lss'), {
      code: 1,
      stdout: '',
      stderr: "cais: unknown command: cais image lss\n\nUsage:  cais image\n\nRun 'cais image --help' for more information\n",
    });
    assert.deepEqual(await cais('help', 'foo'), { code: 1, stdout: '', stderr: 'unknown help topic: foo\n' });
  });

  it('prints help on stdout for --help and help, on stderr for a bare group', async () => {
    const help = await cais('images', '--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: {2}cais images \[OPTIONS\] \[REPOSITORY\[:TAG\]\]\n/);
    assert.equal((await cais('help', 'images')).stdout, help.stdout);
    assert.equal((await cais('image', 'ls', '-h')).stdout.split('\n')[0], 'Usage:  cais image ls [OPTIONS] [REPOSITORY[:TAG]]');
    const group = await cais('image');
    assert.equal(group.code, 0);
    assert.equal(group.stdout, '');
    assert.match(group.stderr, /^Usage: {2}cais image COMMAND\n\nManage images\n\nCommands:\n {2}build {7}Build an image from a Dockerfile\n {2}history/);
    const root = await cais('--help');
    assert.match(root.stdout, /\nCommon Commands:\n {2}run {9}Create and run a new container from an image\n {2}exec {8}Execute a command in a running container\n {2}ps {10}List containers\n {2}build {7}Build an image from a Dockerfile\n {2}pull {8}Download an image from a registry\n {2}push {8}Upload an image to a registry\n {2}images {6}List images\n {2}login {7}Authenticate to a registry\n {2}logout {6}Log out from a registry\n/);
    assert.match(root.stdout, /\nGlobal Options:\n {2}-D, --debug {14}Enable debug mode\n/);
  });

  it('finds the command of a group after flags, as cobra does', async () => {
    assert.equal((await cais('image', '--help', 'ls')).stdout.split('\n')[0], 'Usage:  cais image ls [OPTIONS] [REPOSITORY[:TAG]]');
    // An unknown flag takes the next word as its value, so no command is found.
    assert.deepEqual(await cais('image', '--foo', 'ls'), {
      code: 125,
      stdout: '',
      stderr: "unknown flag: --foo\n\nUsage:  cais image\n\nRun 'cais image --help' for more information\n",
    });
  });

  it('prints the version with -v', async () => {
    assert.match((await cais('-v')).stdout, /^cais version \d+\.\d+\.\d+/);
  });

  it('checks references before calling the daemon', async () => {
    const r = await cais('-H', 'unix:///nonexistent/cais.sock', 'tag', 'busybox', 'BAD:x');
    assert.deepEqual(r, {
      code: 1,
      stdout: '',
      stderr: 'Error parsing reference: "BAD:x" is not a valid repository/tag: invalid reference format: repository name (library/BAD) must be lowercase\n',
    });
  });

  it('says when it cannot reach the daemon', async () => {
    const r = await cais('-H', 'unix:///nonexistent/cais.sock', 'images');
    assert.deepEqual(r, { code: 1, stdout: '', stderr: 'Cannot connect to the cais daemon at unix:///nonexistent/cais.sock. Is the cais daemon running?\n' });
  });
});

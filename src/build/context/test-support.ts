// Used by the tests of this folder only: temporary directories, trees
// written from a table, tar bytes and listings.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export async function bytes(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The names in a tar, as GNU tar lists them. */
export function list(tar: Buffer): string[] {
  return execFileSync('tar', ['t'], { input: tar }).toString().trim().split('\n');
}

/** A temporary directory, removed when the test ends. */
export async function tempDir(t: { after(fn: () => void): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cais-context-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes files (path: content) under root, making their directories. */
export function write(root: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), content);
  }
}

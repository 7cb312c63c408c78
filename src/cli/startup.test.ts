// What `cais` loads before it can answer, which every invocation pays for:
// never the OCI zod schemas (the CLI imports spec/<format>/index.js only),
// and, for the everyday commands, neither node:crypto nor node:https (TLS
// hosts and `save` load them when they need them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const here = new URL('.', import.meta.url);
const commandFiles = readdirSync(new URL('commands/', here)).filter((f) => f.endsWith('.js') && !f.endsWith('.test.js'));

// A resolve hook that names every module the child loads, on stderr.
const hooks = `export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  process.stderr.write('loaded ' + resolved.url + '\\n');
  return resolved;
}`;

/** The modules (by URL) and the builtins the child loaded after importing `everyday`, then `rest`. */
function load(everyday: URL[], rest: URL[]): { urls: string[]; builtins: string[] } {
  const script = `
    import { register } from 'node:module';
    register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hooks)}));
    const before = new Set(process.moduleLoadList);
    for (const url of ${JSON.stringify(everyday.map(String))}) await import(url);
    const builtins = process.moduleLoadList.filter((m) => !before.has(m) && m.startsWith('NativeModule ')).map((m) => m.slice(13));
    for (const url of ${JSON.stringify(rest.map(String))}) await import(url);
    process.stdout.write(JSON.stringify(builtins));
  `;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  const urls = [...child.stderr.matchAll(/^loaded (\S+)$/gm)].map((m) => m[1] as string);
  return { urls, builtins: JSON.parse(child.stdout) as string[] };
}

test('the CLI loads neither zod nor node:crypto/https to list images, show version or info', () => {
  const everyday = ['main.js', '../client/index.js', 'commands/images.js', 'commands/version.js', 'commands/info.js'].map((f) => new URL(f, here));
  const rest = commandFiles.map((f) => new URL(`commands/${f}`, here));
  const { urls, builtins } = load(everyday, rest);
  assert.ok(urls.some((u) => u.endsWith('/src/cli/commands/images.js')), 'the hook saw the CLI load');
  assert.ok(urls.some((u) => u.endsWith('/src/spec/reference/reference.js')), 'the hook saw the CLI load spec');
  assert.deepEqual(urls.filter((u) => u.includes('/node_modules/zod/') || u.includes('/src/spec/oci/')), []);
  for (const heavy of ['crypto', 'https', 'tls']) assert.ok(!builtins.includes(heavy), `${heavy} loaded by: ${builtins.join(' ')}`);
  assert.ok(builtins.includes('http'), 'builtins are seen');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgument } from '../common/index.js';
import { parseDaemonArgs } from './flags.js';

test('defaults: /var/lib/cais, /run/cais, and socket and pid file in the exec root', () => {
  assert.deepEqual(parseDaemonArgs([]), {
    hosts: ['unix:///run/cais/cais.sock'],
    dataRoot: '/var/lib/cais',
    execRoot: '/run/cais',
    pidfile: '/run/cais/cais.pid',
    tlsVerify: false,
    tlsCaCert: undefined,
    tlsCert: undefined,
    tlsKey: undefined,
    logLevel: 'info',
    cgroupParent: '/cais',
    bridge: 'cais0',
    defaultAddressPools: [],
    insecureRegistries: [],
  });
  const moved = parseDaemonArgs(['--exec-root', '/tmp/x']);
  assert.ok(moved !== 'help');
  assert.deepEqual(moved.hosts, ['unix:///tmp/x/cais.sock']);
  assert.equal(moved.pidfile, '/tmp/x/cais.pid');
});

test('dockerd\'s flag names, long and short, repeated hosts', () => {
  const config = parseDaemonArgs([
    '-H', 'unix:///a.sock', '--host=tcp://127.0.0.1:2376', '--data-root', '/d', '--exec-root=/e', '-p', '/p.pid',
    '--tlsverify', '--tlscacert', '/ca.pem', '--tlscert', '/cert.pem', '--tlskey', '/key.pem', '-l', 'warn',
  ]);
  assert.deepEqual(config, {
    hosts: ['unix:///a.sock', 'tcp://127.0.0.1:2376'],
    dataRoot: '/d',
    execRoot: '/e',
    pidfile: '/p.pid',
    tlsVerify: true,
    tlsCaCert: '/ca.pem',
    tlsCert: '/cert.pem',
    tlsKey: '/key.pem',
    logLevel: 'warn',
    cgroupParent: '/cais',
    bridge: 'cais0',
    defaultAddressPools: [],
    insecureRegistries: [],
  });
});

test('-D wins over --log-level; dockerd level names fold onto ours', () => {
  const debug = parseDaemonArgs(['-l', 'error', '-D']);
  assert.ok(debug !== 'help' && debug.logLevel === 'debug');
  const fatal = parseDaemonArgs(['--log-level', 'FATAL']);
  assert.ok(fatal !== 'help' && fatal.logLevel === 'error');
  assert.throws(() => parseDaemonArgs(['--log-level', 'loud']), (err: unknown) =>
    err instanceof InvalidArgument && err.message === 'Unable to parse logging level: loud');
});

test('relative paths are made absolute', () => {
  const config = parseDaemonArgs(['--data-root', 'rel/data']);
  assert.ok(config !== 'help');
  assert.equal(config.dataRoot, `${process.cwd()}/rel/data`);
});

test('help, and unknown flags or positionals are InvalidArgument', () => {
  assert.equal(parseDaemonArgs(['--help']), 'help');
  assert.equal(parseDaemonArgs(['-h']), 'help');
  const refused = (argv: string[], message: string): void =>
    assert.throws(() => parseDaemonArgs(argv), (err: unknown) => err instanceof InvalidArgument && err.message === message);
  refused(['--bogus'], 'unknown flag: --bogus');
  refused(['-Z'], 'unknown flag: -Z');
  refused(['extra'], '"cais daemon" accepts no arguments, got "extra"');
  refused(['--data-root'], 'flag needs an argument: --data-root');
  assert.throws(() => parseDaemonArgs(['--debug=1']), InvalidArgument);
});

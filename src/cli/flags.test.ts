import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FlagError, type FlagSpec, HelpRequested, filtersFrom, parseFlags } from './flags.js';

const specs: FlagSpec[] = [
  { name: 'quiet', short: 'q', type: 'bool', usage: '' },
  { name: 'all', short: 'a', type: 'bool', usage: '' },
  { name: 'human', short: 'H', type: 'bool', usage: '', defaultValue: true },
  { name: 'format', type: 'string', usage: '' },
  { name: 'filter', short: 'f', type: 'filter', usage: '' },
  { name: 'change', short: 'c', type: 'list', usage: '' },
  { name: 'platform', type: 'strings', usage: '' },
  { name: 'plat', type: 'strings', usage: '', hidden: true, aliasOf: 'platform' },
];

function error(argv: string[]): string {
  try {
    parseFlags(argv, specs);
  } catch (err) {
    assert.ok(err instanceof FlagError, String(err));
    return err.message;
  }
  assert.fail('no error');
}

describe('parseFlags (pflag semantics)', () => {
  it('reads long, short, grouped and inline forms, interspersed with arguments', () => {
    const p = parseFlags(['x', '-qa', '--format', '{{.ID}}', 'y', '-fdangling=true', '-f=label=a', '--filter=until=1h', '-c', 'CMD x', '-H=false'], specs);
    assert.deepEqual(p.args, ['x', 'y']);
    assert.equal(p.values.get('quiet'), true);
    assert.equal(p.values.get('all'), true);
    assert.equal(p.values.get('human'), false);
    assert.equal(p.values.get('format'), '{{.ID}}');
    assert.deepEqual(p.values.get('filter'), ['dangling=true', 'label=a', 'until=1h']);
    assert.deepEqual(p.values.get('change'), ['CMD x']);
    assert.deepEqual([...p.changed].sort(), ['all', 'change', 'filter', 'format', 'human', 'quiet']);
  });

  it('keeps defaults and takes booleans as Go spells them', () => {
    const p = parseFlags(['--quiet=T', '--all=0', '--platform', 'linux/amd64,linux/arm64'], specs);
    assert.equal(p.values.get('human'), true);
    assert.equal(p.values.get('quiet'), true);
    assert.equal(p.values.get('all'), false);
    assert.deepEqual(p.values.get('platform'), ['linux/amd64', 'linux/arm64']);
  });

  it('reads string slices as CSV, and a hidden alias into the value of the flag it names', () => {
    const p = parseFlags(['--platform', 'a,"b,c"', '--plat', 'd', '--platform='], specs);
    assert.deepEqual(p.values.get('platform'), ['a', 'b,c', 'd']);
    assert.equal(p.values.has('plat'), false);
    assert.deepEqual([...p.changed], ['platform']);
    assert.equal(error(['--plat', 'a"b']), 'invalid argument "a\\"b" for "--plat" flag: parse error on line 1, column 2: bare " in non-quoted-field');
  });

  it('stops at -- and at the first argument when not interspersed', () => {
    assert.deepEqual(parseFlags(['-q', '--', '-a', 'b'], specs).args, ['-a', 'b']);
    assert.deepEqual(parseFlags(['-q', 'images', '-a'], specs, false).args, ['images', '-a']);
    assert.deepEqual(parseFlags(['-', '-q'], specs).args, ['-']);
  });

  it("fails with pflag's messages", () => {
    assert.equal(error(['--foo']), 'unknown flag: --foo');
    assert.equal(error(['--foo=bar']), 'unknown flag: --foo');
    assert.equal(error(['-x']), "unknown shorthand flag: 'x' in -x");
    assert.equal(error(['-qx']), "unknown shorthand flag: 'x' in -x");
    assert.equal(error(['-xq']), "unknown shorthand flag: 'x' in -xq");
    assert.equal(error(['--format']), 'flag needs an argument: --format');
    assert.equal(error(['-f']), "flag needs an argument: 'f' in -f");
    assert.equal(error(['---x']), 'bad flag syntax: ---x');
    assert.equal(error(['--all=3']), 'invalid argument "3" for "-a, --all" flag: strconv.ParseBool: parsing "3": invalid syntax');
    assert.equal(error(['-f', 'x']), 'invalid argument "x" for "-f, --filter" flag: bad format of filter (expected name=value)');
  });

  it('asks for help on -h and --help, after checking the other flags', () => {
    assert.throws(() => parseFlags(['-h'], specs), HelpRequested);
    assert.throws(() => parseFlags(['x', '--help'], specs), HelpRequested);
    assert.throws(() => parseFlags(['--help', '--foo'], specs), FlagError);
    assert.equal(parseFlags(['--help=false'], specs).values.get('help'), false);
  });

  it('folds filters as docker does: names lower-cased, values trimmed, duplicates dropped', () => {
    assert.deepEqual(filtersFrom(['Dangling= true', 'dangling=true', 'label=a=b', 'label=c']), {
      dangling: ['true'],
      label: ['a=b', 'c'],
    });
  });
});

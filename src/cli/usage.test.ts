import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commands, findCommand } from './commands.js';
import type { LeafCommand } from './usage.js';
import { argsError, flagUsages, leafHelp, wrap } from './usage.js';

const images = findCommand(commands, 'images') as LeafCommand;

describe('help text', () => {
  it("matches docker 28's `images --help` (but --tree)", () => {
    // docker images --help, with "docker" read as "cais".
    assert.equal(
      leafHelp(images, 'cais'),
      `Usage:  cais images [OPTIONS] [REPOSITORY[:TAG]]

List images

Aliases:
  cais image ls, cais image list, cais images

Options:
  -a, --all             Show all images (default hides intermediate images)
      --digests         Show digests
  -f, --filter filter   Filter output based on conditions provided
      --format string   Format output using a custom template:
                        'table':            Print output in table format
                        with column headers (default)
                        'table TEMPLATE':   Print output in table format
                        using the given Go template
                        'json':             Print in JSON format
                        'TEMPLATE':         Print output using the given
                        Go template.
                        Refer to https://docs.docker.com/go/formatting/
                        for more information about formatting output with
                        templates
      --no-trunc        Don't truncate output
  -q, --quiet           Only show image IDs
`,
    );
  });

  it('wraps as pflag does for the width of the terminal', () => {
    assert.equal(
      flagUsages([{ name: 'human', short: 'H', type: 'bool', usage: 'Print sizes and dates in human readable format', defaultValue: true }], 79),
      '  -H, --human   Print sizes and dates in human readable format (default true)\n',
    );
    assert.equal(wrap(10, 40, 'one two three four five six seven'), 'one two three four five\n          six seven');
    // Too narrow to wrap: as is.
    assert.equal(wrap(10, 30, 'one two three four five six seven'), 'one two three four five six seven');
  });

  it("words argument-count errors as docker's cli/required.go", () => {
    const tag = findCommand(commands, 'tag') as LeafCommand;
    const rmi = findCommand(commands, 'rmi') as LeafCommand;
    const load = findCommand(commands, 'load') as LeafCommand;
    const port = findCommand(commands, 'port') as LeafCommand;
    assert.equal(
      argsError(tag, 'cais', 1, 'cais'),
      "cais: 'cais tag' requires 2 arguments\n\nUsage:  cais tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]\n\nRun 'cais tag --help' for more information",
    );
    assert.equal(
      argsError(rmi, 'cais', 0, 'cais'),
      "cais: 'cais rmi' requires at least 1 argument\n\nUsage:  cais rmi [OPTIONS] IMAGE [IMAGE...]\n\nSee 'cais rmi --help' for more information",
    );
    assert.equal(
      argsError(images, 'cais', 2, 'cais'),
      "cais: 'cais images' requires at most 1 argument\n\nUsage:  cais images [OPTIONS] [REPOSITORY[:TAG]]\n\nSRun 'cais images --help' for more information",
    );
    assert.equal(
      argsError(load, 'cais', 1, 'cais'),
      "cais: 'cais load' accepts no arguments\n\nUsage:  cais load [OPTIONS]\n\nRun 'cais load --help' for more information",
    );
    assert.equal(
      argsError(port, 'cais', 3, 'cais'),
      "cais: 'cais port' requires at least 1 and at most 2 arguments\n\nUsage:  cais port CONTAINER [PRIVATE_PORT[/PROTO]]\n\nRun 'cais port --help' for more information",
    );
    assert.equal(argsError(port, 'cais', 2, 'cais'), undefined);
    assert.equal(argsError(images, 'cais', 1, 'cais'), undefined);
  });
});

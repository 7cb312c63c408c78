// The help texts several commands' flags share, in docker 28's words.
import type { FlagSpec } from './flags.js';

export const formatHelp = `Format output using a custom template:
'table':            Print output in table format with column headers (default)
'table TEMPLATE':   Print output in table format using the given Go template
'json':             Print in JSON format
'TEMPLATE':         Print output using the given Go template.
Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates`;

export const inspectFormatHelp = `Format output using a custom template:
'json':             Print in JSON format
'TEMPLATE':         Print output using the given Go template.
Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates`;

/** The -f/--format flag of the inspect commands. */
export const inspectFormat: FlagSpec = { name: 'format', short: 'f', type: 'string', usage: inspectFormatHelp };

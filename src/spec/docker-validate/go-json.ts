// zod issues in the words of Go's encoding/json decoder, so that a bad body
// gets the message Docker's daemon gives it.
import type { z } from 'zod';
import { InvalidArgument } from '../../common/index.js';

const goTypes: Record<string, string> = { string: 'string', number: 'int64', boolean: 'bool', array: '[]', object: 'struct' };

/** A zod issue in the words of Go's json decoder. */
export function decodeError(issue: z.ZodIssue): InvalidArgument {
  const field = issue.path.map(String).join('.');
  if (issue.code === 'invalid_type') {
    const got = issue.received === 'null' ? 'null' : issue.received === 'integer' ? 'number' : issue.received;
    const want = goTypes[issue.expected] ?? issue.expected;
    return new InvalidArgument(`json: cannot unmarshal ${got} into Go struct field ${field} of type ${want}`);
  }
  if (issue.code === 'unrecognized_keys') return new InvalidArgument(`json: unknown field ${JSON.stringify(issue.keys[0])}`);
  return new InvalidArgument(`json: invalid value for Go struct field ${field}: ${issue.message}`);
}

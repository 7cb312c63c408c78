// docker's toStatusError for run and start: a container that could not
// start exits 127 when its program was not found, 126 when it could not be
// executed, else 125, with the daemon's words and the command's help hint.
import { StatusError, errorText } from './errors.js';

export function startFailure(err: unknown, path: string): StatusError {
  if (err instanceof StatusError) return err;
  const text = errorText(err);
  const status = /executable file not found|no such file or directory|system cannot find the file specified/.test(text)
    ? 127
    : /permission denied|is a directory/.test(text)
      ? 126
      : 125;
  return new StatusError(`cais: ${text}\n\nRun '${path} --help' for more information`, status);
}

// moby's setExitCodeFromError: the exit code recorded for a process the
// runtime could not run, read from the runtime's error text.
export function startFailureExitCode(message: string): number | undefined {
  const text = message.toLowerCase();
  if (text.includes('permission denied') || text.includes('is a directory')) return 126;
  if (/not a directory|executable file not found|no such file or directory/.test(text)) return 127;
  return undefined;
}

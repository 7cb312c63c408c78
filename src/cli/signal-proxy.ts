// --sig-proxy: signals the CLI receives go to the container (docker's
// ForwardAllSignals, for the signals a terminal user sends).
const forwarded: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'];

/** Forwards until the returned function is called. */
export function proxySignals(kill: (signal: string) => Promise<void>): () => void {
  const handlers = forwarded.map((signal) => {
    const handler = (): void => void kill(signal).catch(() => undefined);
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  return () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
}

// The image history a build writes, as BuildKit's Dockerfile frontend
// writes it (dockerfile2llb's commitToHistory): "ENV A=b", "WORKDIR /app",
// "RUN |1 V=2 /bin/sh -c make # buildkit", "COPY . /app/ # buildkit",
// `CMD ["/bin/bash"]`, each with the comment "buildkit.dockerfile.v0".
// Go's %v and %q formatting of slices and durations is reproduced here, as
// the messages are built with fmt.Sprintf there.
import { goQuote, type Healthcheck } from '../spec/dockerfile/index.js';

export const historyComment = 'buildkit.dockerfile.v0';

/** Go's %v of a []string: `[a b c]`. */
export function goList(values: readonly string[]): string {
  return `[${values.join(' ')}]`;
}

/** Go's %q of a []string: `["a" "b"]`. */
export function goQuotedList(values: readonly string[]): string {
  return `[${values.map(goQuote).join(' ')}]`;
}

function withFraction(value: number, unit: number): string {
  const whole = Math.floor(value / unit);
  const rest = value - whole * unit;
  if (rest === 0) return String(whole);
  const digits = String(unit).length - 1;
  return `${whole}.${String(rest).padStart(digits, '0').replace(/0+$/, '')}`;
}

/** Go's time.Duration.String() of nanoseconds: 0s, 1.5s, 1m30s, 2h0m0s, 500ms. */
export function goDuration(ns: number): string {
  if (ns === 0) return '0s';
  const sign = ns < 0 ? '-' : '';
  let left = Math.abs(ns);
  if (left < 1e3) return `${sign}${left}ns`;
  if (left < 1e6) return `${sign}${withFraction(left, 1e3)}µs`;
  if (left < 1e9) return `${sign}${withFraction(left, 1e6)}ms`;
  const hours = Math.floor(left / 3.6e12);
  left -= hours * 3.6e12;
  const minutes = Math.floor(left / 6e10);
  left -= minutes * 6e10;
  const h = hours > 0 ? `${hours}h` : '';
  const m = hours > 0 || minutes > 0 ? `${minutes}m` : '';
  return `${sign}${h}${m}${withFraction(left, 1e9)}s`;
}

/** `HEALTHCHECK %+v` of moby's HealthConfig. */
export function healthcheckHistory(h: Healthcheck): string {
  const d = (ns: number | undefined) => goDuration(ns ?? 0);
  return (
    `HEALTHCHECK {Test:${goList(h.Test)} Interval:${d(h.Interval)} Timeout:${d(h.Timeout)} ` +
    `StartPeriod:${d(h.StartPeriod)} StartInterval:${d(h.StartInterval)} Retries:${h.Retries ?? 0}}`
  );
}

/** RUN's line: the build args in scope as `|N k=v ...`, then the command; withLayer steps that run get " # buildkit". */
export function runHistory(args: readonly string[], buildArgs: readonly (readonly [string, string])[]): string {
  const prefix = buildArgs.length > 0 ? [`|${buildArgs.length}`, ...buildArgs.map(([k, v]) => `${k}=${v}`)] : [];
  return `RUN ${[...prefix, ...args].join(' ')} # buildkit`;
}

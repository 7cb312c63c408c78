// GET /events (moby router/system): the events kept since `since`, then
// every new one, as a stream of JSON objects, until `until` or until the
// client goes.
import { InvalidArgument } from '../../common/index.js';
import { eventFilter, eventTime } from '../../engine/index.js';
import type { EventMessage } from '../../spec/index.js';
import { parseFilters } from '../filters.js';
import type { Router } from '../router.js';
import type { ServedEngine } from '../served-engine.js';

export function registerEventRoutes(router: Router, engine: ServedEngine): void {
  router.get('/events', ({ res, query }) => {
    const sinceText = query.get('since');
    const untilText = query.get('until');
    const now = Date.now();
    const since = sinceText === '' ? undefined : eventTime(sinceText, now);
    const until = untilText === '' ? undefined : eventTime(untilText, now);
    if (since !== undefined && until !== undefined && until < since) {
      throw new InvalidArgument(`\`since\` time (${sinceText}) cannot be after \`until\` time (${untilText})`);
    }
    const include = eventFilter(parseFilters(query.get('filters')));
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.flushHeaders();
    // The kept events are replayed when either bound is given, as moby's SubscribeTopic does.
    const replayFrom = since ?? (until !== undefined ? 0n : undefined);
    const unsubscribe = engine.events.subscribe((e) => {
      if (until !== undefined && e.nanos > until) return;
      if (include(e.message)) res.write(eventJson(e.message, e.nanos));
    }, replayFrom);
    let timer: NodeJS.Timeout | undefined;
    const finish = (): void => {
      unsubscribe();
      clearTimeout(timer);
      if (!res.writableEnded) res.end();
    };
    if (until !== undefined) timer = setTimeout(finish, Math.max(0, Number(until / 1_000_000n) - Date.now()));
    res.once('close', finish);
    return Promise.resolve();
  });
}

/** The event as moby encodes it (timeNano last), with timeNano exact: a JS number would round it. */
function eventJson(message: EventMessage, nanos: bigint): string {
  const { timeNano: _rounded, ...rest } = message;
  return `${JSON.stringify(rest).slice(0, -1)},"timeNano":${nanos}}\n`;
}

// A limit of requests in flight for the worker's one HTTP client (docs/design.md "Budgets": at most 6), with urgent
// requests first. No browser API here, so the unit tests run it as it is.
import type { HttpClient } from '../core/network/net';

/**
 * At most `max` requests in flight; the rest wait in order, urgent ones (HttpRequest.urgent: a PTR name asked as
 * soon as its address is in) before the others. A slot freed by an answer is handed to a waiting request that is
 * not urgent one turn of the event loop later, so that what the answer itself unlocks — asked in the same turn —
 * takes it first: otherwise MX and TXT queued behind the first six questions would take the slots the A answer
 * frees, and its PTR name would wait for another answer (issue #25).
 */
export function limitConcurrency(client: HttpClient, max: number): HttpClient & { peak: () => number } {
  let active = 0;
  let peak = 0;
  const urgent: (() => void)[] = [];
  const queue: (() => void)[] = [];
  // A waiting request is handed its slot: `active` counts it from then on.
  const handOver = () => {
    const next = urgent.shift() ?? queue.shift();
    if (next) next();
    else active--;
  };
  const release = () => {
    if (urgent.length || !queue.length) handOver();
    else setTimeout(handOver, 0);
  };
  const limited = (async (url, req) => {
    if (active < max) active++;
    else await new Promise<void>((r) => (req.urgent ? urgent : queue).push(r));
    peak = Math.max(peak, active);
    try {
      return await client(url, req);
    } finally {
      release();
    }
  }) as HttpClient & { peak: () => number };
  limited.peak = () => peak;
  return limited;
}

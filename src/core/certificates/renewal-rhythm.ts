// The renewer's rhythm, read from Certificate Transparency history (RENEWAL_INTERVAL_TOO_LONG, docs/how-we-judge.md
// "Renewal interval"). Pure: issuances in, a proven fixed interval (or nothing) out.
//
// A renewer that renews *relative to the certificate's lifetime* — certbot's "⅓ of the lifetime left" (30 days
// before expiry for 90-day certificates), ARI, Caddy's and cert-manager's ⅔ — renews sooner when the lifetime
// shrinks. A renewer on a *fixed interval* (a cron job every 60 days, acme.sh's default 60 days after issue) does
// not. With 90-day certificates both renew at day 60, so one interval proves nothing; only a sequence does:
//  (a) at least two consecutive recent intervals agree within ±2 days while the certificates they followed had
//      lifetimes differing by at least 10 % — the interval did not follow the lifetime; or
//  (b) at least two agreeing intervals each as long as the certificate they followed, or longer — it has
//      already let the certificate lapse, repeatedly.
// Irregular intervals (two servers renewing independently, ARI's random point in its window, renewals by hand)
// prove nothing: nothing is returned.
import { DAY, HOUR } from '../engine/time';
import { certificateNameCovers } from '../network/names';
import type { Issuance } from '../sources/ct';

/** One renewal: the (pre)certificates and SAN variants issued within an hour of each other. */
export interface RenewalEvent {
  notBefore: number;
  notAfter: number;
  /** The longest lifetime among the certificates of this renewal (ms). */
  lifetime: number;
}

export interface RenewalInterval {
  /** Time from one renewal to the next (ms). */
  gap: number;
  /** Lifetime of the certificate that renewal replaced (ms). */
  after: number;
}

export interface FixedRhythm {
  /** The interval the renewer keeps (ms): the mean of the agreeing intervals. */
  interval: number;
  /** (a) the interval stayed while the lifetime changed; (b) it already let certificates lapse. */
  proof: 'lifetime-changed' | 'lapsed';
  /** The agreeing intervals, oldest first. */
  intervals: RenewalInterval[];
  /** Every renewal read, oldest first; the last is the current certificate. */
  events: RenewalEvent[];
}

/** Certificates whose notBefore are this close are one renewal (a precertificate and its certificate, SAN variants). */
export const SAME_RENEWAL_MS = HOUR;
/** Two intervals agree when they differ by at most this much. */
export const AGREE_MS = 2 * DAY;
/** Lifetimes differ when the shorter is at least this fraction shorter than the longer. */
export const LIFETIME_CHANGE = 0.1;

/**
 * The renewals of `host` by one CA, oldest first. `byRenewer` says whether an issuance is the renewer's (its CA);
 * by default only certificates naming `host` exactly count (the history is asked for the exact name); `covering`
 * counts a wildcard that covers it too (Cert Spotter's list, asked with match_wildcards). Entries that cannot be
 * a certificate (no lifetime, not yet valid, unreadable dates) are dropped.
 */
export function renewalEvents(
  issuances: readonly Issuance[],
  host: string,
  byRenewer: (i: Issuance) => boolean,
  now: number,
  names: 'exact' | 'covering' = 'exact',
): RenewalEvent[] {
  const named = (i: Issuance) =>
    names === 'exact' ? i.names.includes(host) : i.names.some((n) => certificateNameCovers(n, host));
  const certs = issuances
    .filter((i) => !i.revoked && named(i) && byRenewer(i))
    .map((i) => ({ nb: Date.parse(i.notBefore), na: Date.parse(i.notAfter) }))
    .filter((c) => Number.isFinite(c.nb) && Number.isFinite(c.na) && c.na > c.nb && c.nb <= now)
    .sort((a, b) => a.nb - b.nb);
  const events: RenewalEvent[] = [];
  let start = Number.NEGATIVE_INFINITY;
  for (const c of certs) {
    const last = events[events.length - 1];
    if (last && c.nb - start <= SAME_RENEWAL_MS) {
      last.notAfter = Math.max(last.notAfter, c.na);
      last.lifetime = Math.max(last.lifetime, c.na - c.nb);
      continue;
    }
    start = c.nb;
    events.push({ notBefore: c.nb, notAfter: c.na, lifetime: c.na - c.nb });
  }
  return events;
}

/** The fixed interval the renewals prove, or null when they prove none (module comment). */
export function fixedInterval(events: readonly RenewalEvent[]): FixedRhythm | null {
  if (events.length < 3) return null;
  const all: RenewalInterval[] = events
    .slice(1)
    .map((e, k) => ({ gap: e.notBefore - events[k].notBefore, after: events[k].lifetime }));
  // What renewalEvents makes never fails this; anything else (no lifetime, renewals within the hour) proves nothing.
  const sound = (x: RenewalInterval) => Number.isFinite(x.gap) && x.gap > SAME_RENEWAL_MS && x.after > 0;
  if (!all.every(sound) || !Number.isFinite(events[events.length - 1].lifetime)) return null;
  // The recent run: the newest interval and the ones before it that agree with it.
  const newest = all[all.length - 1].gap;
  let from = all.length - 1;
  while (from > 0 && Math.abs(all[from - 1].gap - newest) <= AGREE_MS) from--;
  const run = all.slice(from);
  if (run.length < 2) return null;
  const lifetimes = run.map((x) => x.after);
  const longest = Math.max(...lifetimes);
  const changed = (longest - Math.min(...lifetimes)) / longest >= LIFETIME_CHANGE;
  const lapsed = run.filter((x) => x.gap >= x.after).length >= 2;
  if (!changed && !lapsed) return null;
  return {
    interval: run.reduce((a, x) => a + x.gap, 0) / run.length,
    proof: changed ? 'lifetime-changed' : 'lapsed',
    intervals: run,
    events: [...events],
  };
}

/**
 * When a renewer on a proven fixed interval will next run: the current renewal (the newest event) plus the
 * interval — whatever the certificate's lifetime says, which is the point of RENEWAL_INTERVAL_TOO_LONG. null once
 * that run is more than AGREE_MS in the past: the renewer missed its own rhythm (a stalled renewal, which
 * RENEWAL_OVERDUE and CERT_EXPIRED judge by the renewal point), so the rhythm no longer says when it will try.
 * The one rule for RENEWAL_INTERVAL_TOO_LONG's "next renewal" and the verdict sentence's "Renewal is due around".
 */
export function nextFixedRun(rhythm: Pick<FixedRhythm, 'interval' | 'events'>, now: number): number | null {
  const current = rhythm.events[rhythm.events.length - 1];
  if (!current) return null;
  const next = current.notBefore + rhythm.interval;
  return next + AGREE_MS < now ? null : next;
}

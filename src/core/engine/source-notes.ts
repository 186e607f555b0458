// One note per source a report rests on: ok, skipped (not configured, quota, HSTS) or failed, with the source's
// own reason. A failing CT, RDAP or CA status is a note, never a finding: it skips the checks that need it.
import type { DnsAnswer } from '../dns/resolver';
import type { SitePart } from './gathered';
import type { SourceNote } from './types';

/** The DNS note: the first failed lookup among those the verdict rests on (the zone's NS, the host's addresses). */
export function dnsNote(verdictLookups: DnsAnswer[]): SourceNote {
  const failed = verdictLookups.find((x) => x.status === 'error');
  return failed ? { source: 'dns', status: 'failed', reason: failed.error } : { source: 'dns', status: 'ok' };
}

/** The full tier's sources, once all are in (a partial report has only the DNS note). */
export function siteNotes(s: SitePart, host: string): SourceNote[] {
  return [
    ctNote(s),
    rdapNote(s),
    plain('ca-status', s.ca, 'no CA status URL configured'),
    ...ariNote(s),
    challengeNote(s, host),
    ...(s.headers && 'error' in s.headers ? [failed('headers', s.headers.error)] : []),
    ...(s.cert.error ? [failed('certificate', s.cert.error)] : []),
  ];
}

const failed = (source: SourceNote['source'], reason?: string): SourceNote => ({ source, status: 'failed', reason });

function plain(source: SourceNote['source'], r: { ok: boolean; reason?: string } | null, missing: string): SourceNote {
  if (r === null) return { source, status: 'skipped', reason: missing };
  return r.ok ? { source, status: 'ok' } : failed(source, r.reason);
}

function ctNote({ ct }: SitePart): SourceNote {
  if (ct && !ct.ok && ct.retryAt)
    return {
      source: 'ct',
      status: 'skipped',
      reason: ct.reason,
      text: { key: 'note_ct_quota', params: { time: localTime(ct.retryAt) } },
    };
  if (ct?.ok && ct.truncated)
    return {
      source: 'ct',
      status: 'ok',
      reason: `more than ${ct.pages} pages: the newest certificates may be missing`,
      text: { key: 'note_ct_truncated', params: { pages: ct.pages ?? 0 } },
    };
  return plain('ct', ct, 'no Certificate Transparency source configured');
}

function rdapNote({ rdap }: SitePart): SourceNote {
  if (rdap && !rdap.ok)
    return {
      source: 'rdap',
      status: rdap.kind === 'error' ? 'failed' : 'skipped',
      reason: rdap.reason,
      ...(rdap.text ? { text: rdap.text } : {}),
    };
  if (rdap?.ok && rdap.source === 'whois') return { source: 'rdap', status: 'ok', text: { key: 'note_whois_used' } };
  return plain('rdap', rdap, 'no RDAP server configured');
}

function ariNote({ ari }: SitePart): SourceNote[] {
  if (ari && 'skipped' in ari) return [{ source: 'ari', status: 'skipped', reason: ari.skipped }];
  if (ari && !ari.ok) return [failed('ari', ari.reason)];
  return [];
}

function challengeNote({ upgraded, challenge }: SitePart, host: string): SourceNote {
  if (upgraded) {
    const kind = upgraded.outcome?.kind;
    // Port 80 tested at the address and found closed: CHALLENGE_UNREACHABLE says it.
    if (kind === 'refused' || kind === 'timeout') return { source: 'challenge', status: 'ok' };
    return {
      source: 'challenge',
      status: 'skipped',
      reason: 'the browser upgraded http:// to https:// by itself (HSTS): port 80 not tested by name',
      text: {
        key: kind === 'response' ? 'note_challenge_hsts_address_ok' : 'note_challenge_hsts',
        params: { name: host, address: upgraded.address ?? '' },
      },
    };
  }
  if (!challenge) return { source: 'challenge', status: 'skipped', reason: 'no site probe in this environment' };
  return challenge.kind === 'error' && challenge.hops.length === 0
    ? failed('challenge', challenge.reason)
    : { source: 'challenge', status: 'ok' };
}

/** HH:MM in the runtime's own time zone (the user's, in the browser and the terminal). */
function localTime(ms: number): string {
  return new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(ms),
  );
}

// Why a source could not answer, in the reader's language. Sources report an English reason (it goes to logs
// and --json as it always has); this file recognises the kinds of failure that recur (timeouts, HTTP errors,
// unreachable services, junk answers, what is not configured) so the Japanese UI can say them in Japanese.
// Every English message is "{detail}": English output stays the source's own words. A reason of no known
// kind is shown as data (the popup puts it in <code>), never translated by guesswork.
import type { Translate } from './i18n';
import type { LocalText, MessageKey, SourceNote } from '../engine/types';

const KINDS: { test: RegExp; key: MessageKey; params?: (m: RegExpMatchArray) => Record<string, string | number> }[] = [
  { test: /took too long/i, key: 'reason_deadline' },
  {
    test: /timed out after (\d+) ?ms/i,
    key: 'reason_timeout',
    params: (m) => ({ seconds: Math.round(Number(m[1]) / 100) / 10 }),
  },
  { test: /HTTP 429|quota|budget/i, key: 'reason_quota' },
  { test: /does not know this certificate/i, key: 'reason_ari_unknown_certificate' },
  { test: /does not know|no such domain/i, key: 'reason_unknown_domain' },
  { test: /no RDAP server for \.(\S+)/i, key: 'reason_no_rdap', params: (m) => ({ tld: m[1] }) },
  { test: /answered HTTP (\d{3})/i, key: 'reason_http', params: (m) => ({ status: m[1] }) },
  { test: /SERVFAIL/, key: 'reason_servfail' },
  { test: /resolver answered ([A-Z]+)/, key: 'reason_rcode', params: (m) => ({ rcode: m[1] }) },
  { test: /CNAME chain too long/i, key: 'reason_cname_loop' },
  { test: /no .* configured/i, key: 'reason_not_configured' },
  { test: /renewal information|renewalInfo in its directory/i, key: 'reason_no_ari' },
  { test: /Authority Key Identifier|no certificate bytes/i, key: 'reason_ari_no_id' },
  { test: /no site probe/i, key: 'reason_no_probe' },
  { test: /HSTS/, key: 'reason_hsts' },
  {
    test: /not a list|not a domain object|sent no|ends before it starts|JSON|HTML|malformed|not a DNS response|problem/i,
    key: 'reason_bad_answer',
  },
  {
    test: /Failed to fetch|NetworkError|ECONN|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|fetch failed|socket hang up|network|connect/i,
    key: 'reason_network',
  },
];

/** The reason as a translatable text, or null when it is of no known kind. */
export function reasonText(reason: string): LocalText | null {
  for (const k of KINDS) {
    const m = reason.match(k.test);
    if (m) return { key: k.key, params: { detail: reason, ...(k.params?.(m) ?? {}) } };
  }
  return null;
}

/** For the popup: the sentence, and the source's own words as data when no sentence fits. */
export function noteReasonParts(n: SourceNote, t: Translate): { text: string; detail?: string } {
  if (n.text) return { text: t(n.text) };
  if (!n.reason) return { text: '' };
  const known = reasonText(n.reason);
  return known ? { text: t(known) } : { text: '', detail: n.reason };
}

/** For the CLI, --json and "Copy report": one line (the source's own words where no sentence fits). */
export const noteReason = (n: SourceNote, t: Translate): string => {
  const { text, detail } = noteReasonParts(n, t);
  return detail ?? text;
};

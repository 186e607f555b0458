// JPRS WHOIS (whois.jprs.jp, port 43) for .jp and its attribute and geographic domains (co.jp, ne.jp, tokyo.jp…),
// which publish no RDAP. Formats as JPRS documents them (https://jprs.jp/about/dom-search/jprs-whois/
// whois-guide-view.html; lifecycle: https://jprs.jp/about/dom-rule/lifecycle): general-use .jp shows
// [有効期限] / [Expires on] and [状態] / [Status]; attribute-type domains show the expiry inside [状態] / [State],
// "Connected (2027/03/31)". The parser reads both the Japanese and the English ("/e") output; the bytes may
// come in UTF-8 or, from older servers, ISO-2022-JP, Shift_JIS or EUC-JP.
import type { RdapResult } from './rdap';

export interface JprsRecord {
  found: boolean;
  domain?: string;
  expires?: string;
  state?: string;
  stateDate?: string;
}

/** Decodes a WHOIS answer: UTF-8 if valid, else ISO-2022-JP (escape sequences), else Shift_JIS, else EUC-JP. */
export function decodeWhois(bytes: Uint8Array): string | null {
  const attempt = (label: string) => {
    try {
      return new TextDecoder(label, { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  };
  // ISO-2022-JP is 7-bit, so it is also valid UTF-8: its escape sequences (ESC $ B, ESC ( B) decide first.
  for (let i = 0; i + 1 < bytes.length; i++) {
    if (bytes[i] === 0x1b && (bytes[i + 1] === 0x24 || bytes[i + 1] === 0x28)) {
      const jis = attempt('iso-2022-jp');
      if (jis !== null) return jis;
      break;
    }
  }
  return attempt('utf-8') ?? attempt('shift_jis') ?? attempt('euc-jp');
}

const DATE = /(\d{4})\/(\d{2})\/(\d{2})/;
/** A JPRS date is a day in Japan: the domain is valid through its end (23:59:59 JST). */
function jstEndOfDay(s: string): string | undefined {
  const m = s.match(DATE);
  if (!m) return undefined;
  const t = Date.parse(`${m[1]}-${m[2]}-${m[3]}T23:59:59+09:00`);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

export function parseJprsWhois(text: string): JprsRecord {
  if (/No match!!|該当するデータがありません/.test(text)) return { found: false };
  const field = (...labels: string[]): string | undefined => {
    for (const line of text.split(/\r?\n/)) {
      const m = line.match(/^(?:[a-z]\.\s*)?\[([^\]]+)\]\s*(.*)$/);
      if (m && labels.includes(m[1].trim())) return m[2].trim();
    }
    return undefined;
  };
  const domain = field('Domain Name', 'ドメイン名')?.toLowerCase();
  if (!domain) return { found: false };
  const expires = field('Expires on', '有効期限');
  const state = field('Status', 'State', '状態');
  return {
    found: true,
    domain,
    expires: expires ? jstEndOfDay(expires) : undefined,
    state: state?.replace(/\s*\(.*\)\s*$/, '').trim(),
    stateDate: state ? jstEndOfDay(state) : undefined,
  };
}

/**
 * JPRS states as registration statuses the checks know (RFC 8056 names): "To be suspended" is a deletion under
 * way (pending delete); "Suspended" is the month in which the registration can still be restored (redemption
 * period); "Reserved" is a provisional registration that is not yet in the DNS.
 */
export function jprsToRegistration(r: JprsRecord): RdapResult {
  if (!r.found)
    return {
      ok: false,
      kind: 'not-found',
      reason: 'JPRS WHOIS: no such domain',
      text: { key: 'note_whois_not_found' },
    };
  const state = (r.state ?? '').toLowerCase();
  const statuses = state.startsWith('to be suspended')
    ? ['pending delete']
    : state.startsWith('suspended')
      ? ['redemption period']
      : state.startsWith('reserved')
        ? ['inactive']
        : state
          ? [state]
          : [];
  return { ok: true, expiration: r.expires ?? r.stateDate ?? null, statuses, source: 'whois' };
}

// Host-name handling: whatever the user typed or the tab shows → an A-label host and its registrable
// domain, or the reason no certificate renewal applies to it.
import { parse } from 'tldts';
import type { LocalText } from '../engine/types';

export type NameResult =
  | { ok: true; host: string; registrableDomain: string; publicSuffix: string }
  | { ok: false; notApplicable: LocalText }
  | { ok: false; invalid: string };

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Accepts `example.jp`, `https://例え.jp/path`, `WWW.Example.JP.`; returns the lowercase A-label host. */
export function parseTarget(input: string): NameResult {
  const raw = input.trim();
  if (!raw) return { ok: false, invalid: 'empty host' };
  if (/[\s\u0000-\u001f]/.test(raw)) return { ok: false, invalid: `invalid host name: ${JSON.stringify(raw)}` };
  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(raw);
  let url: URL;
  try {
    url = new URL(hasScheme ? raw : `http://${raw}`);
  } catch {
    return { ok: false, invalid: `invalid host or URL: ${JSON.stringify(raw)}` };
  }
  if (hasScheme && url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, notApplicable: { key: 'na_scheme', params: { scheme: url.protocol.replace(/:$/, '') } } };
  }
  return classifyHost(url.hostname);
}

/** `hostname` as URL gives it: already IDN → A-label and lowercase. */
export function classifyHost(hostname: string): NameResult {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[') || /^[0-9.]+$/.test(host) || host.includes(':')) {
    return { ok: false, notApplicable: { key: 'na_ip' } };
  }
  if (!host) return { ok: false, invalid: 'empty host' };
  if (host === 'localhost' || host.endsWith('.localhost')) return { ok: false, notApplicable: { key: 'na_localhost' } };
  if (host.length > 253) return { ok: false, invalid: 'host name longer than 253 characters' };
  const labels = host.split('.');
  if (labels.some((l) => !LABEL.test(l))) return { ok: false, invalid: `invalid host name: ${host}` };
  if (labels.length < 2) return { ok: false, notApplicable: { key: 'na_single_label' } };
  const info = parse(host, { allowPrivateDomains: false });
  if (!info.domain || !info.publicSuffix || !info.isIcann) {
    return { ok: false, notApplicable: { key: 'na_no_suffix' } };
  }
  return { ok: true, host, registrableDomain: info.domain, publicSuffix: info.publicSuffix };
}

/** host, its parent, … up to and including the registrable domain (CAA climbs these, RFC 8659 §3). */
export function namesUpTo(host: string, registrableDomain: string): string[] {
  const out: string[] = [];
  let name = host;
  for (;;) {
    out.push(name);
    if (name === registrableDomain || !name.includes('.')) break;
    name = name.slice(name.indexOf('.') + 1);
  }
  return out;
}

/** Does a certificate name (possibly `*.example.jp`) cover the host? RFC 6125 §6.4.3: one left-most label. */
export function certificateNameCovers(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase().replace(/\.$/, '');
  if (p === host) return true;
  if (p.startsWith('*.')) {
    const rest = p.slice(2);
    const dot = host.indexOf('.');
    return dot > 0 && host.slice(dot + 1) === rest;
  }
  return false;
}

/** The certificate covers the host only through a wildcard name (so it is renewed by DNS validation). */
export function wildcardOnly(certNames: string[], host: string): boolean {
  const names = certNames.map((n) => n.toLowerCase().replace(/\.$/, ''));
  return !names.includes(host) && names.some((n) => n.startsWith('*.') && certificateNameCovers(n, host));
}

// Host-name handling: whatever the user typed or the tab shows → an A-label host and its registrable
// domain, or the reason no certificate renewal applies to it.
import type { LocalText } from '../engine/types';
import { matchPublicSuffix } from './public-suffix';

export type NameResult =
  | {
      ok: true;
      host: string;
      registrableDomain: string;
      publicSuffix: string;
      /** A port the input named that is not the scheme's default (`example.jp:8443`): the CA never uses it. */
      port?: number;
    }
  | { ok: false; notApplicable: LocalText }
  | { ok: false; invalid: string };

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Schemes written without "//" that a page or a user may name (no authority, so no credentials to cut): not a
 * host, so not applicable. */
const OPAQUE_SCHEMES = /^(about|blob|data|javascript|mailto|tel|view-source|file):/i;

/**
 * `input` with any user name and password removed, whatever its form: `https://user:pw@host/`,
 * `user:pw@host` (no scheme), `admin:p@ss@192.0.2.1`, a URL that does not parse. The authority ends at the
 * first `/`, `?` or `#`; everything up to its last `@` is credentials. Nothing is echoed or sent before this.
 */
export function withoutCredentials(input: string): string {
  if (OPAQUE_SCHEMES.test(input.trim())) return input;
  const m = input.match(/^(\s*[a-z][a-z0-9+.-]*:\/\/|\s*)([^/?#]*)([\s\S]*)$/i);
  if (!m) return input;
  const [, scheme, authority, rest] = m;
  const at = authority.lastIndexOf('@');
  if (at < 0) return input;
  return `${scheme}${authority.slice(at + 1)}${rest}`;
}

/**
 * Accepts `example.jp`, `https://例え.jp/path`, `WWW.Example.JP.`, `www.example.jp:443` (a host and a port, not a
 * scheme); returns the lowercase A-label host. Credentials in the input are dropped before anything is said back.
 */
export function parseTarget(input: string): NameResult {
  const raw = withoutCredentials(input.trim()).trim();
  if (!raw) return { ok: false, invalid: 'empty host' };
  if (/[\s\u0000-\u001f]/.test(raw)) return { ok: false, invalid: `invalid host name: ${JSON.stringify(raw)}` };
  // "www.example.jp:443" would parse as a URL whose scheme is "www.example.jp": a scheme is "name://" or one of
  // the opaque ones; anything else is a host (with a port) and is read as http://.
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) || OPAQUE_SCHEMES.test(raw);
  let url: URL;
  try {
    url = new URL(hasScheme ? raw : `http://${raw}`);
  } catch {
    return { ok: false, invalid: `invalid host or URL: ${JSON.stringify(raw)}` };
  }
  if (hasScheme && url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, notApplicable: { key: 'na_scheme', params: { scheme: url.protocol.replace(/:$/, '') } } };
  }
  const r = classifyHost(url.hostname);
  // URL drops a scheme's default port: what is left is a port the user named. For a bare host:port, 80 is the
  // http:// default here, and 443 is what the certificate check uses anyway.
  const port = url.port ? Number(url.port) : undefined;
  return r.ok && port !== undefined && port !== 443 && port !== 80 ? { ...r, port } : r;
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
  const info = matchPublicSuffix(host);
  if (!info.registrableDomain || !info.listed) return { ok: false, notApplicable: { key: 'na_no_suffix' } };
  return { ok: true, host, registrableDomain: info.registrableDomain, publicSuffix: info.publicSuffix };
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

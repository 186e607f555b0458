// Whether "Ask the CA" (a staging dry run of HTTP-01 at the site) can say anything about this certificate's
// renewal; when it cannot, the card says why in one line instead of offering the button. And whether the CA's
// suggested renewal window (ARI) is worth showing on that card. Pure, no browser API.
import type { Report } from '../../core/engine/types';

export function httpTestDoesNotApply(r: Report): 'ask_ca_na_cdn' | 'ask_ca_na_dns' | 'ask_ca_na_manual' | null {
  const renewal = r.renewal;
  // A paid certificate is renewed by ordering and installing the next one: no ACME validation ever fetches the
  // site for it, so a staging dry run of HTTP-01 proves nothing about its renewal.
  if (renewal?.by === 'manual') return 'ask_ca_na_manual';
  if (renewal?.method === 'dns-01') return 'ask_ca_na_dns';
  if (renewal?.by === 'cdn' || (!r.provider && r.findings.some((f) => f.code === 'CDN_MANAGED_CERT')))
    return 'ask_ca_na_cdn';
  return null;
}

/**
 * The CA's suggested renewal window (ARI, RFC 9773; docs/sources/lets-encrypt.md "ARI (RFC 9773)"), when the CA
 * gave one and someone will ask for it: an ACME client asks ARI when to renew, but a certificate bought and
 * installed by hand is renewed by an order at the seller, which no ACME client makes, so the window says nothing
 * about its renewal.
 */
export function ariWindowShown(r: Report): NonNullable<Report['ari']> | null {
  if (!r.ari || r.renewal?.by === 'manual') return null;
  return r.ari;
}

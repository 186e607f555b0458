// Production endpoints: public services, every one overridable (options page, CLI flags, tests).
import type { CtEndpoint } from '../core/sources/ct';
export const DEFAULT_DOH = ['https://cloudflare-dns.com/dns-query'];
export const RESOLVER_PRESETS = {
  cloudflare: 'https://cloudflare-dns.com/dns-query',
  google: 'https://dns.google/dns-query',
  quad9: 'https://dns.quad9.net/dns-query',
} as const;
export const DEFAULT_CT_BASE = 'https://api.certspotter.com';
export const DEFAULT_CRTSH_BASE = 'https://crt.sh';
export const DEFAULT_RDAP_BASE = 'https://rdap.org';
/** Let's Encrypt on status.io (letsencrypt.status.io). */
export const DEFAULT_CA_STATUS = 'https://api.status.io/1.0/status/55957a99e800baa4470002da';

/**
 * The CT sources a check asks, in order: a configured Cert Spotter-compatible server alone, else Cert Spotter
 * then crt.sh. The API key goes to Cert Spotter only. crt.sh is also where the history of earlier certificates
 * is read (RENEWAL_INTERVAL_TOO_LONG); `crtshBase` names another crt.sh-compatible server (the CLI's
 * RENEWAL_RADAR_CRTSH), which is then asked beside a configured Cert Spotter-compatible server too.
 */
export function ctEndpoints(base: string | undefined, apiKey: string | undefined, crtshBase?: string): CtEndpoint[] {
  const keyed = apiKey ? { apiKey } : {};
  if (base)
    return [
      { kind: 'certspotter', base, ...keyed },
      ...(crtshBase ? [{ kind: 'crtsh' as const, base: crtshBase }] : []),
    ];
  return [
    { kind: 'certspotter', base: DEFAULT_CT_BASE, ...keyed },
    { kind: 'crtsh', base: crtshBase ?? DEFAULT_CRTSH_BASE },
  ];
}
/** Where "Ask the CA" (the popup's button, the CLI's --acme-dry-run) orders by default: staging issues no real certificate. */
export const LE_STAGING_DIRECTORY = 'https://acme-staging-v02.api.letsencrypt.org/directory';

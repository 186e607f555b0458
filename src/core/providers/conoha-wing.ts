import type { Provider } from './types';

// Sources: ConoHa's renewal mail (nameservers, link support.conoha.jp/w/letsencrypt-update/#02);
// https://support.conoha.jp/w/alphassl-update/ (causes).
export const conohaWing: Provider = {
  id: 'conoha-wing',
  names: { en: 'ConoHa WING', ja: 'ConoHa WING' },
  kind: 'host',
  rules: [
    { kind: 'ns', pattern: '^ns-a[1-3]\\.conoha\\.io$', weight: 1 },
    { kind: 'soa', pattern: '\\.conoha\\.io$', weight: 0.5 },
  ],
  // ConoHa's DNS (ns-a1…a3.conoha.io) serves ConoHa VPS customers as well as WING's: the nameservers alone do not
  // say WING. A ConoHa VPS answers reverse DNS with its default name under ConoHa's own infrastructure domain,
  // v<address with dashes>.<id>.static.cnode.io (older machines .static.cnode.jp; IPv6 va…-f.<id>.g.tyo1…): the
  // customer's own server and client. UNCONFIRMED as an official statement (docs/sources/hosting-providers.md
  // "ConoHa WING").
  ownServers: [
    {
      kind: 'ptr',
      pattern: '\\.static\\.cnode\\.(?:io|jp)$',
      name: { en: 'ConoHa VPS', ja: 'ConoHa VPS' },
      source: 'https://www.conoha.jp/vps/',
    },
  ],
  renewal: {
    caaDomains: ['letsencrypt.org'],
    method: 'http-01',
    needsAddress: true,
    // Re-checks against the nameservers used at first issuance: other nameservers may fail.
    needsOwnNameservers: 'uncertain',
    retryDaysBefore: [20],
  },
  fixes: {
    proxied: ['fix_generic_proxied_1', 'fix_generic_proxied_2', 'fix_conoha_retry'],
    nameservers: ['fix_conoha_nameservers_1', 'fix_generic_proxied_2', 'fix_conoha_retry'],
    address: ['fix_conoha_nameservers_1', 'fix_conoha_retry'],
    redirect: ['fix_generic_redirect_1', 'fix_conoha_retry'],
    access: ['fix_generic_access_1', 'fix_conoha_retry'],
    retry: ['fix_conoha_retry'],
  },
  manualUrl: 'https://support.conoha.jp/w/letsencrypt-update/',
  sources: ['https://support.conoha.jp/w/letsencrypt-update/', 'https://support.conoha.jp/w/alphassl-update/'],
};

import type { Provider } from './types';

// Sources: docs/sources/hosting-providers.md "Lolipop" (third-party reports: nameservers, server names, and that
// the free SSL needs Lolipop's DNS — its nameservers or ムームーDNS set to Lolipop). Not confirmed officially.
export const lolipop: Provider = {
  id: 'lolipop',
  names: { en: 'Lolipop', ja: 'ロリポップ!' },
  kind: 'host',
  rules: [
    { kind: 'ns', pattern: '^uns0[12]\\.lolipop\\.jp$', weight: 1, unconfirmed: true },
    { kind: 'ptr', pattern: '\\.phy\\.lolipop\\.jp$', weight: 1, unconfirmed: true },
    { kind: 'mx', pattern: '\\.lolipop\\.jp$', weight: 0.5, unconfirmed: true },
  ],
  renewal: {
    caaDomains: ['letsencrypt.org'],
    method: 'http-01',
    needsAddress: true,
    needsOwnNameservers: true,
    acceptsZoneFrom: ['muumuu-dns'],
  },
  fixes: {
    nameservers: ['fix_lolipop_nameservers_1', 'fix_generic_proxied_2', 'fix_lolipop_retry'],
    proxied: ['fix_lolipop_nameservers_1', 'fix_generic_proxied_2', 'fix_lolipop_retry'],
    retry: ['fix_lolipop_retry'],
  },
  manualUrl: 'https://lolipop.jp/manual/user/ssl-free/',
  sources: ['https://hiro20180901.com/2023/04/29/', 'docs/sources/hosting-providers.md#lolipop'],
};

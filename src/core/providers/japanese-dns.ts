import type { Provider } from './types';

// DNS-only services common in Japan: they answer "whose nameservers are these?" and never host the site.
// Source: docs/sources/hosting-providers.md "Other Japanese nameservers".
const dnsOnly = (id: string, en: string, ja: string, pattern: string, url: string): Provider => ({
  id,
  names: { en, ja },
  kind: 'dns',
  rules: [{ kind: 'ns', pattern, weight: 1 }],
  renewal: { caaDomains: [], method: 'http-01', needsAddress: false, needsOwnNameservers: false },
  fixes: {},
  manualUrl: url,
  sources: ['docs/sources/hosting-providers.md#other-japanese-nameservers'],
});

export const onamaeDns = dnsOnly(
  'onamae-dns',
  'Onamae.com DNS',
  'お名前.com DNS',
  '^0[1-4]\\.dnsv\\.jp$',
  'https://www.onamae.com/',
);
export const muumuuDns = dnsOnly(
  'muumuu-dns',
  'Muumuu DNS',
  'ムームーDNS',
  '^dns0[12]\\.muumuu-domain\\.com$',
  'https://muumuu-domain.com/',
);
export const cpiDns = dnsOnly('cpi-dns', 'CPI DNS', 'CPI DNS', '^ns[4-7]\\.cpi\\.ad\\.jp$', 'https://www.cpi.ad.jp/');
export const kddiDns = dnsOnly(
  'kddi-dns',
  'KDDI Web Communications DNS',
  'KDDIウェブコミュニケーションズ DNS',
  '^nsk[01]\\.secure\\.ne\\.jp$',
  'https://www.kddi-webcommunications.co.jp/',
);
export const xdomainDns = dnsOnly(
  'xdomain-dns',
  'XDomain DNS',
  'エックスドメイン DNS',
  '^ns[1-3]\\.xdomain\\.ne\\.jp$',
  'https://www.xdomain.ne.jp/',
);

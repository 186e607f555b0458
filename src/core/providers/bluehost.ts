import type { Provider } from './types';

// Source: docs/sources/hosting-providers.md "Bluehost" (NS/SOA under bluehost.com).
export const bluehost: Provider = {
  id: 'bluehost',
  names: { en: 'Bluehost', ja: 'Bluehost' },
  kind: 'host',
  rules: [
    { kind: 'ns', pattern: '\\.bluehost\\.com$', weight: 1 },
    { kind: 'soa', pattern: '\\.bluehost\\.com$', weight: 0.5 },
  ],
  renewal: {
    caaDomains: ['letsencrypt.org', 'sectigo.com'],
    method: 'http-01',
    needsAddress: true,
    needsOwnNameservers: false,
  },
  fixes: {},
  manualUrl: 'https://www.bluehost.com/help/article/ssl-certificates',
  sources: ['https://www.bluehost.com/help/article/ssl-certificates'],
};

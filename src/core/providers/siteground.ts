import type { Provider } from './types';

// Source: docs/sources/hosting-providers.md "SiteGround" (NS ns<N>.c<N>.sgvps.net, SOA under siteground.net).
export const siteground: Provider = {
  id: 'siteground',
  names: { en: 'SiteGround', ja: 'SiteGround' },
  kind: 'host',
  rules: [
    { kind: 'ns', pattern: '^ns\\d+\\.c\\d+\\.sgvps\\.net$', weight: 1 },
    { kind: 'soa', pattern: '\\.siteground\\.net$', weight: 0.5 },
  ],
  renewal: { caaDomains: ['letsencrypt.org'], method: 'http-01', needsAddress: true, needsOwnNameservers: false },
  fixes: {},
  manualUrl: 'https://www.siteground.com/kb/lets-encrypt-ssl/',
  sources: ['https://www.siteground.com/kb/lets-encrypt-ssl/'],
};

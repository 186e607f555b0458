import type { Provider } from './types';

// Source: docs/sources/hosting-providers.md "SiteGround" (NS ns<N>.c<N>.sgvps.net, SOA under siteground.net).
export const siteground: Provider = {
  id: 'siteground',
  names: { en: 'SiteGround', ja: 'SiteGround' },
  kind: 'host',
  rules: [
    { kind: 'ns', pattern: '^ns\\d+\\.c\\d+\\.sgvps\\.net$', weight: 1 },
    { kind: 'soa', pattern: '\\.siteground\\.net$', weight: 0.5 },
    // SiteGround's servers send one of these host-header values (Wappalyzer definitions,
    // enthec/webappanalyzer@1b9eee8: SiteGround headers.host-header).
    {
      kind: 'header',
      header: 'host-header',
      pattern:
        '^(192fc2e7e50945beb8231a492d6a8024|b7440e60b07ee7b8044761568fab26e8|624d5be7be38418a3e2a818cc8b7029b|6b7412fb82ca5edfd0917e3957f05d89)$',
      weight: 0.8,
    },
  ],
  renewal: { caaDomains: ['letsencrypt.org'], method: 'http-01', needsAddress: true, needsOwnNameservers: false },
  fixes: {},
  manualUrl: 'https://www.siteground.com/kb/lets-encrypt-ssl/',
  sources: ['https://www.siteground.com/kb/lets-encrypt-ssl/'],
};

import type { Provider } from './types';

// Source: docs/sources/hosting-providers.md "Akamai" (CNAME suffixes).
export const akamai: Provider = {
  id: 'akamai',
  names: { en: 'Akamai', ja: 'Akamai' },
  kind: 'cdn',
  rules: [{ kind: 'cname', pattern: '\\.(edgekey|akamaiedge|edgesuite|akamaihd)\\.net$', weight: 1 }],
  renewal: { caaDomains: [], method: 'cdn-edge', needsAddress: false, needsOwnNameservers: false },
  fixes: {},
  manualUrl: 'https://techdocs.akamai.com/property-mgr/docs/serve-traffic-over-https',
  sources: ['https://techdocs.akamai.com/property-mgr/docs/serve-traffic-over-https'],
};

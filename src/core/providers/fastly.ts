import type { Provider } from './types';

// Sources: docs/sources/hosting-providers.md "Fastly" (headers, CNAME *.fastly.net). Its CA list is not in our
// sources: CAA is then judged against the served certificate's issuer.
export const fastly: Provider = {
  id: 'fastly',
  names: { en: 'Fastly', ja: 'Fastly' },
  kind: 'cdn',
  rules: [
    { kind: 'cname', pattern: '\\.fastly\\.net$', weight: 1 },
    { kind: 'header', header: 'x-fastly-request-id', weight: 1 },
    { kind: 'header', header: 'x-served-by', pattern: '^cache-', weight: 0.5 },
  ],
  renewal: { caaDomains: [], method: 'cdn-edge', needsAddress: false, needsOwnNameservers: false },
  fixes: {},
  manualUrl: 'https://docs.fastly.com/en/guides/serving-https-traffic-using-fastly-managed-certificates',
  sources: ['https://docs.fastly.com/en/guides/serving-https-traffic-using-fastly-managed-certificates'],
};

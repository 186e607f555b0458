import type { Provider } from './types';

// Source: docs/sources/hosting-providers.md "QUIC.cloud" (CNAME cNNNN.tier1.quicns.com or NS *.quicns.com;
// Let's Encrypt; CAA must allow letsencrypt.org).
export const quicCloud: Provider = {
  id: 'quic-cloud',
  names: { en: 'QUIC.cloud', ja: 'QUIC.cloud' },
  kind: 'cdn',
  rules: [
    { kind: 'cname', pattern: '^c\\d+\\.tier\\d+\\.quicns\\.com$', weight: 1 },
    { kind: 'ns', pattern: '\\.quicns\\.com$', weight: 1 },
  ],
  renewal: { caaDomains: ['letsencrypt.org'], method: 'cdn-edge', needsAddress: false, needsOwnNameservers: false },
  fixes: { caa: ['fix_generic_caa_1'] },
  manualUrl: 'https://docs.quic.cloud/cdn/',
  sources: ['https://docs.quic.cloud/cdn/'],
};

import type { Provider } from './types';

// Source: docs/sources/hosting-providers.md "QUIC.cloud" (CNAME cNNNN.tier1.quicns.com or NS *.quicns.com;
// Let's Encrypt; CAA must allow letsencrypt.org).
export const quicCloud: Provider = {
  id: 'quic-cloud',
  names: { en: 'QUIC.cloud', ja: 'QUIC.cloud' },
  kind: 'cdn',
  rules: [
    { kind: 'cname', pattern: '^c\\d+\\.tier\\d+\\.quicns\\.com$', weight: 1 },
    // QUIC.cloud DNS: nameservers such as kevin.quicns.com
    // (https://quic.cloud/docs/troubleshooting/domain-verification-issues/);
    // its zones' SOA is under quicns.net or quicns.com (Wappalyzer definitions, enthec/webappanalyzer@1b9eee8:
    // QUIC.cloud dns.SOA).
    { kind: 'ns', pattern: '\\.quicns\\.(com|net)$', weight: 1 },
    { kind: 'soa', pattern: '\\.quicns\\.(com|net)$', weight: 0.5 },
  ],
  renewal: { caaDomains: ['letsencrypt.org'], method: 'cdn-edge', needsAddress: false, needsOwnNameservers: false },
  fixes: { caa: ['fix_generic_caa_1'] },
  manualUrl: 'https://docs.quic.cloud/cdn/',
  sources: ['https://docs.quic.cloud/cdn/', 'https://quic.cloud/docs/troubleshooting/domain-verification-issues/'],
};

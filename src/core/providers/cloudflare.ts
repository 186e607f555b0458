import { publishedRanges } from './ranges';
import ranges from './ranges/cloudflare.json';
import type { Provider } from './types';

// Sources: https://www.cloudflare.com/ips-v4, https://www.cloudflare.com/ips-v6 (ranges/cloudflare.json);
// docs/sources/hosting-providers.md "CDNs and proxies".
export const cloudflare: Provider = {
  id: 'cloudflare',
  names: { en: 'Cloudflare', ja: 'Cloudflare' },
  kind: 'cdn',
  rules: [
    { kind: 'ns', pattern: '\\.ns\\.cloudflare\\.com$', weight: 1 },
    publishedRanges(ranges.ipv4, ranges.ipv6, ranges.published ?? ranges.fetched),
    { kind: 'header', header: 'cf-ray', weight: 1 },
    { kind: 'header', header: 'server', pattern: '^cloudflare$', weight: 0.6 },
  ],
  renewal: {
    // Universal SSL edge certificates (https://developers.cloudflare.com/ssl/reference/certificate-authorities/)
    caaDomains: ['letsencrypt.org', 'pki.goog', 'ssl.com'],
    method: 'cdn-edge',
    needsAddress: false,
    needsOwnNameservers: false,
  },
  fixes: {
    proxied: ['fix_cloudflare_proxied_1', 'fix_cloudflare_proxied_2', 'fix_cloudflare_proxied_3'],
    access: ['fix_cloudflare_access_1'],
    caa: ['fix_cloudflare_caa_1'],
  },
  manualUrl: 'https://developers.cloudflare.com/ssl/edge-certificates/universal-ssl/',
  sources: [
    'https://www.cloudflare.com/ips-v4',
    'https://www.cloudflare.com/ips-v6',
    'https://developers.cloudflare.com/ssl/reference/certificate-authorities/',
  ],
};

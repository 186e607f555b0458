import type { Provider } from './types';

// Sources: https://www.cloudflare.com/ips-v4, https://www.cloudflare.com/ips-v6 (as of 2026-02);
// docs/sources/hosting-providers.md "CDNs and proxies".
export const cloudflare: Provider = {
  id: 'cloudflare',
  names: { en: 'Cloudflare', ja: 'Cloudflare' },
  kind: 'cdn',
  rules: [
    { kind: 'ns', pattern: '\\.ns\\.cloudflare\\.com$', weight: 1 },
    {
      kind: 'ip',
      cidrs: [
        '173.245.48.0/20',
        '103.21.244.0/22',
        '103.22.200.0/22',
        '103.31.4.0/22',
        '141.101.64.0/18',
        '108.162.192.0/18',
        '190.93.240.0/20',
        '188.114.96.0/20',
        '197.234.240.0/22',
        '198.41.128.0/17',
        '162.158.0.0/15',
        '104.16.0.0/13',
        '104.24.0.0/14',
        '172.64.0.0/13',
        '131.0.72.0/22',
        '2400:cb00::/32',
        '2606:4700::/32',
        '2803:f800::/32',
        '2405:b500::/32',
        '2405:8100::/32',
        '2a06:98c0::/29',
        '2c0f:f248::/32',
      ],
      weight: 1,
    },
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

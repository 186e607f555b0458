import type { Provider } from './types';

// Sources: https://docs.netlify.com/domains-https/https-ssl/; answers.netlify.com (proxy must be off to provision).
export const netlify: Provider = {
  id: 'netlify',
  names: { en: 'Netlify', ja: 'Netlify' },
  kind: 'host',
  rules: [
    { kind: 'ip', cidrs: ['75.2.60.5/32'], weight: 0.3, unconfirmed: true },
    { kind: 'cname', pattern: '\\.netlify\\.app$', weight: 1 },
    { kind: 'cname', pattern: '^apex-loadbalancer\\.netlify\\.com$', weight: 1 },
    { kind: 'header', header: 'server', pattern: '^Netlify$', weight: 0.8 },
    { kind: 'header', header: 'x-nf-request-id', weight: 0.8 },
  ],
  renewal: {
    caaDomains: ['letsencrypt.org'],
    method: 'http-01',
    needsAddress: true,
    needsOwnNameservers: false,
  },
  fixes: {
    proxied: ['fix_netlify_proxied_1', 'fix_netlify_proxied_2'],
    address: ['fix_netlify_address_1', 'fix_netlify_proxied_2'],
    caa: ['fix_generic_caa_1'],
  },
  manualUrl: 'https://docs.netlify.com/domains-https/https-ssl/',
  sources: [
    'https://docs.netlify.com/domains-https/https-ssl/',
    'https://answers.netlify.com/t/support-guide-how-to-use-cloudflare-with-netlify/138',
  ],
};

import type { Provider } from './types';

// Sources: https://developers.cloudflare.com/pages/configuration/custom-domains/ (apex only with Cloudflare
// nameservers; CNAME <site>.pages.dev; CAA must allow letsencrypt.org, pki.goog and ssl.com).
export const cloudflarePages: Provider = {
  id: 'cloudflare-pages',
  names: { en: 'Cloudflare Pages', ja: 'Cloudflare Pages' },
  kind: 'host',
  rules: [{ kind: 'cname', pattern: '\\.pages\\.dev$', weight: 1 }],
  servedVia: ['cloudflare'],
  renewal: {
    caaDomains: ['letsencrypt.org', 'pki.goog', 'ssl.com'],
    method: 'cdn-edge',
    needsAddress: false,
    needsOwnNameservers: false,
  },
  fixes: { caa: ['fix_cloudflare_caa_1'] },
  manualUrl: 'https://developers.cloudflare.com/pages/configuration/custom-domains/',
  sources: ['https://developers.cloudflare.com/pages/configuration/custom-domains/'],
};

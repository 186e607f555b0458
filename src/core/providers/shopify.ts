import type { Provider } from './types';

// Sources: https://help.shopify.com/en/manual/domains/add-a-domain/connecting-domains/connect-domain-manual
// (A @ 23.227.38.65, CNAME www shops.myshopify.com); https://help.shopify.com/en/manual/domains/ssl/ssl-pending
// (free SSL issued once the domain points at Shopify); header x-shopid (WA). Shopify serves from its own
// addresses through Cloudflare, so Cloudflare's headers are Shopify's, not a proxy in front.
export const shopify: Provider = {
  id: 'shopify',
  names: { en: 'Shopify', ja: 'Shopify' },
  kind: 'host',
  rules: [
    { kind: 'ip', cidrs: ['23.227.38.65/32'], weight: 1 },
    { kind: 'cname', pattern: '^shops\\.myshopify\\.com$', weight: 1 },
    { kind: 'header', header: 'x-shopid', weight: 0.8 },
  ],
  renewal: { caaDomains: ['letsencrypt.org'], method: 'http-01', needsAddress: true, needsOwnNameservers: false },
  servedVia: ['cloudflare'],
  fixes: {},
  manualUrl: 'https://help.shopify.com/en/manual/domains/ssl/ssl-pending',
  sources: [
    'https://help.shopify.com/en/manual/domains/add-a-domain/connecting-domains/connect-domain-manual',
    'https://help.shopify.com/en/manual/domains/ssl/ssl-pending',
  ],
};

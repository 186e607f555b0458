import type { Provider } from './types';

// Sources: https://render.com/docs/custom-domains (apex A 216.24.57.1, CNAME *.onrender.com, remove AAAA records).
export const render: Provider = {
  id: 'render',
  names: { en: 'Render', ja: 'Render' },
  kind: 'host',
  rules: [
    { kind: 'ip', cidrs: ['216.24.57.1/32'], weight: 1 },
    { kind: 'cname', pattern: '\\.onrender\\.com$', weight: 1 },
    { kind: 'header', header: 'x-render-origin-server', weight: 0.8 },
  ],
  renewal: {
    caaDomains: ['letsencrypt.org', 'pki.goog'],
    method: 'http-01',
    needsAddress: true,
    needsOwnNameservers: false,
    servesIpv6: false,
  },
  fixes: { ipv6: ['fix_render_ipv6_1'], proxied: ['fix_generic_proxied_1', 'fix_generic_retry'] },
  manualUrl: 'https://render.com/docs/custom-domains',
  sources: ['https://render.com/docs/custom-domains'],
};

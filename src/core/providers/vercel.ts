import type { Provider } from './types';

// Sources: docs/sources/hosting-providers.md "Vercel" (apex A, CNAME targets, headers; a proxy in front must pass
// /.well-known/acme-challenge/*).
export const vercel: Provider = {
  id: 'vercel',
  names: { en: 'Vercel', ja: 'Vercel' },
  kind: 'host',
  rules: [
    { kind: 'ip', cidrs: ['76.76.21.21/32'], weight: 1 },
    { kind: 'cname', pattern: '^cname\\.vercel-dns(-\\d+)?\\.com$', weight: 1 },
    { kind: 'header', header: 'server', pattern: '^Vercel$', weight: 0.8 },
    { kind: 'header', header: 'x-vercel-id', weight: 0.8 },
  ],
  renewal: {
    caaDomains: ['letsencrypt.org'],
    method: 'http-01',
    needsAddress: 'uncertain',
    needsOwnNameservers: false,
  },
  fixes: { proxied: ['fix_vercel_proxied_1', 'fix_generic_retry'], caa: ['fix_generic_caa_1'] },
  manualUrl: 'https://vercel.com/docs/domains/troubleshooting',
  sources: ['https://vercel.com/docs/domains/troubleshooting'],
};

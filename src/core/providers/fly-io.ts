import type { Provider } from './types';

// Sources: https://fly.io/docs/networking/custom-domain/ (CNAME <app>.fly.dev, or A/AAAA at the app's own
// addresses; Let's Encrypt certificates validated by TLS-ALPN or HTTP at Fly's edge, or by a DNS CNAME for
// _acme-challenge); header fly-request-id.
export const flyIo: Provider = {
  id: 'fly-io',
  names: { en: 'Fly.io', ja: 'Fly.io' },
  kind: 'host',
  rules: [
    { kind: 'cname', pattern: '\\.fly\\.dev$', weight: 1 },
    { kind: 'header', header: 'fly-request-id', weight: 0.8 },
  ],
  // DNS validation is an alternative when the name cannot point at Fly: the address is not always needed.
  renewal: {
    caaDomains: ['letsencrypt.org'],
    method: 'http-01-or-dns-01',
    needsAddress: 'uncertain',
    needsOwnNameservers: false,
  },
  fixes: {},
  manualUrl: 'https://fly.io/docs/networking/custom-domain/',
  sources: ['https://fly.io/docs/networking/custom-domain/'],
};

import type { Provider } from './types';

// Sources: https://firebase.google.com/docs/hosting/custom-domain (ownership by TXT or an HTTP file; the A
// record it gives is 199.36.158.100); header vary: x-fh-requested-host (WA). Firebase serves through Fastly by
// itself: Fastly's headers on its answers are Firebase's edge, not a proxy in front.
export const firebase: Provider = {
  id: 'firebase',
  names: { en: 'Firebase Hosting', ja: 'Firebase Hosting' },
  kind: 'host',
  rules: [
    { kind: 'ip', cidrs: ['199.36.158.100/32'], weight: 1 },
    { kind: 'header', header: 'vary', pattern: 'x-fh-requested-host', weight: 0.8 },
  ],
  servedVia: ['fastly'],
  renewal: {
    caaDomains: ['letsencrypt.org', 'pki.goog'],
    method: 'http-01-or-dns-01',
    needsAddress: 'uncertain',
    needsOwnNameservers: false,
  },
  fixes: {},
  manualUrl: 'https://firebase.google.com/docs/hosting/custom-domain',
  sources: ['https://firebase.google.com/docs/hosting/custom-domain'],
};

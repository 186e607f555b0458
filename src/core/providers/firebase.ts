import type { Provider } from './types';

// Sources: https://firebase.google.com/docs/hosting/custom-domain (ownership by TXT or an HTTP file);
// header vary: x-fh-requested-host (WA).
export const firebase: Provider = {
  id: 'firebase',
  names: { en: 'Firebase Hosting', ja: 'Firebase Hosting' },
  kind: 'host',
  rules: [{ kind: 'header', header: 'vary', pattern: 'x-fh-requested-host', weight: 0.8 }],
  renewal: { caaDomains: ['letsencrypt.org', 'pki.goog'], method: 'http-01-or-dns-01', needsAddress: 'uncertain', needsOwnNameservers: false },
  fixes: {},
  manualUrl: 'https://firebase.google.com/docs/hosting/custom-domain',
  sources: ['https://firebase.google.com/docs/hosting/custom-domain'],
};

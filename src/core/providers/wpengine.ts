import type { Provider } from './types';

// Sources: WA fingerprints (X-Powered-By: WP Engine, wpe-backend, X-Pass-Why); https://wpengine.com/support/add-ssl-site/
export const wpengine: Provider = {
  id: 'wpengine',
  names: { en: 'WP Engine', ja: 'WP Engine' },
  kind: 'host',
  rules: [
    { kind: 'header', header: 'x-powered-by', pattern: 'WP Engine', weight: 1 },
    { kind: 'header', header: 'wpe-backend', weight: 0.8 },
    { kind: 'header', header: 'x-pass-why', weight: 0.3 },
  ],
  renewal: { caaDomains: ['letsencrypt.org'], method: 'http-01', needsAddress: true, needsOwnNameservers: false },
  fixes: {},
  manualUrl: 'https://wpengine.com/support/add-ssl-site/',
  sources: ['https://wpengine.com/support/add-ssl-site/'],
};

import type { Provider } from './types';

// Sources: https://wordpress.com/support/domains/connect-existing-domain/ (nameservers ns1–ns3.wordpress.com, or
// A records 192.0.78.24 and 192.0.78.25); https://wordpress.com/support/https-ssl/ (free Let's Encrypt
// certificates, renewed automatically while the domain points at WordPress.com).
export const wordpressCom: Provider = {
  id: 'wordpress-com',
  names: { en: 'WordPress.com', ja: 'WordPress.com' },
  kind: 'host',
  rules: [
    { kind: 'ns', pattern: '^ns[1-3]\\.wordpress\\.com$', weight: 1 },
    { kind: 'ip', cidrs: ['192.0.78.24/32', '192.0.78.25/32'], weight: 1 },
    // Sent on every WordPress.com response (Wappalyzer definitions, enthec/webappanalyzer@1b9eee8: WordPress.com
    // headers.host-header).
    { kind: 'header', header: 'host-header', pattern: '^WordPress\\.com$', weight: 0.8 },
  ],
  renewal: { caaDomains: ['letsencrypt.org'], method: 'http-01', needsAddress: true, needsOwnNameservers: false },
  fixes: {},
  manualUrl: 'https://wordpress.com/support/https-ssl/',
  sources: [
    'https://wordpress.com/support/domains/connect-existing-domain/',
    'https://wordpress.com/support/https-ssl/',
  ],
};

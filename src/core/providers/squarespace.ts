import type { Provider } from './types';

// Sources: https://support.squarespace.com/hc/en-us/articles/215744668 (A @ 198.185.159.144, .145,
// 198.49.23.144, .145; CNAME www → ext-cust.squarespace.com);
// https://support.squarespace.com/hc/en-us/articles/205815898
// (SSL certificates from Let's Encrypt, renewed automatically while the records point at Squarespace).
export const squarespace: Provider = {
  id: 'squarespace',
  names: { en: 'Squarespace', ja: 'Squarespace' },
  kind: 'host',
  rules: [
    { kind: 'ip', cidrs: ['198.185.159.144/31', '198.49.23.144/31'], weight: 1 },
    { kind: 'cname', pattern: '^ext-cust\\.squarespace\\.com$', weight: 1 },
    // Sent on every Squarespace response (Wappalyzer definitions, enthec/webappanalyzer@1b9eee8: Squarespace
    // headers.server).
    { kind: 'header', header: 'server', pattern: '^Squarespace$', weight: 0.8 },
  ],
  renewal: { caaDomains: ['letsencrypt.org'], method: 'http-01', needsAddress: true, needsOwnNameservers: false },
  fixes: {},
  manualUrl: 'https://support.squarespace.com/hc/en-us/articles/205815898',
  sources: [
    'https://support.squarespace.com/hc/en-us/articles/215744668',
    'https://support.squarespace.com/hc/en-us/articles/205815898',
  ],
};

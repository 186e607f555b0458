import type { Provider } from './types';

// Sources: https://devcenter.heroku.com/articles/automated-certificate-management (renews a month before; stuck
// at "DNS Verified" from rate limits, CAA, stray AAAA); header Via: vegur.
export const heroku: Provider = {
  id: 'heroku',
  names: { en: 'Heroku', ja: 'Heroku' },
  kind: 'host',
  rules: [
    { kind: 'cname', pattern: '\\.herokudns\\.com$', weight: 1 },
    { kind: 'header', header: 'via', pattern: '\\bvegur\\b', weight: 0.8 },
  ],
  renewal: {
    caaDomains: ['letsencrypt.org'],
    method: 'http-01',
    needsAddress: true,
    needsOwnNameservers: false,
    renewsDaysBefore: 30,
  },
  fixes: {
    proxied: ['fix_generic_proxied_1', 'fix_generic_proxied_2', 'fix_heroku_retry'],
    ipv6: ['fix_generic_ipv6_1', 'fix_heroku_retry'],
    retry: ['fix_heroku_retry'],
  },
  manualUrl: 'https://devcenter.heroku.com/articles/automated-certificate-management',
  sources: ['https://devcenter.heroku.com/articles/automated-certificate-management'],
};

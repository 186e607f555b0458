import type { Provider } from './types';

// Sources: docs/sources/hosting-providers.md "StarServer" (renewal mail text; nameservers from whois data,
// UNCONFIRMED by an official page).
export const starServer: Provider = {
  id: 'star-server',
  names: { en: 'StarServer', ja: 'スターサーバー' },
  kind: 'host',
  rules: [
    { kind: 'ns', pattern: '^ns[1-3]\\.star-domain\\.jp$', weight: 1, unconfirmed: true },
    { kind: 'ptr', pattern: '\\.star-server\\.jp$', weight: 1, unconfirmed: true },
    { kind: 'mx', pattern: '\\.star-server\\.jp$', weight: 0.5, unconfirmed: true },
  ],
  renewal: {
    caaDomains: ['letsencrypt.org'],
    method: 'http-01',
    needsAddress: true,
    // Its mail covers both: with its own nameservers and with others (then: redirects, restrictions).
    needsOwnNameservers: false,
  },
  fixes: {
    proxied: ['fix_generic_proxied_1', 'fix_generic_proxied_2', 'fix_star_server_retry'],
    redirect: ['fix_generic_redirect_1', 'fix_star_server_retry'],
    access: ['fix_generic_access_1', 'fix_star_server_retry'],
    address: ['fix_generic_address_1', 'fix_star_server_retry'],
    retry: ['fix_star_server_retry'],
  },
  manualUrl: 'https://www.star.ne.jp/manual/',
  sources: ['docs/sources/hosting-providers.md#starserver'],
};

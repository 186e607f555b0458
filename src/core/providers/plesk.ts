import type { Provider } from './types';

// Sources: WA (X-Powered-By: PleskLin|PleskWin); Plesk's Let's Encrypt extension reports ("Keep Secured" off,
// redirect or WAF on the challenge, stray AAAA, CAA).
export const plesk: Provider = {
  id: 'plesk',
  names: { en: 'Plesk (Let\u2019s Encrypt extension)', ja: 'Plesk(Let\u2019s Encrypt拡張)' },
  kind: 'host',
  rules: [{ kind: 'header', header: 'x-powered-by', pattern: 'Plesk(Lin|Win)', weight: 1 }],
  renewal: { caaDomains: ['letsencrypt.org'], method: 'http-01', needsAddress: true, needsOwnNameservers: false },
  fixes: {
    retry: ['fix_plesk_retry'],
    proxied: ['fix_generic_proxied_1', 'fix_plesk_retry'],
    ipv6: ['fix_generic_ipv6_1', 'fix_plesk_retry'],
  },
  manualUrl:
    'https://docs.plesk.com/en-US/obsidian/administrator-guide/website-management/securing-connections-with-ssltls-certificates.78523/',
  sources: [
    'https://docs.plesk.com/en-US/obsidian/administrator-guide/website-management/securing-connections-with-ssltls-certificates.78523/',
  ],
};

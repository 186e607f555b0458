import type { Provider } from './types';

// Sources: WA (header platform: hostinger); nameservers ns1/ns2.dns-parking.com.
export const hostinger: Provider = {
  id: 'hostinger',
  names: { en: 'Hostinger', ja: 'Hostinger' },
  kind: 'host',
  rules: [
    { kind: 'header', header: 'platform', pattern: '^hostinger$', weight: 1 },
    { kind: 'ns', pattern: '^ns[12]\\.dns-parking\\.com$', weight: 1 },
  ],
  renewal: { caaDomains: ['letsencrypt.org'], method: 'http-01', needsAddress: true, needsOwnNameservers: false },
  fixes: {},
  manualUrl: 'https://support.hostinger.com/en/collections/944797-ssl',
  sources: ['https://support.hostinger.com/en/collections/944797-ssl'],
};

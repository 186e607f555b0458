import type { Provider } from './types';

// Source: docs/sources/hosting-providers.md "Sucuri" (A in 192.124.249.x, headers x-sucuri-id, x-sucuri-cache).
export const sucuri: Provider = {
  id: 'sucuri',
  names: { en: 'Sucuri Firewall', ja: 'Sucuri Firewall' },
  kind: 'cdn',
  rules: [
    { kind: 'ip', cidrs: ['192.124.249.0/24'], weight: 1 },
    { kind: 'header', header: 'x-sucuri-id', weight: 1 },
    { kind: 'header', header: 'x-sucuri-cache', weight: 0.5 },
  ],
  renewal: { caaDomains: [], method: 'cdn-edge', needsAddress: false, needsOwnNameservers: false },
  fixes: {},
  manualUrl: 'https://docs.sucuri.net/website-firewall/',
  sources: ['https://docs.sucuri.net/website-firewall/'],
};

import type { Provider } from './types';

// Sources: https://support.wix.com/en/article/connecting-a-domain-to-wix-using-the-pointing-method (A records
// 185.230.63.171, 185.230.63.186, 185.230.63.107; CNAME www → cdn1.wixdns.net), the nameserver method
// (ns*.wixdns.net); header x-wix-request-id (WA). Wix issues the certificate once the domain points at it;
// which CA is not documented, so CAA is judged against the certificate's own issuer.
export const wix: Provider = {
  id: 'wix',
  names: { en: 'Wix', ja: 'Wix' },
  kind: 'host',
  rules: [
    { kind: 'ip', cidrs: ['185.230.63.171/32', '185.230.63.186/32', '185.230.63.107/32'], weight: 1 },
    { kind: 'cname', pattern: '\\.wixdns\\.net$', weight: 1 },
    { kind: 'ns', pattern: '^ns\\d+\\.wixdns\\.net$', weight: 1 },
    { kind: 'header', header: 'x-wix-request-id', weight: 0.8 },
  ],
  renewal: { caaDomains: [], method: 'http-01', needsAddress: true, needsOwnNameservers: false },
  fixes: {},
  manualUrl: 'https://support.wix.com/en/article/connecting-a-domain-to-wix-using-the-pointing-method',
  sources: ['https://support.wix.com/en/article/connecting-a-domain-to-wix-using-the-pointing-method'],
};

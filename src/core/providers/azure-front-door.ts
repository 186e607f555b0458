import { publishedRanges } from './ranges';
import ranges from './ranges/azure-front-door.json';
import type { Provider } from './types';

// Sources: https://learn.microsoft.com/azure/frontdoor/front-door-custom-domain (CNAME → <endpoint>.azurefd.net);
// https://learn.microsoft.com/azure/frontdoor/domain (Azure-managed certificates, renewed by Front Door while the
// CNAME points at it); header x-azure-ref. An edge in front of an origin: the edge certificate is Front Door's.
// Addresses: the AzureFrontDoor.Frontend service tag (ranges/azure-front-door.json;
// https://learn.microsoft.com/azure/virtual-network/service-tags-overview).
export const azureFrontDoor: Provider = {
  id: 'azure-front-door',
  names: { en: 'Azure Front Door', ja: 'Azure Front Door' },
  kind: 'cdn',
  rules: [
    { kind: 'cname', pattern: '\\.azurefd\\.net$', weight: 1 },
    publishedRanges(ranges.ipv4, ranges.ipv6, ranges.published ?? ranges.fetched),
    { kind: 'header', header: 'x-azure-ref', weight: 0.8 },
  ],
  renewal: {
    caaDomains: ['digicert.com', 'microsoft.com'],
    method: 'cdn-edge',
    needsAddress: false,
    needsOwnNameservers: false,
  },
  fixes: {},
  manualUrl: 'https://learn.microsoft.com/azure/frontdoor/domain',
  sources: [
    'https://learn.microsoft.com/azure/frontdoor/front-door-custom-domain',
    'https://learn.microsoft.com/azure/frontdoor/domain',
    'https://learn.microsoft.com/azure/virtual-network/service-tags-overview',
  ],
};

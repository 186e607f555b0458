import { publishedRanges } from './ranges';
import ranges from './ranges/github-pages.json';
import type { Provider } from './types';

// Source: https://docs.github.com/en/pages/configuring-a-custom-domain-for-your-github-pages-site/managing-a-custom-domain-for-your-github-pages-site
// Addresses: "pages" in https://api.github.com/meta (ranges/github-pages.json; it also keeps 192.30.252.153-154).
export const githubPages: Provider = {
  id: 'github-pages',
  names: { en: 'GitHub Pages', ja: 'GitHub Pages' },
  kind: 'host',
  rules: [
    publishedRanges(ranges.ipv4, ranges.ipv6, ranges.published ?? ranges.fetched),
    { kind: 'cname', pattern: '\\.github\\.io$', weight: 1 },
    { kind: 'header', header: 'server', pattern: '^GitHub\\.com$', weight: 0.8 },
    { kind: 'header', header: 'x-github-request-id', weight: 0.5 },
  ],
  servedVia: ['fastly'],
  renewal: {
    caaDomains: ['letsencrypt.org'],
    method: 'http-01',
    needsAddress: true,
    needsOwnNameservers: false,
    addressesKnown: true,
  },
  fixes: {
    proxied: ['fix_github_pages_proxied_1', 'fix_github_pages_proxied_2'],
    address: ['fix_github_pages_address_1', 'fix_github_pages_proxied_2'],
    ipv6: ['fix_github_pages_ipv6_1'],
    caa: ['fix_generic_caa_1'],
  },
  manualUrl:
    'https://docs.github.com/en/pages/configuring-a-custom-domain-for-your-github-pages-site/managing-a-custom-domain-for-your-github-pages-site',
  sources: [
    'https://docs.github.com/en/pages/configuring-a-custom-domain-for-your-github-pages-site/managing-a-custom-domain-for-your-github-pages-site',
    'https://github.com/orgs/community/discussions/22790',
    'https://api.github.com/meta',
  ],
};

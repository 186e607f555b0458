import type { Provider } from './types';

// Source: https://docs.github.com/en/pages/configuring-a-custom-domain-for-your-github-pages-site/managing-a-custom-domain-for-your-github-pages-site
export const githubPages: Provider = {
  id: 'github-pages',
  names: { en: 'GitHub Pages', ja: 'GitHub Pages' },
  kind: 'host',
  rules: [
    {
      kind: 'ip',
      cidrs: [
        '185.199.108.153/32',
        '185.199.109.153/32',
        '185.199.110.153/32',
        '185.199.111.153/32',
        '2606:50c0:8000::153/128',
        '2606:50c0:8001::153/128',
        '2606:50c0:8002::153/128',
        '2606:50c0:8003::153/128',
      ],
      weight: 1,
    },
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
  ],
};

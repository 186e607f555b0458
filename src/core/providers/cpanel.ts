import type { Provider } from './types';

// Sources: https://support.cpanel.net/hc/en-us/articles/360052905153 (AutoSSL HTTP DCV);
// https://help.colorfulbox.jp/manual/free-ssl-trouble (ColorfulBox's causes); WA fingerprints (cpsrvd, cookies).
export const cpanel: Provider = {
  id: 'cpanel',
  names: { en: 'cPanel (AutoSSL)', ja: 'cPanel(AutoSSL)' },
  kind: 'host',
  rules: [
    { kind: 'header', header: 'server', pattern: 'cpsrvd', weight: 0.8 },
    { kind: 'header', header: 'set-cookie', pattern: '\\b(cprelogin|cpsession)=', weight: 0.8 },
    // Names under the brands' own domains belong to them.
    { kind: 'ns', pattern: '\\.(mixhost|cfbx|colorfulbox)\\.jp$', weight: 0.6 },
    { kind: 'ptr', pattern: '\\.(mixhost|cfbx|colorfulbox)\\.jp$', weight: 0.6 },
  ],
  brands: [
    {
      name: 'mixhost',
      rules: [
        { kind: 'ns', pattern: '\\.mixhost\\.jp$', weight: 1 },
        { kind: 'ptr', pattern: '\\.mixhost\\.jp$', weight: 1 },
      ],
    },
    {
      name: 'ColorfulBox',
      rules: [
        { kind: 'ns', pattern: '\\.(cfbx|colorfulbox)\\.jp$', weight: 1 },
        { kind: 'ptr', pattern: '\\.(cfbx|colorfulbox)\\.jp$', weight: 1 },
      ],
    },
  ],
  renewal: {
    caaDomains: ['letsencrypt.org', 'sectigo.com', 'comodoca.com'],
    method: 'http-01',
    // HTTP DCV goes through whatever serves the name: a proxy that passes /.well-known through still works.
    needsAddress: 'uncertain',
    needsOwnNameservers: false,
  },
  fixes: {
    proxied: ['fix_generic_proxied_1', 'fix_generic_proxied_2', 'fix_cpanel_retry'],
    redirect: ['fix_generic_redirect_1', 'fix_cpanel_retry'],
    access: ['fix_generic_access_1', 'fix_cpanel_retry'],
    address: ['fix_generic_address_1', 'fix_cpanel_retry'],
    retry: ['fix_cpanel_retry'],
  },
  manualUrl: 'https://support.cpanel.net/hc/en-us/articles/360052905153',
  sources: [
    'https://support.cpanel.net/hc/en-us/articles/360052905153',
    'https://help.colorfulbox.jp/manual/free-ssl-trouble',
  ],
};

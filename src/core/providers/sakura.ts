import type { Provider } from './types';

// Sources: docs/sources/hosting-providers.md "Sakura"; https://help.sakura.ad.jp/115000168101/
export const sakura: Provider = {
  id: 'sakura',
  names: { en: 'Sakura Internet Rental Server', ja: 'さくらのレンタルサーバ' },
  kind: 'host',
  rules: [
    { kind: 'ns', pattern: '^ns[12]\\.dns\\.ne\\.jp$', weight: 1 },
    { kind: 'ns', pattern: '\\.gslb\\d+\\.sakura\\.ne\\.jp$', weight: 1 },
    { kind: 'soa', pattern: 'tech\\.sakura\\.ad\\.jp$', weight: 0.5 },
    { kind: 'ptr', pattern: '^www\\d+\\.sakura\\.ne\\.jp$', weight: 1 },
    { kind: 'mx', pattern: '\\.sakura\\.ne\\.jp$', weight: 0.6 },
  ],
  // Sakura's VPS hands out default reverse names such as ik1-413-38519.vs.sakura.ne.jp (tk2-, os3- in other
  // zones): the customer's own machine, not the rental server (whose PTR is wwwNNN.sakura.ne.jp). Observed in
  // public mail headers (linux-sh list, 2023: "Received: from … (ik1-413-38519.vs.sakura.ne.jp
  // [153.127.30.23])") and the issue's case; Sakura's VPS support site is https://manual.sakura.ad.jp/vps/
  // (the reverse-DNS page there was not reachable from this lab: UNCONFIRMED as an official statement).
  ownServers: [
    {
      kind: 'ptr',
      pattern: '\\.vs\\.sakura\\.ne\\.jp$',
      name: { en: 'Sakura VPS', ja: 'さくらのVPS' },
      source: 'https://manual.sakura.ad.jp/vps/',
    },
  ],
  renewal: {
    caaDomains: ['letsencrypt.org'],
    method: 'http-01',
    needsAddress: true,
    // Renewal re-runs the first issuance's authentication; whether other nameservers with correct records
    // pass is not documented.
    needsOwnNameservers: 'uncertain',
    renewsDaysBefore: 30,
  },
  fixes: {
    proxied: ['fix_sakura_proxied_1', 'fix_sakura_retry'],
    nameservers: ['fix_sakura_nameservers_1', 'fix_sakura_retry'],
    address: ['fix_sakura_address_1', 'fix_sakura_retry'],
    redirect: ['fix_sakura_redirect_1', 'fix_sakura_retry'],
    access: ['fix_generic_access_1', 'fix_sakura_retry'],
    retry: ['fix_sakura_retry'],
  },
  manualUrl: 'https://help.sakura.ad.jp/115000168101/',
  sources: ['https://help.sakura.ad.jp/115000168101/'],
};

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
  // (the reverse-DNS page there was not reachable from this lab: UNCONFIRMED as an official statement). A search
  // of the stored pages and documentation (さくらのVPS 逆引き ホスト名 vs.sakura.ne.jp) found Sakura's reverse-DNS
  // pages for its dedicated servers only, none stating the VPS's default names: still UNCONFIRMED.
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
  // A certificate bought from a seller (独自SSL): "お客様にて「証明書のインストール」「管理」は行ってください" — the
  // owner installs each renewal. The panel path is the one Sakura's help shows for 独自SSL: backing up the key
  // and certificate (https://help.sakura.ad.jp/ssl/2322/), installing a reissued certificate
  // (https://help.sakura.ad.jp/360000338410716/).
  paidCertificateInstall: {
    url: 'https://help.sakura.ad.jp/?p=2320',
    panelPath: {
      en: 'server control panel (サーバコントロールパネル) → “ドメイン/SSL” (Domain/SSL) → “SSL” beside the domain',
      ja: 'サーバコントロールパネル →「ドメイン/SSL」→ ドメイン名の右側の「SSL」',
    },
  },
  manualUrl: 'https://help.sakura.ad.jp/115000168101/',
  sources: [
    'https://help.sakura.ad.jp/115000168101/',
    'https://help.sakura.ad.jp/?p=2320',
    'https://help.sakura.ad.jp/ssl/2322/',
    'https://help.sakura.ad.jp/360000338410716/',
  ],
};

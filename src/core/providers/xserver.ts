import type { Provider } from './types';

// Sources: docs/sources/hosting-providers.md "Xserver"; https://www.xserver.ne.jp/manual/man_server_ssl.php
export const xserver: Provider = {
  id: 'xserver',
  names: { en: 'Xserver', ja: 'エックスサーバー' },
  kind: 'host',
  rules: [
    { kind: 'ns', pattern: '^ns[1-5]\\.xserver\\.jp$', weight: 1 },
    { kind: 'ns', pattern: '^ns[1-3]\\.xtwo\\.ne\\.jp$', weight: 1 },
    { kind: 'soa', pattern: '\\.xserver\\.jp$', weight: 0.5 },
    { kind: 'ptr', pattern: '^sv\\d+\\.xserver\\.jp$', weight: 1 },
    { kind: 'mx', pattern: '^sv\\d+\\.xserver\\.jp$', weight: 0.6 },
    { kind: 'spf', pattern: 'include:spf\\.sender\\.xserver\\.jp(?=\\s|$)', weight: 0.6 },
  ],
  // Xserver VPS gives each machine a default reverse name x<address with dashes>.static.xvps.ne.jp (its panel's
  // 「標準ホスト名」/「逆引きホスト名」, as users copy them into their deploy notes): the customer's own server, whose
  // certificate the customer's own client renews — not the shared server (svNNNNN.xserver.jp) whose free SSL needs
  // the name at Xserver. UNCONFIRMED as an official statement (docs/sources/hosting-providers.md "Xserver").
  ownServers: [
    {
      kind: 'ptr',
      pattern: '\\.static\\.xvps\\.ne\\.jp$',
      name: { en: 'Xserver VPS', ja: 'XServer VPS' },
      source: 'https://vps.xserver.ne.jp/',
    },
  ],
  renewal: {
    caaDomains: ['letsencrypt.org'],
    method: 'http-01',
    // Renewal works with Xserver's nameservers OR with A records at the server (manual): the address is
    // what matters, the nameservers alone are not required.
    needsAddress: true,
    needsOwnNameservers: false,
    renewsDaysBefore: 30,
    retryDaysBefore: [25, 20],
  },
  fixes: {
    proxied: ['fix_xserver_proxied_1', 'fix_xserver_proxied_2', 'fix_xserver_retry'],
    nameservers: ['fix_xserver_nameservers_1', 'fix_xserver_nameservers_2', 'fix_xserver_retry'],
    address: ['fix_xserver_address_1', 'fix_xserver_retry'],
    redirect: ['fix_xserver_redirect_1', 'fix_xserver_redirect_2', 'fix_xserver_retry'],
    access: ['fix_xserver_access_1', 'fix_xserver_retry'],
    retry: ['fix_xserver_retry'],
  },
  manualUrl: 'https://www.xserver.ne.jp/manual/man_server_ssl.php',
  sources: [
    'https://www.xserver.ne.jp/manual/man_server_ssl.php',
    'https://community.xserver.ne.jp/question/pid/3231',
    'https://kanagaku.com/archives/75220',
  ],
};

// Every known host, CDN and DNS service. Adding one = one file beside this + one line here
// (docs/adding-a-provider.md).
import type { Provider } from './types';
import { akamai } from './akamai';
import { bluehost } from './bluehost';
import { cloudflare } from './cloudflare';
import { cloudflarePages } from './cloudflare-pages';
import { cloudfront } from './cloudfront';
import { conohaWing } from './conoha-wing';
import { cpanel } from './cpanel';
import { fastly } from './fastly';
import { firebase } from './firebase';
import { githubPages } from './github-pages';
import { heroku } from './heroku';
import { hostinger } from './hostinger';
import { cpiDns, kddiDns, muumuuDns, onamaeDns, xdomainDns } from './japanese-dns';
import { lolipop } from './lolipop';
import { netlify } from './netlify';
import { plesk } from './plesk';
import { quicCloud } from './quic-cloud';
import { render } from './render';
import { sakura } from './sakura';
import { siteground } from './siteground';
import { starServer } from './star-server';
import { sucuri } from './sucuri';
import { vercel } from './vercel';
import { wpengine } from './wpengine';
import { xserver } from './xserver';

export const PROVIDERS: readonly Provider[] = [
  // Hosts
  xserver, sakura, lolipop, conohaWing, starServer, cpanel, githubPages, netlify, vercel, heroku, render, firebase,
  cloudflarePages, wpengine, plesk, hostinger, bluehost, siteground,
  // CDNs and proxies
  cloudflare, fastly, cloudfront, akamai, sucuri, quicCloud,
  // DNS-only services
  onamaeDns, muumuuDns, cpiDns, kddiDns, xdomainDns,
];

export function providerById(id: string): Provider | undefined {
  return PROVIDERS.find((p) => p.id === id);
}

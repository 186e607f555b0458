// Every known host, CDN and DNS service. Adding one = one file beside this + one line here
// (docs/adding-a-provider.md).
import type { Provider } from './types';
import { akamai } from './akamai';
import { awsElb } from './aws-elb';
import { azureFrontDoor } from './azure-front-door';
import { bluehost } from './bluehost';
import { cloudflare } from './cloudflare';
import { cloudflarePages } from './cloudflare-pages';
import { cloudfront } from './cloudfront';
import { conohaWing } from './conoha-wing';
import { cpanel } from './cpanel';
import { fastly } from './fastly';
import { firebase } from './firebase';
import { flyIo } from './fly-io';
import { githubPages } from './github-pages';
import { googleCloudLb } from './google-cloud-lb';
import { heroku } from './heroku';
import { hostinger } from './hostinger';
import { cpiDns, kddiDns, muumuuDns, onamaeDns, xdomainDns } from './japanese-dns';
import { lolipop } from './lolipop';
import { netlify } from './netlify';
import { plesk } from './plesk';
import { quicCloud } from './quic-cloud';
import { render } from './render';
import { sakura } from './sakura';
import { shopify } from './shopify';
import { siteground } from './siteground';
import { squarespace } from './squarespace';
import { starServer } from './star-server';
import { sucuri } from './sucuri';
import { vercel } from './vercel';
import { wix } from './wix';
import { wordpressCom } from './wordpress-com';
import { wpengine } from './wpengine';
import { xserver } from './xserver';

export const PROVIDERS: readonly Provider[] = [
  // Hosts
  xserver,
  sakura,
  lolipop,
  conohaWing,
  starServer,
  cpanel,
  githubPages,
  netlify,
  vercel,
  heroku,
  render,
  firebase,
  cloudflarePages,
  wpengine,
  plesk,
  hostinger,
  bluehost,
  siteground,
  // Platforms that run their own edge (some of it on a CDN: its headers are theirs, not a proxy in front)
  shopify,
  wix,
  squarespace,
  wordpressCom,
  flyIo,
  googleCloudLb,
  awsElb,
  // CDNs and proxies
  cloudflare,
  fastly,
  cloudfront,
  akamai,
  azureFrontDoor,
  sucuri,
  quicCloud,
  // DNS-only services
  onamaeDns,
  muumuuDns,
  cpiDns,
  kddiDns,
  xdomainDns,
];

export function providerById(id: string): Provider | undefined {
  return PROVIDERS.find((p) => p.id === id);
}

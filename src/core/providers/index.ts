// Every known host and CDN. Adding one = one file beside this + one line here (docs/adding-a-provider.md).
import type { Provider } from './types';
import { xserver } from './xserver';
import { sakura } from './sakura';
import { cloudflare } from './cloudflare';
import { githubPages } from './github-pages';
import { netlify } from './netlify';

export const PROVIDERS: readonly Provider[] = [xserver, sakura, githubPages, netlify, cloudflare];

export function providerById(id: string): Provider | undefined {
  return PROVIDERS.find((p) => p.id === id);
}

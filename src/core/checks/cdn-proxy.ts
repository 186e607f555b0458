// The seed's case: the name resolves to a CDN's proxy, so a host that validates by "does the name point at
// my server?" sees the CDN instead and cannot renew (Xserver, Sakura, GitHub Pages, Netlify manuals).
import type { CheckContext } from '../engine/evidence';
import { fixSteps } from '../words/fixes';
import type { Finding } from '../engine/types';
import { defineCheck } from './define';

const CODES = ['PROXIED_BY_CDN'] as const;
type Code = (typeof CODES)[number];

export const cdnProxyCheck = defineCheck({
  id: 'cdn-proxy',
  codes: CODES,
  fixCauses: ['proxied'],
  likelyHostRule: ['PROXIED_BY_CDN'],
  run: checkCdnProxy,
});

export function checkCdnProxy({ ev, origin, cdn }: CheckContext): Finding<Code>[] {
  if (!cdn) return [];
  const evidence = ev.detection.cdn?.evidence ?? [];
  const params = {
    name: ev.host,
    cdn: cdn.names.en,
    cdn_ja: cdn.names.ja,
    host: origin?.names.en ?? '',
    host_ja: origin?.names.ja ?? '',
  };
  if (!origin || origin.id === cdn.id) {
    return [
      {
        code: 'PROXIED_BY_CDN',
        severity: 'info',
        message: { key: 'finding_proxied_info', params },
        evidence,
      },
    ];
  }
  const needs = origin.renewal.needsAddress;
  if (needs === false) {
    return [{ code: 'PROXIED_BY_CDN', severity: 'info', message: { key: 'finding_proxied_ok', params }, evidence }];
  }
  return [
    {
      code: 'PROXIED_BY_CDN',
      severity: needs === true ? 'fail' : 'warn',
      message: { key: needs === true ? 'finding_proxied_fail' : 'finding_proxied_warn', params },
      why: { key: 'why_proxied', params },
      fix: fixSteps('proxied', origin, params),
      evidence: [...evidence, ...(ev.detection.origin?.evidence ?? [])],
    },
  ];
}

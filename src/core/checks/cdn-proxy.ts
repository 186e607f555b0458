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

export function checkCdnProxy({ ev, origin, cdn, renewer }: CheckContext): Finding<Code>[] {
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
  // TLS-ALPN-01 is answered on port 443 by the server itself: a CDN that terminates TLS in front answers instead,
  // so that renewal cannot pass (certmagic issue #34; Caddy "Cannot negotiate ALPN protocol acme-tls/1").
  if (renewer.by === 'owner-acme' && renewer.method === 'tls-alpn-01') {
    return [
      {
        code: 'PROXIED_BY_CDN',
        severity: 'fail',
        message: { key: 'finding_proxied_tls_alpn', params },
        why: { key: 'why_proxied_tls_alpn', params },
        fix: [{ key: 'fix_proxied_tls_alpn_1', params }],
        evidence: [...evidence, ...renewer.evidence],
      },
    ];
  }
  // The host's rule applies only when the host renews the certificate: a paid certificate or the owner's own
  // client does not need the name to point at the host's server.
  const needs = renewer.by === 'host' ? origin.renewal.needsAddress : false;
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

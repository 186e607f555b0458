// CERT_RENEWED_NOT_SERVED (docs/design.md): the certificate read from the connection is older than a newer one for
// the same name from the same CA in CT, issued over an hour ago — the renewal worked, the server still serves
// the old one (certbot renewed, nginx not reloaded). Raised only once the served certificate is past its
// renewal point: before that, two servers of one site each holding their own certificate are healthy.
import { caaDomainsForIssuer } from '../certificates/ca-domains';
import { isoDate, type CheckContext } from '../engine/evidence';
import { certificateNameCovers } from '../network/names';
import type { Finding, LocalText } from '../engine/types';
import { fixSteps } from '../words/fixes';
import { defineCheck } from './define';
const CODES = ['CERT_RENEWED_NOT_SERVED'] as const;
type Code = (typeof CODES)[number];

export const certRenewedNotServedCheck = defineCheck({
  id: 'cert-renewed-not-served',
  codes: CODES,
  fixCauses: ['retry'],
  likelyHostRule: [],
  run: checkCertRenewedNotServed,
});

/** What reloads the server after a renewal, per client (each client's documentation). */
const DEPLOY_HINT: [RegExp, LocalText['key']][] = [
  [/caddy/i, 'fix_renewed_not_served_caddy'],
  [/nginx|apache|litespeed/i, 'fix_renewed_not_served_hook'],
];

export function checkCertRenewedNotServed({ ev, origin, cdn, renewer }: CheckContext): Finding<Code>[] {
  const cert = ev.certificate;
  // A CDN swaps its own edge certificates as it likes; a bought certificate has no client to deploy it.
  if (cert?.source !== 'connection' || cdn || renewer.by === 'manual' || !ev.ct?.ok) return [];
  if (Date.parse(cert.notAfter) <= ev.now) return []; // CERT_EXPIRED speaks first
  const point = renewer.certificate === cert && renewer.point !== null ? renewer.point : null;
  if (point === null || ev.now <= point) return [];
  const cas = caaDomainsForIssuer(cert.issuerOrg, cert.issuer);
  const newer = ev.ct.issuances
    .filter(
      (i) =>
        !i.revoked &&
        Date.parse(i.notBefore) > Date.parse(cert.notBefore) + 3_600_000 &&
        Date.parse(i.notBefore) < ev.now - 3_600_000 &&
        Date.parse(i.notAfter) > ev.now &&
        i.names.some((n) => certificateNameCovers(n, ev.host)) &&
        (cas.length
          ? caaDomainsForIssuer(i.issuerOrg, i.issuer).some((d) => cas.includes(d))
          : i.issuer === cert.issuer),
    )
    .sort((a, b) => Date.parse(b.notBefore) - Date.parse(a.notBefore))[0];
  if (!newer) return [];
  const headers = ev.headers && 'headers' in ev.headers ? ev.headers.headers : null;
  const server = headers?.server ?? '';
  const hint = DEPLOY_HINT.find(([re]) => re.test(server))?.[1] ?? 'fix_renewed_not_served_hook';
  const params = {
    name: ev.host,
    served: isoDate(Date.parse(cert.notBefore)),
    newer: isoDate(Date.parse(newer.notBefore)),
    date: isoDate(Date.parse(cert.notAfter)),
    server: server.slice(0, 40),
  };
  return [
    {
      code: 'CERT_RENEWED_NOT_SERVED',
      severity: 'warn',
      message: { key: 'finding_renewed_not_served', params },
      why: { key: 'why_renewed_not_served', params },
      // A host that renewed deploys by itself: its own steps (apply the renewal again, ask support) fit it.
      fix:
        renewer.by === 'host' && origin
          ? fixSteps('retry', origin, params)
          : [
              { key: 'fix_renewed_not_served_1', params },
              { key: hint, params },
            ],
      evidence: [
        `TLS ${cert.issuer}, ${cert.notBefore} – ${cert.notAfter} (served)`,
        `CT ${newer.issuer}, ${newer.notBefore} – ${newer.notAfter} (newer: ${newer.names.slice(0, 5).join(', ')})`,
        ...(server ? [`Server: ${server.slice(0, 60)}`] : []),
      ],
    },
  ];
}

// The certificate in service: expired, about to expire, past its renewal point with nothing newer in CT,
// not covering the name, or a CDN's own edge certificate. Renewal point = notAfter − min(⅓ lifetime, 30 d):
// when ACME clients and hosts renew; derived from each certificate, never a fixed "90 days".
import { daysLeft, isoDate, renewalPoint, type CheckContext } from '../engine/evidence';
import { graceFor } from '../engine/renewer';
import { DAY } from '../engine/time';
import { fixSteps } from '../words/fixes';
import { certificateNameCovers } from '../network/names';
import type { Issuance } from '../sources/ct';
import type { CertificateInfo, Finding, LocalText, MessageKey } from '../engine/types';
import { defineCheck } from './define';

const CODES = [
  'CERT_EXPIRED',
  'CERT_EXPIRING_SOON',
  'RENEWAL_OVERDUE',
  'CERT_NAME_MISMATCH',
  'CERT_UNTRUSTED',
  'CDN_MANAGED_CERT',
] as const;
type Code = (typeof CODES)[number];

export const certificateCheck = defineCheck({
  id: 'certificate',
  codes: CODES,
  fixCauses: ['certificate', 'retry', 'untrusted'],
  likelyHostRule: [],
  run: checkCertificate,
});

// renewalPoint lives in evidence.ts (light enough for the popup, which draws it on the timeline).
export { renewalPoint } from '../engine/evidence';

/** Less than ⅙ of the certificate's own lifetime left, and at most 14 days (docs/design.md CERT_EXPIRING_SOON). */
export function expiringSoon(cert: Pick<CertificateInfo, 'notBefore' | 'notAfter'>, now: number): boolean {
  const na = Date.parse(cert.notAfter);
  const life = na - Date.parse(cert.notBefore);
  return na > now && na - now < Math.min(life / 6, 14 * DAY);
}

/** A newer certificate for the host than `cert` in CT (unexpired, not revoked, issued over an hour ago). */
export function newerInCt(ev: CheckContext['ev'], cert: CertificateInfo): Issuance | undefined {
  if (!ev.ct?.ok) return undefined;
  return ev.ct.issuances.find(
    (i) =>
      !i.revoked &&
      Date.parse(i.notBefore) > Date.parse(cert.notBefore) + 3_600_000 &&
      Date.parse(i.notBefore) < ev.now - 3_600_000 &&
      Date.parse(i.notAfter) > ev.now &&
      i.names.some((n) => certificateNameCovers(n, ev.host)),
  );
}

// What browsers call the two certificate problems the checks diagnose: Chromium's net_error_list.h codes, and
// Firefox, whose webRequest error is NSS's message text ("Peer’s Certificate has expired.") or its code name.
const BROWSER_EXPIRED = /ERR_CERT_DATE_INVALID|SEC_ERROR_EXPIRED_(ISSUER_)?CERTIFICATE|certificate has expired/i;
const BROWSER_NAME =
  /ERR_CERT_COMMON_NAME_INVALID|SSL_ERROR_BAD_CERT_DOMAIN|domain name does not match the server.s certificate/i;
// The chain does not lead to a trusted root. Chromium: ERR_CERT_AUTHORITY_INVALID (self-signed, unknown or
// missing issuer alike); Firefox (NSS/mozilla::pkix codes or their message text): self-signed, unknown issuer,
// untrusted or invalid issuer.
const BROWSER_SELF_SIGNED = /MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT|SEC_ERROR_UNTRUSTED_CERT|because it is self-signed/i;
const BROWSER_UNKNOWN_ISSUER =
  /ERR_CERT_AUTHORITY_INVALID|SEC_ERROR_UNKNOWN_ISSUER|issuer is not recognized|SEC_ERROR_UNTRUSTED_ISSUER|issuer has been marked as not trusted|SEC_ERROR_CA_CERT_INVALID|issuer certificate is invalid|MOZILLA_PKIX_ERROR_MITM_DETECTED|ERR_CERT_INVALID|ERR_CERT_KNOWN_INTERCEPTION_BLOCKED/i;

type UntrustedKind = NonNullable<CertificateInfo['untrusted']>['kind'];
const UNTRUSTED_KEY: Record<UntrustedKind, MessageKey> = {
  'self-signed': 'finding_cert_untrusted_self_signed',
  'unknown-issuer': 'finding_cert_untrusted_unknown_issuer',
  'incomplete-chain': 'finding_cert_untrusted_incomplete',
  other: 'finding_cert_untrusted_other',
};

/** CERT_UNTRUSTED: visitors are blocked now. The host's own steps set SSL up again; others install the full chain. */
function untrusted(
  ev: CheckContext['ev'],
  origin: CheckContext['origin'],
  kind: UntrustedKind,
  detail: string,
  evidence: string[],
  browserSaid = false,
): Finding<Code> {
  const params = { name: ev.host, detail, host: origin?.names.en ?? '', host_ja: origin?.names.ja ?? '' };
  const fix: LocalText[] = origin
    ? [
        { key: 'fix_host_untrusted_1', params: { ...params, host: origin.names.en, host_ja: origin.names.ja } },
        ...fixSteps('retry', origin, params),
      ]
    : fixSteps('untrusted', null, params);
  return {
    code: 'CERT_UNTRUSTED',
    severity: 'fail',
    message: {
      key: browserSaid && kind === 'unknown-issuer' ? 'finding_cert_untrusted_browser' : UNTRUSTED_KEY[kind],
      params,
    },
    why: { key: 'why_cert_untrusted' },
    fix,
    evidence,
  };
}

/** Chrome has no certificate API, but it does say why it refused a page: that is evidence too. */
function browserRefusal(ev: CheckContext['ev'], origin: CheckContext['origin']): Finding<Code>[] {
  const err = ev.browserCertificateError;
  if (!err) return [];
  const params = { name: ev.host, date: '', host: origin?.names.en ?? '', host_ja: origin?.names.ja ?? '' };
  const evidence = [`browser: ${err} for https://${ev.host}/`];
  if (BROWSER_EXPIRED.test(err)) {
    return [
      {
        code: 'CERT_EXPIRED',
        severity: 'fail',
        message: { key: 'finding_cert_expired_browser', params },
        why: { key: 'why_cert_expired' },
        fix: fixSteps('certificate', origin, params),
        evidence,
      },
    ];
  }
  if (BROWSER_NAME.test(err)) {
    return [
      {
        code: 'CERT_NAME_MISMATCH',
        severity: 'fail',
        message: { key: 'finding_cert_name_mismatch', params },
        why: { key: 'why_cert_name_mismatch' },
        fix: fixSteps('certificate', origin, params),
        evidence,
      },
    ];
  }
  if (BROWSER_SELF_SIGNED.test(err)) return [untrusted(ev, origin, 'self-signed', err, evidence, true)];
  if (BROWSER_UNKNOWN_ISSUER.test(err)) return [untrusted(ev, origin, 'unknown-issuer', err, evidence, true)];
  return [];
}

export function checkCertificate({ ev, origin: detected, cdn, renewer }: CheckContext): Finding<Code>[] {
  const cert = ev.certificate;
  // The host's steps ("press 更新") only when the host renews this certificate (docs/design.md "the renewer").
  const origin = renewer.by === 'host' ? detected : null;
  const refused = browserRefusal(ev, origin);
  if (refused.length && (!cert || cert.source === 'ct')) return refused;
  if (!cert) return [];
  const out: Finding<Code>[] = [];
  const notAfter = Date.parse(cert.notAfter);
  const days = daysLeft(cert.notAfter, ev.now);
  const params = {
    date: isoDate(notAfter),
    days,
    issuer: cert.issuer,
    name: ev.host,
    host: origin?.names.en ?? '',
    host_ja: origin?.names.ja ?? '',
  };
  const evidence = [
    `${cert.source === 'ct' ? 'CT' : 'TLS'} ${cert.issuer}${cert.issuerOrg ? ` (${cert.issuerOrg})` : ''}, ${cert.notBefore} – ${cert.notAfter}`,
    `names: ${cert.names.slice(0, 10).join(', ')}`,
  ];

  if (cdn && (!origin || origin.id === cdn.id)) {
    out.push({
      code: 'CDN_MANAGED_CERT',
      severity: 'info',
      message: { key: 'finding_cdn_managed_cert', params: { cdn: cdn.names.en, cdn_ja: cdn.names.ja } },
      evidence,
    });
  }
  if (notAfter <= ev.now) {
    out.push({
      code: 'CERT_EXPIRED',
      severity: 'fail',
      message: { key: 'finding_cert_expired', params },
      why: { key: 'why_cert_expired' },
      fix: fixSteps('certificate', origin, params),
      evidence,
    });
  } else if (expiringSoon(cert, ev.now) && renewer.by !== 'manual' && !newerInCt(ev, cert)) {
    // Less than ⅙ of its own lifetime left, at most 14 days (docs/design.md): 14 days for 90 days, 24 hours for a
    // 6-day certificate; a bought certificate is MANUAL_RENEWAL's, a renewed one CERT_RENEWED_NOT_SERVED's.
    const hours = Math.floor((notAfter - ev.now) / 3_600_000);
    out.push({
      code: 'CERT_EXPIRING_SOON',
      severity: 'warn',
      message:
        hours < 48
          ? { key: 'finding_cert_expiring_soon_hours', params: { ...params, hours } }
          : { key: 'finding_cert_expiring_soon', params },
      why: { key: 'why_cert_expiring_soon' },
      fix: fixSteps('retry', origin, params),
      evidence,
    });
  }
  // The renewal judged is the origin host's when a CDN serves its own edge certificate in front of it.
  const origCert = ev.originCertificate;
  if (origCert && cdn && detected && renewer.by === 'host')
    out.push(...originRenewal(ev, origCert, detected, cdn, renewer));
  const judgesServed = !origCert && renewer.by !== 'manual' && renewer.certificate === cert;
  const point = judgesServed ? overduePoint(ev, cert, () => true, renewer) : null;
  if (point !== null) {
    out.push({
      code: 'RENEWAL_OVERDUE',
      severity: 'warn',
      message: { key: 'finding_renewal_overdue', params: { ...params, point: isoDate(point) } },
      why: { key: 'why_renewal_overdue' },
      fix: fixSteps('retry', origin, params),
      evidence: [...evidence, `renewal point ${isoDate(point)}; no newer certificate for ${ev.host} in CT`],
    });
  }
  if (cert.untrusted && cert.source === 'connection') {
    out.push(
      untrusted(ev, origin, cert.untrusted.kind, cert.untrusted.detail ?? '', [
        ...evidence,
        `TLS: ${cert.untrusted.detail ?? cert.untrusted.kind}`,
      ]),
    );
  }
  const mismatch = cert.domainMismatch ?? !cert.names.some((n) => certificateNameCovers(n, ev.host));
  if (cert.source === 'connection' && mismatch) {
    out.push({
      code: 'CERT_NAME_MISMATCH',
      severity: 'fail',
      message: { key: 'finding_cert_name_mismatch', params },
      why: { key: 'why_cert_name_mismatch' },
      fix: fixSteps('certificate', origin, params),
      evidence,
    });
  }
  return out;
}

/**
 * RENEWAL_OVERDUE's rule, for the served certificate and for the origin's: the certificate is unexpired, more
 * than 2 days past its renewal point, and CT (which answered) has no newer certificate for the host among those
 * `counts` accepts. Returns the renewal point, or null when nothing is overdue.
 */
function overduePoint(
  ev: CheckContext['ev'],
  cert: CertificateInfo,
  counts: (i: Issuance) => boolean,
  renewer: CheckContext['renewer'],
): number | null {
  // The renewer's point (the host's documented schedule, the CA's ARI window, ⅓ of the lifetime left) and a
  // grace of min(2 days, 1/30 of the lifetime): 2 days for 90 days, under 5 hours for a 6-day certificate.
  const point = renewer.point ?? renewalPoint(cert);
  const grace = renewer.certificate === cert ? renewer.grace : graceFor(cert);
  if (Date.parse(cert.notAfter) <= ev.now || ev.now <= point + grace || !ev.ct?.ok) return null;
  const newer = ev.ct.issuances.some(
    (i) =>
      Date.parse(i.notBefore) > Date.parse(cert.notBefore) &&
      !i.revoked &&
      counts(i) &&
      i.names.some((n) => certificateNameCovers(n, ev.host)),
  );
  return newer ? null : point;
}

/**
 * Behind a CDN: the origin host's own certificate past its renewal point with nothing newer from the host's CA
 * in CT — the host is failing to renew, and when that certificate expires visitors get the CDN's origin error
 * (Cloudflare: 526) wherever the CDN checks the origin's certificate.
 */
function originRenewal(
  ev: CheckContext['ev'],
  cert: CertificateInfo,
  origin: NonNullable<CheckContext['origin']>,
  cdn: NonNullable<CheckContext['cdn']>,
  renewer: CheckContext['renewer'],
): Finding<Code>[] {
  const notAfter = Date.parse(cert.notAfter);
  const point = overduePoint(ev, cert, (i) => i.issuer === cert.issuer, renewer);
  if (point === null) return [];
  const params = {
    date: isoDate(notAfter),
    days: daysLeft(cert.notAfter, ev.now),
    point: isoDate(point),
    name: ev.host,
    host: origin.names.en,
    host_ja: origin.names.ja,
    cdn: cdn.names.en,
    cdn_ja: cdn.names.ja,
  };
  return [
    {
      code: 'RENEWAL_OVERDUE',
      severity: 'warn',
      message: { key: 'finding_renewal_overdue_origin', params },
      why: { key: 'why_renewal_overdue_origin', params },
      fix: fixSteps('retry', origin, params),
      evidence: [
        `CT ${cert.issuer}${cert.issuerOrg ? ` (${cert.issuerOrg})` : ''}, ${cert.notBefore} – ${cert.notAfter} (${origin.names.en}'s certificate)`,
        `names: ${cert.names.slice(0, 10).join(', ')}`,
        `renewal point ${isoDate(point)}; no newer certificate from ${cert.issuerOrg ?? cert.issuer} for ${ev.host} in CT`,
      ],
    },
  ];
}

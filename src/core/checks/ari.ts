// RENEWAL_REQUESTED_EARLY (docs/design.md "Findings and verdict"): the CA's own answer through ARI (RFC 9773).
// A suggested window that closes before the renewer's next attempt (the host's schedule only when the host
// renews; src/core/certificates/renewal-schedule.ts attemptSchedule) means the CA wants this certificate
// replaced early (a revocation or an incident; the explanation URL says which): warn. Once the window has closed
// with no newer certificate for the host in CT: fail — the CA may revoke it at any time.
import type { CheckContext } from '../engine/evidence';
import { renewsCertificate } from '../engine/renewer';
import { DAY } from '../engine/time';
import { fixSteps } from '../words/fixes';
import { certificateNameCovers } from '../network/names';
import type { Finding } from '../engine/types';
import { localDateTime, nextRenewalAttempt } from './ca-status';
import { renewalPoint } from './certificate';
import { defineCheck } from './define';

const CODES = ['RENEWAL_REQUESTED_EARLY'] as const;
type Code = (typeof CODES)[number];

export const ariCheck = defineCheck({
  id: 'ari',
  codes: CODES,
  fixCauses: ['retry'],
  likelyHostRule: [],
  run: checkAri,
});

export function checkAri(ctx: CheckContext): Finding<Code>[] {
  const { ev, origin, renewer } = ctx;
  const a = ev.ari;
  const cert = ev.certificate;
  if (!a?.ok || !cert) return [];
  const w = a.window;
  // The attempt of whoever renews the certificate ARI was asked about (the served one): the host's documented
  // schedule only when the host's own SSL renews it — the owner's certbot on that company's VPS keeps its own
  // point (issue #21). Never ARI's window itself (renewer.point may be it): then nothing could be early.
  const scheduled = nextRenewalAttempt(ctx, cert);
  // An early window closes before the usual renewal point and before the renewer's own next attempt: only then is
  // it the CA asking for more than the ordinary renewal (RENEWAL_OVERDUE speaks for a late ordinary one).
  const usual = Math.min(renewalPoint(cert), scheduled ?? Infinity);
  const early = w.end < usual - DAY;
  const newer =
    ev.ct?.ok &&
    ev.ct.issuances.some(
      (i) =>
        Date.parse(i.notBefore) > Date.parse(cert.notBefore) &&
        !i.revoked &&
        i.names.some((n) => certificateNameCovers(n, ev.host)),
    );
  // Nothing to say about an ordinary window (the usual case): its dates are not even formatted.
  if (!early || newer) return [];
  // The host's own retry steps only when its own SSL renews this certificate; the owner's client, or a CDN's edge
  // behind which the host sits, get the generic step.
  const fixHost = renewer.by === 'host' && renewsCertificate(renewer, cert) ? origin : null;
  const params = {
    start: localDateTime(w.start),
    end: localDateTime(w.end),
    scheduled: localDateTime(usual).slice(0, 10),
    url: w.explanationUrl ?? '',
    host: fixHost?.names.en ?? '',
    host_ja: fixHost?.names.ja ?? '',
  };
  const evidence = [
    `ARI ${a.certId}: suggested window ${new Date(w.start).toISOString()} – ${new Date(w.end).toISOString()}`,
    ...(w.explanationUrl ? [`explanation: ${w.explanationUrl}`] : []),
  ];
  if (w.end < ev.now) {
    return [
      {
        code: 'RENEWAL_REQUESTED_EARLY',
        severity: 'fail',
        message: { key: 'finding_ari_passed', params },
        why: { key: 'why_ari' },
        fix: fixSteps('retry', fixHost, params),
        evidence,
      },
    ];
  }
  return [
    {
      code: 'RENEWAL_REQUESTED_EARLY',
      severity: 'warn',
      message: { key: w.explanationUrl ? 'finding_ari_early_url' : 'finding_ari_early', params },
      why: { key: 'why_ari' },
      fix: fixSteps('retry', fixHost, params),
      evidence,
    },
  ];
}

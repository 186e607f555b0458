// Xserver's cause 5: the CA is under maintenance (SSLサーバー証明書の発行元によるメンテナンス作業中).
// The status page is Let's Encrypt's: only judged when the site's CA is Let's Encrypt or not known.
import { caaDomainsForIssuer } from '../ca-domains';
import type { CheckContext } from '../evidence';
import { fixSteps } from '../fixes';
import type { Finding } from '../types';

export function checkCaStatus({ ev, origin }: CheckContext): Finding[] {
  const s = ev.caStatus;
  if (!s?.ok) return [];
  const ca = origin?.renewal.caaDomains ?? (ev.certificate ? caaDomainsForIssuer(ev.certificate.issuerOrg, ev.certificate.issuer) : []);
  if (ca.length > 0 && !ca.includes('letsencrypt.org')) return [];
  const out: Finding[] = [];
  if (s.maintenance.length > 0 || s.statusCode === 200) {
    out.push({
      code: 'CA_MAINTENANCE', severity: 'warn',
      message: { key: 'finding_ca_maintenance', params: { name: s.maintenance[0] ?? s.statusText } },
      why: { key: 'why_ca_status' }, fix: fixSteps('ca', null),
      evidence: [`status ${s.statusCode} ${s.statusText}`, ...s.maintenance.map((m) => `maintenance: ${m}`)],
    });
  }
  if (s.incidents.length > 0 || s.statusCode >= 300) {
    out.push({
      code: 'CA_INCIDENT', severity: 'warn',
      message: { key: 'finding_ca_incident', params: { name: s.incidents[0] ?? s.statusText } },
      why: { key: 'why_ca_status' }, fix: fixSteps('ca', null),
      evidence: [`status ${s.statusCode} ${s.statusText}`, ...s.incidents.map((m) => `incident: ${m}`)],
    });
  }
  return out;
}

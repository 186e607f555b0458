// CA_DRY_RUN_REACHED / CA_DRY_RUN_FAILED (docs/design.md "Findings and verdict", CLI --acme-dry-run only): the
// CA's own validators' answer, explained. Let's Encrypt words its HTTP-01 errors as Boulder does (va/http.go):
// "Invalid response from <url>: 404" when it reached the site; "Connection refused", "Timeout during connect",
// "Invalid response … 403", redirect problems by name. The CA's words are the evidence; the fix steps are the
// detected host's.
import { fixSteps } from '../words/fixes';
import type { Provider } from '../providers/types';
import type { Finding, MessageKey } from '../engine/types';

/** Its codes: not in the registry (./index.ts), as the dry run runs only on the user's click or --acme-dry-run. */
export const DRY_RUN_CODES = ['CA_DRY_RUN_REACHED', 'CA_DRY_RUN_FAILED'] as const;
type Code = (typeof DRY_RUN_CODES)[number];

export type DryRunResult = { kind: 'invalid' | 'valid' | 'rate-limited' | 'error'; stage: string; detail: string };

type Cause = { key: MessageKey; fix: 'unreachable' | 'access' | 'redirect' | 'retry' | 'address' };
function causeOf(detail: string): Cause {
  // Boulder's remote validation (va/va.go): a failure seen only from another vantage point is prefixed "During
  // secondary validation:" — the primary validator got through, so the site is reachable from some networks only.
  if (/During secondary validation/i.test(detail) && /refused|timeout|timed out|connect/i.test(detail))
    return { key: 'finding_dry_run_secondary', fix: 'unreachable' };
  if (/refused/i.test(detail)) return { key: 'finding_dry_run_refused', fix: 'unreachable' };
  if (/timeout|timed out/i.test(detail)) return { key: 'finding_dry_run_timeout', fix: 'unreachable' };
  if (/\b40[13]\b/.test(detail)) return { key: 'finding_dry_run_denied', fix: 'access' };
  if (/redirect/i.test(detail)) return { key: 'finding_dry_run_redirect', fix: 'redirect' };
  if (/NXDOMAIN|no valid A|DNS problem|no such host/i.test(detail))
    return { key: 'finding_dry_run_dns', fix: 'address' };
  return { key: 'finding_dry_run_other', fix: 'retry' };
}

/** The finding for a dry run's outcome, or null when there is nothing to say (a CA or network error: a note). */
export function dryRunFinding(r: DryRunResult, host: string, origin: Provider | null): Finding<Code> | null {
  const params = { name: host, detail: r.detail, host: origin?.names.en ?? '', host_ja: origin?.names.ja ?? '' };
  const evidence = [`CA: ${r.detail}`];
  if (r.kind === 'valid' || (r.kind === 'invalid' && /\b404\b/.test(r.detail) && !/redirect/i.test(r.detail))) {
    return {
      code: 'CA_DRY_RUN_REACHED',
      severity: 'info',
      message: { key: r.kind === 'valid' ? 'finding_dry_run_valid' : 'finding_dry_run_reached', params },
      evidence,
    };
  }
  if (r.kind !== 'invalid') return null;
  const c = causeOf(r.detail);
  return {
    code: 'CA_DRY_RUN_FAILED',
    severity: 'fail',
    message: { key: c.key, params },
    why: { key: 'why_dry_run' },
    fix: fixSteps(c.fix, origin, params),
    evidence,
  };
}

// Folds a dry run's outcome (CLI --acme-dry-run) into a report: the finding, or a source note when the CA could
// not be asked; the verdict follows.
import { dryRunFinding, type DryRunResult } from '../checks/dry-run';
import { providerById } from '../providers';
import type { Report } from './types';
import { sortFindings, verdictOf } from './verdict';

export function addDryRun(r: Report, d: DryRunResult): Report {
  const origin = r.provider ? (providerById(r.provider.id) ?? null) : null;
  const finding = dryRunFinding(d, r.host, origin);
  const findings = finding ? sortFindings([...r.findings, finding]) : r.findings;
  const note = finding
    ? { source: 'dry-run' as const, status: 'ok' as const }
    : {
        source: 'dry-run' as const,
        status: 'failed' as const,
        reason: d.detail,
        text:
          d.kind === 'rate-limited'
            ? { key: 'note_dry_run_rate_limited' as const }
            : { key: 'note_dry_run_failed' as const, params: { reason: d.detail.slice(0, 200) } },
      };
  return {
    ...r,
    findings,
    notes: [...r.notes, note],
    verdict: r.verdict === 'not-applicable' ? r.verdict : verdictOf(findings),
  };
}

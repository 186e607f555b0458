// docs/design.md "Verdict, first rule that applies": not-applicable · fail · unknown · warn · ok.
import type { Finding, FindingSeverity, Verdict } from './types';

const ORDER: Record<FindingSeverity, number> = { fail: 0, unknown: 1, warn: 2, info: 3 };

export function verdictOf(findings: Finding[]): Exclude<Verdict, 'not-applicable'> {
  if (findings.some((f) => f.severity === 'fail')) return 'fail';
  if (findings.some((f) => f.severity === 'unknown')) return 'unknown';
  if (findings.some((f) => f.severity === 'warn')) return 'warn';
  return 'ok';
}

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
}

/** The finding the badge tooltip and the verdict sentence name. */
export function mainFinding(findings: Finding[]): Finding | undefined {
  return sortFindings(findings).find((f) => f.severity !== 'info');
}

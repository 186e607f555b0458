// The one calendar of certificate lifetimes (docs/design.md "Certificate lifetimes"): what the CA/Browser Forum
// allows any public certificate, and what Let's Encrypt issues by default. Dates are issue dates (UTC).
//
// - Ballot SC-081v3, Baseline Requirements §6.3.2
//   (https://cabforum.org/2025/04/11/ballot-sc081v3-introduce-schedule-of-reducing-validity-and-data-reuse-periods/):
//   398 days before 2026-03-15, then 200, 100 from 2027-03-15, 47 from 2029-03-15.
// - Let's Encrypt's default (classic) profile (https://letsencrypt.org/2025/12/02/from-90-to-45): 90 days, 64 from
//   2027-02-10, 45 from 2028-02-16 ("renewing at a hardcoded interval of 60 days will no longer be sufficient").
//   docs/sources/lets-encrypt.md "Lifetimes and profiles".

type Step = readonly [from: string, days: number];

/** Newest first: the first step whose date has come applies. */
const CABF_MAX: readonly Step[] = [
  ['2029-03-15T00:00:00Z', 47],
  ['2027-03-15T00:00:00Z', 100],
  ['2026-03-15T00:00:00Z', 200],
];
const CABF_BEFORE = 398;

const LETS_ENCRYPT_DEFAULT: readonly Step[] = [
  ['2028-02-16T00:00:00Z', 45],
  ['2027-02-10T00:00:00Z', 64],
];
const LETS_ENCRYPT_BEFORE = 90;

const stepAt = (steps: readonly Step[], at: number) => steps.find(([from]) => at >= Date.parse(from)) ?? null;

/** The longest lifetime (days) a publicly trusted certificate issued at `at` may have (SC-081v3). */
export function maxLifetimeDays(at: number): number {
  return stepAt(CABF_MAX, at)?.[1] ?? CABF_BEFORE;
}

/**
 * The lifetime (days) of a Let's Encrypt certificate issued at `at` under its default profile, and the date that
 * lifetime took effect (null while the 90-day default of before the calendar holds).
 */
export function letsEncryptDefaultLifetime(at: number): { days: number; since: string | null } {
  const step = stepAt(LETS_ENCRYPT_DEFAULT, at);
  return step ? { days: step[1], since: step[0].slice(0, 10) } : { days: LETS_ENCRYPT_BEFORE, since: null };
}

// The registry: every check diagnose() runs, in this order (the report sorts findings by severity afterwards;
// this order breaks ties and is the order of each finding's keys in the catalogues). Each check declares its codes,
// fix causes and likely-host rule in its own file (./define.ts); docs/adding-a-finding.md is the recipe.
import type { FindingCode } from './vocabulary';
import type { Check } from './define';
import { addressElsewhereCheck } from './address-elsewhere';
import { addressesCheck } from './addresses';
import { ariCheck } from './ari';
import { caStatusCheck } from './ca-status';
import { caaCheck } from './caa';
import { cdnProxyCheck } from './cdn-proxy';
import { certificateCheck } from './certificate';
import { challengeCheck } from './challenge';
import { dnsHealthCheck } from './dns-health';
import { domainRegistrationCheck } from './domain-registration';
import { DRY_RUN_CODES } from './dry-run';
import { hostUnknownCheck } from './host-unknown';
import { ipv6MismatchCheck } from './ipv6-mismatch';
import { nameserversCheck } from './nameservers';
import { rateLimitCheck } from './rate-limit';
import { manualRenewalCheck } from './manual-renewal';
import { certOverMaxLifetimeCheck } from './cert-over-max-lifetime';
import { certRenewedNotServedCheck } from './cert-renewed-not-served';
import { dnsValidationCheck } from './dns-validation';
import { renewalIntervalCheck } from './renewal-interval';

export const CHECKS: readonly Check[] = [
  dnsHealthCheck,
  domainRegistrationCheck,
  addressesCheck,
  cdnProxyCheck,
  nameserversCheck,
  addressElsewhereCheck,
  ipv6MismatchCheck,
  caaCheck,
  challengeCheck,
  caStatusCheck,
  certificateCheck,
  rateLimitCheck,
  hostUnknownCheck,
  ariCheck,
  manualRenewalCheck,
  certOverMaxLifetimeCheck,
  certRenewedNotServedCheck,
  renewalIntervalCheck,
  dnsValidationCheck,
];

/**
 * Codes no registered check returns: the CA's dry run (./dry-run.ts), run only on the user's click or the CLI's
 * --acme-dry-run. (DNS_LOOKUP_FAILED is dns-health's; diagnose's report for a check that could not finish reuses it.)
 */
export const CODES_OUTSIDE_CHECKS: readonly FindingCode[] = DRY_RUN_CODES;

/** The codes whose `fail` is the identified host's renewal rule (each check's `likelyHostRule`). */
export const LIKELY_HOST_RULE_CODES: ReadonlySet<FindingCode> = new Set(CHECKS.flatMap((c) => c.likelyHostRule));

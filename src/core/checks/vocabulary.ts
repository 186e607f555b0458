// The words checks speak in, as closed lists so that a typo fails the type check: the finding codes (a contract:
// the CLI's JSON exposes them, so add, never rename) and the fix causes with their generic steps (a host's own
// steps for a cause live in its provider file). A new finding adds its code here; a new kind of fix adds its cause
// and generic steps (keys in _locales). Imports nothing, so anyone may import it (docs/adding-a-finding.md).

export const FINDING_CODES = [
  'DOMAIN_NOT_REGISTERED',
  'DOMAIN_EXPIRED',
  'DOMAIN_EXPIRING',
  'NO_ADDRESS',
  'RESERVED_ADDRESS',
  'PROXIED_BY_CDN',
  'NAMESERVERS_ELSEWHERE',
  'ADDRESS_ELSEWHERE',
  'IPV6_MISMATCH',
  'CAA_FORBIDS_CA',
  'DNSSEC_BROKEN',
  'DNS_LOOKUP_FAILED',
  'CHALLENGE_REDIRECT_OFFSITE',
  'CHALLENGE_REDIRECT_INVALID',
  'CHALLENGE_ACCESS_DENIED',
  'CHALLENGE_UNREACHABLE',
  'CA_INCIDENT',
  'CA_MAINTENANCE',
  'CERT_EXPIRED',
  'CERT_EXPIRING_SOON',
  'RENEWAL_OVERDUE',
  'CERT_NAME_MISMATCH',
  'RATE_LIMITED',
  'CDN_MANAGED_CERT',
  'HOST_UNKNOWN',
  'CAA_LOOKUP_FAILED',
  'CAA_ACCOUNT_BOUND',
  'CERT_UNTRUSTED',
  'RENEWAL_REQUESTED_EARLY',
  'CA_DRY_RUN_FAILED',
  'CA_DRY_RUN_REACHED',
  'MANUAL_RENEWAL',
  'CERT_OVER_MAX_LIFETIME',
  'CERT_RENEWED_NOT_SERVED',
  'DNS_VALIDATION_BROKEN',
  'RENEWAL_INTERVAL_TOO_LONG',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

/** Each fix cause and its generic steps (catalogue keys), shown when the detected host documents none of its own. */
export const GENERIC_FIX_STEPS = {
  proxied: ['fix_generic_proxied_1', 'fix_generic_proxied_2', 'fix_generic_retry'],
  nameservers: ['fix_generic_nameservers_1', 'fix_generic_retry'],
  address: ['fix_generic_address_1', 'fix_generic_retry'],
  ipv6: ['fix_generic_ipv6_1', 'fix_generic_retry'],
  caa: ['fix_generic_caa_1'],
  redirect: ['fix_generic_redirect_1', 'fix_generic_retry'],
  access: ['fix_generic_access_1', 'fix_generic_retry'],
  unreachable: ['fix_generic_unreachable_1', 'fix_generic_retry'],
  dnssec: ['fix_generic_dnssec_1'],
  domain: ['fix_generic_domain_1'],
  ca: ['fix_generic_ca_1'],
  'rate-limit': ['fix_generic_rate_limit_1'],
  certificate: ['fix_generic_certificate_1'],
  retry: ['fix_generic_retry'],
  'caa-lookup': ['fix_generic_caa_lookup_1', 'fix_generic_retry'],
  untrusted: ['fix_generic_untrusted_1', 'fix_generic_retry'],
} as const;
/** The causes a host documents fixes for; each maps to numbered steps in _locales. */
export type FixCause = keyof typeof GENERIC_FIX_STEPS;

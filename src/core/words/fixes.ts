// Fix steps for a cause: the detected host's own steps when it documents them, else generic ones.
import type { FixCause, Provider } from '../providers/types';
import type { LocalText, MessageKey, MessageParams } from '../engine/types';

const GENERIC: Record<FixCause, MessageKey[]> = {
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
};

export function fixSteps(cause: FixCause, provider: Provider | null, params: MessageParams = {}): LocalText[] {
  const keys = provider?.fixes[cause] ?? GENERIC[cause];
  // `{host}` renders as the provider's name in the reader's language (`host_ja` is picked for Japanese).
  const names: MessageParams = provider ? { host: provider.names.en, host_ja: provider.names.ja } : {};
  return keys.map((key) => ({ key, params: { ...names, ...params } }));
}

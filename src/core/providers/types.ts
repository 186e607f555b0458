// What the engine knows about a host or CDN: how to recognise it and how its certificates renew. Pure data;
// src/core/providers/detect-provider.ts is the only code that reads the recognition rules.
import type { MessageKey } from '../engine/types';

export type RuleKind = 'ns' | 'soa' | 'ptr' | 'ip' | 'cname' | 'header' | 'mx' | 'spf';

export interface RecognitionRule {
  kind: RuleKind;
  /** A regular expression (case-insensitive) for names and header values; omitted for `ip`. */
  pattern?: string;
  /** CIDR ranges, for `ip`. */
  cidrs?: string[];
  /** The date of the provider's published list the `cidrs` come from (ranges/<provider>.json). */
  published?: string;
  /** The response header a `header` rule reads (lowercase). Without `pattern`, its presence is enough. */
  header?: string;
  /** 1 = conclusive on its own; 0.5 = strong; 0.2 = a hint. Recognition needs a total ≥ 0.5. */
  weight: number;
  /** Not confirmed by an official source (docs/sources/ marks it unconfirmed): an ip/header/mx/spf/soa rule weighs at
   * most 0.3; an ns/ptr/cname name under the provider's own domain still identifies it (detect-provider.ts). */
  unconfirmed?: boolean;
}

// The fix vocabulary lives beside the checks that use it; providers name their own steps per cause.
export type { FixCause } from '../checks/vocabulary';
import type { FixCause } from '../checks/vocabulary';

export type Tristate = boolean | 'uncertain';

export interface RenewalModel {
  /** CAA issuer domain names of the CA(s) the host uses (RFC 8659 `issue` values). */
  caaDomains: string[];
  method: 'http-01' | 'dns-01' | 'http-01-or-dns-01' | 'cdn-edge';
  /** Renewal fails unless the name's A/AAAA records reach this host's servers. */
  needsAddress: Tristate;
  /** Renewal fails unless the zone uses this host's own nameservers. */
  needsOwnNameservers: Tristate;
  /** Days before expiry the host starts renewing, and its retries, when it documents them. */
  renewsDaysBefore?: number;
  retryDaysBefore?: number[];
  /** The recognition rules list every address the host serves from: any other address is elsewhere. */
  addressesKnown?: boolean;
  /** false when the host serves no IPv6: any AAAA record breaks validation. */
  servesIpv6?: boolean;
  /** DNS services (provider ids) that count as the host's own nameservers (Lolipop accepts ムームーDNS). */
  acceptsZoneFrom?: string[];
}

export interface Provider {
  id: string;
  names: { en: string; ja: string };
  /** host = serves the site and renews its certificate; cdn = a proxy in front; dns = runs only the zone. */
  kind: 'host' | 'cdn' | 'dns';
  rules: RecognitionRule[];
  renewal: RenewalModel;
  /** CDNs this host serves through by itself (GitHub Pages via Fastly): not a proxy in front. */
  servedVia?: string[];
  /** Numbered fix steps per cause, as message keys. Causes without steps fall back to generic ones. */
  fixes: Partial<Record<FixCause, MessageKey[]>>;
  manualUrl: string;
  sources: string[];
  /**
   * The same company's VPS or cloud machines (not its shared hosting): an address whose PTR matches is the
   * customer's own server, whose certificate the customer's own client renews (docs/design.md "the renewer").
   * Each pattern carries its source.
   */
  ownServers?: { kind: 'ptr'; pattern: string; name: { en: string; ja: string }; source: string }[];
  /**
   * Where the host's own manual says to install a certificate bought from a seller (独自SSL with a certificate
   * from elsewhere): the page and the panel path it describes. MANUAL_RENEWAL's fix names them; a host without
   * such a page gets generic steps. Only the host's own pages (docs/sources/hosting-providers.md).
   */
  paidCertificateInstall?: { url: string; panelPath: { en: string; ja: string } };
  /**
   * The provider's own managed certificates: a public CA that issues only through this provider's service, which
   * renews what it issued (Amazon's CA: AWS Certificate Manager). A certificate whose issuer organisation matches
   * `issuerOrg` (a regular expression) is renewed by this provider wherever the address does not show it (a Route 53
   * alias to a load balancer): never "bought by hand" for its long lifetime (docs/design.md "Who renews the
   * certificate").
   */
  managedCertificates?: { issuerOrg: string; service: { en: string; ja: string }; source: string };
  /** Host groups that share this entry and can be named when recognised (cPanel: mixhost, ColorfulBox). */
  brands?: { name: string; rules: RecognitionRule[] }[];
}

// The only doors from the engine to the outside world. Each shell (service worker, CLI, tests) injects its
// own implementations; the engine never touches fetch, sockets or storage itself.

export interface HttpResponse {
  status: number;
  /** Lowercase header names. */
  headers: Record<string, string>;
  body: Uint8Array;
  /** Final URL after any redirects the transport itself followed. */
  url: string;
}

export interface HttpRequest {
  method?: 'GET' | 'POST' | 'HEAD';
  headers?: Record<string, string>;
  body?: Uint8Array;
  timeoutMs: number;
  /** The most of the answer's body worth reading (the transport stops reading past it and fails the request):
   * what a service sends cannot make memory grow without bound. See ANSWER_LIMITS. */
  maxBytes?: number;
  /** Ahead of the requests already waiting for a slot where a transport limits requests in flight: a question
   * another waits on (a PTR name after its address: the check's second round trip, issue #25). */
  urgent?: boolean;
}

/** How much of each service's answer is read at most (bytes). */
export const ANSWER_LIMITS = {
  /** A DNS message is at most 65,535 bytes (RFC 1035 §4.2.2, RFC 8484 §6). */
  doh: 65_535,
  /** One Cert Spotter page (100 issuances with their certificates) is under 1 MB; crt.sh answers for a busy
   * domain run to a few MB. */
  ct: 8 * 1024 * 1024,
  /** An RDAP domain object is kilobytes (RFC 9083). */
  rdap: 1024 * 1024,
  /** status.io's public status JSON is tens of kilobytes. */
  caStatus: 2 * 1024 * 1024,
  /** An ACME directory or a renewalInfo object (RFC 8555 §7.1.1, RFC 9773). */
  ari: 256 * 1024,
} as const;

/** A plain HTTP client for APIs (DoH, CT, RDAP, CA status). Rejects on network errors and timeouts. */
export type HttpClient = (url: string, req: HttpRequest) => Promise<HttpResponse>;

/** One hop of an HTTP request toward the site, as Let's Encrypt's validator would see it. */
export interface Hop {
  url: string;
  status: number;
  location?: string;
  headers?: Record<string, string>;
  /** The browser redirected by itself, without asking the server: 'hsts' = an HSTS upgrade to https. */
  internal?: 'hsts' | 'other';
}

export type ProbeOutcome =
  | { kind: 'response'; hops: Hop[] }
  | { kind: 'refused' | 'timeout' | 'error'; hops: Hop[]; url: string; reason: string };

/**
 * Requests `url` toward the site. A transport that can stop at each redirect returns one hop per request
 * (the engine follows redirects by hand with Let's Encrypt's rules); a browser transport that cannot returns
 * every hop it recorded.
 */
export interface SiteProbe {
  /** One request; no redirect following. */
  request(url: string, timeoutMs: number): Promise<ProbeOutcome>;
  /** true when `request` already follows redirects and returns every hop (browsers). */
  followsRedirects?: boolean;
}

/** The certificate the site served, modelled on Firefox's `webRequest.getSecurityInfo` certificate fields. */
export interface ServedCertificate {
  subject: string;
  issuer: string;
  validity: { start: number; end: number };
  fingerprint?: { sha256?: string };
  serialNumber?: string;
  rawDER?: Uint8Array | number[];
  isUntrusted?: boolean;
  /** Firefox: the certificate does not cover the host. */
  isDomainMismatch?: boolean;
  /** Why the chain did not validate (CLI): the TLS library's code. */
  untrustedReason?: string;
  /** What kind of chain fault that is, when the shell could tell. */
  untrustedKind?: UntrustedKind;
}

/** Why a chain does not lead to a trusted root (expiry and name are diagnosed separately). */
export type UntrustedKind = 'self-signed' | 'unknown-issuer' | 'incomplete-chain' | 'other';

export type CertificateReader = (host: string, timeoutMs: number) => Promise<ServedCertificate | null>;

export interface Clock {
  now(): number;
}

// Why the CLI's TLS check rejected a chain (for CERT_UNTRUSTED), beyond OpenSSL's code: a self-signed leaf; an
// incomplete chain (the server left out the intermediate, and the issuer named in the leaf's AIA extension
// completes a path to a trusted root — the case browsers that fetch AIA hide, and most other clients refuse);
// or an unknown issuer. Node-only (X509Certificate); the trust store is Node's bundled roots plus
// NODE_EXTRA_CA_CERTS, as for the connection itself.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import type { UntrustedKind } from '../core/network/net';

// The trust store indexed by the encoded subject name. Parsing every root as an X509Certificate took 0.4 s of CPU
// in a fleet run (issue #25): a path only needs the roots whose subject is the issuer's issuer, compared as bytes —
// as mozilla::pkix matches an issuer (pkixbuild.cpp: the candidate's encoded subject equals the encoded issuer).
let rootsBySubject: Map<string, string[]> | null = null;
function rootPems(): Map<string, string[]> {
  if (rootsBySubject) return rootsBySubject;
  const pems = [...tls.rootCertificates];
  const extra = process.env.NODE_EXTRA_CA_CERTS;
  if (extra) {
    try {
      pems.push(
        ...(readFileSync(extra, 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []),
      );
    } catch {
      /* unreadable: Node ignores it too */
    }
  }
  rootsBySubject = new Map();
  for (const pem of pems) {
    const der = Buffer.from(pem.replace(/-----[A-Z ]+-----|\s+/g, ''), 'base64');
    const names = tbsNames(der);
    if (!names) continue;
    const list = rootsBySubject.get(names.subject) ?? [];
    list.push(pem);
    rootsBySubject.set(names.subject, list);
  }
  return rootsBySubject;
}
const parsedRoots = new Map<string, X509Certificate | null>();
function rootsNamed(subject: string): X509Certificate[] {
  return (rootPems().get(subject) ?? []).flatMap((pem) => {
    if (!parsedRoots.has(pem)) parsedRoots.set(pem, parseCert(pem));
    const r = parsedRoots.get(pem);
    return r ? [r] : [];
  });
}

/** The DER header at `at`: tag, where the content starts and ends. */
function tlv(der: Uint8Array, at: number): { tag: number; start: number; end: number } | null {
  if (at + 2 > der.length) return null;
  const tag = der[at];
  let len = der[at + 1];
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || start + n > der.length) return null;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + der[start + i];
    start += n;
  }
  return start + len > der.length ? null : { tag, start, end: start + len };
}

/** The encoded issuer and subject names of a certificate (RFC 5280 §4.1: TBSCertificate's 4th and 6th fields). */
export function tbsNames(der: Uint8Array): { issuer: string; subject: string } | null {
  const cert = tlv(der, 0);
  const tbs = cert?.tag === 0x30 ? tlv(der, cert.start) : null;
  if (tbs?.tag !== 0x30) return null;
  const fields: { start: number; end: number }[] = [];
  let at = tbs.start;
  while (at < tbs.end && fields.length < 6) {
    const f = tlv(der, at);
    if (!f) return null;
    if (!(fields.length === 0 && f.tag === 0xa0)) fields.push({ start: at, end: f.end }); // [0] version is optional
    at = f.end;
  }
  if (fields.length < 5) return null;
  const hex = (f: { start: number; end: number }) => Buffer.from(der.subarray(f.start, f.end)).toString('hex');
  // serial, signature, issuer, validity, subject
  return { issuer: hex(fields[2]), subject: hex(fields[4]) };
}

const issuedBy = (cert: X509Certificate, issuer: X509Certificate) => {
  try {
    return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
};
function isRoot(cert: X509Certificate): boolean {
  const names = tbsNames(cert.raw);
  if (!names) return false;
  return (
    rootsNamed(names.subject).some((r) => r.fingerprint256 === cert.fingerprint256) ||
    rootsNamed(names.issuer).some((r) => issuedBy(cert, r))
  );
}

/** "CA Issuers - URI:http://…" from the AIA extension (RFC 5280 §4.2.2.1); http only, as CAs publish them. */
export function caIssuersUrls(cert: X509Certificate): string[] {
  return [...(cert.infoAccess ?? '').matchAll(/CA Issuers - URI:(http:\/\/\S+)/g)].map((m) => m[1]).slice(0, 2);
}

function parseCert(bytes: Uint8Array | string): X509Certificate | null {
  try {
    return new X509Certificate(typeof bytes === 'string' ? bytes : Buffer.from(bytes));
  } catch {
    return null;
  }
}

/**
 * Classifies an OpenSSL verification failure. `fetchIssuer` fetches an AIA URL (bounded size and time) and
 * returns its bytes, or null.
 */
export async function classifyUntrusted(
  code: string,
  leafDer: Uint8Array,
  fetchIssuer: (url: string) => Promise<Uint8Array | null>,
): Promise<UntrustedKind> {
  const leaf = parseCert(leafDer);
  if (code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || (leaf && leaf.subject === leaf.issuer && issuedBy(leaf, leaf)))
    return 'self-signed';
  if (code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' && leaf) {
    for (const url of caIssuersUrls(leaf)) {
      const bytes = await fetchIssuer(url).catch(() => null);
      const issuer = bytes ? parseCert(bytes) : null;
      if (issuer && issuedBy(leaf, issuer) && isRoot(issuer)) return 'incomplete-chain';
    }
    return 'unknown-issuer';
  }
  if (
    [
      'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
      'UNABLE_TO_GET_ISSUER_CERT',
      'SELF_SIGNED_CERT_IN_CHAIN',
      'CERT_UNTRUSTED',
    ].includes(code)
  )
    return 'unknown-issuer';
  return 'other';
}

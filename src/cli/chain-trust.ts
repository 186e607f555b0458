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

/** TBSCertificate's fields up to the subject (RFC 5280 §4.1): serial, signature, issuer, validity, subject. */
function tbsFields(der: Uint8Array): { start: number; end: number }[] | null {
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
  return fields.length < 5 ? null : fields;
}

/** The encoded issuer and subject names of a certificate (RFC 5280 §4.1: TBSCertificate's 4th and 6th fields). */
export function tbsNames(der: Uint8Array): { issuer: string; subject: string } | null {
  const fields = tbsFields(der);
  if (!fields) return null;
  const hex = (f: { start: number; end: number }) => Buffer.from(der.subarray(f.start, f.end)).toString('hex');
  return { issuer: hex(fields[2]), subject: hex(fields[4]) };
}

/** The attribute types OpenSSL prints by these short names (2.5.4.x: X.520). */
const SHORT_NAMES: Record<number, string> = { 3: 'CN', 6: 'C', 7: 'L', 8: 'ST', 10: 'O', 11: 'OU' };

/** A Name as X509Certificate prints it, lines joined by ", " ("C=US, O=Let's Encrypt, CN=R11"), or null. */
function plainName(der: Uint8Array, f: { start: number; end: number }): string | null {
  const name = tlv(der, f.start);
  if (name?.tag !== 0x30 || name.start === name.end) return null;
  const parts: string[] = [];
  for (let at = name.start; at < name.end; ) {
    const rdn = tlv(der, at);
    if (rdn?.tag !== 0x31) return null;
    const atv = tlv(der, rdn.start);
    // One attribute per RDN (a multi-valued one is printed with " + ").
    if (atv?.tag !== 0x30 || atv.end !== rdn.end) return null;
    const oid = tlv(der, atv.start);
    if (oid?.tag !== 0x06 || oid.end - oid.start !== 3) return null;
    if (der[oid.start] !== 0x55 || der[oid.start + 1] !== 0x04) return null;
    const short = SHORT_NAMES[der[oid.start + 2]];
    const value = short ? tlv(der, oid.end) : null;
    // PrintableString or UTF8String, then the whole AttributeTypeAndValue is read.
    if (!value || (value.tag !== 0x13 && value.tag !== 0x0c) || value.end !== atv.end) return null;
    let text = '';
    for (let i = value.start; i < value.end; i++) {
      const c = der[i];
      // Printable ASCII that RFC 2253 escaping leaves alone (, + " \ < > ; and = are left to OpenSSL).
      if (c < 0x20 || c > 0x7e || c === 0x2c || c === 0x2b || c === 0x22 || c === 0x5c || c === 0x3c || c === 0x3e)
        return null;
      if (c === 0x3b || c === 0x3d) return null;
      text += String.fromCharCode(c);
    }
    if (text === '' || text[0] === '#' || text[0] === ' ' || text.endsWith(' ')) return null;
    parts.push(`${short}=${text}`);
    at = rdn.end;
  }
  return parts.join(', ');
}

/** printedNames' reading from the DER alone: null unless both names are plain. */
export function plainNames(der: Uint8Array): { subject: string; issuer: string } | null {
  const fields = tbsFields(der);
  const subject = fields && plainName(der, fields[4]);
  const issuer = fields && plainName(der, fields[2]);
  return subject != null && issuer != null ? { subject, issuer } : null;
}

/**
 * The subject and issuer of a certificate as the CLI has always reported them — X509Certificate's text, lines
 * joined by ", " — read from the DER for plain names (one attribute per RDN among C, ST, L, O, OU, CN, printable
 * ASCII that RFC 2253 escaping does not touch), and from an X509Certificate otherwise. Building one costs about
 * 0.2 ms of CPU (OpenSSL decodes the whole certificate and caches its extensions): a third of a handshake's cost to
 * the CLI in a fleet (issue #25). A test holds both readings equal on every root in Node's store.
 */
export function printedNames(der: Uint8Array): { subject: string; issuer: string } | null {
  const plain = plainNames(der);
  if (plain) return plain;
  const cert = parseCert(der);
  if (!cert) return null;
  // X509Certificate prints DNs one attribute a line ("C=US\nO=Let's Encrypt\nCN=R11").
  const dn = (s: string) => s.split('\n').filter(Boolean).join(', ');
  return { subject: dn(cert.subject), issuer: dn(cert.issuer) };
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

// Why the CLI's TLS check rejected a chain (for CERT_UNTRUSTED), beyond OpenSSL's code: a self-signed leaf; an
// incomplete chain (the server left out the intermediate, and the issuer named in the leaf's AIA extension
// completes a path to a trusted root — the case browsers that fetch AIA hide, and most other clients refuse);
// or an unknown issuer. Node-only (X509Certificate); the trust store is Node's bundled roots plus
// NODE_EXTRA_CA_CERTS, as for the connection itself.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import type { UntrustedKind } from '../core/network/net';

let roots: X509Certificate[] | null = null;
function trustedRoots(): X509Certificate[] {
  if (roots) return roots;
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
  roots = pems.flatMap((p) => {
    try {
      return [new X509Certificate(p)];
    } catch {
      return [];
    }
  });
  return roots;
}

const issuedBy = (cert: X509Certificate, issuer: X509Certificate) => {
  try {
    return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
};
const isRoot = (cert: X509Certificate) =>
  trustedRoots().some((r) => r.fingerprint256 === cert.fingerprint256 || issuedBy(cert, r));

/** "CA Issuers - URI:http://…" from the AIA extension (RFC 5280 §4.2.2.1); http only, as CAs publish them. */
export function caIssuersUrls(cert: X509Certificate): string[] {
  return [...(cert.infoAccess ?? '').matchAll(/CA Issuers - URI:(http:\/\/\S+)/g)].map((m) => m[1]).slice(0, 2);
}

function parseCert(bytes: Uint8Array): X509Certificate | null {
  try {
    return new X509Certificate(Buffer.from(bytes));
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

// The lab's certificate authority: a root (trusted by the test browsers and by Node through
// NODE_EXTRA_CA_CERTS), one intermediate per issuer name a world asks for ("R11|Let's Encrypt"), and a leaf per
// site with the world's names and dates. ECDSA P-256 keeps generation fast.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { DAY } from '../../src/core/engine/time';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);
const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

async function keys() {
  return webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']) as Promise<CryptoKeyPair>;
}
async function pemKey(key: CryptoKey) {
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}
let serial = 1;
const nextSerial = () => (serial++).toString(16).padStart(8, '0');
const esc = (s: string) => s.replace(/([,+"\\<>;=])/g, '\\$1');

export interface Issued {
  certPem: string;
  chainPem: string;
  keyPem: string;
}

/** What the site sends: the leaf and its intermediate (full), the leaf alone (incomplete chain), a self-signed
 * leaf (a server's default certificate), or a chain under a root nobody trusts. */
export type ChainKind = 'full' | 'leaf-only' | 'self-signed' | 'unknown-root';

/** Where leaves point for their issuer (RFC 5280 §4.2.2.1 caIssuers); the lab's port-80 server answers it. */
export const AIA_HOST = 'ca.renewal-radar-lab.net';

export class LabCa {
  private constructor(
    readonly rootPem: string,
    private rootCert: x509.X509Certificate,
    private rootKeys: CryptoKeyPair,
    private leafKeys: CryptoKeyPair,
    private now: number,
  ) {}
  private intermediates = new Map<string, { cert: x509.X509Certificate; keys: CryptoKeyPair }>();
  /** Issuer certificates by the path in their leaves' AIA URL. */
  readonly aia = new Map<string, Uint8Array>();
  private strangerRoot?: { cert: x509.X509Certificate; keys: CryptoKeyPair };

  static async create(now: number): Promise<LabCa> {
    const rootKeys = await keys();
    const root = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: nextSerial(),
      name: 'CN=Renewal Radar Lab Root, O=Renewal Radar Lab',
      keys: rootKeys,
      signingAlgorithm: ALG,
      notBefore: new Date(now - 3650 * DAY),
      notAfter: new Date(now + 3650 * DAY),
      extensions: [
        new x509.BasicConstraintsExtension(true, 1, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey),
      ],
    });
    return new LabCa(root.toString('pem'), root, rootKeys, await keys(), now);
  }

  /** "R11|Let's Encrypt" → CN=R11, O=Let's Encrypt, C=US. */
  private async intermediate(issuer: string, stranger = false) {
    const key = `${stranger ? 'stranger:' : ''}${issuer}`;
    let i = this.intermediates.get(key);
    if (i) return i;
    const [cn, org] = issuer.split('|');
    const k = await keys();
    const root = stranger ? await this.stranger() : { cert: this.rootCert, keys: this.rootKeys };
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: nextSerial(),
      subject: `CN=${esc(cn)}${org ? `, O=${esc(org)}` : ''}, C=US`,
      issuer: root.cert.subject,
      notBefore: new Date(this.now - 3000 * DAY),
      notAfter: new Date(this.now + 3000 * DAY),
      signingKey: root.keys.privateKey,
      publicKey: k.publicKey,
      signingAlgorithm: ALG,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature,
          true,
        ),
        await x509.SubjectKeyIdentifierExtension.create(k.publicKey),
        await x509.AuthorityKeyIdentifierExtension.create(root.keys.publicKey),
      ],
    });
    i = { cert, keys: k };
    this.intermediates.set(key, i);
    this.aia.set(`/issuer/${this.intermediates.size}.der`, new Uint8Array(cert.rawData));
    return i;
  }

  /** A root no browser or test trusts (a private CA, an interception proxy). */
  private async stranger() {
    if (this.strangerRoot) return this.strangerRoot;
    const k = await keys();
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: nextSerial(),
      name: 'CN=Untrusted Private Root, O=Nobody Trusts Me',
      keys: k,
      signingAlgorithm: ALG,
      notBefore: new Date(this.now - 3650 * DAY),
      notAfter: new Date(this.now + 3650 * DAY),
      extensions: [
        new x509.BasicConstraintsExtension(true, 1, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      ],
    });
    this.strangerRoot = { cert, keys: k };
    return this.strangerRoot;
  }

  private aiaUrlOf(cert: x509.X509Certificate): string {
    const raw = new Uint8Array(cert.rawData);
    for (const [p, der] of this.aia)
      if (der.length === raw.length && der.every((b, i) => b === raw[i])) return `http://${AIA_HOST}${p}`;
    throw new Error('intermediate without AIA path');
  }

  async issue(
    names: string[],
    issuer: string,
    notBefore: number,
    notAfter: number,
    commonName?: string,
    chain: ChainKind = 'full',
    policies: string[] = [],
  ): Promise<Issued> {
    const subject = `CN=${esc(commonName ?? names[0])}`;
    const leafExtensions = [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(names.map((value) => ({ type: 'dns' as const, value }))),
      // The CA/B Forum validation-type OIDs a real leaf carries (BR §7.1.6.1: DV 2.23.140.1.2.1, OV …2.2, EV 2.23.140.1.1).
      ...(policies.length ? [new x509.CertificatePolicyExtension(policies)] : []),
    ];
    if (chain === 'self-signed') {
      const leaf = await x509.X509CertificateGenerator.createSelfSigned({
        serialNumber: nextSerial(),
        name: subject,
        keys: this.leafKeys,
        signingAlgorithm: ALG,
        notBefore: new Date(notBefore),
        notAfter: new Date(notAfter),
        extensions: leafExtensions,
      });
      const certPem = leaf.toString('pem');
      return { certPem, chainPem: certPem, keyPem: await pemKey(this.leafKeys.privateKey) };
    }
    const inter = await this.intermediate(issuer, chain === 'unknown-root');
    const leaf = await x509.X509CertificateGenerator.create({
      serialNumber: nextSerial(),
      subject,
      issuer: inter.cert.subject,
      notBefore: new Date(notBefore),
      notAfter: new Date(notAfter),
      signingKey: inter.keys.privateKey,
      publicKey: this.leafKeys.publicKey,
      signingAlgorithm: ALG,
      extensions: [
        ...leafExtensions,
        await x509.AuthorityKeyIdentifierExtension.create(inter.keys.publicKey),
        new x509.AuthorityInfoAccessExtension({ caIssuers: [new x509.GeneralName('url', this.aiaUrlOf(inter.cert))] }),
      ],
    });
    const certPem = leaf.toString('pem');
    const chainPem = chain === 'leaf-only' ? certPem : `${certPem}\n${inter.cert.toString('pem')}`;
    return { certPem, chainPem, keyPem: await pemKey(this.leafKeys.privateKey) };
  }

  async issuerDn(issuer: string): Promise<string> {
    return (await this.intermediate(issuer)).cert.subject;
  }
}

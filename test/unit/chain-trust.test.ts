import assert from 'node:assert/strict';
import { webcrypto, X509Certificate } from 'node:crypto';
import { describe, it } from 'node:test';
import tls from 'node:tls';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { plainNames, printedNames, tbsNames } from '../../src/cli/chain-trust';

// The CLI finds the roots that may have issued an intermediate by comparing encoded names (issue #25: parsing the
// whole trust store cost 0.4 s per run). The byte walk must find the same names as a full parse.
describe('tbsNames', () => {
  const roots = tls.rootCertificates.map((pem) => ({
    der: Buffer.from(pem.replace(/-----[A-Z ]+-----|\s+/g, ''), 'base64'),
    x: new X509Certificate(pem),
  }));
  it('reads the issuer and subject of every root in the store', () => {
    assert.ok(roots.length > 100);
    for (const { der, x } of roots) {
      const n = tbsNames(der);
      assert.ok(n, x.subject);
      assert.equal(n.subject === n.issuer, x.subject === x.issuer, x.subject);
    }
  });
  it('tells different subjects apart', () => {
    const subjects = new Set(roots.map((r) => tbsNames(r.der)!.subject));
    const parsed = new Set(roots.map((r) => r.x.subject));
    assert.equal(subjects.size, parsed.size);
  });
  it('refuses truncated and hostile input without throwing', () => {
    const der = roots[0].der;
    for (const cut of [0, 1, 2, 10, 50, der.length - 1]) assert.doesNotThrow(() => tbsNames(der.subarray(0, cut)));
    assert.equal(tbsNames(new Uint8Array([0x30, 0x84, 0xff, 0xff, 0xff, 0xff])), null);
    assert.equal(tbsNames(new Uint8Array([0x30, 0x80])), null);
  });
});

// The served certificate's subject and issuer as the CLI reports them: read from the DER when the names are plain,
// else from an X509Certificate (issue #25: building one was a third of a TLS handshake's CPU). Both must print the
// same text, byte for byte.
describe('printedNames', () => {
  const dn = (s: string) => s.split('\n').filter(Boolean).join(', ');
  const certs = tls.rootCertificates.map((pem) => ({
    der: Buffer.from(pem.replace(/-----[A-Z ]+-----|\s+/g, ''), 'base64'),
    x: new X509Certificate(pem),
  }));
  it('prints what X509Certificate prints, for every root in the store', () => {
    let plain = 0;
    for (const { der, x } of certs) {
      const want = { subject: dn(x.subject), issuer: dn(x.issuer) };
      const fast = plainNames(der);
      if (fast) {
        plain++;
        assert.deepEqual(fast, want);
      }
      assert.deepEqual(printedNames(der), want);
    }
    // Most names are plain; the others (commas, escapes, other attributes, other string types) are not guessed.
    assert.ok(plain > certs.length / 2, `${plain} of ${certs.length}`);
    assert.ok(plain < certs.length, 'some roots need the library');
  });
  it('leaves names that need escaping, other attributes or several per RDN to the library', async () => {
    x509.cryptoProvider.set(webcrypto as unknown as Crypto);
    const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
    const keys = (await webcrypto.subtle.generateKey(alg, false, ['sign', 'verify'])) as CryptoKeyPair;
    const names: [string, boolean][] = [
      ["CN=R11, O=Let's Encrypt, C=US", true],
      ['CN=Comma\\, Inc., O=Org', false],
      ['CN=a+O=b', false],
      ['CN= leading space', false],
      ['CN=trailing space\\ ', false],
      ['CN=\\#hash', false],
      ['CN=semi\\;colon', false],
      ['CN=equals\\=sign', false],
      ['CN=quote\\"d', false],
      ['CN=Ünïcode', false],
      ['E=owner@example.jp, CN=mail', false],
      ['CN=tab\tcontrol', false],
    ];
    for (const [name, plain] of names) {
      const cert = await x509.X509CertificateGenerator.createSelfSigned({
        serialNumber: '01',
        name,
        keys,
        signingAlgorithm: alg,
        notBefore: new Date(0),
        notAfter: new Date(86_400_000),
      });
      const der = new Uint8Array(cert.rawData);
      const x = new X509Certificate(der);
      assert.deepEqual(printedNames(der), { subject: dn(x.subject), issuer: dn(x.issuer) }, name);
      assert.equal(plainNames(der) !== null, plain, name);
    }
  });
  it('refuses truncated and hostile input without throwing', () => {
    const der = certs[0].der;
    for (const cut of [0, 1, 2, 10, 50, der.length - 1]) assert.doesNotThrow(() => printedNames(der.subarray(0, cut)));
    assert.equal(printedNames(new Uint8Array([0x30, 0x84, 0xff, 0xff, 0xff, 0xff])), null);
  });
});

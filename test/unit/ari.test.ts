// ARI certificate identifiers (RFC 9773 §4.1): the RFC's own example certificate (Appendix A), and certificates
// made here with known AKIs and serials (a serial whose high bit is set keeps its leading zero byte).
import assert from 'node:assert/strict';
import { webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { ariCertId } from '../../src/core/certificates/ari';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);
const pemToDer = (pem: string) => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));

describe('ARI certificate identifier', () => {
  it("RFC 9773 Appendix A's certificate → aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE", () => {
    const der = pemToDer(readFileSync(new URL('./fixtures/ari/rfc9773-appendix-a.pem', import.meta.url), 'utf8'));
    assert.equal(ariCertId(der), 'aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE');
  });
  it('a certificate made here: base64url of the AKI and of the serial bytes, leading zero kept, no padding', async () => {
    const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
    const issuerKeys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
    const leafKeys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
    const aki = await x509.AuthorityKeyIdentifierExtension.create(issuerKeys.publicKey);
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: '8001ff',
      subject: 'CN=ari.example',
      issuer: 'CN=Issuer',
      notBefore: new Date(),
      notAfter: new Date(Date.now() + 86_400_000),
      signingKey: issuerKeys.privateKey,
      publicKey: leafKeys.publicKey,
      signingAlgorithm: alg,
      extensions: [aki],
    });
    const keyId = Buffer.from(aki.keyId!, 'hex').toString('base64url');
    assert.equal(ariCertId(new Uint8Array(cert.rawData)), `${keyId}.AIAB_w`);
  });
  it('no AKI, truncated DER, junk → null, never a throw', () => {
    const der = pemToDer(readFileSync(new URL('./fixtures/ari/rfc9773-appendix-a.pem', import.meta.url), 'utf8'));
    for (const bad of [
      der.slice(0, 40),
      new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]),
      new Uint8Array(0),
      new Uint8Array(5000).fill(0x30),
      new Uint8Array([0x30, 0x84, 0xff, 0xff, 0xff, 0xff]),
    ]) {
      assert.equal(ariCertId(bad), null);
    }
  });
});

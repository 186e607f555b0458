// The CLI's certificate reader (src/core/certificates/x509.ts): the small DER reader and the schema library give the
// same fields for every certificate the small one answers — Node's own root store (real CAs' names in every string
// type), the RFC 9773 example, and certificates made here with Japanese names, many SANs, other kinds of SAN,
// policies, critical extensions and dates past 2049 — and the small one does answer the usual leaf, or it saves no
// time. Damaged DER never throws out of parseDer's callers' try, and never gives another answer than the library's.
import assert from 'node:assert/strict';
import { webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import { describe, it } from 'node:test';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { parseDer, parseDerFields, parseDerWithSchema } from '../../src/core/certificates/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);
const pemToDer = (pem: string) => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

async function made(): Promise<{ what: string; der: Uint8Array }[]> {
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const make = async (what: string, o: Partial<x509.X509CertificateCreateParams>) => {
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: '01',
      subject: 'CN=shop.example.jp',
      issuer: "CN=R11, O=Let's Encrypt, C=US",
      notBefore: new Date(Date.UTC(2026, 0, 1)),
      notAfter: new Date(Date.UTC(2026, 3, 1)),
      signingKey: keys.privateKey,
      publicKey: keys.publicKey,
      signingAlgorithm: alg,
      ...o,
    });
    return { what, der: new Uint8Array(cert.rawData) };
  };
  const san = (names: x509.JsonGeneralName[], critical = false) =>
    new x509.SubjectAlternativeNameExtension(names, critical);
  const policies = (oids: string[]) => new x509.CertificatePolicyExtension(oids);
  return Promise.all([
    make('a DV leaf', {
      extensions: [
        san([
          { type: 'dns', value: 'shop.example.jp' },
          { type: 'dns', value: 'WWW.Shop.Example.JP' },
        ]),
        policies(['2.23.140.1.2.1']),
      ],
    }),
    make('no SAN: the CN is the name', { subject: 'CN=Legacy.Example.com, O=Example' }),
    make('Japanese organisation (UTF8String)', {
      subject: 'CN=www.example.co.jp, O=株式会社サンプル, L=千代田区, ST=東京都, C=JP',
      extensions: [
        san([{ type: 'dns', value: 'www.example.co.jp' }]),
        policies(['2.23.140.1.2.2', '1.3.6.1.4.1.99999.1']),
      ],
    }),
    make('EV, unknown attribute types', {
      subject:
        'CN=bank.example, O=Bank, 2.5.4.15=Private Organization, 1.3.6.1.4.1.311.60.2.1.3=JP, 2.5.4.5=0100-01-000001',
      extensions: [policies(['2.23.140.1.1'])],
    }),
    make('IP, e-mail and URL SANs beside DNS ones, critical', {
      subject: '',
      extensions: [
        san(
          [
            { type: 'ip', value: '192.0.2.1' },
            { type: 'email', value: 'admin@example.net' },
            { type: 'dns', value: 'example.net' },
            { type: 'url', value: 'https://example.net/' },
            { type: 'dns', value: '*.example.net' },
          ],
          true,
        ),
      ],
    }),
    make('100 names', {
      extensions: [san(Array.from({ length: 100 }, (_, i) => ({ type: 'dns' as const, value: `n${i}.example.org` })))],
    }),
    make('GeneralizedTime after 2049, UTCTime before 2000', {
      notBefore: new Date(Date.UTC(1999, 11, 31, 23, 59, 59)),
      notAfter: new Date(Date.UTC(2051, 1, 28, 12, 0, 0)),
    }),
    make('UTCTime in the 1950s (50–99 are 19xx)', {
      notBefore: new Date(Date.UTC(1955, 5, 15)),
      notAfter: new Date(Date.UTC(2049, 11, 31, 23, 59, 59)),
    }),
    make('several extensions, none we read', {
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      ],
    }),
  ]);
}

function roots(): { what: string; der: Uint8Array }[] {
  return tls.rootCertificates.map((pem, i) => ({ what: `Node root #${i}`, der: pemToDer(pem) }));
}

describe('certificate fields: the small DER reader and the schema library agree', () => {
  it('on every certificate the small reader answers; it answers the usual ones', async () => {
    const rfc = pemToDer(readFileSync(new URL('./fixtures/ari/rfc9773-appendix-a.pem', import.meta.url), 'utf8'));
    const ours = [...(await made()), { what: 'RFC 9773 Appendix A', der: rfc }];
    for (const { what, der } of ours) {
      assert.deepEqual(parseDerFields(der), parseDerWithSchema(der), what);
      assert.deepEqual(parseDer(der), parseDerWithSchema(der), what);
    }
    let answered = 0;
    const all = roots();
    for (const { what, der } of all) {
      let fast: ReturnType<typeof parseDerFields> | null = null;
      try {
        fast = parseDerFields(der);
      } catch {
        /* a string type it leaves to the library (BMPString, TeletexString…) */
      }
      const schema = parseDerWithSchema(der);
      if (fast) {
        answered++;
        assert.deepEqual(fast, schema, what);
      }
      assert.deepEqual(parseDer(der), schema, what);
    }
    // Most CAs name themselves in PrintableString or UTF8String.
    assert.ok(answered > all.length * 0.8, `${answered} of ${all.length}`);
  });

  it('damaged DER: the same answer as the library whenever the library has one', async () => {
    const [leaf] = await made();
    const damaged: Uint8Array[] = [];
    for (let n = 0; n < leaf.der.length; n += 7) damaged.push(leaf.der.slice(0, n));
    for (let at = 0; at < leaf.der.length; at += 3)
      for (const x of [0x01, 0x80, 0xff]) {
        const d = leaf.der.slice();
        d[at] ^= x;
        damaged.push(d);
      }
    let compared = 0;
    for (const der of damaged) {
      let schema: ReturnType<typeof parseDerWithSchema> | null = null;
      try {
        schema = parseDerWithSchema(der);
      } catch {
        /* the library refuses it: the connection's own fields are used (served-certificate.ts) */
      }
      let ours: ReturnType<typeof parseDer> | null = null;
      try {
        ours = parseDer(der);
      } catch {
        /* refused too */
      }
      if (schema && ours && !Number.isNaN(schema.notBefore.getTime()) && !Number.isNaN(schema.notAfter.getTime())) {
        compared++;
        assert.deepEqual(ours, schema);
      }
    }
    assert.ok(compared > 50, `${compared} damaged certificates compared`);
  });
});

// The ACME request signing of src/core/acme/jws.ts checked with WebCrypto's own verify (RFC 7515 flattened JSON,
// ES256, RFC 8555 §6.2: jwk before the account exists, kid after; POST-as-GET has an empty payload).
import assert from 'node:assert/strict';
import { webcrypto } from 'node:crypto';
import { describe, it } from 'node:test';
import { base64url, newAccountSigner, signedBody, type SubtleLike } from '../../src/core/acme/jws';

const subtle = webcrypto.subtle as unknown as SubtleLike;
const fromB64u = (s: string) => Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');

describe('ACME JWS', () => {
  it('base64url has no padding and the URL-safe alphabet', () => {
    assert.equal(base64url(new Uint8Array([0xfb, 0xff])), '-_8');
    assert.equal(base64url(new Uint8Array([])), '');
  });

  it('a new-account request carries the jwk, and verifies with it', async () => {
    const signer = await newAccountSigner(subtle);
    const body = JSON.parse(
      new TextDecoder().decode(
        await signedBody(signer, { url: 'https://ca.test/acme/new-acct', nonce: 'n1' }, { termsOfServiceAgreed: true }),
      ),
    );
    const prot = JSON.parse(fromB64u(body.protected).toString());
    assert.deepEqual(Object.keys(prot).sort(), ['alg', 'jwk', 'nonce', 'url']);
    assert.equal(prot.alg, 'ES256');
    assert.deepEqual(prot.jwk, signer.jwk);
    assert.deepEqual(JSON.parse(fromB64u(body.payload).toString()), { termsOfServiceAgreed: true });
    const pub = await webcrypto.subtle.importKey('jwk', prot.jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, [
      'verify',
    ]);
    const sig = fromB64u(body.signature);
    assert.equal(sig.length, 64, 'R||S, not DER');
    const ok = await webcrypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      pub,
      sig,
      new TextEncoder().encode(`${body.protected}.${body.payload}`),
    );
    assert.equal(ok, true);
    // A tampered payload does not verify.
    const bad = await webcrypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      pub,
      sig,
      new TextEncoder().encode(`${body.protected}.${base64url(new TextEncoder().encode('{}'))}`),
    );
    assert.equal(bad, false);
  });

  it('after the account exists: kid instead of jwk; POST-as-GET has an empty payload', async () => {
    const signer = await newAccountSigner(subtle);
    const body = JSON.parse(
      new TextDecoder().decode(
        await signedBody(signer, { url: 'https://ca.test/authz/1', nonce: 'n2', kid: 'https://ca.test/acct/7' }, null),
      ),
    );
    const prot = JSON.parse(fromB64u(body.protected).toString());
    assert.equal(prot.kid, 'https://ca.test/acct/7');
    assert.equal(prot.jwk, undefined);
    assert.equal(body.payload, '');
  });
});

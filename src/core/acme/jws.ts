// ACME requests are JSON Web Signatures (RFC 8555 §6.2): flattened JSON serialization, ES256 over
// `protected.payload`. WebCrypto's ECDSA signature is already the raw R||S form JWS wants (RFC 7518 §3.4), so no DER
// conversion is needed. The account key is generated non-extractable: the private half never leaves memory.

/** The few SubtleCrypto methods the signer needs; browsers, service workers and Node ≥ 20 all have them. */
export interface SubtleLike {
  generateKey(
    algorithm: { name: 'ECDSA'; namedCurve: 'P-256' },
    extractable: boolean,
    usages: string[],
  ): Promise<unknown>;
  exportKey(format: 'jwk', key: unknown): Promise<{ kty?: string; crv?: string; x?: string; y?: string }>;
  sign(algorithm: { name: 'ECDSA'; hash: 'SHA-256' }, key: unknown, data: Uint8Array): Promise<ArrayBuffer>;
}

export interface EcPublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

export interface AcmeSigner {
  jwk: EcPublicJwk;
  sign(data: Uint8Array): Promise<Uint8Array>;
}

export function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** A throwaway P-256 account key for one conversation. */
export async function newAccountSigner(subtle: SubtleLike): Promise<AcmeSigner> {
  const pair = (await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as {
    privateKey: unknown;
    publicKey: unknown;
  };
  const j = await subtle.exportKey('jwk', pair.publicKey);
  if (j.kty !== 'EC' || j.crv !== 'P-256' || !j.x || !j.y) throw new Error('the browser made no P-256 key');
  return {
    jwk: { kty: 'EC', crv: 'P-256', x: j.x, y: j.y },
    sign: async (data) => new Uint8Array(await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, data)),
  };
}

/**
 * One signed request body. `payload` null is POST-as-GET (an empty payload, RFC 8555 §6.3). Before the account
 * exists the header carries the public key (`jwk`); after, the account URL (`kid`).
 */
export async function signedBody(
  signer: AcmeSigner,
  header: { url: string; nonce: string; kid?: string },
  payload: unknown,
): Promise<Uint8Array> {
  const prot = {
    alg: 'ES256',
    nonce: header.nonce,
    url: header.url,
    ...(header.kid ? { kid: header.kid } : { jwk: signer.jwk }),
  };
  const protectedB64 = base64url(utf8(JSON.stringify(prot)));
  const payloadB64 = payload === null ? '' : base64url(utf8(JSON.stringify(payload)));
  const signature = await signer.sign(utf8(`${protectedB64}.${payloadB64}`));
  return utf8(JSON.stringify({ protected: protectedB64, payload: payloadB64, signature: base64url(signature) }));
}

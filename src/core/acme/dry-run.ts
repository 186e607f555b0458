// Ask the CA (the CLI's --acme-dry-run and the popup's button): one throwaway account at an ACME server (Let's
// Encrypt's staging by default), one order for the host, the HTTP-01 challenge answered without placing anything on
// the site, and the CA's verdict read back — a 404 for the random token means its validators (from several places on
// the internet) reached the site; a refusal, timeout, 401/403 or a redirect they would not follow is what a real
// renewal would meet. The authorization is deactivated afterwards. RFC 8555 §7.3 (account), §7.4 (order), §7.5.1
// (responding to a challenge), §7.5.2 (deactivation); one attempt, no retry loop, everything within one deadline.
import type { DryRunResult } from '../checks/dry-run';
import type { Clock, HttpClient, HttpResponse } from '../network/net';
import { type AcmeSigner, signedBody } from './jws';

export interface AcmeDryRunDeps {
  http: HttpClient;
  /** Makes the throwaway account key (WebCrypto in both shells). */
  newSigner: () => Promise<AcmeSigner>;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  /** The whole conversation, validation included. */
  timeoutMs: number;
}

/** An RFC 7807 problem document the CA answered with (RFC 8555 §6.7). */
class AcmeProblem extends Error {
  constructor(
    readonly type: string,
    readonly status: number,
    detail: string,
  ) {
    super(detail);
  }
}

type Json = Record<string, unknown>;
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function parseJson(r: HttpResponse): Json {
  try {
    const v: unknown = JSON.parse(new TextDecoder().decode(r.body));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
  } catch {
    return {};
  }
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim().slice(0, 500);
}

export async function acmeDryRun(host: string, directoryUrl: string, deps: AcmeDryRunDeps): Promise<DryRunResult> {
  let deadline = deps.clock.now() + deps.timeoutMs;
  const left = () => Math.max(1, deadline - deps.clock.now());
  let stage = 'account';
  let nonce: string | undefined;
  let kid: string | undefined;
  let authzUrl: string | undefined;
  let signer: AcmeSigner | undefined;

  const keepNonce = (r: HttpResponse) => {
    nonce = r.headers['replay-nonce'] || nonce;
  };
  const fresh = async (newNonceUrl: string) => {
    const r = await deps.http(newNonceUrl, { method: 'HEAD', timeoutMs: left() });
    keepNonce(r);
    if (!nonce) throw new Error(`the CA gave no Replay-Nonce (HTTP ${r.status})`);
  };
  let newNonceUrl = '';
  const post = async (url: string, payload: unknown): Promise<HttpResponse> => {
    // A rejected nonce is answered with a fresh one (RFC 8555 §6.5): try again, a few times at most.
    for (let attempt = 0; ; attempt++) {
      if (!nonce) await fresh(newNonceUrl);
      const body = await signedBody(signer!, { url, nonce: nonce!, kid }, payload);
      nonce = undefined;
      const r = await deps.http(url, {
        method: 'POST',
        headers: { 'content-type': 'application/jose+json' },
        body,
        timeoutMs: left(),
      });
      keepNonce(r);
      if (r.status < 400) return r;
      const p = parseJson(r);
      const type = text(p.type) ?? '';
      if (type === 'urn:ietf:params:acme:error:badNonce' && attempt < 3) continue;
      throw new AcmeProblem(type, r.status, text(p.detail) ?? `HTTP ${r.status}`);
    }
  };

  try {
    const dirResponse = await deps.http(directoryUrl, { timeoutMs: left() });
    const dir = parseJson(dirResponse);
    const newAccount = text(dir.newAccount);
    const newOrder = text(dir.newOrder);
    newNonceUrl = text(dir.newNonce) ?? '';
    if (dirResponse.status !== 200 || !newAccount || !newOrder || !newNonceUrl)
      return { kind: 'error', stage, detail: `no ACME directory at ${directoryUrl} (HTTP ${dirResponse.status})` };
    signer = await deps.newSigner();
    const account = await post(newAccount, { termsOfServiceAgreed: true });
    kid = account.headers.location;
    if (!kid) return { kind: 'error', stage, detail: 'the CA created no account (no Location)' };

    stage = 'order';
    const order = parseJson(await post(newOrder, { identifiers: [{ type: 'dns', value: host }] }));
    authzUrl = Array.isArray(order.authorizations) ? text(order.authorizations[0]) : undefined;
    if (!authzUrl) return { kind: 'error', stage, detail: 'the CA listed no authorization for this name' };
    const authz = parseJson(await post(authzUrl, null));
    const challenge = (Array.isArray(authz.challenges) ? (authz.challenges as Json[]) : []).find(
      (c) => c && c.type === 'http-01',
    );
    const challengeUrl = text(challenge?.url);
    if (!challengeUrl) return { kind: 'error', stage, detail: 'the CA offered no http-01 challenge for this name' };

    stage = 'validation';
    // "{}" tells the CA to validate now (§7.5.1). Nothing is placed on the site: the token is unknown to it.
    await post(challengeUrl, {});
    for (;;) {
      const a = parseJson(await post(authzUrl, null));
      const status = text(a.status);
      if (status === 'valid')
        return {
          kind: 'valid',
          stage,
          detail: 'the CA validated a random token: the site answers every challenge path',
        };
      if (status && status !== 'pending') {
        const errored = (Array.isArray(a.challenges) ? (a.challenges as Json[]) : []).find(
          (c) => c?.error && typeof c.error === 'object',
        );
        const e = (errored?.error ?? {}) as Json;
        return { kind: 'invalid', stage, detail: oneLine(text(e.detail) ?? `the authorization is ${status}`) };
      }
      if (deadline - deps.clock.now() < 600)
        return { kind: 'error', stage, detail: 'the CA had not finished validating before the deadline' };
      await deps.sleep(500);
    }
  } catch (e) {
    if (e instanceof AcmeProblem) {
      const limited = e.status === 429 || e.type === 'urn:ietf:params:acme:error:rateLimited';
      return { kind: limited ? 'rate-limited' : 'error', stage, detail: oneLine(e.message) };
    }
    return { kind: 'error', stage, detail: oneLine(e instanceof Error ? e.message : String(e)) };
  } finally {
    // Deactivate what this order created (a pending or valid authorization; an invalid one is final already).
    deadline = Math.max(deadline, deps.clock.now() + 3000);
    if (authzUrl && kid) await post(authzUrl, { status: 'deactivated' }).catch(() => undefined);
  }
}

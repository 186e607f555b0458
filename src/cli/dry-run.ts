// `renewal-radar check --acme-dry-run`: Let's Debug's best check. One order at a CA's ACME server (Let's
// Encrypt's staging CA by default), an HTTP-01 validation of a random token the site does not have, and the CA's
// error read back: a 404 means its validators (from several places on the internet) reached the site; a refusal,
// timeout, 401/403 or a redirect they would not follow is the real reason renewal fails. Through the maintained
// acme-client library (RFC 8555; no hand-written JWS). An ephemeral account key; one order per host and run; no
// retry loop; the authorization deactivated afterwards.
import * as acme from 'acme-client';
import type { DryRunResult } from '../core/checks/dry-run';

export const LE_STAGING_DIRECTORY = 'https://acme-staging-v02.api.letsencrypt.org/directory';

export async function acmeDryRun(host: string, directoryUrl: string, timeoutMs: number): Promise<DryRunResult> {
  let stage = 'account';
  let client: acme.Client | null = null;
  let authz: acme.Authorization | null = null;
  // The library retries 429s and network errors by itself (waiting out Retry-After): not against a real CA from
  // here — one attempt, and a rate limit is reported as such. Every request is bounded by the timeout.
  (acme.axios.defaults as unknown as { acmeSettings: { retryMaxAttempts: number } }).acmeSettings.retryMaxAttempts = 0;
  acme.axios.defaults.timeout = timeoutMs;
  try {
    const accountKey = await acme.crypto.createPrivateEcdsaKey();
    // Short backoff: a validation takes seconds; the whole dry run is bounded by the timeout.
    client = new acme.Client({
      directoryUrl,
      accountKey,
      backoffAttempts: Math.max(3, Math.ceil(timeoutMs / 1000)),
      backoffMin: 500,
      backoffMax: 2000,
    });
    await client.createAccount({ termsOfServiceAgreed: true });
    stage = 'order';
    const order = await client.createOrder({ identifiers: [{ type: 'dns', value: host }] });
    [authz] = await client.getAuthorizations(order);
    const challenge = authz?.challenges.find((c) => c.type === 'http-01');
    if (!authz || !challenge)
      return { kind: 'error', stage, detail: 'the CA offered no http-01 challenge for this name' };
    stage = 'validation';
    await client.completeChallenge(challenge);
    try {
      await client.waitForValidStatus(challenge);
      // The token is random: a "valid" answer means something served it (a catch-all responder).
      return { kind: 'valid', stage, detail: 'the CA validated a random token: the site answers every challenge path' };
    } catch (e) {
      return { kind: 'invalid', stage, detail: message(e) };
    }
  } catch (e) {
    const detail = message(e);
    return { kind: /rate ?limit|too many/i.test(detail) ? 'rate-limited' : 'error', stage, detail };
  } finally {
    if (client && authz) await client.deactivateAuthorization(authz).catch(() => {});
  }
}

function message(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.replace(/\s+/g, ' ').slice(0, 500);
}

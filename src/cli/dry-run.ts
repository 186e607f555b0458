// `renewal-radar check --acme-dry-run`: the CA's own validators asked about the site, through the same ACME
// conversation the extension's "Ask the CA" button uses (src/core/acme/dry-run.ts), with Node's WebCrypto for the
// throwaway account key and the CLI's HTTP client.
import { acmeDryRun as converse } from '../core/acme/dry-run';
import { newAccountSigner, type SubtleLike } from '../core/acme/jws';
import type { DryRunResult } from '../core/checks/dry-run';
import type { HttpClient } from '../core/network/net';

export { LE_STAGING_DIRECTORY } from '../shared/defaults';

export function acmeDryRun(
  host: string,
  directoryUrl: string,
  timeoutMs: number,
  http: HttpClient,
): Promise<DryRunResult> {
  return converse(host, directoryUrl, {
    http,
    newSigner: () => newAccountSigner(globalThis.crypto.subtle as unknown as SubtleLike),
    clock: { now: () => Date.now() },
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    timeoutMs,
  });
}

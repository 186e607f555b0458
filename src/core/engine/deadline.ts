// One deadline for a whole check (the CLI's --timeout): every door to the outside is cut at its share of the
// budget, in real time (the check's clock may be frozen by --now), so a server that answers one byte a second, a
// resolver that never answers or a long redirect chain cannot make a check run past it.
//
// Shares of a budget of T ms, counted from the start of the check:
//   - DNS: every lookup until T. The resolver cuts each DoH request at its own timeout (T/4 and at most 5 s in the
//     CLI), so a retry and a fallback resolver still get their turn. A lookup unanswered at T failed: the verdict is unknown when it
//     is one the verdict rests on (DNS_LOOKUP_FAILED), never "no records".
//   - The site (each request toward port 80/443 at most the per-request timeout, T/2 and at most 5 s in the CLI), the TLS
//     certificate, Certificate Transparency, RDAP and the CA's status page: until 3T/4.
//   - WHOIS (asked after RDAP says the TLD has none) and ARI (asked once the certificate and CT are in): until T.
// A source cut by the deadline is skipped with a note (note_deadline); it is never a finding about the site — a
// challenge probe cut short is not CHALLENGE_UNREACHABLE, a CAA lookup cut short is not CAA_LOOKUP_FAILED.
import type { CertificateReader, HttpClient, ProbeOutcome, SiteProbe } from '../network/net';
import type { SourceName } from './types';

/** The reason a source or lookup gives when the check's deadline cut it. */
export const DEADLINE_REASON = "no answer before the check's deadline";

/** Margin within which a failure is put down to the deadline rather than to the server. */
const MARGIN_MS = 25;

export class Deadline {
  readonly started = Date.now();
  /** Sources the deadline cut (their notes say so). */
  readonly cut = new Set<SourceName>();
  private timer: unknown = null;
  private readonly reached: Promise<void>;

  constructor(readonly budgetMs: number) {
    this.reached = new Promise((resolve) => {
      this.timer = setTimeout(resolve, budgetMs);
    });
  }

  /** When the site, TLS, CT, RDAP and CA-status share ends (3T/4). */
  get siteEnd(): number {
    return this.started + Math.floor((this.budgetMs * 3) / 4);
  }
  get end(): number {
    return this.started + this.budgetMs;
  }

  /** Stops the timer (the check is over: nothing may keep the process alive). */
  done() {
    clearTimeout(this.timer);
  }

  /** `p`, or `late()` once the deadline is reached (the source is then marked as cut). */
  race<T>(p: Promise<T>, source: SourceName, late: () => T): Promise<T> {
    return Promise.race([p.then((v) => ({ v })), this.reached.then(() => null)]).then((x) => {
      if (x) return x.v;
      this.cut.add(source);
      return late();
    });
  }

  /** An HttpClient whose every request ends by `end` (each request's own timeout is shortened to fit). */
  http(client: HttpClient, source: SourceName, end: number): HttpClient {
    return async (url, req) => {
      const left = end - Date.now();
      if (left <= 0) {
        this.cut.add(source);
        throw new Error(DEADLINE_REASON);
      }
      try {
        return await client(url, { ...req, timeoutMs: Math.min(req.timeoutMs, left) });
      } catch (e) {
        if (Date.now() >= end - MARGIN_MS) {
          this.cut.add(source);
          throw new Error(DEADLINE_REASON);
        }
        throw e;
      }
    };
  }

  /** A site probe whose requests end by `end`; a request cut by it is an error, never a timeout of the site. */
  probe(probe: SiteProbe, source: SourceName, end: number): SiteProbe {
    return {
      followsRedirects: probe.followsRedirects,
      request: async (url, timeoutMs): Promise<ProbeOutcome> => {
        const left = end - Date.now();
        const cut = (): ProbeOutcome => {
          this.cut.add(source);
          return { kind: 'error', hops: [], url, reason: DEADLINE_REASON };
        };
        if (left <= 0) return cut();
        const out = await probe.request(url, Math.min(timeoutMs, left));
        return out.kind !== 'response' && left < timeoutMs && Date.now() >= end - MARGIN_MS ? cut() : out;
      },
    };
  }

  certificateReader(read: CertificateReader, end: number): CertificateReader {
    return async (host, timeoutMs) => {
      const left = end - Date.now();
      if (left <= 0) {
        this.cut.add('certificate');
        throw new Error(DEADLINE_REASON);
      }
      try {
        return await read(host, Math.min(timeoutMs, left));
      } catch (e) {
        if (Date.now() >= end - MARGIN_MS) {
          this.cut.add('certificate');
          throw new Error(DEADLINE_REASON);
        }
        throw e;
      }
    };
  }
}

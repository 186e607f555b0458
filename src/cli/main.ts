// renewal-radar: the same engine as the extension, from a terminal or CI. DESIGN.md "CLI contract".
import { parseArgs } from 'node:util';
import { CATALOGUES } from '../core/catalogues';
import { diagnose, InvalidTargetError } from '../core/diagnose';
import { DohResolver } from '../core/dns/resolver';
import { makeTranslator, pickLang, type Lang } from '../core/i18n';
import { PROVIDERS, providerById } from '../core/providers';
import { displayText, terminalSafeJson } from '../core/display-text';
import { parseDer } from '../core/x509';
import { plainReport, reportJson } from '../core/summary';
import type { Report } from '../core/types';
import type { CtEndpoint } from '../core/sources/ct';
import { DEFAULT_CA_STATUS, DEFAULT_CRTSH_BASE, DEFAULT_CT_BASE, DEFAULT_DOH, DEFAULT_RDAP_BASE } from '../shared/defaults';
import { nodeCertificateReader, nodeHttpClient, nodeSiteProbe, parseConnectTo, type ConnectTo } from './node-transports';

declare const RENEWAL_RADAR_VERSION: string;
const VERSION = typeof RENEWAL_RADAR_VERSION === 'string' ? RENEWAL_RADAR_VERSION : '0.0.0-dev';

export const EXIT = { ok: 0, warn: 1, fail: 2, unknown: 3, usage: 64 } as const;

class UsageError extends Error {}

const HELP = `renewal-radar ${VERSION} — will this site's next TLS certificate renewal fail?

Usage:
  renewal-radar check <host or URL> [options]
  renewal-radar providers [--json]
  renewal-radar --version | --help

Options for check:
  --json                   one JSON object on stdout
  --lang en|ja             language of the messages (default: from LANG / LC_ALL)
  --now <ISO 8601>         evaluate as of that instant
  --doh <url>              RFC 8484 DNS-over-HTTPS endpoint; repeat for fallbacks
                           (default ${DEFAULT_DOH[0]})
  --ct <base url>          Cert Spotter v1 compatible API (default ${DEFAULT_CT_BASE}, crt.sh as fallback)
  --ca-status <url>        status.io JSON of the CA (default: Let's Encrypt's)
  --rdap <base url>        RDAP server, queried as <base>/domain/<name> (default ${DEFAULT_RDAP_BASE})
  --connect-to H1:P1:H2:P2 connect to H2:P2 instead of H1:P1 for the site (curl's meaning; repeatable)
  --insecure               accept any certificate chain (still read and report it)
  --timeout <ms>           per-request timeout (default 5000)
  --provider <id>          force the origin host (see "renewal-radar providers")

Exit codes: 0 ok or not applicable · 1 warn · 2 fail · 3 unknown · 64 bad usage or invalid host

Examples:
  renewal-radar check example.jp
  renewal-radar check https://www.example.jp/shop --lang ja
  renewal-radar check example.jp --json --provider xserver
  renewal-radar check example.jp --doh https://dns.google/dns-query --doh https://dns.quad9.net/dns-query
`;

function urlOption(name: string, value: string): string {
  let u: URL;
  try { u = new URL(value); } catch { throw new UsageError(`--${name}: not a URL: ${JSON.stringify(value)}`); }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new UsageError(`--${name}: must be an http(s) URL: ${JSON.stringify(value)}`);
  return value;
}

interface Io { stdout: (s: string) => void; stderr: (s: string) => void; env: NodeJS.ProcessEnv; isTTY: boolean }

export async function run(argv: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean' }, lang: { type: 'string' }, now: { type: 'string' },
        doh: { type: 'string', multiple: true }, ct: { type: 'string' }, 'ca-status': { type: 'string' },
        rdap: { type: 'string' }, 'connect-to': { type: 'string', multiple: true }, insecure: { type: 'boolean' },
        timeout: { type: 'string' }, provider: { type: 'string' }, version: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    io.stderr(`renewal-radar: ${(e as Error).message.split('\n')[0]} (see --help)`);
    return EXIT.usage;
  }
  const { values: o, positionals } = parsed;
  if (o.version) { io.stdout(VERSION); return EXIT.ok; }
  if (o.help || positionals.length === 0) { (o.help ? io.stdout : io.stderr)(HELP.trimEnd()); return o.help ? EXIT.ok : EXIT.usage; }

  try {
    const [command, ...rest] = positionals;
    if (command === 'providers') {
      if (rest.length) throw new UsageError(`providers takes no arguments`);
      const list = PROVIDERS.map((p) => ({ id: p.id, names: p.names, kind: p.kind, sources: p.sources.length }));
      io.stdout(o.json ? JSON.stringify(list, null, 2) : list.map((p) => `${p.id.padEnd(18)} ${p.kind.padEnd(5)} ${p.names.en} / ${p.names.ja} (${p.sources} sources)`).join('\n'));
      return EXIT.ok;
    }
    if (command !== 'check') throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    if (rest.length !== 1) throw new UsageError(rest.length ? 'check takes exactly one host or URL' : 'check needs a host or URL');

    const lang: Lang = o.lang !== undefined
      ? (['en', 'ja'].includes(o.lang) ? (o.lang as Lang) : (() => { throw new UsageError(`--lang must be en or ja, not ${JSON.stringify(o.lang)}`); })())
      : pickLang([io.env.LC_ALL, io.env.LC_MESSAGES, io.env.LANG, io.env.LANGUAGE?.split(':')[0]]);
    let now: number | undefined;
    if (o.now !== undefined) {
      now = Date.parse(o.now);
      if (!/^\d{4}-\d{2}-\d{2}/.test(o.now) || Number.isNaN(now)) throw new UsageError(`--now: not an ISO 8601 instant: ${JSON.stringify(o.now)}`);
    }
    const timeoutMs = o.timeout !== undefined ? Number(o.timeout) : 5000;
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0 || timeoutMs > 600_000) throw new UsageError(`--timeout: a whole number of milliseconds, 1 to 600000`);
    const doh = (o.doh ?? DEFAULT_DOH).map((u) => urlOption('doh', u));
    const ct: CtEndpoint[] = o.ct !== undefined ? [{ kind: 'certspotter', base: urlOption('ct', o.ct) }] : [{ kind: 'certspotter', base: DEFAULT_CT_BASE }, { kind: 'crtsh', base: DEFAULT_CRTSH_BASE }];
    const rdap = urlOption('rdap', o.rdap ?? DEFAULT_RDAP_BASE);
    const caStatus = urlOption('ca-status', o['ca-status'] ?? DEFAULT_CA_STATUS);
    const rules: ConnectTo[] = (o['connect-to'] ?? []).map((spec) => {
      const r = parseConnectTo(spec);
      if (!r) throw new UsageError(`--connect-to: expected HOST1:PORT1:HOST2:PORT2, got ${JSON.stringify(spec)}`);
      return r;
    });
    if (o.provider !== undefined && !providerById(o.provider)) throw new UsageError(`--provider: unknown id ${JSON.stringify(o.provider)} (see "renewal-radar providers")`);

    const clock = { now: () => now ?? Date.now() };
    const report: Report = await diagnose(rest[0], {
      resolver: new DohResolver({ endpoints: doh, http: nodeHttpClient, clock, timeoutMs }),
      http: nodeHttpClient, clock, tier: 'full',
      probe: nodeSiteProbe(rules), readCertificate: nodeCertificateReader(rules), acceptUntrusted: Boolean(o.insecure), parseDer,
      ct, rdapBase: rdap, caStatusUrl: caStatus, timeoutMs, providerOverride: o.provider ?? null,
    });
    const t = makeTranslator(CATALOGUES, lang);
    if (o.json) io.stdout(terminalSafeJson(JSON.stringify(reportJson(report, t), null, 2)));
    else {
      const color = io.isTTY && !io.env.NO_COLOR;
      const paint = (code: string) => (s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
      const sevColor: Record<string, string> = { fail: '31;1', warn: '33;1', info: '36', unknown: '90;1' };
      io.stdout(plainReport(report, t, lang, { bold: paint('1'), sev: (sev, s) => paint(sevColor[sev] ?? '0')(s) }));
    }
    return report.verdict === 'not-applicable' ? EXIT.ok : EXIT[report.verdict];
  } catch (e) {
    if (e instanceof UsageError || e instanceof InvalidTargetError) {
      io.stderr(`renewal-radar: ${displayText(e.message, { maxLength: 300 })}`);
      return EXIT.usage;
    }
    io.stderr(`renewal-radar: internal error: ${displayText(e instanceof Error ? e.message : String(e), { maxLength: 300 })}`);
    return EXIT.unknown;
  }
}

// renewal-radar: the same engine as the extension, from a terminal or CI. docs/design.md "CLI contract".
import { parseArgs } from 'node:util';
import { CATALOGUES } from '../core/words/catalogues';
import { diagnose, InvalidTargetError } from '../core/engine/diagnose';
import { DohResolver } from '../core/dns/resolver';
import { makeTranslator, pickLang, type Lang } from '../core/words/i18n';
import { PROVIDERS, providerById } from '../core/providers';
import { parseTarget, withoutCredentials } from '../core/network/names';
import { displayHost } from '../core/words/display-host';
import { displayText, terminalSafeJson } from '../core/words/display-text';
import { parseDer } from '../core/certificates/x509';
import { plainReport, reportJson } from '../core/engine/summary';
import type { Report } from '../core/engine/types';
import { MINUTE } from '../core/engine/time';
import { FREE_HOURLY_BUDGET, type CtQuota } from '../core/sources/ct';
import { ctEndpoints, DEFAULT_CA_STATUS, DEFAULT_CT_BASE, DEFAULT_DOH, DEFAULT_RDAP_BASE } from '../shared/defaults';
import { newAriCache } from '../core/certificates/ari';
import { limitPerOrigin, memoize } from '../core/network/http-share';
import { runFleet } from './fleet';
import { acmeDryRun, LE_STAGING_DIRECTORY } from './dry-run';
import { addDryRun } from '../core/engine/dry-run-report';
import { nodeWhois } from './whois';
import {
  dedupe,
  entryFor,
  InputTooLargeError,
  MAX_HOSTS,
  parseHostList,
  parseShard,
  shardOf,
  type ListEntry,
} from './host-list';
import {
  nodeCertificateReader,
  nodeHttpClient,
  nodeSiteProbe,
  parseConnectTo,
  type ConnectTo,
} from './node-transports';

/** Requests in flight to any one external service (resolver, CT, RDAP, status page). */
const PER_SERVICE = 64;

declare const RENEWAL_RADAR_VERSION: string;
const VERSION = typeof RENEWAL_RADAR_VERSION === 'string' ? RENEWAL_RADAR_VERSION : '0.0.0-dev';

export const EXIT = { ok: 0, warn: 1, fail: 2, unknown: 3, usage: 64 } as const;

class UsageError extends Error {}

const HELP = `renewal-radar ${VERSION} — will this site's next TLS certificate renewal fail?

Usage:
  renewal-radar check <host or URL> [options]
  renewal-radar check <host>... | --from-file <file|-> [--concurrency n] [--shard i/n] [options]
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
  --timeout <ms>           deadline for the whole check of a host (default 20000): DNS until then (each DoH
                           request at most 1/4 of it and 5 s), the site, TLS, CT, RDAP and CA status until 3/4
                           of it (each request to the site at most 1/2 and 5 s), WHOIS and ARI until the end.
                           What has not answered by then is skipped with a note; a DNS lookup cut short makes
                           the verdict unknown
  --provider <id>          force the origin host (see "renewal-radar providers")
  --ct-key <key>           Cert Spotter API key (or CERTSPOTTER_API_KEY); sent to Cert Spotter only
  --whois <host:port>      WHOIS server for TLDs without RDAP (default: the registry's, e.g. whois.jprs.jp)
  --acme-directory <url>   ACME directory whose renewalInfo (ARI) is asked (default: the issuing CA's own)
  --acme-dry-run           ask the CA's own validators: creates one order for the host at the dry-run CA with a
                           throwaway account, has it fetch a random challenge token over HTTP, reports what its
                           validators saw, and deactivates the authorization. Sends the host name to that CA.
  --dry-run-directory <url>  the CA for --acme-dry-run (default Let's Encrypt staging:
                           ${LE_STAGING_DIRECTORY})

Many sites (one process, shared DNS, CT and CA-status caches):
  --from-file <file|->     one host or URL a line (# comments), or an exported My sites JSON file; at most
                           10 MB (100,000 hosts): a longer file or standard input is refused while it is read
  --concurrency <n>        checks at once (default 8, at most 64)
  --shard <i>/<n>          only the i-th of n stable slices of the list (for CI matrix jobs)
  With several hosts, --json prints one report per line (NDJSON) in input order; otherwise a table and a
  summary. The exit code is the worst verdict's: fail 2, unknown 3, warn 1, ok 0.

Exit codes: 0 ok or not applicable · 1 warn · 2 fail · 3 unknown · 64 bad usage or invalid host

Examples:
  renewal-radar check example.jp
  renewal-radar check https://www.example.jp/shop --lang ja
  renewal-radar check example.jp --json --provider xserver
  renewal-radar check example.jp --doh https://dns.google/dns-query --doh https://dns.quad9.net/dns-query
  renewal-radar check --from-file sites.txt --concurrency 16 --shard 1/4 --json > shard-1.ndjson
`;

/**
 * A value from the command line, said back safely: credentials removed (`ftp://user:pw@…`, `admin:pw@host`), every
 * control or bidi character shown as an escape, cut at 80 characters — an ESC, a BEL or a 100,000-character value
 * never reaches the terminal as it is.
 */
export function shown(value: string): string {
  return `"${displayText(withoutCredentials(value), { maxLength: 80 })}"`;
}

function urlOption(name: string, value: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new UsageError(`--${name}: not a URL: ${shown(value)}`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    throw new UsageError(`--${name}: must be an http(s) URL: ${shown(value)}`);
  return value;
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** A TCP port as the user wrote it: 1 to 65535 (0 and 99999 are no port). */
const validPort = (p: string) => /^\d{1,5}$/.test(p) && Number(p) >= 1 && Number(p) <= 65535;

const OPTIONS = [
  'json',
  'lang',
  'now',
  'doh',
  'ct',
  'ca-status',
  'rdap',
  'connect-to',
  'insecure',
  'timeout',
  'provider',
  'version',
  'help',
  'from-file',
  'concurrency',
  'shard',
  'ct-key',
  'whois',
  'acme-directory',
  'acme-dry-run',
  'dry-run-directory',
];

/** The first argument that is not a known option (parseArgs names it twice, raw, in a long message). */
function unknownOption(argv: string[]): string | null {
  for (const a of argv) {
    if (a === '--') return null;
    if (a.startsWith('--') && !OPTIONS.includes(a.slice(2).split('=')[0])) return a.split('=')[0];
    if (/^-[^-]/.test(a) && a !== '-h') return a;
  }
  return null;
}

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  /** stderr is a terminal (fleet progress). */
  errIsTTY?: boolean;
  /** Reads --from-file (a path, or "-" for standard input). */
  readFile?: (path: string) => Promise<Uint8Array>;
}

/** The command line as node:util parseArgs reads it (strict: an unknown flag throws). */
function parseCommandLine(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean' },
      lang: { type: 'string' },
      now: { type: 'string' },
      doh: { type: 'string', multiple: true },
      ct: { type: 'string' },
      'ca-status': { type: 'string' },
      rdap: { type: 'string' },
      'connect-to': { type: 'string', multiple: true },
      insecure: { type: 'boolean' },
      timeout: { type: 'string' },
      provider: { type: 'string' },
      version: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      'from-file': { type: 'string' },
      concurrency: { type: 'string' },
      shard: { type: 'string' },
      'ct-key': { type: 'string' },
      whois: { type: 'string' },
      'acme-directory': { type: 'string' },
      'acme-dry-run': { type: 'boolean' },
      'dry-run-directory': { type: 'string' },
    },
  });
}

export async function run(argv: string[], io: Io): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv);
  } catch (e) {
    const unknown = unknownOption(argv);
    io.stderr(
      unknown !== null
        ? `renewal-radar: unknown option ${shown(unknown)} (see --help)`
        : `renewal-radar: ${displayText(withoutCredentials((e as Error).message.split('\n')[0]), { maxLength: 200 })} (see --help)`,
    );
    return EXIT.usage;
  }
  const { values: o, positionals } = parsed;
  if (o.version) {
    io.stdout(VERSION);
    return EXIT.ok;
  }
  if (o.help || positionals.length === 0) {
    (o.help ? io.stdout : io.stderr)(HELP.trimEnd());
    return o.help ? EXIT.ok : EXIT.usage;
  }

  try {
    const [command, ...rest] = positionals;
    if (command === 'providers') {
      if (rest.length) throw new UsageError(`providers takes no arguments`);
      const list = PROVIDERS.map((p) => ({ id: p.id, names: p.names, kind: p.kind, sources: p.sources.length }));
      io.stdout(
        o.json
          ? JSON.stringify(list, null, 2)
          : list
              .map((p) => `${p.id.padEnd(18)} ${p.kind.padEnd(5)} ${p.names.en} / ${p.names.ja} (${p.sources} sources)`)
              .join('\n'),
      );
      return EXIT.ok;
    }
    if (command !== 'check') throw new UsageError(`unknown command ${shown(command)}`);
    const fromFile = o['from-file'];
    if (rest.length === 0 && fromFile === undefined) throw new UsageError('check needs a host or URL (or --from-file)');
    if (rest.length > 0 && fromFile !== undefined)
      throw new UsageError('give hosts as arguments or --from-file, not both');
    const fleet = fromFile !== undefined || rest.length > 1;
    const concurrency = o.concurrency !== undefined ? Number(o.concurrency) : 8;
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
      throw new UsageError('--concurrency: a whole number from 1 to 64');
    const shard = o.shard !== undefined ? parseShard(o.shard) : null;
    if (o.shard !== undefined && !shard)
      throw new UsageError(`--shard: expected i/n with 1 ≤ i ≤ n, got ${shown(o.shard)}`);
    if (!fleet && (o.concurrency !== undefined || o.shard !== undefined))
      throw new UsageError('--concurrency and --shard go with several hosts or --from-file');
    // An empty variable is no key (CI systems set unset secrets to "").
    const ctKey = o['ct-key'] ?? (io.env.CERTSPOTTER_API_KEY || undefined);
    if (ctKey !== undefined && !/^[\x21-\x7e]{1,200}$/.test(ctKey))
      throw new UsageError('--ct-key: not an API key (printable ASCII, no spaces)');

    const lang: Lang =
      o.lang !== undefined
        ? ['en', 'ja'].includes(o.lang)
          ? (o.lang as Lang)
          : (() => {
              throw new UsageError(`--lang must be en or ja, not ${shown(o.lang ?? '')}`);
            })()
        : pickLang([io.env.LC_ALL, io.env.LC_MESSAGES, io.env.LANG, io.env.LANGUAGE?.split(':')[0]]);
    let now: number | undefined;
    if (o.now !== undefined) {
      now = Date.parse(o.now);
      if (!/^\d{4}-\d{2}-\d{2}/.test(o.now) || Number.isNaN(now))
        throw new UsageError(`--now: not an ISO 8601 instant: ${shown(o.now)}`);
    }
    // --timeout is one deadline for the whole check (src/core/engine/deadline.ts has each source's share).
    const budgetMs = o.timeout !== undefined ? Number(o.timeout) : 20_000;
    if (!Number.isInteger(budgetMs) || budgetMs <= 0 || budgetMs > 600_000)
      throw new UsageError(`--timeout: a whole number of milliseconds, 1 to 600000`);
    // One request to the site: half the budget, at most 5 s (a port that has not answered in 5 s is unreachable, as
    // before); one DoH request: a quarter, at most 5 s (a retry and a fallback resolver still fit).
    const timeoutMs = Math.max(1, Math.min(5000, Math.floor(budgetMs / 2)));
    const doh = (o.doh ?? DEFAULT_DOH).map((u) => urlOption('doh', u));
    // Another crt.sh-compatible server (an empty variable is none): the offline lab's, or a mirror.
    const crtsh = io.env.RENEWAL_RADAR_CRTSH || undefined;
    if (crtsh !== undefined && !isHttpUrl(crtsh))
      throw new UsageError(`RENEWAL_RADAR_CRTSH: must be an http(s) URL: ${shown(crtsh)}`);
    const ct = ctEndpoints(o.ct !== undefined ? urlOption('ct', o.ct) : undefined, ctKey, crtsh);
    const rdap = urlOption('rdap', o.rdap ?? DEFAULT_RDAP_BASE);
    const acmeDirectory =
      o['acme-directory'] !== undefined ? urlOption('acme-directory', o['acme-directory']) : undefined;
    const ariCache = newAriCache();
    const dryRunDirectory =
      o['dry-run-directory'] !== undefined
        ? urlOption('dry-run-directory', o['dry-run-directory'])
        : LE_STAGING_DIRECTORY;
    if (o['dry-run-directory'] !== undefined && !o['acme-dry-run'])
      throw new UsageError('--dry-run-directory goes with --acme-dry-run');
    const caStatus = urlOption('ca-status', o['ca-status'] ?? DEFAULT_CA_STATUS);
    const rules: ConnectTo[] = (o['connect-to'] ?? []).map((spec) => {
      const r = parseConnectTo(spec);
      if (!r) throw new UsageError(`--connect-to: expected HOST1:PORT1:HOST2:PORT2, got ${shown(spec)}`);
      for (const p of [r.port1, r.port2])
        if (p !== '' && !validPort(p)) throw new UsageError(`--connect-to: port ${shown(p)} is not 1 to 65535`);
      return r;
    });
    if (o.whois !== undefined) {
      const m = o.whois.match(/^(?:[A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\])(?::(\d+))?$/);
      if (!m) throw new UsageError(`--whois: expected host or host:port, got ${shown(o.whois)}`);
      if (m[1] !== undefined && !validPort(m[1]))
        throw new UsageError(`--whois: port ${shown(m[1])} is not 1 to 65535`);
    }
    if (o.provider !== undefined && !providerById(o.provider))
      throw new UsageError(`--provider: unknown id ${shown(o.provider)} (see "renewal-radar providers")`);

    const clock = { now: () => now ?? Date.now() };
    // One engine for every host: one resolver (its cache), at most PER_SERVICE requests in flight per service, the CA's
    // status page and each domain's CT answer fetched once per run.
    const shared = limitPerOrigin(nodeHttpClient, PER_SERVICE);
    const caStatusOrigin = new URL(caStatus).href;
    const http = memoize(
      shared,
      (u) => u === caStatusOrigin || ct.some((e) => u.startsWith(e.base.replace(/\/+$/, ''))),
      10 * MINUTE,
      { now: () => Date.now() },
    );
    const resolver = new DohResolver({
      endpoints: doh,
      http: shared,
      clock,
      timeoutMs: Math.max(1, Math.min(5000, Math.floor(budgetMs / 4))),
    });
    const probe = nodeSiteProbe(rules);
    const whois = nodeWhois(o.whois);
    const ctQuota: CtQuota = { blockedUntil: 0, ...(ctKey ? {} : { hourlyBudget: FREE_HOURLY_BUDGET }) };
    const readCertificate = nodeCertificateReader(rules);
    const check = async (target: string, provider: string | null): Promise<Report> =>
      withDryRun(
        await diagnose(target, {
          resolver,
          http,
          clock,
          tier: 'full',
          probe,
          readCertificate,
          acceptUntrusted: Boolean(o.insecure),
          parseDer,
          ct,
          ctQuota,
          rdapBase: rdap,
          whois,
          caStatusUrl: caStatus,
          timeoutMs,
          budgetMs,
          providerOverride: provider,
          ari: { directory: acmeDirectory, cache: ariCache },
        }),
      );
    // One order per host per run, only when asked: the dry run talks to a real CA.
    const withDryRun = async (r: Report): Promise<Report> =>
      o['acme-dry-run'] && r.registrableDomain
        ? addDryRun(r, await acmeDryRun(r.host, dryRunDirectory, Math.max(timeoutMs, 30_000), nodeHttpClient))
        : r;
    const t = makeTranslator(CATALOGUES, lang);
    // `example.jp:8443`: a host and a port. The CA never validates on another port: say so, and check the host.
    const portNote = (host: string, port: number) =>
      io.stderr(
        `renewal-radar: ${displayText(t('cli_port_not_used', { host: displayHost(host), port }), { maxLength: 400 })}`,
      );

    if (fleet) {
      let entries: ListEntry[];
      if (fromFile !== undefined) {
        if (!io.readFile) throw new UsageError('--from-file is not available here');
        let bytes: Uint8Array;
        try {
          bytes = await io.readFile(fromFile);
        } catch (e) {
          if (e instanceof InputTooLargeError) throw new UsageError(`--from-file: ${e.message}`);
          throw new UsageError(
            `--from-file: cannot read ${shown(fromFile)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
          );
        }
        const list = parseHostList(bytes);
        if ('error' in list) throw new UsageError(`--from-file: ${list.error}`);
        entries = list.entries;
      } else entries = rest.map((h) => entryFor(h));
      entries = dedupe(entries);
      for (const e of entries) if (e.host && e.port) portNote(e.host, e.port);
      if (entries.length > MAX_HOSTS)
        throw new UsageError(`--from-file: ${entries.length} hosts; at most ${MAX_HOSTS} per run (use --shard)`);
      if (shard) entries = entries.filter((e) => shardOf(e.host ?? e.input, shard.count) === shard.index - 1);
      const color = io.isTTY && !io.env.NO_COLOR;
      return await runFleet(
        entries,
        {
          concurrency,
          json: Boolean(o.json),
          lang,
          t,
          color,
          now: () => Date.now(),
          check: (e) => check(e.host, o.provider ?? e.provider ?? null),
        },
        { stdout: io.stdout, progress: io.errIsTTY ? (s) => io.stderr(displayText(s)) : undefined },
      );
    }

    const target = parseTarget(rest[0]);
    if (target.ok && target.port) portNote(target.host, target.port);
    const report: Report = await check(rest[0], o.provider ?? null);
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
    io.stderr(
      `renewal-radar: internal error: ${displayText(e instanceof Error ? e.message : String(e), { maxLength: 300 })}`,
    );
    return EXIT.unknown;
  }
}

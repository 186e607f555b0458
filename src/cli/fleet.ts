// Fleet mode: many hosts in one process. At most `concurrency` checks in flight, results written in input
// order as soon as every earlier host is done (NDJSON with --json, else a table), a window that keeps a slow
// host from letting finished results pile up without bound, and the worst verdict as the exit code. A finished
// host waits as its output line (a few KB), not as its report, so the window can be wide enough that one slow host
// (a port that never answers: the probe's whole timeout) does not stop the hosts behind it from starting (issue #25).
import { displayHost } from '../core/words/display-host';
import { displayText } from '../core/words/display-text';
import { daysLeft } from '../core/engine/evidence';
import type { Lang, Translate } from '../core/words/i18n';
import { providerName } from '../core/words/provider-name';
import { reportJson } from '../core/engine/summary';
import type { Report, Verdict } from '../core/engine/types';
import { mainFinding } from '../core/engine/verdict';
import type { ListEntry } from './host-list';

export interface FleetIo {
  stdout: (s: string) => void;
  /** Progress, only when stderr is a terminal. */
  progress?: (s: string) => void;
}

export interface FleetOptions {
  concurrency: number;
  json: boolean;
  lang: Lang;
  t: Translate;
  color: boolean;
  check: (entry: ListEntry & { host: string }) => Promise<Report>;
  now: () => number;
}

/** Finished hosts waiting behind a slow one, beyond the checks in flight: at 16 checks of ~0.2 s, a 5-second timeout
 * lets ~400 hosts finish meanwhile; 2,048 lines of ≤ 8 KB stay far under the 300 MB budget. */
export const FLEET_WINDOW = 2048;

type Outcome = { entry: ListEntry; report?: Report; error?: string };
type Written = { line: string; verdict: Verdict };

const EXIT_RANK: Record<string, number> = { ok: 0, 'not-applicable': 0, warn: 1, unknown: 2, fail: 3 };
const EXIT_CODE: Record<string, number> = { ok: 0, 'not-applicable': 0, warn: 1, unknown: 3, fail: 2 };

export async function runFleet(entries: ListEntry[], o: FleetOptions, io: FleetIo): Promise<number> {
  const started = o.now();
  const results: (Written | undefined)[] = new Array(entries.length);
  let next = 0;
  let printed = 0;
  let worst: Verdict = 'ok';
  const counts: Record<string, number> = { fail: 0, warn: 0, unknown: 0, ok: 0, 'not-applicable': 0 };
  const waiting: (() => void)[] = [];
  const wake = () => {
    for (const r of waiting.splice(0)) r();
  };

  const header = () => {
    if (o.json) return;
    io.stdout(
      row(
        o.t('fleet_col_verdict'),
        o.t('fleet_col_host'),
        o.t('fleet_col_provider'),
        o.t('fleet_col_days'),
        o.t('fleet_col_finding'),
      ),
    );
  };
  const flush = () => {
    while (printed < entries.length && results[printed]) {
      const { line: text, verdict } = results[printed]!;
      results[printed] = undefined; // written: let it go
      counts[verdict]++;
      if (EXIT_RANK[verdict] > EXIT_RANK[worst]) worst = verdict;
      io.stdout(text);
      printed++;
    }
    io.progress?.(`${printed}/${entries.length}`);
    wake();
  };

  header();
  const worker = async () => {
    for (;;) {
      // Keep at most `concurrency + FLEET_WINDOW` hosts between the first unwritten one and the newest started.
      while (next < entries.length && next >= printed + o.concurrency + FLEET_WINDOW)
        await new Promise<void>((r) => {
          waiting.push(r);
        });
      if (next >= entries.length) return;
      const i = next++;
      const entry = entries[i];
      let out: Outcome;
      if (!entry.host) out = { entry, error: entry.error ?? 'invalid host' };
      else {
        try {
          out = { entry, report: await o.check(entry as ListEntry & { host: string }) };
        } catch (e) {
          out = { entry, error: e instanceof Error ? e.message : String(e) };
        }
      }
      // Formatted now: the report itself is not kept while it waits for the hosts before it.
      results[i] = {
        line: o.json ? line(out, o.t) : tableRow(out, o),
        verdict: out.report ? out.report.verdict : 'unknown',
      };
      flush();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, entries.length)) }, worker));
  flush();
  const seconds = ((o.now() - started) / 1000).toFixed(1);
  const summary = o.t('fleet_summary', {
    total: entries.length,
    fail: counts.fail,
    warn: counts.warn,
    unknown: counts.unknown,
    ok: counts.ok + counts['not-applicable'],
    seconds,
  });
  if (o.json) io.progress?.(summary);
  else io.stdout(`\n${summary}`);
  return EXIT_CODE[worst];
}

function line(r: Outcome, t: Translate): string {
  if (r.report) return JSON.stringify(reportJson(r.report, t));
  return JSON.stringify({ input: r.entry.input, host: r.entry.host ?? null, verdict: 'unknown', error: r.error });
}

const COLS = [10, 34, 22, 6];
function cell(s: string, width: number): string {
  const clean = displayText(s, { maxLength: 200 });
  // Cut by columns, not characters: ゆず農園.jp takes 11 columns for 7 characters.
  let cut = clean;
  if (visibleWidth(clean) > width) {
    cut = '';
    let w = 1; // the "…"
    for (const c of clean) {
      w += visibleWidth(c);
      if (w > width) break;
      cut += c;
    }
    cut += '…';
  }
  return cut + ' '.repeat(Math.max(0, width - visibleWidth(cut)));
}
/** East Asian wide characters take two columns in a terminal. */
function visibleWidth(s: string): number {
  let w = 0;
  for (const c of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(c)
      ? 2
      : 1;
  return w;
}
function row(...cells: string[]): string {
  return `${cell(cells[0], COLS[0])} ${cell(cells[1], COLS[1])} ${cell(cells[2], COLS[2])} ${cell(cells[3], COLS[3])} ${displayText(cells[4], { maxLength: 160 })}`;
}

function tableRow(r: Outcome, o: FleetOptions): string {
  const paint = (code: string, s: string) => (o.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  if (!r.report) return row(o.t('fleet_invalid'), r.entry.input, '—', '—', r.error ?? '');
  const rep = r.report;
  const verdictText = o.t(`fleet_verdict_${rep.verdict.replace('-', '_')}` as 'fleet_verdict_ok');
  const named = rep.provider ?? rep.cdn;
  const provider = named ? providerName(named, o.lang) : '—';
  const cert = rep.certificate;
  const days = cert ? String(daysLeft(cert.notAfter, Date.parse(rep.checkedAt))) : '—';
  const main = mainFinding(rep.findings);
  const finding = main
    ? `${main.code} ${o.t(main.message)}`
    : rep.verdict === 'not-applicable' && rep.notApplicable
      ? o.t(rep.notApplicable)
      : '';
  const text = row(verdictText, displayHost(rep.host), provider, days, finding);
  const color: Record<string, string> = { fail: '31;1', warn: '33;1', unknown: '90;1' };
  // Only our own colour codes wrap the (already sanitised) row.
  return color[rep.verdict] ? paint(color[rep.verdict], text) : text;
}

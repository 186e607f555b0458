// The popup: what will happen, why, and the exact fix. Everything from DNS, HTTP or certificates is rendered
// as text nodes (Preact escapes them); no markup from data, ever.
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { DAY, daysLeft, renewalPoint } from '../core/engine/evidence';
import { PROVIDERS, providerById } from '../core/providers';
import type { Provider } from '../core/providers/types';
import { noteReasonParts } from '../core/words/note-reason';
import { plainReport, verdictLines } from '../core/engine/summary';
import type { CertificateInfo, Finding, FindingSeverity, Report, SourceNote } from '../core/engine/types';
import { dataPermissions, SITE_NAMES } from '../shared/data-consent';
import type { TabView } from '../shared/messages';
import { connectPopupPort, loadUi, send, show, type Ui } from '../ui/i18n';
import { RenewedBy } from './renewed-by';

performance.mark('rr-popup-start');

const ICON: Record<string, string> = {
  fail: '✖',
  warn: '▲',
  unknown: '?',
  info: 'ℹ',
  ok: '✔',
  'not-applicable': '–',
  checking: '…',
};

function Severity({ ui, severity }: { ui: Ui; severity: FindingSeverity }) {
  return (
    <span class={`sev sev-${severity}`}>
      <span aria-hidden="true">{ICON[severity]}</span> {ui.t(`severity_${severity}`)}
    </span>
  );
}

function FindingCard({ ui, f, open }: { ui: Ui; f: Finding; open: boolean }) {
  return (
    <li class={`finding finding-${f.severity}`}>
      <details open={open}>
        <summary>
          <Severity ui={ui} severity={f.severity} /> <span class="finding-message">{ui.t(f.message)}</span>
          <code class="code">{f.code}</code>
        </summary>
        {f.evidence?.length ? (
          <section>
            <h3>{ui.t('label_what_we_saw')}</h3>
            <ul class="evidence">
              {f.evidence.map((e) => (
                <li>
                  <code>{show(e)}</code>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {f.why ? (
          <section>
            <h3>{ui.t('label_why')}</h3>
            <p>{ui.t(f.why)}</p>
          </section>
        ) : null}
        {f.fix?.length ? (
          <section>
            <h3>{ui.t('label_fix')}</h3>
            <ol class="fix">
              {f.fix.map((s) => (
                <li>{ui.t(s)}</li>
              ))}
            </ol>
          </section>
        ) : null}
      </details>
    </li>
  );
}

/** One certificate's life as a bar: issued, the renewal point (and the host's retries), today, expiry. */
function Timeline({
  ui,
  c,
  now,
  renewAt,
  retries,
}: {
  ui: Ui;
  c: CertificateInfo;
  now: number;
  renewAt: number;
  retries: number[];
}) {
  const from = Date.parse(c.notBefore);
  const to = Date.parse(c.notAfter);
  if (!(to > from)) return null;
  const at = (t: number) => `${Math.max(0, Math.min(100, ((t - from) / (to - from)) * 100)).toFixed(2)}%`;
  const day = (t: number) => ui.date(new Date(t).toISOString());
  const overdue = now > renewAt && now < to;
  const label = ui.t(retries.length ? 'timeline_label_retries' : 'timeline_label', {
    issued: day(from),
    renew: day(renewAt),
    retries: retries.map(day).join(', '),
    today: day(now),
    expires: day(to),
  });
  return (
    <div
      class={`timeline${overdue ? ' timeline-overdue' : ''}${now >= to ? ' timeline-expired' : ''}`}
      role="img"
      aria-label={label}
    >
      <div class="timeline-bar" aria-hidden="true">
        <span class="timeline-elapsed" style={{ width: at(now) }} />
        <span class="timeline-window" style={{ left: at(renewAt), width: `calc(100% - ${at(renewAt)})` }} />
        {retries.map((t) => (
          <span class="timeline-retry" style={{ left: at(t) }} />
        ))}
        <span class="timeline-today" style={{ left: at(now) }} />
      </div>
      <div class="timeline-legend" aria-hidden="true">
        <span>
          {ui.t('timeline_issued')} {day(from)}
        </span>
        <span class="timeline-legend-renew">
          {ui.t('timeline_renew')} {day(renewAt)}
        </span>
        <span>
          {ui.t('timeline_expires')} {day(to)}
        </span>
      </div>
    </div>
  );
}

/** A certificate, who renews it, and its timeline (the renewer's documented schedule when it has one). */
function CertificateBlock({
  ui,
  c,
  now,
  title,
  renewer,
  note,
}: {
  ui: Ui;
  c: CertificateInfo;
  now: number;
  title: string;
  renewer?: Provider;
  note?: string;
}) {
  const days = daysLeft(c.notAfter, now);
  const expiry = Date.parse(c.notAfter);
  const renewsBefore = renewer?.renewal.renewsDaysBefore;
  const renewAt = renewsBefore ? expiry - renewsBefore * DAY : renewalPoint(c);
  const retries = renewsBefore ? (renewer?.renewal.retryDaysBefore ?? []).map((d) => expiry - d * DAY) : [];
  return (
    <div class="cert-block">
      <h3>{title}</h3>
      <dl>
        <dt>{ui.t('label_issuer')}</dt>
        <dd translate={false}>
          {show(`${c.issuer}${c.issuerOrg && !c.issuer.includes(c.issuerOrg) ? ` (${c.issuerOrg})` : ''}`)}
        </dd>
        <dt>{ui.t('label_names')}</dt>
        <dd class="names" translate={false}>
          {show(c.names.slice(0, 6).join(', '))}
          {c.names.length > 6 ? ` +${c.names.length - 6}` : ''}
        </dd>
        <dt>{ui.t('label_valid')}</dt>
        <dd>
          {ui.date(c.notBefore)} – {ui.date(c.notAfter)} ·{' '}
          <strong>{days >= 0 ? ui.t('label_days_left', { days }) : ui.t('label_expired_days', { days: -days })}</strong>
        </dd>
      </dl>
      <Timeline ui={ui} c={c} now={now} renewAt={renewAt} retries={retries} />
      <p class="source">{note ?? ui.t(c.source === 'ct' ? 'source_ct' : 'source_connection')}</p>
    </div>
  );
}

/** Behind a CDN: the edge certificate visitors get (the CDN renews it) and the host's own (the host renews it). */
function CertificateCard({ ui, r }: { ui: Ui; r: Report }) {
  const c = r.certificate;
  const o = r.originCertificate ?? null;
  if (!c && !o) return null;
  const now = Date.parse(r.checkedAt);
  const name = (x: { name: string; nameJa: string }) => (ui.lang === 'ja' ? x.nameJa : x.name);
  const host = r.provider && (r.renewal?.by ?? 'host') === 'host' ? providerById(r.provider.id) : undefined;
  const cdn = r.cdn ? providerById(r.cdn.id) : undefined;
  const servedBy = (o || r.renewal?.by === 'cdn') && r.cdn ? r.cdn : host ? r.provider : null;
  return (
    <section class="card" aria-labelledby="cert-h">
      <h2 id="cert-h">{ui.t('label_certificate')}</h2>
      {c ? (
        <CertificateBlock
          ui={ui}
          c={c}
          now={now}
          renewer={o ? cdn : host}
          title={servedBy ? ui.t('label_cert_served_by', { renewer: name(servedBy) }) : ui.t('label_cert_served')}
        />
      ) : null}
      {o && r.provider ? (
        <CertificateBlock
          ui={ui}
          c={o}
          now={now}
          renewer={host}
          title={ui.t('label_cert_origin', { host: name(r.provider) })}
          note={ui.t('source_ct_origin', { host: name(r.provider), cdn: r.cdn ? name(r.cdn) : '' })}
        />
      ) : null}
    </section>
  );
}

/** "Ask the CA": the CA's own renewal window (ARI) when it answered, and the CLI command for a dry run through
 * the CA's validators (the extension does not run it). */
function AskCa({ ui, r }: { ui: Ui; r: Report }) {
  if (!r.registrableDomain) return null;
  const command = `npx renewal-radar check ${r.host} --acme-dry-run`;
  return (
    <section class="card" aria-labelledby="ca-h">
      <h2 id="ca-h">{ui.t('label_ask_ca')}</h2>
      {r.ari ? (
        <p>
          {ui.t('ari_window', { start: ui.dateTime(r.ari.start), end: ui.dateTime(r.ari.end) })}
          {r.ari.explanationUrl ? (
            <>
              {' '}
              ·{' '}
              <a href={r.ari.explanationUrl} target="_blank" rel="noopener noreferrer">
                {ui.t('ari_explanation')}
              </a>
            </>
          ) : null}
        </p>
      ) : null}
      <p class="source">{ui.t('dry_run_hint')}</p>
      <p>
        <code class="command">{command}</code>
      </p>
    </section>
  );
}

function HostCard({ ui, view, onOverride }: { ui: Ui; view: TabView; onOverride: (id: string | null) => void }) {
  const r = view.report!;
  const p = r.provider;
  const name = (x: { name: string; nameJa: string }) => (ui.lang === 'ja' ? x.nameJa : x.name);
  return (
    <section class="card" aria-labelledby="host-h">
      <h2 id="host-h">{ui.t('label_host')}</h2>
      <p>
        {p
          ? ui.t(p.confidence === 'low' && !p.chosenByUser ? 'label_host_likely' : 'label_hosted_at', { host: name(p) })
          : ui.t('label_host_unknown')}
        {p?.chosenByUser ? ` (${ui.t('label_chosen_by_you')})` : ''}
        {r.cdn ? ` · ${ui.t('label_cdn', { cdn: name(r.cdn) })}` : ''}
      </p>
      {p?.evidence.length || r.cdn?.evidence.length ? (
        <ul class="evidence">
          {[...(p?.evidence ?? []), ...(r.cdn?.evidence ?? [])].map((e) => (
            <li>
              <code>{show(e)}</code>
            </li>
          ))}
        </ul>
      ) : null}
      <label class="override">
        {ui.t('label_not_right')}{' '}
        <select
          value={p?.chosenByUser ? p.id : ''}
          onChange={(e) => onOverride((e.target as HTMLSelectElement).value || null)}
        >
          <option value="">{ui.t('label_detect_automatically')}</option>
          {PROVIDERS.filter((x) => x.kind === 'host').map((x) => (
            <option value={x.id}>{ui.lang === 'ja' ? x.names.ja : x.names.en}</option>
          ))}
        </select>
      </label>
    </section>
  );
}

function DnsDetails({ ui, r }: { ui: Ui; r: Report }) {
  const d = r.dns;
  if (!d) return null;
  return (
    <details class="card">
      <summary>
        <h2>{ui.t('label_dns')}</h2>
      </summary>
      <dl>
        <dt>{ui.t('label_nameservers')}</dt>
        <dd translate={false}>
          {show(d.nameservers.map((n) => `${n.name}${n.provider ? ` (${n.provider})` : ''}`).join(', '), 1000) || '—'}
        </dd>
        <dt>{ui.t('label_addresses')}</dt>
        <dd translate={false}>
          {show(
            d.addresses
              .map((a) => `${a.address}${a.ptr ? ` → ${a.ptr}` : ''}${a.provider ? ` (${a.provider})` : ''}`)
              .join(', '),
            1000,
          ) || '—'}
        </dd>
        {d.cnameChain.length ? (
          <>
            <dt>CNAME</dt>
            <dd translate={false}>{show(d.cnameChain.join(' → '), 1000)}</dd>
          </>
        ) : null}
        <dt>{ui.t('label_caa')}</dt>
        <dd translate={false}>{d.caa ? show(`${d.caa.owner}: ${d.caa.records.join('; ')}`, 1000) : '—'}</dd>
        <dt>{ui.t('label_mx')}</dt>
        <dd translate={false}>{show(d.mx.join(', '), 1000) || '—'}</dd>
        {d.spf ? (
          <>
            <dt>{ui.t('label_spf')}</dt>
            <dd>
              <code>{show(d.spf)}</code>
            </dd>
          </>
        ) : null}
      </dl>
    </details>
  );
}

const SOURCE_LABEL = {
  dns: 'source_dns',
  ct: 'source_ct_short',
  rdap: 'source_rdap',
  'ca-status': 'source_ca_status',
  challenge: 'source_challenge',
  headers: 'source_headers',
  certificate: 'source_certificate',
  ari: 'source_ari',
  'dry-run': 'source_dry_run',
} as const;

function Sources({ ui, notes }: { ui: Ui; notes: SourceNote[] }) {
  const shown = notes.filter((n) => n.status !== 'ok');
  if (!shown.length) return null;
  return (
    <section class="card sources" aria-labelledby="src-h">
      <h2 id="src-h">{ui.t('label_sources')}</h2>
      <ul>
        {shown.map((n) => {
          const reason = noteReasonParts(n, ui.t);
          return (
            <li>
              {ui.t(SOURCE_LABEL[n.source])}: {ui.t(`source_status_${n.status}`)}
              {reason.text ? ` — ${reason.text}` : ''}
              {reason.detail ? (
                <>
                  {' '}
                  — <code>{show(reason.detail)}</code>
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The report itself, as the tab's popup and a watched site's page (from a notification) both show it. */
function ReportBody({
  ui,
  r,
  checking,
  hostCard,
}: {
  ui: Ui;
  r: Report;
  checking?: boolean;
  hostCard?: preact.ComponentChildren;
}) {
  const lines = verdictLines(r);
  const firstAlarm = r.findings.findIndex((f) => f.severity !== 'info');
  return (
    <>
      <div class={`verdict verdict-${r.verdict}`} role="status">
        <span class="verdict-icon" aria-hidden="true">
          {ICON[r.verdict]}
        </span>
        <div>
          <p class="verdict-title">{ui.t(lines[0])}</p>
          {lines.slice(1).map((l) => (
            <p>{ui.t(l)}</p>
          ))}
          <p class="host-name" translate={false}>
            {r.host}
            {checking ? ` · ${ui.t('verdict_checking')}` : ''}
          </p>
        </div>
      </div>
      {r.findings.length ? (
        <ul class="findings">
          {r.findings.map((f, i) => (
            <FindingCard ui={ui} f={f} open={i === firstAlarm} />
          ))}
        </ul>
      ) : null}
      <RenewedBy ui={ui} r={r} />
      <CertificateCard ui={ui} r={r} />
      {r.tier === 'full' ? <AskCa ui={ui} r={r} /> : null}
      {hostCard}
      <DnsDetails ui={ui} r={r} />
      <Sources ui={ui} notes={r.notes} />
      <p class="checked">{ui.t('label_checked_at', { time: ui.dateTime(r.checkedAt) })}</p>
    </>
  );
}

function App({ ui, tabId, initial }: { ui: Ui; tabId: number; initial: Promise<TabView> }) {
  const [view, setView] = useState<TabView | null>(null);
  const [copied, setCopied] = useState(false);
  const [permission, setPermission] = useState(true);
  const port = useMemo(() => connectPopupPort(), []);

  useEffect(() => {
    port.onMessage((msg) => {
      if (msg.type === 'update' && msg.view.tabId === tabId) setView(msg.view);
    });
    void browser.permissions.contains({ origins: ['<all_urls>'] }).then(setPermission);
    void initial.then((v) => {
      setView((cur) => cur ?? v);
      if (v.host) port.post({ type: 'fullCheck', tabId });
    });
    return () => port.disconnect();
  }, []);

  useEffect(() => {
    if (view) {
      performance.mark('rr-popup-rendered');
      // Settled only once the full check (opened popups always run one) has answered, or nothing applies.
      const settled = view.needsConsent || (view.status !== 'checking' && (view.report?.tier === 'full' || !view.host));
      document.body.dataset.state = view.needsConsent
        ? 'needs-consent'
        : !settled
          ? 'checking'
          : (view.report?.verdict ?? (view.notApplicable ? 'not-applicable' : 'idle'));
    }
  }, [view]);

  if (!view)
    return (
      <main class="loading">
        <p>{ui.t('verdict_checking')}</p>
      </main>
    );
  const r = view.report;
  const checking = view.status === 'checking';

  if (!permission) {
    return (
      <main>
        <p class="verdict verdict-unknown">{ui.t('popup_no_permission')}</p>
        <button
          type="button"
          class="primary"
          onClick={() =>
            void browser.permissions.request({ origins: ['<all_urls>'] }).then((ok) => {
              setPermission(ok);
              if (ok) port.post({ type: 'fullCheck', tabId, force: true });
            })
          }
        >
          {ui.t('action_grant')}
        </button>
      </main>
    );
  }

  if (view.needsConsent) {
    // Firefox's built-in consent (src/background/consent.ts): asked here, on the user's click.
    const allow = () =>
      void dataPermissions.request(SITE_NAMES).then((ok) => {
        if (!ok) return;
        setView({ ...view, needsConsent: false, status: 'checking' });
        port.post({ type: 'fullCheck', tabId, force: true });
      });
    return (
      <main>
        <div class="verdict verdict-unknown" role="status">
          <span class="verdict-icon" aria-hidden="true">
            {ICON.unknown}
          </span>
          <div>
            <p class="verdict-title">{ui.t('popup_consent_title')}</p>
            <p>{ui.t('popup_consent_text')}</p>
            {view.host ? (
              <p class="host-name" translate={false}>
                {view.host}
              </p>
            ) : null}
          </div>
        </div>
        <nav class="actions">
          <button type="button" class="primary" onClick={allow}>
            {ui.t('action_consent')}
          </button>
          <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
            {ui.t('action_options')}
          </button>
        </nav>
      </main>
    );
  }

  if (!r) {
    const na = view.notApplicable;
    return (
      <main>
        <div class={`verdict verdict-${na ? 'not-applicable' : 'checking'}`} role="status">
          <span class="verdict-icon" aria-hidden="true">
            {na ? ICON['not-applicable'] : ICON.checking}
          </span>
          <div>
            <p class="verdict-title">{ui.t(na ? 'verdict_not_applicable' : 'verdict_checking')}</p>
            <p>{na ? ui.t(na) : ui.t('popup_checking_sources')}</p>
            {view.host ? (
              <p class="host-name" translate={false}>
                {view.host}
              </p>
            ) : null}
          </div>
        </div>
        {checking ? (
          <div class="skeleton" aria-hidden="true">
            <div />
            <div />
            <div />
          </div>
        ) : null}
      </main>
    );
  }

  return (
    <main>
      <ReportBody
        ui={ui}
        r={r}
        checking={checking}
        hostCard={
          <HostCard
            ui={ui}
            view={view}
            onOverride={(id) => {
              setView({ ...view, status: 'checking' });
              void send('setOverride', { host: r.host, provider: id, tabId }).then((v) => v && setView(v));
            }}
          />
        }
      />
      <nav class="actions">
        <button
          type="button"
          class="primary"
          disabled={checking}
          onClick={() => {
            setView({ ...view, status: 'checking' });
            port.post({ type: 'fullCheck', tabId, force: true });
          }}
        >
          {ui.t('action_recheck')}
        </button>
        <button
          type="button"
          onClick={() =>
            void navigator.clipboard.writeText(plainReport(r, ui.t, ui.lang)).then(() => {
              setCopied(true);
              setTimeout(() => setCopied(false), 1500);
            })
          }
        >
          {copied ? ui.t('action_copied') : ui.t('action_copy')}
        </button>
        <button
          type="button"
          aria-pressed={view.watched}
          onClick={() =>
            void send('setWatched', { host: r.host, watched: !view.watched }).then((w) =>
              setView({ ...view, watched: w.watched }),
            )
          }
        >
          {ui.t(view.watched ? 'action_unwatch' : 'action_watch')}
        </button>
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
          {ui.t('action_options')}
        </button>
      </nav>
    </main>
  );
}

/** popup.html?host=<host>: a watched site's last report, opened from a notification (no tab involved). */
function SiteReport({ ui, host }: { ui: Ui; host: string }) {
  const [view, setView] = useState<TabView | null>(null);
  const load = () => void send('getSite', { host }).then(setView);
  useEffect(load, []);
  useEffect(() => {
    if (view) document.body.dataset.state = view.report?.verdict ?? 'idle';
  }, [view]);
  if (!view)
    return (
      <main class="loading">
        <p>{ui.t('verdict_checking')}</p>
      </main>
    );
  const r = view.report;
  if (!r) {
    return (
      <main>
        <p translate={false}>{host}</p>
        <button type="button" class="primary" onClick={() => void send('checkWatchNow', { host }).then(load)}>
          {ui.t('action_recheck')}
        </button>
      </main>
    );
  }
  return (
    <main>
      <ReportBody ui={ui} r={r} />
      <nav class="actions">
        <button
          type="button"
          class="primary"
          onClick={() => {
            setView(null);
            void send('checkWatchNow', { host }).then(load);
          }}
        >
          {ui.t('action_recheck')}
        </button>
        <button type="button" onClick={() => void navigator.clipboard.writeText(plainReport(r, ui.t, ui.lang))}>
          {ui.t('action_copy')}
        </button>
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
          {ui.t('action_options')}
        </button>
      </nav>
    </main>
  );
}

async function main() {
  const hostParam = new URLSearchParams(location.search).get('host');
  if (hostParam) {
    const ui = await loadUi();
    render(<SiteReport ui={ui} host={hostParam} />, document.getElementById('app')!);
    return;
  }
  const param = new URLSearchParams(location.search).get('tab');
  const tabIdP =
    param !== null && !Number.isNaN(Number(param))
      ? Promise.resolve(Number(param))
      : browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => tab?.id ?? -1);
  // The tab's cached result and the UI strings load at the same time: first render waits for the slower one.
  const initial = tabIdP.then((tabId) => (tabId < 0 ? null : send('getTab', { tabId })));
  const [ui, tabId] = await Promise.all([loadUi(), tabIdP]);
  performance.mark('rr-popup-ui');
  const root = document.getElementById('app')!;
  if (tabId < 0) {
    render(
      <main>
        <p>{ui.t('popup_no_tab')}</p>
      </main>,
      root,
    );
    return;
  }
  render(<App ui={ui} tabId={tabId} initial={initial as Promise<TabView>} />, root);
}

void main();

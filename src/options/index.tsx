// Options: automatic checks, resolver, language, the Advanced endpoints (empty = the public default),
// privacy in plain words, reset. Saved values apply to the next check without a restart.
import { ARI_DIRECTORIES } from '../core/certificates/ari';
import { daysLeft } from '../core/engine/evidence';
import { providerName } from '../core/words/provider-name';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import {
  DEFAULT_CA_STATUS,
  DEFAULT_CT_BASE,
  DEFAULT_DOH,
  LE_STAGING_DIRECTORY,
  DEFAULT_RDAP_BASE,
  RESOLVER_PRESETS,
} from '../shared/defaults';
import { dataPermissions, SITE_NAMES } from '../shared/data-consent';
import { DEFAULT_SETTINGS, validEndpoint, type Settings } from '../shared/settings';
import { loadUi, send, type Ui } from '../ui/i18n';
import { LOCAL } from '../shared/storage-keys';
import { urgency, type WatchList, type WatchedSite } from '../shared/watch-types';

type Field = 'doh' | 'ct' | 'caStatus' | 'rdap' | 'acmeDirectory' | 'dryRunDirectory';
const FIELDS: {
  id: Field;
  label:
    | 'options_doh'
    | 'options_ct'
    | 'options_ca_status'
    | 'options_rdap'
    | 'options_acme_directory'
    | 'options_dry_run_directory';
  def: string;
}[] = [
  { id: 'doh', label: 'options_doh', def: DEFAULT_DOH[0] },
  { id: 'ct', label: 'options_ct', def: DEFAULT_CT_BASE },
  { id: 'caStatus', label: 'options_ca_status', def: DEFAULT_CA_STATUS },
  { id: 'rdap', label: 'options_rdap', def: DEFAULT_RDAP_BASE },
  { id: 'acmeDirectory', label: 'options_acme_directory', def: ARI_DIRECTORIES['letsencrypt.org'] },
  { id: 'dryRunDirectory', label: 'options_dry_run_directory', def: LE_STAGING_DIRECTORY },
];

function Options({ ui, saved }: { ui: Ui; saved: boolean }) {
  const [s, setS] = useState<Settings>(ui.settings);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(
    saved ? { ok: true, text: ui.t('options_saved') } : null,
  );
  const set = <K extends keyof Settings>(k: K, v: Settings[K]) => {
    setS({ ...s, [k]: v });
    setStatus(null);
  };
  const preset =
    Object.entries(RESOLVER_PRESETS).find(([, url]) => url === s.doh)?.[0] ?? (s.doh ? 'custom' : 'cloudflare');

  const save = async (e: Event) => {
    e.preventDefault();
    const bad = FIELDS.find((f) => !validEndpoint(s[f.id].trim()));
    if (bad) {
      setStatus({ ok: false, text: ui.t('options_invalid_url', { field: ui.t(bad.label) }) });
      document.getElementById(bad.id)?.focus();
      return;
    }
    if (!/^[\x21-\x7e]{0,200}$/.test(s.ctKey.trim())) {
      setStatus({ ok: false, text: ui.t('options_invalid_key') });
      document.getElementById('ctKey')?.focus();
      return;
    }
    // The worker writes settings (and keeps the per-site host choices this page does not show).
    const { overrides: _kept, schema: _schema, ...edited } = s;
    const next = await send('saveSettings', {
      settings: {
        ...edited,
        doh: s.doh.trim(),
        ct: s.ct.trim(),
        caStatus: s.caStatus.trim(),
        rdap: s.rdap.trim(),
        acmeDirectory: s.acmeDirectory.trim(),
        dryRunDirectory: s.dryRunDirectory.trim(),
        ctKey: s.ctKey.trim(),
      },
    });
    // A new language re-renders the page in it; nothing typed is lost (it was just saved).
    if (next.lang !== ui.settings.lang) void start(true);
    else setStatus({ ok: true, text: ui.t('options_saved') });
  };

  return (
    <form onSubmit={(e) => void save(e)} novalidate>
      <h1>{ui.t('options_title')}</h1>
      <fieldset>
        <legend>{ui.t('options_auto')}</legend>
        {(['all', 'watched', 'off'] as const).map((v) => (
          <label class="choice">
            <input
              type="radio"
              name="auto"
              value={v}
              checked={s.autoChecks === v}
              onChange={() => set('autoChecks', v)}
            />{' '}
            {ui.t(v === 'all' ? 'options_auto_all' : v === 'watched' ? 'options_auto_watched' : 'options_auto_off')}
          </label>
        ))}
      </fieldset>
      <p class="field">
        <label for="resolver">{ui.t('options_resolver')}</label>
        <select
          id="resolver"
          value={preset}
          onChange={(e) => {
            const v = (e.target as HTMLSelectElement).value as keyof typeof RESOLVER_PRESETS | 'custom';
            set('doh', v === 'custom' ? s.doh : v === 'cloudflare' ? '' : RESOLVER_PRESETS[v]);
            if (v === 'custom') setTimeout(() => document.getElementById('doh')?.focus());
          }}
        >
          <option value="cloudflare">Cloudflare (1.1.1.1)</option>
          <option value="google">Google Public DNS</option>
          <option value="quad9">Quad9</option>
          <option value="custom">{ui.t('options_resolver_custom')}</option>
        </select>
      </p>
      <p class="field">
        <label for="lang">{ui.t('options_language')}</label>
        <select
          id="lang"
          value={s.lang}
          onChange={(e) => set('lang', (e.target as HTMLSelectElement).value as Settings['lang'])}
        >
          <option value="auto">{ui.t('options_language_auto')}</option>
          <option value="en">English</option>
          <option value="ja">日本語</option>
        </select>
      </p>
      <p class="field">
        <label for="interval">{ui.t('options_watch_interval')}</label>
        <select
          id="interval"
          value={String(s.watchIntervalHours)}
          onChange={(e) =>
            set('watchIntervalHours', Number((e.target as HTMLSelectElement).value) as Settings['watchIntervalHours'])
          }
        >
          {[6, 12, 24, 48].map((h) => (
            <option value={String(h)}>{ui.t('options_hours', { hours: h })}</option>
          ))}
        </select>
      </p>
      <details open={FIELDS.some((f) => s[f.id] !== '') || s.ctKey !== ''}>
        <summary>
          <h2>{ui.t('options_advanced')}</h2>
        </summary>
        {FIELDS.map((f) => (
          <p class="field">
            <label for={f.id}>{ui.t(f.label)}</label>
            <input
              id={f.id}
              type="url"
              inputMode="url"
              spellcheck={false}
              placeholder={f.def}
              value={s[f.id]}
              aria-describedby={`${f.id}-hint`}
              onInput={(e) => set(f.id, (e.target as HTMLInputElement).value)}
            />
            <small id={`${f.id}-hint`}>{ui.t('options_default_hint', { url: f.def })}</small>
          </p>
        ))}
        <p class="field">
          <label for="ctKey">{ui.t('options_ct_key')}</label>
          <input
            id="ctKey"
            type="password"
            autocomplete="off"
            spellcheck={false}
            value={s.ctKey}
            aria-describedby="ctKey-hint"
            onInput={(e) => set('ctKey', (e.target as HTMLInputElement).value)}
          />
          <small id="ctKey-hint">{ui.t('options_ct_key_hint')}</small>
        </p>
      </details>
      <section>
        <h2>{ui.t('options_privacy')}</h2>
        <p>{ui.t('options_privacy_text')}</p>
        <Consent ui={ui} />
      </section>
      <p class="actions">
        <button type="submit" class="primary">
          {ui.t('options_save')}
        </button>
        <button
          type="button"
          onClick={() => {
            setS({ ...DEFAULT_SETTINGS, overrides: s.overrides });
            setStatus(null);
          }}
        >
          {ui.t('options_reset')}
        </button>
        <span role="status" class={status ? (status.ok ? 'ok' : 'error') : ''}>
          {status?.text ?? ''}
        </span>
      </p>
    </form>
  );
}

/** Firefox's built-in consent to sending site names (src/background/consent.ts): its state, and the switch. */
function Consent({ ui }: { ui: Ui }) {
  const perms = dataPermissions;
  const which = SITE_NAMES;
  const [allowed, setAllowed] = useState<boolean | null>(null);
  useEffect(() => {
    // Chrome refuses the unknown key synchronously (a TypeError), Firefox before 140 by rejecting.
    try {
      void perms.contains(which).then(setAllowed, () => setAllowed(null));
    } catch {
      setAllowed(null);
    }
  }, []);
  if (allowed === null) return null;
  return (
    <p class="consent">
      <span id="consent-state">{ui.t(allowed ? 'options_consent_on' : 'options_consent_off')}</span>{' '}
      {allowed ? (
        <button
          type="button"
          id="consent-withdraw"
          onClick={() =>
            void perms
              .remove(which)
              .then(() => perms.contains(which))
              .then(setAllowed)
          }
        >
          {ui.t('options_consent_withdraw')}
        </button>
      ) : (
        <button type="button" id="consent-allow" onClick={() => void perms.request(which).then(setAllowed)}>
          {ui.t('options_consent_allow')}
        </button>
      )}
    </p>
  );
}

const VICON: Record<string, string> = { fail: '✖', warn: '▲', unknown: '?', ok: '✔', 'not-applicable': '–' };

function MySites({ ui }: { ui: Ui }) {
  const [list, setList] = useState<WatchList | null>(null);
  const [input, setInput] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [sort, setSort] = useState<'urgency' | 'name'>('urgency');
  const [busy, setBusy] = useState<string[]>([]);
  const reload = () => void send('getWatchList', {}).then(setList);
  useEffect(() => {
    reload();
    // A watch run saves after every site: refresh the table at most every 500 ms.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onChange = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && changes[LOCAL.watchList] && !timer)
        timer = setTimeout(() => {
          timer = undefined;
          reload();
        }, 500);
    };
    browser.storage.onChanged.addListener(onChange);
    return () => browser.storage.onChanged.removeListener(onChange);
  }, []);
  if (!list) return null;
  const sites = Object.values(list.sites).sort(
    sort === 'urgency'
      ? (a, b) => urgency(a) - urgency(b) || a.host.localeCompare(b.host)
      : (a, b) => a.host.localeCompare(b.host),
  );
  const days = (x: WatchedSite) => (x.last?.notAfter ? daysLeft(x.last.notAfter, Date.now()) : null);
  const add = async (e: Event) => {
    e.preventDefault();
    // The field itself, not the last rendered state: a submit right after typing or autofill must not be lost.
    const value = (document.getElementById('add-site') as HTMLInputElement).value;
    const r = await send('addWatch', { input: value });
    if (r.ok) {
      setInput('');
      setMsg(null);
    } else {
      setMsg({ ok: false, text: ui.t('options_add_failed', { reason: ui.t(r.text) }) });
      document.getElementById('add-site')?.focus();
    }
  };
  const checkNow = async (host: string) => {
    setBusy((b) => [...b, host]);
    await send('checkWatchNow', { host });
    setBusy((b) => b.filter((x) => x !== host));
  };
  const doExport = async () => {
    const text = await send('exportWatch', {});
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    a.download = `renewal-radar-sites-${new Date().toISOString().slice(0, 10)}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };
  const doImport = async (file: File | undefined) => {
    if (!file) return;
    const r = await send('importWatch', { text: await file.text() });
    setMsg(
      r.ok
        ? { ok: true, text: ui.t('options_import_done', { count: r.added }) }
        : { ok: false, text: ui.t('options_import_failed', { reason: ui.t(r.text) }) },
    );
  };
  return (
    <section aria-labelledby="sites-h" class="sites">
      <h2 id="sites-h">{ui.t('options_sites')}</h2>
      <p>{ui.t('options_sites_help')}</p>
      {sites.length === 0 ? (
        <p class="muted">{ui.t('options_sites_empty')}</p>
      ) : (
        <>
          <p class="sort">
            <label for="sort">{ui.t('options_sort')}</label>{' '}
            <select
              id="sort"
              value={sort}
              onChange={(e) => setSort((e.target as HTMLSelectElement).value as 'urgency' | 'name')}
            >
              <option value="urgency">{ui.t('options_sort_urgency')}</option>
              <option value="name">{ui.t('options_sort_name')}</option>
            </select>
          </p>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{ui.t('options_col_site')}</th>
                  <th scope="col">{ui.t('options_col_verdict')}</th>
                  <th scope="col">{ui.t('options_col_host')}</th>
                  <th scope="col">{ui.t('options_col_days')}</th>
                  <th scope="col">{ui.t('options_col_checked')}</th>
                  <th scope="col">{ui.t('options_col_next')}</th>
                  <th scope="col">
                    <span class="sr-only">{ui.t('options_col_actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {sites.map((x) => {
                  const v = x.last?.verdict;
                  const d = days(x);
                  return (
                    <tr data-host={x.host}>
                      <th scope="row" translate={false}>
                        {x.host}
                      </th>
                      <td class={`v v-${v ?? 'none'}`}>
                        {busy.includes(x.host) ? (
                          ui.t('options_checking')
                        ) : v ? (
                          <>
                            <span aria-hidden="true">{VICON[v]}</span>{' '}
                            {ui.t(`verdict_short_${v === 'not-applicable' ? 'not_applicable' : v}`)}
                          </>
                        ) : (
                          ui.t('options_not_yet')
                        )}
                      </td>
                      <td>{x.last?.provider ? providerName(x.last.provider, ui.lang) : '—'}</td>
                      <td>
                        {d === null
                          ? '—'
                          : d >= 0
                            ? ui.t('label_days_left', { days: d })
                            : ui.t('label_expired_days', { days: -d })}
                      </td>
                      <td>
                        {x.lastCheckedAt
                          ? ui.dateTime(new Date(x.lastCheckedAt).toISOString())
                          : ui.t('options_not_yet')}
                      </td>
                      <td>{ui.dateTime(new Date(x.nextCheckAt).toISOString())}</td>
                      <td class="row-actions">
                        <button type="button" disabled={busy.includes(x.host)} onClick={() => void checkNow(x.host)}>
                          {ui.t('options_check_now')}
                        </button>
                        <button
                          type="button"
                          aria-label={`${ui.t('options_remove')} ${x.host}`}
                          onClick={() => void send('removeWatch', { host: x.host }).then(setList)}
                        >
                          {ui.t('options_remove')}
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
      <form class="add" onSubmit={(e) => void add(e)} novalidate>
        <label for="add-site">{ui.t('options_add_site')}</label>
        <input
          id="add-site"
          type="text"
          inputMode="url"
          spellcheck={false}
          placeholder="example.jp"
          value={input}
          onInput={(e) => setInput((e.target as HTMLInputElement).value)}
        />
        <button type="submit">{ui.t('options_add')}</button>
      </form>
      <p class="actions">
        <button type="button" onClick={() => void doExport()}>
          {ui.t('options_export')}
        </button>
        <label class="file-button">
          {ui.t('options_import')}
          <input
            type="file"
            accept="application/json,.json"
            onChange={(e) => {
              const f = (e.target as HTMLInputElement).files?.[0];
              (e.target as HTMLInputElement).value = '';
              void doImport(f);
            }}
          />
        </label>
        <span role="status" class={msg ? (msg.ok ? 'ok' : 'error') : ''}>
          {msg?.text ?? ''}
        </span>
      </p>
    </section>
  );
}

async function start(saved = false) {
  const ui = await loadUi();
  document.title = ui.t('options_title');
  const root = document.getElementById('app')!;
  render(null, root);
  render(
    <>
      <Options ui={ui} saved={saved} />
      <div class="below">
        <MySites ui={ui} />
      </div>
    </>,
    root,
  );
}

void start();

// Options: automatic checks, resolver, language, the Advanced endpoints (empty = the public default),
// privacy in plain words, reset. Saved values apply to the next check without a restart.
import { daysLeft } from '../core/engine/evidence';
import { displayHost } from '../core/words/display-host';
import { providerName } from '../core/words/provider-name';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { RESOLVER_PRESETS } from '../shared/defaults';
import { dataPermissions, SITE_NAMES } from '../shared/data-consent';
import {
  type Choice,
  DEFAULT_SETTINGS,
  PAGE_SETTINGS,
  type PageSettingName,
  type PageSettings,
  pageSettings,
  parseSetting,
  SETTINGS_TABLE,
} from '../shared/settings';
import type { ImportOutcome } from '../shared/messages';
import { loadUi, send, show, type Ui } from '../ui/i18n';
import { LOCAL } from '../shared/storage-keys';
import { MAX_IMPORT_BYTES, MAX_IMPORT_TEXT, urgency, type WatchView, type WatchedSite } from '../shared/watch-types';

const text = (ui: Ui, label: Choice['label']) => ('key' in label ? ui.t(label.key, label.params) : label.text);
const rowOf = (k: PageSettingName) => SETTINGS_TABLE[k].ui;
const ADVANCED = PAGE_SETTINGS.filter((k) => rowOf(k).section === 'advanced');

/** The settings form, drawn from the settings table (src/shared/settings.ts): one control per row with a `ui`. */
function Options({ ui, saved }: { ui: Ui; saved: boolean }) {
  // `base`: the settings as stored when this page read them (or last saved them): Save is refused if they changed.
  const [base, setBase] = useState<PageSettings>(pageSettings(ui.settings));
  const [s, setS] = useState<PageSettings>(base);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(
    saved ? { ok: true, text: ui.t('options_saved') } : null,
  );
  const set = <K extends PageSettingName>(k: K, v: PageSettings[K]) => {
    setS({ ...s, [k]: v });
    setStatus(null);
  };
  const preset =
    Object.entries(RESOLVER_PRESETS).find(([, url]) => url === s.doh)?.[0] ?? (s.doh ? 'custom' : 'cloudflare');

  const save = async (e: Event) => {
    e.preventDefault();
    const bad = PAGE_SETTINGS.find((k) => parseSetting(k, s[k]) === undefined);
    if (bad) {
      const r = rowOf(bad);
      const message =
        r.control === 'url'
          ? ui.t('options_invalid_url', { field: ui.t(r.label) })
          : r.control === 'secret'
            ? ui.t(r.invalid)
            : ui.t('settings_error_invalid');
      setStatus({ ok: false, text: message });
      document.getElementById(bad)?.focus();
      return;
    }
    // The worker writes settings (and keeps the per-site host choices this page does not show).
    const edited = Object.fromEntries(PAGE_SETTINGS.map((k) => [k, parseSetting(k, s[k])])) as PageSettings;
    const r = await send('saveSettings', { settings: edited, base });
    if (r.ok) {
      setBase(pageSettings(r.settings));
      setS(pageSettings(r.settings));
      // A new language re-renders the page in it; nothing typed is lost (it was just saved).
      if (r.settings.lang !== ui.settings.lang) void start(true);
      else setStatus({ ok: true, text: ui.t('options_saved') });
      return;
    }
    if (r.reason === 'conflict') {
      // Saved elsewhere meanwhile: show what is stored now, with this page's own edits on top, and say so.
      const stored = pageSettings(r.settings);
      const mine = PAGE_SETTINGS.filter((k) => JSON.stringify(s[k]) !== JSON.stringify(base[k]));
      setBase(stored);
      setS({ ...stored, ...Object.fromEntries(mine.map((k) => [k, s[k]])) });
    }
    setStatus({ ok: false, text: ui.t(r.text) });
  };

  const choiceRow = (k: PageSettingName) => {
    const r = rowOf(k);
    if (r.control === 'radio')
      return (
        <fieldset>
          <legend>{ui.t(r.label)}</legend>
          {r.choices.map((c) => (
            <label class="choice">
              <input
                type="radio"
                name={k}
                value={String(c.value)}
                checked={s[k] === c.value}
                onChange={() => set(k, c.value as never)}
              />{' '}
              {text(ui, c.label)}
            </label>
          ))}
        </fieldset>
      );
    if (r.control === 'select')
      return (
        <p class="field">
          <label for={k}>{ui.t(r.label)}</label>
          <select
            id={k}
            value={String(s[k])}
            onChange={(e) => {
              const v = (e.target as HTMLSelectElement).value;
              set(k, r.choices.find((c) => String(c.value) === v)?.value as never);
            }}
          >
            {r.choices.map((c) => (
              <option value={String(c.value)}>{text(ui, c.label)}</option>
            ))}
          </select>
        </p>
      );
    return null;
  };
  const advancedRow = (k: PageSettingName) => {
    const r = rowOf(k);
    const value = String(s[k]);
    const onInput = (e: Event) => set(k, (e.target as HTMLInputElement).value as never);
    if (r.control === 'url')
      return (
        <p class="field">
          <label for={k}>{ui.t(r.label)}</label>
          <input
            id={k}
            type="url"
            inputMode="url"
            spellcheck={false}
            placeholder={r.placeholder}
            value={value}
            aria-describedby={`${k}-hint`}
            onInput={onInput}
          />
          <small id={`${k}-hint`}>{ui.t('options_default_hint', { url: r.placeholder })}</small>
        </p>
      );
    if (r.control === 'secret')
      return (
        <p class="field">
          <label for={k}>{ui.t(r.label)}</label>
          <input
            id={k}
            type="password"
            autocomplete="off"
            spellcheck={false}
            value={value}
            aria-describedby={`${k}-hint`}
            onInput={onInput}
          />
          <small id={`${k}-hint`}>{ui.t(r.hint)}</small>
        </p>
      );
    return null;
  };
  const main = PAGE_SETTINGS.filter((k) => rowOf(k).section === 'main');

  return (
    <form onSubmit={(e) => void save(e)} novalidate>
      <h1>{ui.t('options_title')}</h1>
      {main.filter((k) => rowOf(k).control === 'radio').map(choiceRow)}
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
      {main.filter((k) => rowOf(k).control !== 'radio').map(choiceRow)}
      <details open={ADVANCED.some((k) => s[k] !== DEFAULT_SETTINGS[k])}>
        <summary>
          <h2>{ui.t('options_advanced')}</h2>
        </summary>
        {ADVANCED.map(advancedRow)}
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
            setS(pageSettings(DEFAULT_SETTINGS));
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
  const [list, setList] = useState<WatchView | null>(null);
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
      reload();
    } else {
      // Not stored (a read-only list, storage full) is said as it is; a bad name as "cannot watch that".
      const stored = r.text.key.startsWith('storage_');
      setMsg({ ok: false, text: stored ? ui.t(r.text) : ui.t('options_add_failed', { reason: ui.t(r.text) }) });
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
  const remove = async (key: string) => {
    const r = await send('removeWatch', { host: key });
    setList(r.list);
    setMsg(r.text ? { ok: false, text: ui.t(r.text) } : null);
  };
  const doImport = async (file: File | undefined) => {
    if (!file) return;
    // Refused here, before reading: a huge file never reaches the worker (or this page's memory).
    if (file.size > MAX_IMPORT_BYTES) {
      const size = `${(file.size / 1024 / 1024).toFixed(1)} MB`;
      setMsg({ ok: false, text: ui.t('options_import_too_large', { size, max: MAX_IMPORT_TEXT }) });
      return;
    }
    const id = crypto.randomUUID();
    const text = await file.text();
    // The answer is lost if the worker stops meanwhile: then ask what became of this import (kept in storage.session).
    const answer = await Promise.race([
      send('importWatch', { text, id }).catch(() => null),
      new Promise<null>((r) => setTimeout(() => r(null), 60_000)),
    ]);
    let r: ImportOutcome | null = answer;
    if (!r) {
      const o = await send('importOutcome', { id }).catch(() => null);
      r = o && !('running' in o) ? o : null;
    }
    reload();
    setMsg(
      !r
        ? { ok: false, text: ui.t('options_import_interrupted') }
        : r.ok
          ? { ok: true, text: ui.t('options_import_done', { count: r.added }) }
          : r.text.key.startsWith('storage_')
            ? { ok: false, text: ui.t(r.text) }
            : { ok: false, text: ui.t('options_import_failed', { reason: ui.t(r.text) }) },
    );
  };
  const damaged = list.damaged ?? [];
  return (
    <section aria-labelledby="sites-h" class="sites">
      <h2 id="sites-h">{ui.t('options_sites')}</h2>
      <p>{ui.t('options_sites_help')}</p>
      {list.readOnly && (
        <p class="error" id="sites-read-only" role="note">
          {ui.t('storage_read_only', { schema: list.readOnly.schema })}
        </p>
      )}
      {sites.length === 0 ? (
        damaged.length === 0 && <p class="muted">{ui.t('options_sites_empty')}</p>
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
                        {displayHost(x.host)}
                        {x.repaired?.length ? (
                          <small class="repaired" translate>
                            {' '}
                            {ui.t('options_site_repaired', { fields: show(x.repaired.join(', '), 120) })}
                          </small>
                        ) : null}
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
                          aria-label={`${ui.t('options_remove')} ${displayHost(x.host)}`}
                          onClick={() => void remove(x.host)}
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
      {damaged.length > 0 && (
        <div class="damaged">
          <p>{ui.t('options_sites_damaged')}</p>
          <ul>
            {damaged.map((d) => (
              <li data-damaged-key={d.key}>
                <code translate={false}>{show(d.key, 80)}</code>{' '}
                <button
                  type="button"
                  aria-label={`${ui.t('options_remove')} ${show(d.key, 80)}`}
                  onClick={() => void remove(d.key)}
                >
                  {ui.t('options_remove')}
                </button>
              </li>
            ))}
          </ul>
        </div>
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

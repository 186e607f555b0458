// Options: automatic checks, resolver, language, the Advanced endpoints (empty = the public default),
// privacy in plain words, reset. Saved values apply to the next check without a restart.
import { render } from 'preact';
import { useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { DEFAULT_CA_STATUS, DEFAULT_CT_BASE, DEFAULT_DOH, DEFAULT_RDAP_BASE, RESOLVER_PRESETS } from '../shared/defaults';
import { DEFAULT_SETTINGS, SETTINGS_KEY, validEndpoint, type Settings } from '../shared/settings';
import { loadUi, type Ui } from '../ui/i18n';

type Field = 'doh' | 'ct' | 'caStatus' | 'rdap';
const FIELDS: { id: Field; label: 'options_doh' | 'options_ct' | 'options_ca_status' | 'options_rdap'; def: string }[] = [
  { id: 'doh', label: 'options_doh', def: DEFAULT_DOH[0] },
  { id: 'ct', label: 'options_ct', def: DEFAULT_CT_BASE },
  { id: 'caStatus', label: 'options_ca_status', def: DEFAULT_CA_STATUS },
  { id: 'rdap', label: 'options_rdap', def: DEFAULT_RDAP_BASE },
];

function Options({ ui, saved }: { ui: Ui; saved: boolean }) {
  const [s, setS] = useState<Settings>(ui.settings);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(saved ? { ok: true, text: ui.t('options_saved') } : null);
  const set = <K extends keyof Settings>(k: K, v: Settings[K]) => { setS({ ...s, [k]: v }); setStatus(null); };
  const preset = (Object.entries(RESOLVER_PRESETS).find(([, url]) => url === s.doh)?.[0]) ?? (s.doh ? 'custom' : 'cloudflare');

  const save = async (e: Event) => {
    e.preventDefault();
    const bad = FIELDS.find((f) => !validEndpoint(s[f.id].trim()));
    if (bad) { setStatus({ ok: false, text: ui.t('options_invalid_url', { field: ui.t(bad.label) }) }); document.getElementById(bad.id)?.focus(); return; }
    // Keep what the options page does not edit (per-site host choices) exactly as stored.
    const current = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] as Partial<Settings> | undefined;
    const next: Settings = { ...s, doh: s.doh.trim(), ct: s.ct.trim(), caStatus: s.caStatus.trim(), rdap: s.rdap.trim(), overrides: current?.overrides ?? s.overrides };
    await browser.storage.local.set({ [SETTINGS_KEY]: next });
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
          <label class="choice"><input type="radio" name="auto" value={v} checked={s.autoChecks === v} onChange={() => set('autoChecks', v)} /> {ui.t(v === 'all' ? 'options_auto_all' : v === 'watched' ? 'options_auto_watched' : 'options_auto_off')}</label>
        ))}
      </fieldset>
      <p class="field">
        <label for="resolver">{ui.t('options_resolver')}</label>
        <select id="resolver" value={preset} onChange={(e) => {
          const v = (e.target as HTMLSelectElement).value as keyof typeof RESOLVER_PRESETS | 'custom';
          set('doh', v === 'custom' ? s.doh : v === 'cloudflare' ? '' : RESOLVER_PRESETS[v]);
          if (v === 'custom') setTimeout(() => document.getElementById('doh')?.focus());
        }}>
          <option value="cloudflare">Cloudflare (1.1.1.1)</option>
          <option value="google">Google Public DNS</option>
          <option value="quad9">Quad9</option>
          <option value="custom">Custom…</option>
        </select>
      </p>
      <p class="field">
        <label for="lang">{ui.t('options_language')}</label>
        <select id="lang" value={s.lang} onChange={(e) => set('lang', (e.target as HTMLSelectElement).value as Settings['lang'])}>
          <option value="auto">{ui.t('options_language_auto')}</option>
          <option value="en">English</option>
          <option value="ja">日本語</option>
        </select>
      </p>
      <details open={FIELDS.some((f) => s[f.id] !== '')}>
        <summary><h2>{ui.t('options_advanced')}</h2></summary>
        {FIELDS.map((f) => (
          <p class="field">
            <label for={f.id}>{ui.t(f.label)}</label>
            <input id={f.id} type="url" inputMode="url" spellcheck={false} placeholder={f.def} value={s[f.id]}
              aria-describedby={`${f.id}-hint`} onInput={(e) => set(f.id, (e.target as HTMLInputElement).value)} />
            <small id={`${f.id}-hint`}>{ui.t('options_default_hint', { url: f.def })}</small>
          </p>
        ))}
      </details>
      <section>
        <h2>{ui.t('options_privacy')}</h2>
        <p>{ui.t('options_privacy_text')}</p>
      </section>
      <p class="actions">
        <button type="submit" class="primary">{ui.t('options_save')}</button>
        <button type="button" onClick={() => { setS({ ...DEFAULT_SETTINGS, overrides: s.overrides }); setStatus(null); }}>{ui.t('options_reset')}</button>
        <span role="status" class={status ? (status.ok ? 'ok' : 'error') : ''}>{status?.text ?? ''}</span>
      </p>
    </form>
  );
}

async function start(saved = false) {
  const ui = await loadUi();
  document.title = ui.t('options_title');
  const root = document.getElementById('app')!;
  render(null, root);
  render(<Options ui={ui} saved={saved} />, root);
}

void start();

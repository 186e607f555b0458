// Who the host is (and the CDN in front), the evidence for it, and "Not right? Choose the host".
import type { Report } from '../../core/engine/types';
import { PROVIDERS } from '../../core/providers';
import { providerName } from '../../core/words/provider-name';
import { show, type Ui } from '../../ui/i18n';

export function HostCard({ ui, r, onOverride }: { ui: Ui; r: Report; onOverride: (id: string | null) => void }) {
  const p = r.provider;
  const name = (x: { name: string; nameJa: string }) => providerName(x, ui.lang);
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
            <option value={x.id}>{providerName(x, ui.lang)}</option>
          ))}
        </select>
      </label>
    </section>
  );
}

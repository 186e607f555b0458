// The DNS behind the verdict, folded: nameservers (and who runs them), addresses with PTR, CNAME, CAA, MX, SPF.
import type { Report } from '../../core/engine/types';
import { show, type Ui } from '../../ui/i18n';

export function DnsDetails({ ui, r }: { ui: Ui; r: Report }) {
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

// One certificate's life as a bar: issued, the renewal point (and the renewer's retries), today, expiry. For a
// certificate bought and installed by hand no automation renews it: the marker is the date to order the next one
// by (MANUAL_RENEWAL's), never a host's "renewal".
import type { CertificateInfo } from '../../core/engine/types';
import type { Ui } from '../../ui/i18n';

export function Timeline({
  ui,
  c,
  now,
  renewAt,
  retries,
  marker = 'renew',
}: {
  ui: Ui;
  c: CertificateInfo;
  now: number;
  /** The renewal point, or for `marker: 'order'` the order-by date. */
  renewAt: number;
  retries: number[];
  marker?: 'renew' | 'order';
}) {
  const from = Date.parse(c.notBefore);
  const to = Date.parse(c.notAfter);
  if (!(to > from)) return null;
  const at = (t: number) => `${Math.max(0, Math.min(100, ((t - from) / (to - from)) * 100)).toFixed(2)}%`;
  const day = (t: number) => ui.date(new Date(t).toISOString());
  const overdue = now > renewAt && now < to;
  // A date already past is said as past ("was due"), never "order by" a day gone by.
  const order = marker === 'order';
  const label = ui.t(
    order
      ? overdue
        ? 'timeline_label_order_past'
        : 'timeline_label_order'
      : retries.length
        ? 'timeline_label_retries'
        : 'timeline_label',
    {
      issued: day(from),
      renew: day(renewAt),
      retries: retries.map(day).join(', '),
      today: day(now),
      expires: day(to),
    },
  );
  return (
    <div
      class={`timeline${overdue ? ' timeline-overdue' : ''}${now >= to ? ' timeline-expired' : ''}`}
      role="img"
      aria-label={label}
      data-marker={marker}
      data-marker-date={new Date(renewAt).toISOString().slice(0, 10)}
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
          {ui.t(order ? (overdue ? 'timeline_order_past' : 'timeline_order') : 'timeline_renew')} {day(renewAt)}
        </span>
        <span>
          {ui.t('timeline_expires')} {day(to)}
        </span>
      </div>
    </div>
  );
}

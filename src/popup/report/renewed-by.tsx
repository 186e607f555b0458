// "Renewed by: …" (docs/design.md "Who renews the certificate"): Xserver's free SSL, your own ACME client (DNS
// validation), by hand — a paid certificate from GlobalSign. One line, from the report's `renewal`; text nodes only.
import { renewedBy } from '../../core/engine/summary';
import type { Report } from '../../core/engine/types';
import type { Ui } from '../../ui/i18n';

export function RenewedBy({ ui, r }: { ui: Ui; r: Report }) {
  if (!r.renewal || (r.renewal.by === 'unknown' && !r.certificate)) return null;
  return <p class="renewed-by">{ui.t('label_renewed_by', { who: ui.t(renewedBy(r.renewal)) })}</p>;
}

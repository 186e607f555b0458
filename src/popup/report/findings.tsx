// Each finding: its severity, what we saw, why it breaks renewal, and the numbered fix steps.
import type { Finding, FindingSeverity } from '../../core/engine/types';
import { show, type Ui } from '../../ui/i18n';
import { ICON } from './icons';

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

/** The findings in the report's order; the first one that is not `info` starts open. */
export function Findings({ ui, findings }: { ui: Ui; findings: Finding[] }) {
  if (!findings.length) return null;
  const firstAlarm = findings.findIndex((f) => f.severity !== 'info');
  return (
    <ul class="findings">
      {findings.map((f, i) => (
        <FindingCard ui={ui} f={f} open={i === firstAlarm} />
      ))}
    </ul>
  );
}

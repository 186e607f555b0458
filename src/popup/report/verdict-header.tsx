// The verdict at the top: its symbol, its first line as the title, then the lines (and the host name) below.
import type { ComponentChildren } from 'preact';
import { ICON } from './icons';

/** `state` is a verdict, or `checking` / `not-applicable` / `unknown` for the popup's states without a report. */
export function VerdictHeader({
  state,
  title,
  children,
}: {
  state: string;
  title: string;
  children?: ComponentChildren;
}) {
  return (
    <div class={`verdict verdict-${state}`} role="status">
      <span class="verdict-icon" aria-hidden="true">
        {ICON[state]}
      </span>
      <div>
        <p class="verdict-title">{title}</p>
        {children}
      </div>
    </div>
  );
}

/** The checked host's name under the verdict (data: never translated by the browser). */
export function HostName({ children }: { children: ComponentChildren }) {
  return (
    <p class="host-name" translate={false}>
      {children}
    </p>
  );
}

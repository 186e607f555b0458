// Fix steps for a cause: the detected host's own steps when it documents them, else generic ones.
import { GENERIC_FIX_STEPS, type FixCause } from '../checks/vocabulary';
import type { Provider } from '../providers/types';
import type { LocalText, MessageKey, MessageParams } from '../engine/types';

const GENERIC: Record<FixCause, readonly MessageKey[]> = GENERIC_FIX_STEPS;

export function fixSteps(cause: FixCause, provider: Provider | null, params: MessageParams = {}): LocalText[] {
  const keys = provider?.fixes[cause] ?? GENERIC[cause];
  // `{host}` renders as the provider's name in the reader's language (`host_ja` is picked for Japanese).
  const names: MessageParams = provider ? { host: provider.names.en, host_ja: provider.names.ja } : {};
  return keys.map((key) => ({ key, params: { ...names, ...params } }));
}

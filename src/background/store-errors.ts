// What the user reads when a stored change could not be made (src/shared/serial-store.ts's two refusals).
import type { LocalText } from '../core/engine/types';
import { ReadOnly, WriteFailed } from '../shared/serial-store';

/** The message for a refused change, or null when `e` is another error (a bug: rethrow it). */
export function storeErrorText(e: unknown): LocalText | null {
  if (e instanceof ReadOnly) return { key: 'storage_read_only', params: { schema: e.reason.schema } };
  if (e instanceof WriteFailed) {
    const detail = e.error instanceof Error ? e.error.message : String(e.error);
    return { key: 'storage_write_failed', params: { detail: detail.slice(0, 200) } };
  }
  return null;
}

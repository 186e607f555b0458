import type { CheckContext } from '../evidence';
import type { Finding } from '../types';

export function checkHostUnknown({ ev, origin, cdn }: CheckContext): Finding[] {
  if (origin || cdn) return [];
  if (ev.a.status === 'error' || ev.a.records.length + ev.aaaa.records.length === 0) return [];
  return [{ code: 'HOST_UNKNOWN', severity: 'info', message: { key: 'finding_host_unknown', params: { name: ev.host } } }];
}

// The CA's public status page (status.io JSON, as Let's Encrypt's letsencrypt.status.io serves it).
import type { HttpClient } from '../net';

export type CaStatusResult =
  | { ok: true; statusCode: number; statusText: string; incidents: string[]; maintenance: string[] }
  | { ok: false; reason: string };

const names = (v: unknown): string[] =>
  (Array.isArray(v) ? v : []).slice(0, 20).map((x) => {
    const r = (x && typeof x === 'object' ? x : {}) as Record<string, unknown>;
    return typeof r.name === 'string' ? r.name.slice(0, 300) : 'unnamed';
  });

export async function fetchCaStatus(http: HttpClient, url: string, timeoutMs: number): Promise<CaStatusResult> {
  try {
    const res = await http(url, { headers: { accept: 'application/json' }, timeoutMs });
    if (res.status !== 200) return { ok: false, reason: `status page answered HTTP ${res.status}` };
    const doc = JSON.parse(new TextDecoder().decode(res.body)) as Record<string, unknown> | null;
    const result = (doc && typeof doc === 'object' ? doc.result : null) as Record<string, unknown> | null;
    const overall = (result && typeof result === 'object' ? result.status_overall : null) as Record<string, unknown> | null;
    if (!overall || typeof overall.status_code !== 'number') return { ok: false, reason: 'status page sent no overall status' };
    const maintenance = (result!.maintenance && typeof result!.maintenance === 'object' ? result!.maintenance : {}) as Record<string, unknown>;
    return {
      ok: true,
      statusCode: overall.status_code,
      statusText: typeof overall.status === 'string' ? overall.status.slice(0, 100) : '',
      incidents: names(result!.incidents),
      maintenance: names(maintenance.active),
    };
  } catch (e) {
    return { ok: false, reason: `status page: ${e instanceof SyntaxError ? 'invalid JSON' : e instanceof Error ? e.message : String(e)}` };
  }
}

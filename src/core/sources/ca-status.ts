// The CA's public status page (status.io's Public Status API, https://kb.status.io/developers/public-status-api;
// Let's Encrypt's is letsencrypt.status.io). Status codes (https://kb.status.io/developers/status-codes/): 100
// operational, 200 planned maintenance, 300 degraded performance, 400 partial disruption, 500 disruption, 600
// security event. The page lists several components — the production ACME API next to Staging, the website
// and the community forum — and only the production issuance API decides whether a renewal can succeed.
import { ANSWER_LIMITS, type HttpClient } from '../network/net';
import { readJsonBody } from './json-body';

export interface StatusComponent {
  name: string;
  code: number;
  status: string;
}
export interface StatusEvent {
  name: string;
  /** Components the event names (null: the page did not say). */
  components: string[] | null;
  start?: number;
  end?: number;
}

export type CaStatusResult =
  | {
      ok: true;
      statusCode: number;
      statusText: string;
      components: StatusComponent[];
      incidents: StatusEvent[];
      maintenanceActive: StatusEvent[];
      maintenanceUpcoming: StatusEvent[];
    }
  | { ok: false; reason: string };

/** The production issuance API: "ACME API", "API (acme-v02…)", "Issuance" — not Staging, the website, the forum. */
export function isProductionApi(name: string): boolean {
  return /\b(api|acme|issuance)\b/i.test(name) && !/staging|sandbox|test|website|forum|community|docs?\b/i.test(name);
}

const text = (v: unknown, max = 300) => (typeof v === 'string' ? v.slice(0, max) : '');
const list = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v)
    ? v.slice(0, 50).filter((x): x is Record<string, unknown> => Boolean(x) && typeof x === 'object')
    : [];
const time = (v: unknown): number | undefined =>
  typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? Date.parse(v) : undefined;

function event(x: Record<string, unknown>): StatusEvent {
  const affected = Array.isArray(x.components_affected)
    ? list(x.components_affected)
        .map((c) => text(c.name, 200))
        .filter(Boolean)
    : null;
  return {
    name: text(x.name) || 'unnamed',
    components: affected,
    start: time(x.datetime_planned_start) ?? time(x.datetime_open),
    end: time(x.datetime_planned_end),
  };
}

export async function fetchCaStatus(http: HttpClient, url: string, timeoutMs: number): Promise<CaStatusResult> {
  try {
    const res = await http(url, {
      headers: { accept: 'application/json' },
      timeoutMs,
      maxBytes: ANSWER_LIMITS.caStatus,
    });
    if (res.status !== 200) return { ok: false, reason: `status page answered HTTP ${res.status}` };
    const body = readJsonBody(res.body);
    if (!body.ok) return { ok: false, reason: `status page ${body.problem}` };
    const doc = body.doc as Record<string, unknown> | null;
    const result = (doc && typeof doc === 'object' ? doc.result : null) as Record<string, unknown> | null;
    const overall = (result && typeof result === 'object' ? result.status_overall : null) as Record<
      string,
      unknown
    > | null;
    if (!overall || typeof overall.status_code !== 'number')
      return { ok: false, reason: 'status page sent no overall status' };
    const maintenance = (
      result!.maintenance && typeof result!.maintenance === 'object' ? result!.maintenance : {}
    ) as Record<string, unknown>;
    return {
      ok: true,
      statusCode: overall.status_code,
      statusText: text(overall.status, 100),
      components: list(result!.status).map((c) => ({
        name: text(c.name, 200),
        code: typeof c.status_code === 'number' ? c.status_code : 0,
        status: text(c.status, 100),
      })),
      incidents: list(result!.incidents).map(event),
      maintenanceActive: list(maintenance.active).map(event),
      maintenanceUpcoming: list(maintenance.upcoming).map(event),
    };
  } catch (e) {
    return { ok: false, reason: `status page: ${e instanceof Error ? e.message : String(e)}` };
  }
}

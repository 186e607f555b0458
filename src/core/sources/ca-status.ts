// The CA's public status page (status.io's Public Status API, https://kb.status.io/developers/public-status-api;
// Let's Encrypt's is letsencrypt.status.io). Status codes (https://kb.status.io/developers/status-codes/): 100
// operational, 200 planned maintenance, 300 degraded performance, 400 partial disruption, 500 disruption, 600
// security event. The page lists several components — the production ACME API next to Staging, the website
// and the community forum — and only the production issuance API decides whether a renewal can succeed.
// status.io also splits each component into containers (the documented shape: `status[].containers[]` with their
// own `status_code`, and `containers_affected` beside `components_affected` on incidents and maintenance): Let's
// Encrypt's "ACME API" has a "Production" and a "Staging" container, so the production API is a container of a
// component, not always a component of its own name. Both levels are read.
import { ANSWER_LIMITS, type HttpClient } from '../network/net';
import { readJsonBody } from './json-body';

export interface StatusPart {
  name: string;
  code: number;
  status: string;
}
export interface StatusComponent extends StatusPart {
  /** The component's containers (regions, environments) with their own status; absent or [] when none. */
  containers?: StatusPart[];
}
export interface StatusEvent {
  name: string;
  /** Components the event names (null: the page did not say). */
  components: string[] | null;
  /** Containers the event names (null or absent: the page did not say, i.e. all of the named components). */
  containers?: string[] | null;
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

/** A container that is not a test environment ("Production", a region): "Staging", "Sandbox", "Test" are not. */
export function isProductionContainer(name: string): boolean {
  return !/staging|sandbox|\btest/i.test(name);
}

/**
 * The production issuance API's parts and their status: for a component split into containers, its production
 * containers (named "ACME API / Production"); for one without containers, the component itself.
 */
export function productionParts(components: StatusComponent[]): StatusPart[] {
  return components
    .filter((c) => isProductionApi(c.name))
    .flatMap((c) =>
      c.containers?.length
        ? c.containers
            .filter((k) => isProductionContainer(k.name))
            .map((k) => ({ ...k, name: `${c.name} / ${k.name}` }))
        : [c],
    );
}

/** Does an event name the production API (null: it names no component)? Staging-only containers do not count. */
export function eventNamesProduction(e: StatusEvent): boolean | null {
  if (!e.components) return null;
  if (!e.components.some(isProductionApi)) return false;
  return !e.containers?.length || e.containers.some(isProductionContainer);
}

const text = (v: unknown, max = 300) => (typeof v === 'string' ? v.slice(0, max) : '');
const list = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v)
    ? v.slice(0, 50).filter((x): x is Record<string, unknown> => Boolean(x) && typeof x === 'object')
    : [];
const time = (v: unknown): number | undefined =>
  typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? Date.parse(v) : undefined;

const names = (v: unknown): string[] | null =>
  Array.isArray(v)
    ? list(v)
        .map((c) => text(c.name, 200))
        .filter(Boolean)
    : null;
const part = (c: Record<string, unknown>): StatusPart => ({
  name: text(c.name, 200),
  code: typeof c.status_code === 'number' ? c.status_code : 0,
  status: text(c.status, 100),
});

function event(x: Record<string, unknown>): StatusEvent {
  return {
    name: text(x.name) || 'unnamed',
    components: names(x.components_affected),
    containers: names(x.containers_affected),
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
      components: list(result!.status).map((c) => ({ ...part(c), containers: list(c.containers).map(part) })),
      incidents: list(result!.incidents).map(event),
      maintenanceActive: list(maintenance.active).map(event),
      maintenanceUpcoming: list(maintenance.upcoming).map(event),
    };
  } catch (e) {
    return { ok: false, reason: `status page: ${e instanceof Error ? e.message : String(e)}` };
  }
}

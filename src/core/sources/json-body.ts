// A JSON API's 200 answer, parsed, or what it was instead. A service behind a CDN challenge, a captive portal or
// a maintenance page answers 200 with HTML: that is a failed lookup, never an empty result.
export type JsonBody =
  | { ok: true; doc: unknown }
  | { ok: false; problem: 'sent an HTML page instead of JSON' | 'sent invalid JSON' };

const utf8 = new TextDecoder();

export function readJsonBody(body: Uint8Array): JsonBody {
  const text = utf8.decode(body);
  try {
    return { ok: true, doc: JSON.parse(text) };
  } catch {
    return { ok: false, problem: /^\s*</.test(text) ? 'sent an HTML page instead of JSON' : 'sent invalid JSON' };
  }
}

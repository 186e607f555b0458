// The fleet's input: hosts as arguments, or a file (or stdin) with one host or URL a line, `#` comments and blank
// lines — or the extension's exported "My sites" JSON, recognised by its format field. Hostile input: every
// entry becomes a host or an error of its own; credentials in URLs are dropped before anything is echoed.
import { parseTarget, withoutCredentials } from '../core/network/names';

export interface ListEntry {
  /** The entry as the user wrote it, credentials removed (for messages). */
  input: string;
  /** What is checked: the A-label host, or the input itself when no certificate renewal applies to it. */
  host?: string;
  error?: string;
  /** A host choice exported with My sites (the popup's "not right? choose the host"). */
  provider?: string;
  /** A port the entry named (`example.jp:8443`), which the CA never uses. */
  port?: number;
}

export const MAX_LIST_BYTES = 10 * 1024 * 1024;
export const MAX_HOSTS = 100_000;

/** The list (a file, standard input, a device) passed MAX_LIST_BYTES while it was read: refused, not read on. */
export class InputTooLargeError extends Error {
  constructor(limit: number) {
    super(
      `more than ${limit / 1048576} MB; at most ${limit / 1048576} MB (${MAX_HOSTS.toLocaleString('en')} hosts) per run — split it, or use --shard`,
    );
  }
}

export function entryFor(raw: string, provider?: string): ListEntry {
  // Credentials (`https://user:pw@host/`, `user:pw@host`, an IP literal's, an unparseable URL's) are never printed.
  const input = withoutCredentials(raw.trim()).slice(0, 300);
  const t = parseTarget(input);
  if (t.ok) return { input, host: t.host, ...(provider ? { provider } : {}), ...(t.port ? { port: t.port } : {}) };
  // Not applicable (an IP literal, localhost…): the engine says so in a report of its own.
  if ('notApplicable' in t) return { input, host: input };
  return { input, error: t.invalid };
}

/** Parses a list file's bytes; an error here is the whole file's (exit 64), an entry's error is its own line. */
export function parseHostList(bytes: Uint8Array): { entries: ListEntry[] } | { error: string } {
  if (bytes.length > MAX_LIST_BYTES)
    return {
      error: `the list is ${(bytes.length / 1048576).toFixed(1)} MB; at most ${MAX_LIST_BYTES / 1048576} MB (${MAX_HOSTS.toLocaleString('en')} hosts) per run — split it, or use --shard`,
    };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { error: 'the list is not UTF-8 text' };
  }
  text = text.replace(/^\uFEFF/, '');
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let doc: unknown;
    try {
      doc = JSON.parse(trimmed);
    } catch {
      return { error: 'the list starts with "{" but is not valid JSON (expected an exported My sites file)' };
    }
    const d = doc as { format?: unknown; sites?: unknown; overrides?: unknown };
    if (d?.format !== 'renewal-radar-watchlist' || !Array.isArray(d.sites))
      return { error: 'a JSON list must be an exported My sites file ("format": "renewal-radar-watchlist")' };
    const overrides = d.overrides && typeof d.overrides === 'object' ? (d.overrides as Record<string, unknown>) : {};
    return {
      entries: d.sites.map((s) =>
        typeof s === 'string'
          ? entryFor(s, typeof overrides[s] === 'string' ? (overrides[s] as string) : undefined)
          : // Not echoed: a nested value could hold a URL with credentials.
            {
              input: `(${Array.isArray(s) ? 'a list' : s === null ? 'null' : `a ${typeof s}`})`,
              error: 'not a host name',
            },
      ),
    };
  }
  const entries: ListEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    const content = line.replace(/(^|\s)#.*$/, '').trim();
    if (content) entries.push(entryFor(content));
  }
  return { entries };
}

/** One entry per host (the first one); invalid entries once per distinct input. */
export function dedupe(entries: ListEntry[]): ListEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => {
    const key = e.host ? `h:${e.host}` : `e:${e.input}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** FNV-1a of the host: the same host always lands in the same shard, whatever the list's order or length. */
export function shardOf(host: string, n: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < host.length; i++) {
    h ^= host.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % n;
}

/** "2/4" → the 2nd of 4 slices (1-based). */
export function parseShard(spec: string): { index: number; count: number } | null {
  const m = spec.match(/^(\d{1,4})\/(\d{1,4})$/);
  if (!m) return null;
  const index = Number(m[1]),
    count = Number(m[2]);
  return index >= 1 && count >= 1 && index <= count ? { index, count } : null;
}

// The registry's WHOIS over port 43 for TLDs without RDAP (.jp): whois.jprs.jp with "/e", JPRS's English output
// (the `whois` package's server list says the same). Our own small client so the whole lookup has a deadline, a
// bytes-per-second floor and a size cap — an idle timeout alone let a server sending one byte a second run forever.
// Bytes are kept as they came (latin1 is one byte a character) and decoded by the engine, which also reads older
// Japanese encodings.
import net from 'node:net';
import { decodeWhois, jprsToRegistration, parseJprsWhois } from '../core/sources/jprs-whois';
import type { RdapResult, WhoisLookup } from '../core/sources/rdap';
import { FLOOR_BYTES_PER_SECOND, slowSenderGuard } from './node-transports';

const JPRS = { host: 'whois.jprs.jp', port: 43 };
/** A JPRS answer is a few kilobytes: anything past this is not one. */
const MAX_WHOIS_BYTES = 256 * 1024;

/** Asks `server` for `query`; the answer's bytes, or why not — within `timeoutMs` as a whole. */
function ask(server: { host: string; port: number }, query: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const socket = net.connect(server);
    const stop = (e: Error | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stopGuard();
      socket.destroy();
      if (e) reject(e);
      else resolve(Buffer.concat(chunks).toString('latin1'));
    };
    const timer = setTimeout(() => stop(new Error(`no whole answer within ${timeoutMs} ms`)), timeoutMs);
    const stopGuard = slowSenderGuard(socket, () =>
      stop(new Error(`the answer came slower than ${FLOOR_BYTES_PER_SECOND} bytes a second`)),
    );
    socket.on('connect', () => socket.write(query));
    socket.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_WHOIS_BYTES) stop(new Error(`answer larger than ${MAX_WHOIS_BYTES / 1024} KB`));
      else chunks.push(c);
    });
    socket.on('error', (e: NodeJS.ErrnoException) => stop(new Error(e.code ?? e.message)));
    socket.on('close', () => stop(null));
  });
}

function parseServer(spec: string): { host: string; port: number } {
  const m = spec.match(/^\[([^\]]+)\](?::(\d+))?$/) ?? spec.match(/^([^:]+)(?::(\d+))?$/);
  return m ? { host: m[1], port: Number(m[2] ?? 43) } : JPRS;
}

/** `server`: "host:port" to ask instead of the registry's own (tests, the offline lab). */
export function nodeWhois(server?: string): WhoisLookup {
  const target = server ? parseServer(server) : JPRS;
  const failed = (reason: string): RdapResult => ({
    ok: false,
    kind: 'error',
    reason: `WHOIS: ${reason}`,
    text: { key: 'note_whois_failed', params: { reason } },
  });
  return (domain, timeoutMs) =>
    ask(target, `${domain}/e\r\n`, timeoutMs).then(
      (data): RdapResult => {
        const text = decodeWhois(new Uint8Array(Buffer.from(data, 'latin1')));
        if (text === null) return failed('unknown encoding');
        const record = parseJprsWhois(text);
        if (record.found && record.domain !== domain) return failed('answer for another domain');
        return jprsToRegistration(record);
      },
      (e: Error) => failed(e.message),
    );
}

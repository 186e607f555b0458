// The registry's WHOIS over port 43 for TLDs without RDAP (.jp), through the maintained `whois` client library
// (its server list sends .jp to whois.jprs.jp with "/e", JPRS's English output). Bytes are kept as they came
// (latin1 is one byte a character) and decoded by the engine, which also reads older Japanese encodings.
import { lookup } from 'whois';
import { decodeWhois, jprsToRegistration, parseJprsWhois } from '../core/sources/jprs-whois';
import type { RdapResult, WhoisLookup } from '../core/sources/rdap';

/** `server`: "host:port" to ask instead of the registry's own (tests, the offline lab). */
export function nodeWhois(server?: string): WhoisLookup {
  return (domain, timeoutMs) =>
    new Promise<RdapResult>((resolve) => {
      const [host, port] = server ? server.split(':') : [];
      const target = server ? { host, port: Number(port || 43), query: '$addr/e\r\n' } : undefined;
      lookup(
        domain,
        { server: target, follow: 0, timeout: timeoutMs, encoding: 'latin1' } as never,
        (err: Error | null, data: unknown) => {
          if (err) {
            resolve({
              ok: false,
              kind: 'error',
              reason: `WHOIS: ${err.message}`,
              text: { key: 'note_whois_failed', params: { reason: err.message } },
            });
            return;
          }
          const text = decodeWhois(new Uint8Array(Buffer.from(typeof data === 'string' ? data : '', 'latin1')));
          if (text === null) {
            resolve({
              ok: false,
              kind: 'error',
              reason: 'WHOIS answer in an unknown encoding',
              text: { key: 'note_whois_failed', params: { reason: 'unknown encoding' } },
            });
            return;
          }
          const record = parseJprsWhois(text);
          if (record.found && record.domain !== domain) {
            resolve({
              ok: false,
              kind: 'error',
              reason: 'WHOIS answered for another domain',
              text: { key: 'note_whois_failed', params: { reason: 'answer for another domain' } },
            });
            return;
          }
          resolve(jprsToRegistration(record));
        },
      );
    });
}

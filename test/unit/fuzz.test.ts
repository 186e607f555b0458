// Hostile input: random and truncated DNS messages, junk JSON from CT, RDAP and the status page. Nothing may
// throw; a source with junk is skipped with a reason; junk DNS makes the verdict "unknown".
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import dnsPacket from 'dns-packet';
import { decodeMessage } from '../../src/core/dns/wire';
import { DohResolver } from '../../src/core/dns/resolver';
import { diagnose } from '../../src/core/engine/diagnose';
import type { HttpClient, HttpResponse } from '../../src/core/network/net';
import { fetchCaStatus } from '../../src/core/sources/ca-status';
import { fetchIssuances } from '../../src/core/sources/ct';
import { fetchRdap } from '../../src/core/sources/rdap';

const enc = new TextEncoder();
const reply = (body: Uint8Array | string, status = 200): HttpResponse => ({
  status,
  headers: {},
  body: typeof body === 'string' ? enc.encode(body) : body,
  url: 'http://x/',
});
const clock = { now: () => Date.parse('2026-11-28T00:00:00Z') };

const valid = new Uint8Array(
  dnsPacket.encode({
    type: 'response',
    id: 0,
    flags: 0x8180,
    questions: [{ type: 'A', name: 'example.jp' }],
    answers: [
      { type: 'A', name: 'example.jp', ttl: 300, data: '192.0.2.1' },
      { type: 'TXT', name: 'example.jp', ttl: 300, data: ['<script>alert(1)</script>'] },
    ],
  }),
);

describe('fuzz: DNS wire decoding', () => {
  it('random bytes never throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        decodeMessage(bytes);
      }),
      { numRuns: 5000 },
    );
  });
  it('every truncation and random corruption of a valid message is handled', () => {
    for (let i = 0; i < valid.length; i++) decodeMessage(valid.subarray(0, i));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        (edits) => {
          const b = valid.slice();
          for (const [i, v] of edits) b[i] = v;
          const d = decodeMessage(b);
          if (!('error' in d)) for (const r of d.answers) assert.equal(typeof r.value, 'string');
        },
      ),
      { numRuns: 3000 },
    );
  });
  it('junk from the resolver makes the verdict unknown, never ok', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (junk) => {
        const http: HttpClient = async () => reply(junk);
        const report = await diagnose('example.jp', {
          resolver: new DohResolver({ endpoints: ['https://doh.test/dns-query'], http, clock }),
          http,
          clock,
          tier: 'automatic',
        });
        assert.notEqual(report.verdict, 'ok');
      }),
      { numRuns: 200 },
    );
  });
});

const junkJson = fc.oneof(
  fc.json(),
  fc.string(),
  fc.constant('{"result":'),
  fc.constant('[{"dns_names":"<img src=x onerror=alert(1)>","not_before":42}]'),
  fc.constant('{"events":[{"eventAction":"expiration","eventDate":"tomorrow"}],"status":"active"}'),
  fc.constant('{"result":{"status_overall":{"status_code":"100"}}}'),
);

describe('fuzz: CT, RDAP and status JSON', () => {
  it('never throw and always give a typed answer', async () => {
    await fc.assert(
      fc.asyncProperty(junkJson, fc.constantFrom(200, 404, 429, 500), async (body, status) => {
        const http: HttpClient = async () => reply(body, status);
        const ct = await fetchIssuances(
          http,
          [
            { kind: 'certspotter', base: 'https://ct.test' },
            { kind: 'crtsh', base: 'https://crtsh.test' },
          ],
          'example.jp',
          1000,
        );
        if (ct.ok)
          for (const i of ct.issuances) {
            assert.ok(Array.isArray(i.names));
            assert.ok(!Number.isNaN(Date.parse(i.notAfter)));
          }
        else assert.ok(ct.reason.length > 0);
        const rdap = await fetchRdap(http, 'https://rdap.test', 'example.jp', 1000);
        if (rdap.ok) assert.ok(rdap.expiration === null || !Number.isNaN(Date.parse(rdap.expiration)));
        else assert.ok(rdap.reason.length > 0);
        const st = await fetchCaStatus(http, 'https://status.test', 1000);
        if (st.ok) assert.equal(typeof st.statusCode, 'number');
        else assert.ok(st.reason.length > 0);
      }),
      { numRuns: 300 },
    );
  });
  it('a network failure in every optional source is a note, not an unknown verdict', async () => {
    const dnsOk: HttpClient = async (url) => {
      if (!url.startsWith('https://doh.test/')) throw new Error('connection reset');
      return reply(valid);
    };
    const report = await diagnose('example.jp', {
      resolver: new DohResolver({ endpoints: ['https://doh.test/dns-query'], http: dnsOk, clock }),
      http: dnsOk,
      clock,
      tier: 'full',
      ct: [{ kind: 'certspotter', base: 'https://ct.test' }],
      rdapBase: 'https://rdap.test',
      caStatusUrl: 'https://status.test',
    });
    assert.notEqual(report.verdict, 'unknown');
    for (const s of ['ct', 'rdap', 'ca-status'] as const) {
      const n = report.notes.find((x) => x.source === s);
      assert.equal(n?.status, 'failed', s);
      assert.match(n!.reason!, /connection reset/);
    }
  });
});

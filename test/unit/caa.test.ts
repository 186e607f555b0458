import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { caaAllows, type CaaSet } from '../../src/core/checks/caa';

const set = (...records: [number, string, string][]): CaaSet => ({ owner: 'example.jp', records: records.map(([flags, tag, value]) => ({ flags, tag, value })) });
const LE = ['letsencrypt.org'];

describe('caaAllows (RFC 8659 as Boulder applies it)', () => {
  it('allows a listed CA and refuses an unlisted one', () => {
    assert.deepEqual(caaAllows(set([0, 'issue', 'letsencrypt.org']), LE, 'http-01'), { allowed: true });
    const r = caaAllows(set([0, 'issue', 'digicert.com']), LE, 'http-01');
    assert.equal(r.allowed, false);
  });
  it('an empty issue value forbids everyone', () => {
    assert.equal(caaAllows(set([0, 'issue', ';']), LE, 'http-01').allowed, false);
  });
  it('a set with only iodef restricts nothing', () => {
    assert.equal(caaAllows(set([0, 'iodef', 'mailto:x@example.jp']), LE, 'http-01').allowed, true);
  });
  it('an unknown tag with flag 128 or 1 is critical', () => {
    assert.equal(caaAllows(set([0, 'issue', 'letsencrypt.org'], [128, 'tbs', 'x']), LE, 'http-01').allowed, false);
    assert.equal(caaAllows(set([0, 'issue', 'letsencrypt.org'], [1, 'tbs', 'x']), LE, 'http-01').allowed, false);
    assert.equal(caaAllows(set([0, 'issue', 'letsencrypt.org'], [0, 'tbs', 'x']), LE, 'http-01').allowed, true);
  });
  it('validationmethods restricts the method', () => {
    assert.equal(caaAllows(set([0, 'issue', 'letsencrypt.org; validationmethods=dns-01']), LE, 'http-01').allowed, false);
    assert.equal(caaAllows(set([0, 'issue', 'letsencrypt.org; validationmethods=dns-01,http-01']), LE, 'http-01').allowed, true);
    assert.equal(caaAllows(set([0, 'issue', 'Letsencrypt.org ; accounturi=https://acme-v02.api.letsencrypt.org/acme/acct/1']), LE, 'http-01').allowed, true);
  });
});

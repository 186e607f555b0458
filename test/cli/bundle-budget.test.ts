// The popup opens on every click: its bundle stays within its budget (docs/design.md "Budgets": ≤ 30 KB gzip).
// Deterministic (a size, not a time), so it is asserted here; npm run bench reports every bundle. It caught a
// timeline import that pulled the Public Suffix List into the popup (59.8 KB).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../e2e/harness';

describe('bundle budget', () => {
  for (const browser of ['chrome', 'firefox']) {
    it(`${browser} popup.js ≤ 30 KB gzip`, () => {
      const kb = gzipSync(readFileSync(path.join(ROOT, 'dist', browser, 'popup.js')), { level: 9 }).length / 1024;
      assert.ok(kb <= 30, `popup.js is ${kb.toFixed(1)} KB gzip`);
    });
  }
});

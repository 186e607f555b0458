// The popup opens on every click: its bundle stays within its budget (docs/design.md "Budgets": ≤ 30 KB gzip); the
// worker must not grow. Deterministic (a size, not a time), so it is asserted here; npm run bench reports every
// bundle. It caught a timeline import that pulled the Public Suffix List into the popup (59.8 KB).
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
    // The worker's budget (docs/design.md "Budgets") is 90 KB gzip and it is NOT met yet. Measured (zlib level 9):
    // 94.3 (Chrome) / 94.7 (Firefox) before the providers' published ranges; 92.2 / 92.5 with them and without
    // webextension-polyfill; 94.3 / 94.6 once the worker also asks the CA (src/core/acme); 95.1 / 95.4 with the
    // check registry; 97.7 / 98.1 with per-check deadlines; 100.8 / 101.2 with DNS warmed at the navigation's start
    // (2026-12-05); 104.6 / 105.0 with the renewer model (who renews, lifetimes, DNS validation) and the serialised
    // storage writer; 104.9 / 105.2 with the watch list's lifetime-relative check interval; 105.5 / 105.8 with the
    // hosts' pages for installing a bought certificate and lifetime-relative notifications (2026-12, issue #21);
    // 107.1 / 107.5 with RENEWAL_INTERVAL_TOO_LONG (CT history, the renewal rhythm, the lifetime calendar).
    // About half is the Public Suffix List (tldts; tldts-experimental measured 1 KB larger). This guard stops
    // growth; lower it as the worker shrinks, down to 90.
    it(`${browser} background.js ≤ 108 KB gzip (no growth; the budget of 90 KB is not met yet)`, () => {
      const kb = gzipSync(readFileSync(path.join(ROOT, 'dist', browser, 'background.js')), { level: 9 }).length / 1024;
      assert.ok(kb <= 108, `background.js is ${kb.toFixed(1)} KB gzip`);
    });
  }
});

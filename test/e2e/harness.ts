// Drives the built extension in a real Chromium (playwright-core) and a real Firefox ESR (puppeteer-core over
// WebDriver BiDi), both reaching lab sites by their real-looking names through the lab's forward proxy.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { chromium, type BrowserContext, type Page as PwPage, type Worker } from 'playwright-core';
import puppeteer, { type Browser as PpBrowser, type Page as PpPage } from 'puppeteer-core';
import type { Lab } from '../lab/server';
import { GECKO_ID } from '../../scripts/manifest.mjs';
import type { Requests, TabState } from '../../src/shared/messages';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export type { TabState } from '../../src/shared/messages';
export type Badge = Requests['getBadge']['res'];

/** The options page's fields by their English label: their ids work whatever language the page is in. */
export const FIELD_IDS: Record<string, string> = {
  'DNS-over-HTTPS resolver': 'doh',
  'Certificate Transparency API': 'ct',
  'CA status URL': 'caStatus',
  'RDAP server': 'rdap',
  'ACME directory for renewal information (ARI)': 'acmeDirectory',
  'ACME directory for “Ask the CA”': 'dryRunDirectory',
};

/** The options page's endpoint fields pointed at the lab (what every suite's browser is configured with). */
export const labEndpoints = (lab: Lab) => ({
  'DNS-over-HTTPS resolver': lab.dohUrl,
  'Certificate Transparency API': lab.ctBase,
  'CA status URL': lab.caStatusUrl(),
  'RDAP server': lab.rdapBase,
  'ACME directory for renewal information (ARI)': `${lab.apiBase}/acme/directory`,
});

export interface ExtensionBrowser {
  name: 'chromium' | 'firefox';
  /** Fills the options page like a user would and presses Save. */
  configure(
    fields: Partial<
      Record<
        | 'DNS-over-HTTPS resolver'
        | 'Certificate Transparency API'
        | 'CA status URL'
        | 'RDAP server'
        | 'ACME directory for renewal information (ARI)'
        | 'ACME directory for “Ask the CA”',
        string
      >
    >,
    lang?: 'auto' | 'en' | 'ja',
  ): Promise<void>;
  /** Opens url in a new tab (or the given one); returns the tab id. */
  visit(url: string, tabId?: number): Promise<number>;
  state(tabId: number): Promise<TabState | null>;
  badge(tabId: number): Promise<Badge>;
  /** Waits until the tab's automatic check has finished, returns the badge. */
  settled(tabId: number, timeoutMs?: number, url?: string): Promise<{ state: TabState; badge: Badge }>;
  /** Opens popup.html?tab=id, waits for the final render, returns its text; screenshot when a path is given. */
  popup(tabId: number, screenshot?: string, opts?: { dark?: boolean }): Promise<string>;
  /** Opens the popup for a tab, waits for the final render, opens every <details>, evaluates `expr` there. */
  popupProbe<T>(tabId: number, expr: string): Promise<T>;
  /** Opens an extension page (e.g. "options.html"), waits until `ready` (an expression) is true, opens every
   * <details>, evaluates `expr` there. */
  pageProbe<T>(pagePath: string, ready: string, expr: string): Promise<T>;
  /** Chromium: the tab's popup on a 1280×800 canvas with a caption (the stores' screenshot size). */
  storeScreenshot?(tabId: number, caption: { title: string; sub: string }, file: string): Promise<void>;
  /** Runs code in an extension page, where the extension APIs are available. */
  evalExtension<T>(fn: string): Promise<T>;
  /** Asks the worker, as the popup and options page do (the typed protocol of src/shared/messages.ts). */
  request<K extends keyof Requests>(type: K, req: Requests[K]['req']): Promise<Requests[K]['res']>;
  close(): Promise<void>;
}

export async function poll<T>(
  fn: () => Promise<T | undefined | null | false>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

export function requireBrowser(p: string, pkg: string) {
  if (!existsSync(p))
    throw new Error(
      `${p} is missing: install it with "apt-get install -y ${pkg}" (a missing browser is a failure, not a skip)`,
    );
}

// ---------------- Chromium ----------------
export async function launchChromium(
  lab: Lab,
  opts: { viewport?: { width: number; height: number }; headless?: boolean } = {},
): Promise<ExtensionBrowser & { ctx: BrowserContext; worker(): Promise<Worker> }> {
  requireBrowser(CHROMIUM, 'chromium');
  requireBrowser('/usr/bin/certutil', 'libnss3-tools');
  const dist = path.join(ROOT, 'dist', 'chrome');
  const userDir = mkdtempSync(path.join(os.tmpdir(), 'rr-chromium-'));
  // Chromium on Linux trusts the NSS store under $HOME/.pki/nssdb: a private HOME trusts the lab CA, so an
  // expired or mismatched lab certificate is refused as it would be in real life.
  const home = mkdtempSync(path.join(os.tmpdir(), 'rr-chromium-home-'));
  const nss = path.join(home, '.pki', 'nssdb');
  mkdirSync(nss, { recursive: true });
  execFileSync('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']);
  execFileSync('certutil', ['-A', '-n', 'renewal-radar-lab', '-t', 'C,,', '-i', lab.caPemPath, '-d', `sql:${nss}`]);
  const ctx = await chromium.launchPersistentContext(userDir, {
    executablePath: CHROMIUM,
    headless: opts.headless ?? true,
    channel: 'chromium',
    env: { ...process.env, HOME: home },
    viewport: opts.viewport ?? { width: 1000, height: 800 },
    args: [
      `--disable-extensions-except=${dist}`,
      `--load-extension=${dist}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      `--proxy-server=${lab.proxyUrl}`,
    ],
  });
  const worker = async () => ctx.serviceWorkers()[0] ?? ctx.waitForEvent('serviceworker', { timeout: 15_000 });
  const extId = new URL((await worker()).url()).host;
  const extPage = async (): Promise<PwPage> => {
    const p = ctx.pages().find((x) => x.url().startsWith(`chrome-extension://${extId}/options.html`));
    if (p) return p;
    const page = await ctx.newPage();
    await page.goto(`chrome-extension://${extId}/options.html`);
    return page;
  };
  const evalExtension = async <T>(fn: string): Promise<T> => (await extPage()).evaluate(`(${fn})()`) as Promise<T>;
  const self: ExtensionBrowser & { ctx: BrowserContext; worker(): Promise<Worker> } = {
    name: 'chromium',
    ctx,
    worker,
    async configure(fields, lang) {
      const page = await extPage();
      await page.reload();
      await page.waitForSelector('form');
      const adv = page.locator('details');
      if (!(await adv.evaluate((d: HTMLDetailsElement) => d.open))) await page.locator('details summary').click();
      for (const [label, value] of Object.entries(fields)) await page.locator(`#${FIELD_IDS[label]}`).fill(value ?? '');
      if (lang) await page.locator('#lang').selectOption(lang);
      await page.locator('button[type=submit].primary').click();
      await page.waitForSelector('[role=status].ok, [role=status].error', { timeout: 5000 });
      const err = await page.locator('[role=status].error').count();
      if (err) throw new Error(`options refused: ${await page.locator('[role=status]').textContent()}`);
    },
    async visit(url, tabId) {
      if (tabId !== undefined) {
        await evalExtension(`async () => chrome.tabs.update(${tabId}, { url: ${JSON.stringify(url)} })`);
        return tabId;
      }
      const page = await ctx.newPage();
      await page.goto(url, { waitUntil: 'commit' }).catch(() => {});
      return poll(
        () =>
          evalExtension<number | undefined>(
            `async () => (await chrome.tabs.query({})).find((t) => (t.url || t.pendingUrl || '').startsWith(${JSON.stringify(url)}))?.id`,
          ),
        10_000,
        `tab for ${url}`,
      );
    },
    request: (type, req) =>
      evalExtension(`async () => chrome.runtime.sendMessage(${JSON.stringify({ type, ...req })})`),
    state: (tabId) => self.request('peekTab', { tabId }),
    badge: (tabId) => self.request('getBadge', { tabId }),
    async settled(tabId, timeoutMs = 20_000, url) {
      const state = await poll(
        async () => {
          const s = await self.state(tabId);
          return s?.status === 'done' && (!url || s.url.startsWith(url)) ? s : null;
        },
        timeoutMs,
        `tab ${tabId} check`,
      );
      return { state, badge: await self.badge(tabId) };
    },
    async popup(tabId, screenshot, o = {}) {
      const page = await ctx.newPage();
      await page.setViewportSize({ width: 400, height: 600 });
      if (o.dark) await page.emulateMedia({ colorScheme: 'dark' });
      await page.goto(`chrome-extension://${extId}/popup.html?tab=${tabId}`);
      await page.waitForFunction(
        () => {
          const s = document.body.dataset.state;
          return s && s !== 'checking';
        },
        undefined,
        { timeout: 20_000 },
      );
      if (screenshot) {
        mkdirSync(path.dirname(screenshot), { recursive: true });
        await page.screenshot({ path: screenshot, fullPage: true });
      }
      const text = await page.locator('body').innerText();
      await page.close();
      return text;
    },
    popupProbe: (tabId, expr) =>
      self.pageProbe(
        `popup.html?tab=${tabId}`,
        '(() => { const s = document.body.dataset.state; return Boolean(s && s !== "checking"); })()',
        expr,
      ),
    async storeScreenshot(tabId, caption, file) {
      const page = await ctx.newPage();
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`chrome-extension://${extId}/popup.html?tab=${tabId}`);
      await page.waitForFunction(
        () => {
          const s = document.body.dataset.state;
          return s && s !== 'checking';
        },
        undefined,
        { timeout: 20_000 },
      );
      // The popup as the toolbar shows it, on a 1280×800 canvas with one line saying what it shows (text nodes only).
      await page.evaluate(
        ([title, sub]) => {
          const app = document.getElementById('app')!;
          const card = document.createElement('div');
          card.style.cssText =
            'width:400px;max-height:720px;overflow:hidden;border-radius:12px;box-shadow:0 12px 40px rgba(0,0,0,.35);background:var(--bg)';
          const text = document.createElement('div');
          text.style.cssText = 'width:560px;color:#fff;font:600 36px/1.3 system-ui,"Noto Sans CJK JP",sans-serif';
          const h = document.createElement('p');
          h.textContent = title;
          h.style.margin = '0 0 24px';
          const p = document.createElement('p');
          p.textContent = sub;
          p.style.cssText = 'margin:0;font-weight:400;font-size:24px;opacity:.85';
          text.append(h, p);
          document.body.className = '';
          document.body.style.cssText =
            'margin:0;width:1280px;height:800px;display:flex;align-items:center;justify-content:space-evenly;background:linear-gradient(135deg,#17324d,#2b5876)';
          app.parentNode!.insertBefore(card, app);
          card.append(app);
          document.body.prepend(text);
        },
        [caption.title, caption.sub],
      );
      mkdirSync(path.dirname(file), { recursive: true });
      await page.screenshot({ path: file });
      await page.close();
    },
    async pageProbe(pagePath, ready, expr) {
      const page = await ctx.newPage();
      await page.setViewportSize({ width: 400, height: 600 });
      await page.goto(`chrome-extension://${extId}/${pagePath}`);
      await poll(() => page.evaluate(ready), 20_000, pagePath);
      await page.evaluate('document.querySelectorAll("details").forEach((d) => { d.open = true; })');
      const r = (await page.evaluate(expr)) as never;
      await page.close();
      return r;
    },
    evalExtension,
    close: () => ctx.close(),
  };
  return self;
}

// ---------------- Firefox ----------------
/** consent: give Firefox's data-transmission consent as a user would, with the options page's Allow button. */
export async function launchFirefox(
  lab: Lab,
  opts: { consent?: boolean } = {},
): Promise<ExtensionBrowser & { browser: PpBrowser }> {
  requireBrowser(FIREFOX, 'firefox-esr');
  const dist = path.join(ROOT, 'dist', 'firefox');
  const profile = mkdtempSync(path.join(os.tmpdir(), 'rr-firefox-'));
  // Trust the lab CA in the profile so getSecurityInfo returns the site's certificate (self-signed would not).
  execFileSync('certutil', ['-N', '-d', `sql:${profile}`, '--empty-password']);
  execFileSync('certutil', ['-A', '-n', 'renewal-radar-lab', '-t', 'C,,', '-i', lab.caPemPath, '-d', `sql:${profile}`]);
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': lab.proxyPort,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': lab.proxyPort,
      'network.proxy.share_proxy_settings': false,
      'network.proxy.allow_hijacking_localhost': false,
      'network.dns.disablePrefetch': true,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
      'dom.security.https_only_mode': false,
      'security.enterprise_roots.enabled': false,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      // permissions.request still needs the user's click; this only skips the doorhanger a headless browser cannot show.
      'extensions.webextOptionalPermissionPrompts': false,
    },
  });
  await browser.installExtension(dist);
  const base = `moz-extension://${uuid}`;
  let ext: PpPage | null = null;
  const extPage = async (): Promise<PpPage> => {
    if (ext && !ext.isClosed()) return ext;
    ext = await browser.newPage();
    // goto on moz-extension:// never resolves: fire it and poll the location.
    void ext.goto(`${base}/options.html`).catch(() => {});
    await poll(
      () =>
        ext!
          .evaluate(() => location.href.startsWith('moz-extension://') && document.querySelector('form') !== null)
          .catch(() => false),
      15_000,
      'Firefox options page',
    );
    return ext;
  };
  const evalExtension = async <T>(fn: string): Promise<T> => (await extPage()).evaluate(`(${fn})()`) as Promise<T>;
  const self: ExtensionBrowser & { browser: PpBrowser } = {
    name: 'firefox',
    browser,
    async configure(fields, lang) {
      const dbg = (m: string) => {
        if (process.env.DEBUG_E2E) console.log(`  [firefox configure] ${new Date().toISOString().slice(17, 23)} ${m}`);
      };
      const page = await extPage();
      dbg('page');
      await page.evaluate(() => {
        const d = document.querySelector('details');
        if (d && !d.open) (d.querySelector('summary') as HTMLElement).click();
      });
      for (const [label, value] of Object.entries(fields)) {
        const id = FIELD_IDS[label];
        if (!id) throw new Error(`no field labelled ${label}`);
        dbg(`field ${label}`);
        // Focus and select like a user tabbing into the field (BiDi clicks with a count are very slow in Firefox).
        await page.focus(`#${id}`);
        await page.evaluate((i) => {
          (document.getElementById(i) as HTMLInputElement).select();
        }, id);
        await page.keyboard.press('Backspace');
        if (value) await page.type(`#${id}`, value);
      }
      dbg('typed');
      if (lang) await page.select('#lang', lang);
      await page.evaluate(() => (document.querySelector('button[type=submit].primary') as HTMLButtonElement).click());
      const status = await poll(
        () =>
          page.evaluate(() => {
            const s = document.querySelector('[role=status]');
            return s && (s.classList.contains('ok') || s.classList.contains('error'))
              ? { ok: s.classList.contains('ok'), text: s.textContent }
              : null;
          }),
        5000,
        'save',
      );
      if (!status.ok) throw new Error(`options refused: ${status.text}`);
    },
    async visit(url, tabId) {
      if (tabId !== undefined) {
        await evalExtension(`async () => browser.tabs.update(${tabId}, { url: ${JSON.stringify(url)} })`);
        return tabId;
      }
      const page = await browser.newPage();
      void page.goto(url).catch(() => {});
      return poll(
        () =>
          evalExtension<number | undefined>(
            `async () => (await browser.tabs.query({})).find((t) => (t.url || '').startsWith(${JSON.stringify(url)}))?.id`,
          ),
        15_000,
        `tab for ${url}`,
      );
    },
    request: (type, req) =>
      evalExtension(`async () => browser.runtime.sendMessage(${JSON.stringify({ type, ...req })})`),
    state: (tabId) => self.request('peekTab', { tabId }),
    badge: (tabId) => self.request('getBadge', { tabId }),
    async settled(tabId, timeoutMs = 20_000, url) {
      const state = await poll(
        async () => {
          const s = await self.state(tabId);
          return s?.status === 'done' && (!url || s.url.startsWith(url)) ? s : null;
        },
        timeoutMs,
        `tab ${tabId} check`,
      );
      return { state, badge: await self.badge(tabId) };
    },
    async popup(tabId, screenshot) {
      const page = await browser.newPage();
      await page.setViewport({ width: 400, height: 600 });
      // WebDriver BiDi has no media emulation: dark-mode screenshots come from Chromium (same CSS).
      void page.goto(`${base}/popup.html?tab=${tabId}`).catch(() => {});
      await poll(
        () =>
          page
            .evaluate(() => {
              const s = document.body?.dataset.state;
              return Boolean(s && s !== 'checking');
            })
            .catch(() => false),
        20_000,
        'Firefox popup',
      );
      if (screenshot) {
        mkdirSync(path.dirname(screenshot), { recursive: true });
        await page.screenshot({ path: screenshot as `${string}.png`, fullPage: true });
      }
      const text = await page.evaluate(() => document.body.innerText);
      await page.close();
      return text;
    },
    popupProbe: (tabId, expr) =>
      self.pageProbe(
        `popup.html?tab=${tabId}`,
        '(() => { const s = document.body?.dataset.state; return Boolean(s && s !== "checking"); })()',
        expr,
      ),
    async pageProbe(pagePath, ready, expr) {
      const page = await browser.newPage();
      await page.setViewport({ width: 400, height: 600 });
      void page.goto(`${base}/${pagePath}`).catch(() => {});
      await poll(() => page.evaluate(ready).catch(() => false), 20_000, `Firefox ${pagePath}`);
      await page.evaluate('document.querySelectorAll("details").forEach((d) => { d.open = true; })');
      const r = (await page.evaluate(expr)) as never;
      await page.close();
      return r;
    },
    evalExtension,
    close: () => browser.close(),
  };
  if (opts.consent !== false) {
    const page = await extPage();
    await page.waitForSelector('#consent-allow', { timeout: 10_000 });
    await page.click('#consent-allow');
    await poll(
      () =>
        evalExtension<boolean>(`async () => browser.permissions.contains({ data_collection: ['browsingActivity'] })`),
      10_000,
      'consent',
    );
  }
  return self;
}

// The extension API without webextension-polyfill (3 KB gzip of every bundle): the extension builds alias
// 'webextension-polyfill' to this file (webpack.config.js); the types still come from the polyfill's package.
// - Firefox has its own promise-based `browser`: the polyfill hands back exactly that object there.
// - Chrome's `chrome` returns promises in MV3 (manifest minimum_chrome_version 121) for every call we make. What it
//   lacks is a runtime.onMessage listener answering with a promise, and the polyfill's conventions around it: a
//   rejection travels back as a marked object and rejects the sender's promise; "the message port closed before a
//   response was received" (no listener answered) resolves to undefined. Those two members are adapted here, as
//   the polyfill does (https://github.com/mozilla/webextension-polyfill, "runtime.onMessage").
import type Browser from 'webextension-polyfill';

type SendResponse = (response: unknown) => void;
type ChromeListener = (message: unknown, sender: unknown, sendResponse: SendResponse) => boolean;
type Listener = (message: unknown, sender: unknown) => unknown;
interface ChromeEvent {
  addListener(l: ChromeListener): void;
  removeListener(l: ChromeListener): void;
  hasListener(l: ChromeListener): boolean;
}
interface ChromeRuntime {
  onMessage: ChromeEvent;
  sendMessage(...args: unknown[]): Promise<unknown>;
}

const REJECTED = '__renewalRadarRejected__';
const NO_ANSWER = 'The message port closed before a response was received.';

function chromeAsBrowser(chrome: { runtime: ChromeRuntime }): typeof Browser {
  const wrapped = new WeakMap<Listener, ChromeListener>();
  const onMessage = {
    addListener(listener: Listener) {
      const w: ChromeListener = (message, sender, sendResponse) => {
        const result = listener(message, sender) as Promise<unknown> | undefined;
        if (!result || typeof result.then !== 'function') return false;
        result.then(sendResponse, (e: unknown) =>
          sendResponse({ [REJECTED]: true, message: e instanceof Error ? e.message : String(e) }),
        );
        return true; // sendResponse is called later
      };
      wrapped.set(listener, w);
      chrome.runtime.onMessage.addListener(w);
    },
    removeListener(listener: Listener) {
      const w = wrapped.get(listener);
      if (w) chrome.runtime.onMessage.removeListener(w);
    },
    hasListener(listener: Listener) {
      const w = wrapped.get(listener);
      return w !== undefined && chrome.runtime.onMessage.hasListener(w);
    },
  };
  const sendMessage = async (...args: unknown[]) => {
    let answer: unknown;
    try {
      answer = await chrome.runtime.sendMessage(...args);
    } catch (e) {
      if (e instanceof Error && e.message === NO_ANSWER) return undefined;
      throw e;
    }
    if (answer && typeof answer === 'object' && REJECTED in answer)
      throw new Error(String((answer as { message?: unknown }).message));
    return answer;
  };
  const bound = <T extends object>(target: T, own: Record<string, unknown>) =>
    new Proxy(target, {
      get(t, key) {
        if (typeof key === 'string' && key in own) return own[key];
        const value = Reflect.get(t, key);
        return typeof value === 'function' ? value.bind(t) : value;
      },
    });
  const runtime = bound(chrome.runtime, { onMessage, sendMessage });
  return bound(chrome, { runtime }) as unknown as typeof Browser;
}

const g = globalThis as unknown as { browser?: typeof Browser; chrome: { runtime: ChromeRuntime } };
// Firefox's own object (the polyfill's test: a plain object named `browser` would be some page's shim, not it).
const native = g.browser !== undefined && Object.getPrototypeOf(g.browser) !== Object.prototype;
const api: typeof Browser = native ? g.browser! : chromeAsBrowser(g.chrome);
export default api;

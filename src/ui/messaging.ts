// The pages' side of the one typed protocol (src/shared/messages.ts): requests, and the popup's port.
import browser from 'webextension-polyfill';
import type { FromWorker, Requests, ToWorker } from '../shared/messages';
import { POPUP_PORT } from '../shared/messages';

export function send<K extends keyof Requests>(type: K, req: Requests[K]['req']): Promise<Requests[K]['res']> {
  return browser.runtime.sendMessage({ type, ...req });
}

export interface PopupPort {
  post(m: ToWorker): void;
  onMessage(listener: (m: FromWorker) => void): void;
  disconnect(): void;
}

/** The port a popup keeps open while a full check streams its partial reports. */
export function connectPopupPort(): PopupPort {
  const port = browser.runtime.connect({ name: POPUP_PORT });
  return {
    post: (m) => port.postMessage(m),
    onMessage: (listener) => port.onMessage.addListener((m: unknown) => listener(m as FromWorker)),
    disconnect: () => port.disconnect(),
  };
}

/** The one symbol per verdict and severity, beside its words (never instead of them). */
export const ICON: Record<string, string> = {
  fail: '✖',
  warn: '▲',
  unknown: '?',
  info: 'ℹ',
  ok: '✔',
  'not-applicable': '–',
  checking: '…',
};

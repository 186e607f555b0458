// One sanitiser for every text a person reads (CLI human output, Copy report, notifications, file names, the
// popup): DNS names, TXT records and certificate fields are chosen by whoever runs the site or its reverse
// zone. Control characters (C0 but newline/tab where the format has lines, DEL, C1), bidi embeddings,
// overrides, isolates and marks, and other invisible format characters become visible escapes ("\x1b",
// "\u202e"), so an ESC [2J cannot clear a screen, an OSC cannot retitle a terminal or write the clipboard, and
// U+202E cannot make a line read backwards. Overlong values are cut with a visible marker.

// Cc (C0, DEL, C1), Cf (bidi controls, zero-width and other format characters, BOM, soft hyphen), Zl/Zp
// (line and paragraph separators), Cs (lone surrogates), Co? no: private-use characters are visible glyphs.
// U+2065 is unassigned (Cn) but sits among the invisible operators and bidi isolates (U+2060–U+206F) and is
// default-ignorable: a renderer draws nothing for it, so it is escaped too.
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u2065]/gu;
const UNSAFE_ONE = /^[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u2065]$/u;

export interface DisplayOptions {
  /** Keep "\n" (and "\t") as they are: for formats made of lines. Default false. */
  multiline?: boolean;
  /** Cut after this many characters with a visible marker. Default 2000. */
  maxLength?: number;
}

function escapeChar(c: string): string {
  const code = c.codePointAt(0)!;
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`;
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `s` made safe to print: every control or invisible format character shown as an escape, overlong cut. */
export function displayText(s: string, opts: DisplayOptions = {}): string {
  const max = opts.maxLength ?? 2000;
  const cut = s.length > max ? s.slice(0, max) : s;
  // A surrogate pair split by the cut would leave a lone surrogate: it is escaped like any other.
  const safe = cut.replace(UNSAFE, (c) => (opts.multiline && (c === '\n' || c === '\t') ? c : escapeChar(c)));
  return s.length > max ? `${safe}… [+${s.length - max}]` : safe;
}

/** True when `s` has nothing displayText would change (tests, and cheap checks before rendering). */
export function isDisplaySafe(s: string): boolean {
  for (const c of s) if (UNSAFE_ONE.test(c) && c !== '\n') return false;
  return true;
}

/**
 * A DNS name in dig's presentation format (RFC 1035 §5.1, as dig prints it): bytes outside printable ASCII
 * become \DDD (decimal), and "\" and any character that is not a letter, digit, "-", "_", "*" or "." within
 * the printable range stays as it is except the backslash, which becomes "\\". The input is the decoded name
 * (labels joined by "."), as DNS libraries return it.
 */
export function dnsNameText(name: string): string {
  // The usual name: printable ASCII without a backslash is its own presentation form.
  if (/^[\x21-\x5b\x5d-\x7e]*$/.test(name)) return name;
  let out = '';
  for (const c of name) {
    const code = c.codePointAt(0)!;
    if (c === '\\') out += '\\\\';
    else if (code > 0x20 && code < 0x7f) out += c;
    else for (const b of new TextEncoder().encode(c)) out += `\\${b.toString().padStart(3, '0')}`;
  }
  return out;
}

/** JSON text with the characters JSON.stringify leaves raw (DEL, C1, bidi, separators) escaped as \uXXXX: the
 * same document when parsed, safe on a terminal. */
export function terminalSafeJson(json: string): string {
  // JSON.stringify already escapes C0 inside strings; any raw C0 left is structural whitespace.
  const unit = (c: string, i: number) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return json.replace(UNSAFE, (c) =>
    c.charCodeAt(0) < 0x20 ? c : c.length === 2 ? unit(c, 0) + unit(c, 1) : unit(c, 0),
  );
}

// A host name as its owner writes it: `ゆず農園.jp (xn--98jtep95kxl1c.jp)`. DNS, certificates, CT and the JSON
// report carry the A-label (RFC 5890 §2.3.2.1; RFC 5280 §7.2); only what a person reads shows the Unicode form, and
// always with the A-label beside it. The names come from DNS and certificates, chosen by whoever runs the site: a
// label is shown in Unicode only when it decodes cleanly and reads unambiguously, else the whole name stays the
// A-label alone. Deliberately narrower than IDNA2008 (a refused name is only less friendly, never wrong):
// - the label decodes (punycode.js, RFC 3492) and has a non-ASCII character (else it is no U-label: RFC 5890
//   §2.3.2.1). No re-encoding to compare: the label is lower-cased first, and punycode.js decodes no two
//   lowercase inputs to the same string (every input of up to 4 digits, with and without a basic part, checked);
// - letters and marks only besides ASCII letters, digits and hyphens (RFC 5892 §2.1), nothing default-ignorable
//   (bidi controls, zero-width and other format characters, Hangul fillers: RFC 5892 §2.3), nothing that NFKC or
//   lower-casing changes (RFC 5892 §2.2: full-width and half-width forms, capitals; RFC 5891 §5.4: NFC);
// - no hyphen at the start, the end or in the 3rd and 4th places, no combining mark first (RFC 5891 §4.2.3.1-2);
// - one script family per label, as UTS #39 §5.2 "Highly Restrictive" allows: ASCII letters with kanji, hiragana
//   and katakana (Japanese), with kanji and bopomofo (Chinese), with kanji and hangul (Korean), or with accented
//   Latin letters; a single script otherwise — Cyrillic or Greek with no ASCII letter, and not made only of letters
//   that look like Latin ones (UTS #39 §4, whole-script confusables: `аррӏе`). Right-to-left scripts (Arabic,
//   Hebrew) are not shown: the Bidi Rule (RFC 5893) and a name's reordering inside a left-to-right line are more
//   than this needs. Other scripts are not shown either (yet).
import { decode } from 'punycode/punycode.es6.js';
import { displayText } from './display-text';

/** The letters a label may hold besides ASCII: one family, with or without ASCII letters beside it. */
const FAMILIES: { letters: RegExp; ascii: boolean; lookalikes?: RegExp }[] = [
  // ー (U+30FC) and 々 (U+3005) are listed under these scripts too (Script_Extensions).
  { letters: /^[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]$/u, ascii: true },
  { letters: /^[\p{scx=Han}\p{scx=Bopomofo}]$/u, ascii: true },
  // Hangul syllables; conjoining jamo are refused (RFC 5892 §2.9), compatibility jamo change under NFKC.
  { letters: /^[\p{scx=Han}\uac00-\ud7a3]$/u, ascii: true },
  // Latin-1 and Latin Extended-A letters (é, ü, ß, ł…), Vietnamese (ơ, ư and the letters with two marks).
  { letters: /^[\u00df-\u00f6\u00f8-\u00ff\u0100-\u017f\u01a1\u01b0\u1ea1-\u1ef9]$/u, ascii: true },
  { letters: /^\p{sc=Cyrillic}$/u, ascii: false, lookalikes: /^[асԁеһіјӏорԛѕԝхуүѵҽѡьъгпк]$/u },
  { letters: /^\p{sc=Greek}$/u, ascii: false, lookalikes: /^[αγηικνορτυχωϲϳ]$/u },
];
/** A letter or a mark that is not default-ignorable (RFC 5892 §2.1, §2.3). */
const LETTER = /^(?!\p{Default_Ignorable_Code_Point})[\p{L}\p{M}]$/u;
const ASCII_LDH = /^[a-z0-9-]$/;

function inOneFamily(chars: string[]): boolean {
  const asciiLetters = chars.some((c) => /^[a-z]$/.test(c));
  const others = chars.filter((c) => !ASCII_LDH.test(c));
  return FAMILIES.some(
    (f) =>
      (f.ascii || !asciiLetters) &&
      others.every((c) => f.letters.test(c)) &&
      !(f.lookalikes && others.every((c) => f.lookalikes!.test(c))),
  );
}

/** The U-label of one lowercase `xn--` label when it is safe to show, else null. */
function uLabel(aLabel: string): string | null {
  const code = aLabel.slice(4);
  let u: string;
  try {
    u = decode(code);
  } catch {
    return null; // RangeError: invalid input, overflow, not basic
  }
  if (!/[^\x00-\x7f]/.test(u)) return null;
  if (u !== u.normalize('NFKC') || u !== u.toLowerCase()) return null;
  if (u.startsWith('-') || u.endsWith('-') || u.slice(2, 4) === '--' || /^\p{M}/u.test(u)) return null;
  const chars = [...u];
  if (chars.some((c) => !ASCII_LDH.test(c) && !LETTER.test(c))) return null;
  return inOneFamily(chars) ? u : null;
}

/**
 * The Unicode form of a host name (A-labels, as DNS and certificates carry it) when it has `xn--` labels and every
 * one of them is safe to show (see above); null otherwise — an ASCII name without `xn--`, or one that is refused.
 * Other labels (ASCII, a wildcard `*`) stay as they are, in lower case.
 */
export function unicodeHost(name: string): string | null {
  // 253 characters and 63 a label (RFC 1035 §2.3.4), a trailing dot allowed; nothing but ASCII in an A-label name.
  if (name.length > 254 || !/^[\w*.-]+$/.test(name) || !/(^|\.)xn--/i.test(name)) return null;
  const labels = name
    .toLowerCase()
    .replace(/\.$/, '')
    .split('.')
    .map((l) => (l === '' || l.length > 63 ? null : l.startsWith('xn--') ? uLabel(l) : l));
  return labels.includes(null) ? null : labels.join('.');
}

/**
 * A host name for a person: `ゆず農園.jp (xn--98jtep95kxl1c.jp)` when its Unicode form is safe to show, else the name
 * alone; through displayText either way (visible escapes, at most 300 characters), as every text from DNS is.
 * Never for JSON, commands, storage or requests: those keep the A-label.
 */
export function displayHost(name: string): string {
  const u = unicodeHost(name);
  return displayText(u === null ? name : `${u} (${name})`, { maxLength: 300 });
}

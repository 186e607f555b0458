// punycode.js 2.3.1 (the npm package, not Node's deprecated built-in module) ships no types. Imported by its ES
// module file: `punycode` alone would be Node's built-in module in the CLI's bundle (the package's README says so).
declare module 'punycode/punycode.es6.js' {
  /** RFC 3492: Punycode (the part after `xn--`) to Unicode; throws RangeError on invalid input or overflow. */
  export function decode(input: string): string;
  /** A domain name's non-ASCII labels to `xn--` labels, with no IDNA rules (tests build hostile names with it). */
  export function toASCII(input: string): string;
}

/** Escaping of user-provided strings for HTML and markdown output. */

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Control characters other than tab and line breaks: not allowed in HTML or XML text. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Escapes text for HTML element content and double- or single-quoted attribute values (control characters become U+FFFD). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML[c]!).replace(CONTROL, '\uFFFD');
}

/**
 * Escapes text for a markdown table cell or inline text: HTML is neutralised as entities,
 * markdown punctuation that could form emphasis, code, links or a table column is
 * backslash-escaped (an underscore inside a word cannot start emphasis and is left alone), and
 * line breaks become spaces.
 */
export function escapeMarkdown(s: string): string {
  return s
    .replace(CONTROL, '\uFFFD')
    .replace(/[\r\n]+/g, ' ')
    .replace(/[&<>]/g, (c) => HTML[c]!)
    .replace(/[\\`*[\]|~]|_(?![A-Za-z0-9])|(?<![A-Za-z0-9])_/g, (c) => `\\${c}`);
}

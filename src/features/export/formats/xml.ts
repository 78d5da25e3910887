/** Text and attribute values for the XML formats (GraphML, GEXF). */

/** Characters XML 1.0 cannot carry at all, even escaped: dropped (no source text should hold them). */
// eslint-disable-next-line no-control-regex -- the control characters XML allows are exactly what this names
const notXml = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escaped for element text and for attribute values alike. */
export function xmlText(value: string | number | boolean): string {
  return String(value)
    .replace(notXml, '')
    .replace(/[&<>"']/g, (char) => entities[char]!);
}

/** An XML comment's text: `--` may not occur inside one. */
export function xmlComment(text: string): string {
  return `<!-- ${text.replace(notXml, '').replace(/--/g, '- -')} -->`;
}

/**
 * The preview card (Reconciliation Service API 0.2, "Preview service"): a small HTML page that
 * OpenRefine shows in a pop-up beside a candidate, so a reviewer can tell namesakes apart. Every
 * value from the graph is escaped; the page runs no script and loads nothing.
 */
import type { CandidateRow } from './reconcile.repository';
import { previewSize, typeOf } from './manifest';

/** Most aliases a card lists, and the longest description it shows whole. */
const maxAliases = 6;
const maxDescription = 320;

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => escapes[char]!);
}

const shortened = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The card for `entity`, linking to it in the explorer at `viewUrl`. */
export function previewCard(entity: CandidateRow, viewUrl: string): string {
  const aliases = [...entity.localNames, ...entity.aliases].filter(
    (alias, index, all) => alias !== entity.name && all.indexOf(alias) === index,
  );
  const rows = [
    `<p class="type">${escapeHtml(typeOf(entity.type).name)} · <code>${escapeHtml(entity.id)}</code></p>`,
    aliases.length > 0
      ? `<p><b>Also:</b> ${escapeHtml(aliases.slice(0, maxAliases).join('; '))}${aliases.length > maxAliases ? ` (+${aliases.length - maxAliases})` : ''}</p>`
      : '',
    entity.countries.length > 0 ? `<p><b>Countries:</b> ${escapeHtml(entity.countries.join(', '))}</p>` : '',
    entity.description ? `<p>${escapeHtml(shortened(entity.description, maxDescription))}</p>` : '',
  ];
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(entity.name)}</title>
<style>body{font:13px/1.4 system-ui,sans-serif;margin:8px;max-width:${previewSize.width - 16}px}h1{font-size:15px;margin:0 0 4px}p{margin:2px 0}.type{color:#555}</style>
</head><body>
<h1><a href="${escapeHtml(viewUrl)}" target="_blank" rel="noopener">${escapeHtml(entity.name)}</a></h1>
${rows.filter((row) => row !== '').join('\n')}
</body></html>
`;
}

/** The page for an id that names no entity. */
export function missingCard(id: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><p>No entity with id <code>${escapeHtml(id)}</code>.</p></body></html>
`;
}

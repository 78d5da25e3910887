/**
 * The documentation as served pages: every markdown file of docs/ (and README.md) becomes one
 * page under /docs, rendered at build time by markdown-it with raw HTML in the markdown escaped.
 * Headings get GitHub's ids (so `page.md#section` links written for GitHub work here too) and a
 * link to themselves, each page a table of its sections, relative links to another markdown page
 * point to that page's URL, and images to the copies the build bundles.
 */
import fs from 'node:fs';
import path from 'node:path';
import MarkdownIt, { type Token } from 'markdown-it';

export interface DocPage {
  /** The markdown file, absolute. */
  source: string;
  /** Where it is served: `/docs` for docs/index.md, `/docs/reference/limits` for docs/reference/limits.md. */
  url: string;
  /** The built file, relative to the pages folder: `docs/reference/limits.html`. */
  file: string;
}

export interface DocSite {
  root: string;
  docsDir: string;
  pages: DocPage[];
}

function markdownFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return markdownFiles(full);
      return entry.name.endsWith('.md') ? [full] : [];
    })
    .sort();
}

/** README.md is served at /docs/readme, so the docs' links to it work too. */
export function docSite(root: string): DocSite {
  const docsDir = path.join(root, 'docs');
  const page = (source: string, slug: string): DocPage =>
    slug === 'index' ? { source, url: '/docs', file: 'docs/index.html' } : { source, url: `/docs/${slug}`, file: `docs/${slug}.html` };
  const pages = markdownFiles(docsDir).map((source) => page(source, path.relative(docsDir, source).replace(/\.md$/, '').split(path.sep).join('/')));
  pages.push(page(path.join(root, 'README.md'), 'readme'));
  return { root, docsDir, pages };
}

/** The markdown files whose ```graphql blocks are GraphiQL's tabs, in tab order. */
export function exampleSources(root: string): string[] {
  return [path.join(root, 'README.md'), path.join(root, 'docs/reference/graphql-api.md')];
}

/** GitHub's heading ids: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
export function headingSlugger(): (text: string) => string {
  const seen = new Map<string, number>();
  return (text) => {
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return count === 0 ? base : `${base}-${count}`;
  };
}

interface Heading {
  level: number;
  id: string;
  text: string;
}

function inlineText(token: Token | undefined): string {
  return (token?.children ?? []).map((child) => (child.type === 'text' || child.type === 'code_inline' ? child.content : '')).join('');
}

/** Every heading gets its id; the headings are returned for the page's table of contents. */
function assignHeadingIds(tokens: Token[]): Heading[] {
  const slug = headingSlugger();
  const headings: Heading[] = [];
  tokens.forEach((token, index) => {
    if (token.type !== 'heading_open') return;
    const text = inlineText(tokens[index + 1]);
    const id = slug(text);
    token.attrSet('id', id);
    headings.push({ level: Number(token.tag.slice(1)), id, text });
  });
  return headings;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char]!);
}

function tableOfContents(headings: Heading[]): string {
  const entries = headings.filter((heading) => heading.level === 2 || heading.level === 3);
  if (entries.length < 2) return '';
  const items = entries.map((heading) => `<li class="toc-${heading.level}"><a href="#${heading.id}">${escapeHtml(heading.text)}</a></li>`);
  return `<nav class="docs-toc" aria-label="On this page"><h2>On this page</h2><ul>${items.join('')}</ul></nav>\n`;
}

/**
 * A relative link to a markdown page becomes that page's URL (its #fragment kept); a relative
 * link to another file of the repository, which /docs does not serve, keeps its text and says
 * where the file is.
 */
function rewriteLink(token: Token, page: DocPage, site: DocSite): void {
  const href = String(token.attrGet('href') ?? '');
  if (href === '' || /^[a-z][a-z0-9+.-]*:|^#|^\//i.test(href)) return;
  const [target = '', fragment] = href.split('#');
  const absolute = path.resolve(path.dirname(page.source), decodeURIComponent(target));
  const linked = site.pages.find((candidate) => candidate.source === absolute);
  if (linked) {
    token.attrSet('href', fragment === undefined ? linked.url : `${linked.url}#${fragment}`);
    return;
  }
  token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'href');
  token.attrSet('title', `in the repository: ${path.relative(site.root, absolute).split(path.sep).join('/')}`);
}

export interface RenderedDoc {
  title: string;
  html: string;
}

/** `imageUrl` turns an image's absolute path into the URL of its bundled copy. */
export function renderDoc(page: DocPage, site: DocSite, imageUrl: (file: string) => string): RenderedDoc {
  const md = new MarkdownIt({ html: false, linkify: false });
  const tokens = md.parse(fs.readFileSync(page.source, 'utf8'), {});
  const headings = assignHeadingIds(tokens);
  for (const token of tokens.flatMap((block) => [block, ...(block.children ?? [])])) {
    if (token.type === 'link_open') rewriteLink(token, page, site);
    if (token.type === 'image') {
      const src = String(token.attrGet('src') ?? '');
      if (!/^[a-z]+:|^\//i.test(src)) token.attrSet('src', imageUrl(path.resolve(path.dirname(page.source), src)));
    }
  }
  const defaultClose = md.renderer.rules.heading_close ?? ((all, index, options, _env, self) => self.renderToken(all, index, options));
  md.renderer.rules.heading_close = (all, index, options, env, self) => {
    const open = all[index - 2];
    const id = open?.attrGet('id');
    const anchor = id && open?.tag !== 'h1' ? `<a class="heading-anchor" href="#${id}" aria-label="Link to this section">#</a>` : '';
    return anchor + defaultClose(all, index, options, env, self);
  };
  // Code blocks and tables scroll sideways: focusable, so a keyboard can scroll them too.
  const body = md.renderer.render(tokens, md.options, {}).replace(/<(pre|table)>/g, '<$1 tabindex="0">');
  const title = headings.find((heading) => heading.level === 1)?.text ?? 'coopgraph';
  const toc = tableOfContents(headings);
  const afterTitle = body.indexOf('</h1>');
  const html = afterTitle < 0 ? toc + body : body.slice(0, afterTitle + 5) + '\n' + toc + body.slice(afterTitle + 5);
  return { title, html };
}

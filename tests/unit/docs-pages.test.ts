/**
 * The documentation as /docs serves it (explorer/build/docs-pages.ts): GitHub's heading ids with
 * a link each, a table of contents per page, relative links rewritten to the served pages, images
 * to their bundled copies; and every link between the real pages lands on a page and a heading.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { docSite, headingSlugger, renderDoc } from '../../explorer/build/docs-pages';
import { projectRoot } from '../../src/core/project';

function siteIn(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'coopgraph-docs-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

test("heading ids are GitHub's: lower case, punctuation dropped, spaces hyphens, repeats numbered", () => {
  const slug = headingSlugger();
  expect(slug('Admission: queue, then shed')).toBe('admission-queue-then-shed');
  expect(slug("By id: entity(id) and Relay's node(id)")).toBe('by-id-entityid-and-relays-nodeid');
  expect(slug('Names by language and quote translations')).toBe('names-by-language-and-quote-translations');
  expect(slug('Admission: queue, then shed')).toBe('admission-queue-then-shed-1');
});

test('a page: ids and anchors on headings, its contents, links to pages and their sections, images bundled', () => {
  const root = siteIn({
    'README.md': '# coopgraph\n\n[limits](docs/reference/limits.md#query-depth)\n',
    'docs/index.md': '# Contents\n\n- [Limits](reference/limits.md)\n',
    'docs/reference/limits.md':
      '# Limits\n\n## Query depth\n\nSee [the contents](../index.md), [the readme](../../README.md), [a section](#query-depth),\n[bench](../../bench/README.md) and [out](https://example.org/).\n\n## Query `cost`\n\n![shot](../shot.png)\n\n<b>raw</b>\n',
    'docs/shot.png': 'png',
  });
  const site = docSite(root);
  expect(site.pages.map((page) => [page.url, page.file])).toEqual([
    ['/docs', 'docs/index.html'],
    ['/docs/reference/limits', 'docs/reference/limits.html'],
    ['/docs/readme', 'docs/readme.html'],
  ]);
  const images: string[] = [];
  const { title, html } = renderDoc(site.pages[1]!, site, (file) => (images.push(file), '/assets/shot-1234.png'));
  expect(title).toBe('Limits');
  expect(html).toContain('<h1 id="limits">Limits</h1>');
  expect(html).toContain('<h2 id="query-depth">Query depth<a class="heading-anchor" href="#query-depth"');
  expect(html).toContain('<h2 id="query-cost">Query <code>cost</code>');
  expect(html).toMatch(/<nav class="docs-toc"[^>]*>.*<a href="#query-depth">Query depth<\/a>.*<a href="#query-cost">Query cost<\/a>/);
  expect(html.indexOf('docs-toc')).toBeGreaterThan(html.indexOf('</h1>'));
  expect(html).toContain('<a href="/docs">the contents</a>');
  expect(html).toContain('<a href="/docs/readme">the readme</a>');
  expect(html).toContain('<a href="#query-depth">a section</a>');
  expect(html).toContain('<a title="in the repository: bench/README.md">bench</a>');
  expect(html).toContain('<a href="https://example.org/">out</a>');
  expect(html).toContain('<img src="/assets/shot-1234.png" alt="shot">');
  expect(images).toEqual([path.join(root, 'docs/shot.png')]);
  expect(html).toContain('&lt;b&gt;raw&lt;/b&gt;');
  const readme = renderDoc(site.pages[2]!, site, () => '');
  expect(readme.html).toContain('<a href="/docs/reference/limits#query-depth">limits</a>');
  fs.rmSync(root, { recursive: true, force: true });
});

test('every relative link of the real docs lands on a served page, and its #section on a heading there', () => {
  const site = docSite(projectRoot);
  const rendered = new Map(site.pages.map((page) => [page.url, renderDoc(page, site, () => '/assets/image.png').html]));
  const ids = (html: string) => new Set([...html.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]));
  const broken: string[] = [];
  for (const page of site.pages) {
    const markdown = fs.readFileSync(page.source, 'utf8');
    for (const [, target = '', fragment] of markdown.matchAll(/\]\((?![a-z]+:)([^)#\s]*)(?:#([^)\s]+))?\)/g)) {
      const file = target === '' ? page.source : path.resolve(path.dirname(page.source), target);
      if (!file.endsWith('.md') || (!file.startsWith(site.docsDir + path.sep) && file !== path.join(projectRoot, 'README.md'))) continue;
      const linked = site.pages.find((candidate) => candidate.source === file);
      if (!linked) broken.push(`${path.relative(projectRoot, page.source)} -> ${target}`);
      else if (fragment && !ids(rendered.get(linked.url)!).has(fragment))
        broken.push(`${path.relative(projectRoot, page.source)} -> ${target}#${fragment}`);
    }
  }
  expect(broken).toEqual([]);
  expect(site.pages.length).toBeGreaterThan(25);
});

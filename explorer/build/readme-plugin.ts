/**
 * A Vite plugin that makes README.md part of the pages: the docs page gets README rendered
 * (markdown-it, raw HTML in the markdown escaped) and `virtual:readme-examples` exports its
 * ```graphql blocks for GraphiQL. Images README shows are rewritten to paths Vite resolves, so
 * they are bundled like any other asset.
 */
import fs from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import type { Plugin } from 'vite';
import { readmeExamples } from './readme-examples.ts';

const virtualId = 'virtual:readme-examples';
const resolvedVirtualId = `\0${virtualId}`;
/** Where README's rendered HTML goes in docs/index.html. */
const placeholder = '<!-- readme -->';

/** README's images are repository paths: rewritten relative to the page, so Vite bundles them. Its links stay as written. */
function renderReadme(markdown: string, readmeDir: string, htmlDir: string): string {
  const md = new MarkdownIt({ html: false, linkify: false });
  const defaultImage = md.renderer.rules.image!;
  md.renderer.rules.image = (tokens, index, options, env, self) => {
    const token = tokens[index]!;
    const src = String(token.attrGet('src') ?? '');
    if (!/^[a-z]+:|^\//i.test(src)) token.attrSet('src', path.relative(htmlDir, path.resolve(readmeDir, src)).split(path.sep).join('/'));
    return defaultImage(tokens, index, options, env, self);
  };
  // Code blocks and tables scroll sideways: focusable, so a keyboard can scroll them too.
  return md.render(markdown).replace(/<(pre|table)>/g, '<$1 tabindex="0">');
}

export function readmePlugin(readmePath: string): Plugin {
  const read = () => fs.readFileSync(readmePath, 'utf8');
  return {
    name: 'coopgraph-readme',
    resolveId: (id) => (id === virtualId ? resolvedVirtualId : null),
    load(id) {
      if (id !== resolvedVirtualId) return null;
      this.addWatchFile(readmePath);
      return `export default ${JSON.stringify(readmeExamples(read()))};`;
    },
    transformIndexHtml: {
      // Before Vite reads the page's asset URLs, so README's images are bundled too.
      order: 'pre',
      handler(html, context) {
        if (!html.includes(placeholder)) return html;
        return html.replace(placeholder, () => renderReadme(read(), path.dirname(readmePath), path.dirname(context.filename)));
      },
    },
  };
}

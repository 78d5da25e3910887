/**
 * A Vite plugin that makes the documentation part of the pages. `virtual:readme-examples`
 * exports the ```graphql blocks of README.md and docs/reference/graphql-api.md for GraphiQL's
 * tabs. After the bundle is written, every markdown page (build/docs-pages.ts) is rendered into
 * a copy of the built docs/index.html (so it loads the same hashed styles), and the images the
 * pages show are copied into assets/ under content-hashed names, cached like Vite's own.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { docSite, exampleSources, renderDoc } from './docs-pages.ts';
import { graphqlExamples } from './readme-examples.ts';

const virtualId = 'virtual:readme-examples';
const resolvedVirtualId = `\0${virtualId}`;
/** Where a page's rendered HTML goes in docs/index.html. */
const placeholder = '<!-- docs -->';

/** Copies an image into assets/ once, named by its content, and returns its URL. */
function imageCopier(outDir: string): (file: string) => string {
  const copied = new Map<string, string>();
  return (file) => {
    const known = copied.get(file);
    if (known) return known;
    const bytes = fs.readFileSync(file);
    const hash = crypto.createHash('sha256').update(bytes).digest('base64url').slice(0, 8);
    const extension = path.extname(file);
    const name = `${path.basename(file, extension)}-${hash}${extension}`;
    fs.mkdirSync(path.join(outDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(outDir, 'assets', name), bytes);
    copied.set(file, `/assets/${name}`);
    return `/assets/${name}`;
  };
}

function writeDocPages(root: string, outDir: string): void {
  const template = fs.readFileSync(path.join(outDir, 'docs/index.html'), 'utf8');
  if (!template.includes(placeholder)) throw new Error(`docs/index.html lost its ${placeholder} placeholder`);
  const site = docSite(root);
  const imageUrl = imageCopier(outDir);
  for (const page of site.pages) {
    const { title, html } = renderDoc(page, site, imageUrl);
    const filled = template
      .replace(/<title>[^<]*<\/title>/, () => `<title>${title.replace(/[&<>]/g, '')}: coopgraph documentation</title>`)
      .replace(placeholder, () => html);
    fs.mkdirSync(path.dirname(path.join(outDir, page.file)), { recursive: true });
    fs.writeFileSync(path.join(outDir, page.file), filled);
  }
}

export function docsPlugin(root: string): Plugin {
  return {
    name: 'coopgraph-docs',
    resolveId: (id) => (id === virtualId ? resolvedVirtualId : null),
    load(id) {
      if (id !== resolvedVirtualId) return null;
      const sources = exampleSources(root);
      for (const source of sources) this.addWatchFile(source);
      return `export default ${JSON.stringify(graphqlExamples(sources.map((source) => fs.readFileSync(source, 'utf8'))))};`;
    },
    writeBundle(options) {
      writeDocPages(root, options.dir ?? path.join(root, 'dist/explorer'));
    },
  };
}

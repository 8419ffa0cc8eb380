import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import type { Plugin } from 'vite';

export interface ChunkStats {
  fileName: string;
  isEntry: boolean;
  facadeModule: string | null;
  imports: string[];
  dynamicImports: string[];
  css: string[];
  modules: string[];
}

/**
 * Writes what each JS chunk holds and loads to `.build-stats/bundle.json` (outside dist/, so it
 * is never served). `npm run size` reads it to measure the portal's first screen and to prove
 * that no Ant Design (desktop) module reaches the portal's chunks.
 */
export function bundleStats(root: string): Plugin {
  const rel = (id: string) => relative(root, id.replace(/\?.*$/, '')).split('\\').join('/');
  return {
    name: 'butler-bundle-stats',
    apply: 'build',
    async writeBundle(_options, bundle) {
      const chunks: ChunkStats[] = [];
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        chunks.push({
          fileName: output.fileName,
          isEntry: output.isEntry,
          facadeModule: output.facadeModuleId ? rel(output.facadeModuleId) : null,
          imports: output.imports,
          dynamicImports: output.dynamicImports,
          css: [...(output.viteMetadata?.importedCss ?? [])],
          modules: output.moduleIds.map(rel),
        });
      }
      const file = resolve(root, '.build-stats/bundle.json');
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, `${JSON.stringify({ chunks }, null, 2)}\n`);
    },
  };
}

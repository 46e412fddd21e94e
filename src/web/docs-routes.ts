import { AppError } from '../lib/app-error.js';
import { docsContext } from './docs-context.js';
import { docsArticle, docsIndex, docsPage } from './docs-page.js';
import { DOCS_PAGES } from './docs-pages.js';
import { pageContext } from './page-context.js';
import type { WebRoutes } from './web-plugin.js';

/** The public documentation (spec §12 `/docs/`): this server's addresses filled in, no login. */
export const docsRoutes: WebRoutes = (app, kit) => {
  // Built once: the pages depend only on the (frozen) configuration.
  const d = docsContext(kit.deps.config, kit.prefix);

  app.get('/docs/', async (request, reply) => {
    const ctx = pageContext(kit.deps, request, reply, kit.prefix);
    return kit.send(reply, docsPage(ctx, d, '', `${d.siteName} documentation`, docsIndex(d)));
  });

  app.get<{ Params: { slug: string } }>('/docs/:slug/', async (request, reply) => {
    const docs = DOCS_PAGES.get(request.params.slug);
    if (!docs) throw new AppError('not_found', 'There is no such page in the documentation.');
    const ctx = pageContext(kit.deps, request, reply, kit.prefix);
    return kit.send(reply, docsArticle(ctx, d, docs));
  });
};

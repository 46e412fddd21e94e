import { integrationAddRoutes } from './integration-add-routes.js';
import { integrationChecksRoutes } from './integration-checks-routes.js';
import { integrationEditRoutes } from './integration-edit-routes.js';
import { integrationListRoutes } from './integration-list-routes.js';
import type { WebRoutes } from './web-plugin.js';

/** The integrations pages (spec §12, issue 5 item 4): list, add, edit, test, remove, assign. */
export const integrationRoutes: WebRoutes = (app, kit) => {
  integrationListRoutes(app, kit);
  integrationAddRoutes(app, kit);
  integrationEditRoutes(app, kit);
  integrationChecksRoutes(app, kit);
};

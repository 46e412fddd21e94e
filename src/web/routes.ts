import { accountRoutes } from './account-routes.js';
import { checkDetailRoutes } from './check-detail-routes.js';
import { checkListRoutes } from './check-list-routes.js';
import { cloudDashboardRoutes } from './cloud-routes.js';
import { docsRoutes } from './docs-routes.js';
import { emailVerificationRoutes } from './email-verification-routes.js';
import { homeRoutes } from './home-routes.js';
import { integrationRoutes } from './integration-routes.js';
import { projectRoutes } from './project-routes.js';
import { settingsRoutes } from './settings-routes.js';
import { unsubscribeRoutes } from './unsubscribe-routes.js';
import type { WebRoutes } from './web-plugin.js';

/** Every page module of the dashboard, in registration order. */
export const WEB_ROUTES: WebRoutes[] = [
  homeRoutes,
  accountRoutes,
  projectRoutes,
  checkListRoutes,
  checkDetailRoutes,
  cloudDashboardRoutes,
  integrationRoutes,
  settingsRoutes,
  docsRoutes,
  unsubscribeRoutes,
  emailVerificationRoutes,
];

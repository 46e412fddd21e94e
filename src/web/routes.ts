import { homeRoutes } from './home-routes.js';
import type { WebRoutes } from './web-plugin.js';

/** Every page module of the dashboard, in registration order. */
export const WEB_ROUTES: WebRoutes[] = [homeRoutes];

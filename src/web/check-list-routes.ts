import type { WebRoutes } from './web-plugin.js';

/** Placeholder: the pages of this area are being built. */
export const checkListRoutes: WebRoutes = () => undefined;

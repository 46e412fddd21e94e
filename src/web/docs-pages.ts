import { apiPage } from './docs-api-page.js';
import type { DocsPage } from './docs-context.js';
import { bashPage, cronPage, nodePage, powershellPage, pythonPage } from './docs-ping-pages.js';
import { emailPage, pingApiPage } from './docs-protocol-pages.js';
import { cronSyntaxPage, onCalendarPage } from './docs-schedule-pages.js';

/** The docs' sections, in reading order: the sidebar and the index list them so. */
export const DOCS_SECTIONS: Array<{ title: string; pages: DocsPage[] }> = [
  { title: 'Sending pings', pages: [cronPage, bashPage, pythonPage, nodePage, powershellPage] },
  { title: 'Reference', pages: [pingApiPage, emailPage, cronSyntaxPage, onCalendarPage, apiPage] },
];

export const DOCS_PAGES: ReadonlyMap<string, DocsPage> = new Map(DOCS_SECTIONS.flatMap((s) => s.pages).map((p) => [p.slug, p]));

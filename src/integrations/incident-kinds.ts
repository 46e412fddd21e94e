import { githubIntegration } from './github.js';
import { gotifyIntegration } from './gotify.js';
import type { Integration } from './integration.js';
import { ntfyIntegration } from './ntfy.js';
import { opsgenieIntegration } from './opsgenie.js';
import { pagertreeIntegration } from './pagertree.js';
import { pdIntegration } from './pd.js';
import { poIntegration } from './po.js';
import { pushbulletIntegration } from './pushbullet.js';
import { spikeIntegration } from './spike.js';
import { trelloIntegration } from './trello.js';
import { victoropsIntegration } from './victorops.js';

/** Incident tools and push services. */
export const incidentKinds: readonly Integration[] = [
  pdIntegration,
  opsgenieIntegration,
  victoropsIntegration,
  pagertreeIntegration,
  spikeIntegration,
  githubIntegration,
  trelloIntegration,
  poIntegration,
  pushbulletIntegration,
  ntfyIntegration,
  gotifyIntegration,
];

import type { Generated } from 'kysely';

type Flag = 0 | 1;

/** Calyptia "core instances" (aggregators): heartbeat-derived status from `last_ping_at`. */
export interface CoreInstancesTable {
  id: string;
  project_id: number;
  name: string;
  version: string;
  /** JSON array of strings, or null. */
  tags: string | null;
  environment_name: string;
  /** JSON object of flat metadata keys. */
  metadata: string;
  skip_service_creation: Flag;
  image: string | null;
  last_ping_at: number | null;
  /** The heartbeat status a flip was last recorded for: 'waiting' | 'running' | 'unreachable'. */
  alert_status: Generated<string>;
  created_at: number;
  updated_at: number;
}

export interface PipelinesTable {
  id: string;
  project_id: number;
  core_instance_id: string;
  name: string;
  kind: string;
  port_kind: string;
  wait_for_checks: Flag;
  tags: string | null;
  created_at: number;
  updated_at: number;
}

export interface PipelinePortsTable {
  id: string;
  project_id: number;
  pipeline_id: string;
  protocol: string;
  kind: string;
  frontend_port: number;
  backend_port: number;
  endpoint: string;
  plugin_id: string | null;
  plugin_name: string | null;
  plugin_alias: string | null;
  /** Watchpost extension: probe `endpoint:frontendPort` while the port has an endpoint. */
  probe: Generated<Flag>;
  created_at: number;
  updated_at: number;
}

/**
 * Core instance checks and pipeline checks share one table (exactly one parent column is set),
 * so the prober claims work from one place.
 */
export interface CloudChecksTable {
  id: string;
  project_id: number;
  core_instance_id: string | null;
  pipeline_id: string | null;
  protocol: string;
  status: string;
  retries: number;
  host: string;
  port: number;
  /** How often Watchpost itself probes the check (when no agent manages it). */
  interval_seconds: number;
  /** Set by the first external PATCH of `status`: an agent reports results, we stop probing. */
  agent_managed: Flag;
  /** While set, the prober that claimed it owns it (the "stuck in running" rule keys on it). */
  claimed_at: number | null;
  last_probe_at: number | null;
  /** 'ok' or 'failed' of the last probe Watchpost ran. */
  last_result: string | null;
  last_error: string | null;
  /** The last settled result a flip was recorded for: 'new' | 'ok' | 'failed'. */
  alert_status: Generated<string>;
  /** When the prober next looks at it; null while an agent manages it. */
  next_probe_at: number | null;
  /** The pipeline port this check follows (the port's probe opt-in), if any. */
  port_id: string | null;
  /** UDP: the datagram sent (UTF-8), and the text a reply must contain; null: none. */
  payload: string | null;
  expect: string | null;
  created_at: number;
  updated_at: number;
}

/** An ok↔failed change of a Cloud check, or a core instance going silent or coming back. */
export interface CloudFlipsTable {
  id: Generated<number>;
  project_id: number;
  cloud_check_id: string | null;
  core_instance_id: string | null;
  created_at: number;
  processed_at: number | null;
  /** 'new' | 'up' | 'down': the heartbeat vocabulary, so one rule decides what notifies. */
  old_status: string;
  new_status: string;
  reason: Generated<string>;
}

export interface CloudTables {
  core_instances: CoreInstancesTable;
  pipelines: PipelinesTable;
  pipeline_ports: PipelinePortsTable;
  cloud_checks: CloudChecksTable;
  cloud_flips: CloudFlipsTable;
}

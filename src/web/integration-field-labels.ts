/** Labels and hints of the generated integration forms, by `kind:path` or by path alone. */

const LABELS: Record<string, string> = {
  // a plain-string configuration: one field, named for what the provider calls it
  'slack:': 'Webhook URL',
  'mattermost:': 'Webhook URL',
  'rocketchat:': 'Webhook URL',
  'googlechat:': 'Webhook URL',
  'msteamsw:': 'Workflow webhook URL',
  'pagertree:': 'Webhook URL',
  'spike:': 'Webhook URL',
  'victorops:': 'Post URL',
  'matrix:': 'Room ID',
  'po:': 'User key and priorities',
  'pushbullet:': 'Access token',
  'apprise:': 'Apprise URL',
  'incoming_webhook.url': 'Webhook URL',
  'incoming_webhook.channel': 'Channel',
  team_name: 'Team name',
  'webhook.url': 'Webhook URL',
  'webhook.id': 'Webhook ID',
  service_key: 'Service key',
  account: 'Account name',
  'opsgenie:key': 'API key',
  region: 'Region',
  bot_email: 'Bot email',
  api_key: 'API key',
  mtype: 'Post to',
  'zulip:to': 'Stream name or user ID',
  site: 'Zulip site URL',
  'zulip:topic': 'Topic',
  'telegram:id': 'Chat ID',
  'telegram:type': 'Chat type',
  'telegram:name': 'Chat name',
  thread_id: 'Thread ID',
  installation_id: 'Installation ID',
  repo: 'Repository',
  labels: 'Labels',
  'trello:token': 'Token',
  list_id: 'List ID',
  board_name: 'Board name',
  list_name: 'List name',
  'ntfy:topic': 'Topic',
  url: 'Server URL',
  'ntfy:token': 'Access token',
  'gotify:token': 'Application token',
  priority: 'Priority when a check goes down',
  priority_up: 'Priority when a check goes up',
  cmd_down: 'Command to run when a check goes down',
  cmd_up: 'Command to run when a check goes up',
  'signal:value': 'Phone number or username',
  value: 'Phone number',
  up: 'Notify when a check goes up',
  down: 'Notify when a check goes down',
};

const HINTS: Record<string, string> = {
  'po:':
    'Your user key, then the priority for down and the one for up, separated by "|", e.g. uQiRzpo4DXghDmr9QzzfQu27cmVRsG|1|0. Priorities go from -2 to 2; -3 sends nothing.',
  'victorops:': 'The REST endpoint URL of your Splunk On-Call integration, routing key included.',
  'matrix:': 'e.g. !abcdefghijklmnop:matrix.org',
  'pd:service_key': 'The integration key of a PagerDuty service (Events API v1).',
  'zulip:site': 'Leave empty for https:// and the domain of the bot email.',
  'zulip:topic': 'Leave empty for "<check name> is UP/DOWN".',
  'ntfy:url': 'e.g. https://ntfy.sh',
  'ntfy:token': 'Only for a protected topic.',
  'ntfy:priority': '1 (min) to 5 (max); 0 sends nothing.',
  'ntfy:priority_up': '1 (min) to 5 (max); 0 sends nothing.',
  'gotify:priority': '0, 2, 5 or 9; 0 sends nothing.',
  'gotify:priority_up': '0, 2, 5 or 9; 0 sends nothing.',
  'github:repo': 'owner/name',
  'github:labels': 'One per line.',
  'shell:cmd_down': 'Placeholders: $CODE, $STATUS, $NOW, $NAME, $TAGS, $TAG1, $TAG2 … Leave empty to run nothing.',
  'shell:cmd_up': 'Placeholders: $CODE, $STATUS, $NOW, $NAME, $TAGS, $TAG1, $TAG2 … Leave empty to run nothing.',
  'sms:value': 'In the international format, e.g. +15551234567.',
  'whatsapp:value': 'In the international format, e.g. +15551234567.',
  'call:value': 'In the international format, e.g. +15551234567.',
};

/** "service_key" → "Service key". */
function humanize(key: string): string {
  const words = key.replace(/[_.]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function fieldLabel(kind: string, path: string[]): string {
  const key = path.join('.');
  return LABELS[`${kind}:${key}`] ?? LABELS[key] ?? (key === '' ? 'Value' : humanize(key));
}

export function fieldHint(kind: string, path: string[]): string | undefined {
  return HINTS[`${kind}:${path.join('.')}`];
}

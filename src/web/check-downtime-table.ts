import { DateTime } from 'luxon';
import type { DowntimeSummary } from '../checks/check-page-downtime.js';
import { durationText } from './check-time.js';
import { html, type Html } from './html.js';

/** The downtime of the last three months (spec §12, §2.13), months cut in the user's zone. */
export function downtimeTable(summary: DowntimeSummary): Html {
  return html`<table class="downtime">
      <thead>
        <tr>
          <th scope="col">Month</th>
          <th scope="col">Downtime</th>
          <th scope="col">Uptime</th>
        </tr>
      </thead>
      <tbody>
        ${summary.months.map((m) => {
          const month = DateTime.fromMillis(m.boundary, { zone: summary.tz }).toFormat('LLLL yyyy');
          if (m.noData) return html`<tr><th scope="row">${month}</th><td colspan="2" class="hint">No data</td></tr>`;
          const downtime =
            m.count === 0
              ? 'None'
              : `${m.count} ${m.count === 1 ? 'outage' : 'outages'}, ${durationText(m.durationMs / 1000)} in total`;
          return html`<tr>
            <th scope="row">${month}</th>
            <td>${downtime}</td>
            <td>${(Math.floor(m.uptime * 10_000) / 100).toFixed(2)}%</td>
          </tr>`;
        })}
      </tbody>
    </table>
    <p class="hint">Months start at midnight ${summary.tz}.</p>`;
}

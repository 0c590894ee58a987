import type { Week } from '@fs-widgets/contract';
import { toOsmOpeningHours } from '@fs-widgets/opening-hours';
import type { Transaction } from 'kysely';
import { SOURCES } from '@fs-widgets/contract/sources';
import type { Database, SiteTable } from '../db/schema.js';
import type { ImportIssue } from './import-issue.js';

/** A week as compared and shown: its OSM string (each day's ranges sorted), or "no hours". */
const weekText = (week: Week) => toOsmOpeningHours(week) ?? 'no hours';

/**
 * Where the list being imported disagrees with what a site published itself (issue 16): one
 * issue per site and field (today its weekly hours), level `differs`. The site's own values are
 * kept — they live in `site_edits`, which an import never writes — and the import says so, so
 * that the network can ask the site or correct the list.
 */
export async function differencesWithSites(trx: Transaction<Database>, sites: ReadonlyMap<string, SiteTable>): Promise<ImportIssue[]> {
  const edits = await trx
    .selectFrom('site_edits')
    .select(['site_id', 'hours', 'hours_updated_at'])
    .where('hours', 'is not', null)
    .orderBy('site_id')
    .execute();
  const issues: ImportIssue[] = [];
  for (const edit of edits) {
    const site = sites.get(edit.site_id);
    if (!site) continue;
    const own = weekText(JSON.parse(edit.hours!) as Week);
    const listed = weekText(JSON.parse(site.hours) as Week);
    if (own === listed) continue;
    issues.push({
      source: SOURCES.sites.id,
      line: site.source_line,
      recordId: site.id,
      level: 'differs',
      message:
        `hours: the site published its own weekly hours on ${edit.hours_updated_at?.slice(0, 10) ?? 'an unknown date'} ` +
        `(${own}); the list says ${listed}: the site's are kept`,
    });
  }
  return issues;
}

import { BRANCHES } from '../../shared/divisions.js';
import type { ApplicationRecord } from '../../shared/types.js';
import type { ApplicationStore } from './ports.js';

/** Every application in one status across all branches, page by page through the branch index (no scans). */
export async function* inStatusEverywhere(repo: ApplicationStore, status: string, pageSize = 100): AsyncGenerator<ApplicationRecord> {
  for (const branch of BRANCHES) {
    let cursor: string | undefined;
    do {
      const page = await repo.queuePage(branch.code, status, { limit: pageSize, cursor });
      cursor = page.cursor;
      yield* page.items;
    } while (cursor);
  }
}

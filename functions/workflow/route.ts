/** Decision workflow: the nearest branch by registered location, then the account manager inside it. */
import { divisionForEnterprise, pickAccountManager, routeToBranch } from '../../shared/routing.js';
import type { ApplicationRecord } from '../../shared/types.js';
import { defineTask, PermanentError } from './define-task.js';
import { lambdaHandler } from './lambda-handler.js';
import { configFor } from './load.js';

export interface Routing {
  branch: { code: string; name: string; nameZh: string; distanceKm: number };
  assignee: string | null;
}

export const task = defineTask({
  name: 'Route',
  async run(deps, input: { enterprise: ApplicationRecord['enterprise']; configVersion?: number }): Promise<Routing> {
    const { enterprise } = input;
    const [config, branchLoads] = await Promise.all([configFor(deps, input.configVersion), deps.staff.branchLoads()]);
    const result = routeToBranch({ divisionCode: divisionForEnterprise(enterprise), branchLoads, branches: config.branches });
    if (!result.ok) throw new PermanentError(result.message);
    const { branch, distanceKm } = result;
    const [staff, existing] = await Promise.all([
      deps.staff.listStaff(branch.code),
      deps.staff.enterpriseManager(enterprise.creditCode),
    ]);
    const managers = staff.filter((s) => s.roles.includes('account-manager')).map((s) => ({ username: s.username, openCount: s.openCount }));
    return {
      branch: { code: branch.code, name: branch.nameEn, nameZh: branch.nameZh, distanceKm: Math.round(distanceKm * 10) / 10 },
      assignee: pickAccountManager(managers, existing ?? undefined),
    };
  },
});

export const handler = lambdaHandler(task);

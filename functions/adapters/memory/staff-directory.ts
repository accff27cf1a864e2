/** StaffDirectory in memory, as the DynamoDB one: a member is added once, loads count up and down, listings in username order. */
import type { StaffDirectory, StaffMember } from '../../core/ports.js';
import { byKey, io, stored } from './copy.js';

export class MemoryStaffDirectory implements StaffDirectory {
  private readonly members = new Map<string, StaffMember & { openCount: number }>();
  private readonly loads = new Map<string, number>();
  private readonly managers = new Map<string, string>();

  async branchLoads() {
    await io();
    return Object.fromEntries([...this.loads].sort(([a], [b]) => byKey(a, b)));
  }

  async adjustLoad(branch: string, delta: number, assignee?: string) {
    await io();
    this.loads.set(branch, (this.loads.get(branch) ?? 0) + delta);
    // Only for someone in the directory, as the table's conditional update.
    const member = assignee ? this.members.get(assignee) : undefined;
    if (member) member.openCount += delta;
  }

  async enterpriseManager(creditCode: string) {
    await io();
    return this.managers.get(creditCode) ?? null;
  }

  async setEnterpriseManager(creditCode: string, username: string) {
    await io();
    this.managers.set(creditCode, username);
  }

  async putStaff(member: StaffMember) {
    await io();
    if (!this.members.has(member.username)) this.members.set(member.username, { ...stored(member), branch: member.branch ?? null, openCount: 0 });
  }

  async getStaff(username: string) {
    await io();
    const member = this.members.get(username);
    return member ? stored(member) : null;
  }

  async listStaff(branch: string) {
    await io();
    return [...this.members.values()].filter((m) => m.branch === branch).sort((a, b) => byKey(a.username, b.username)).map((m) => stored(m));
  }
}

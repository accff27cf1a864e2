/** Follow-up tasks in memory: create-once by id, updates only while open, lists oldest first. */
import type { FollowUpTask } from '../../../shared/servicing/follow-up.js';
import type { FollowUpTaskStore } from '../../core/ports.js';
import { io, stored } from './copy.js';

export class MemoryFollowUpTasks implements FollowUpTaskStore {
  private readonly tasks = new Map<string, FollowUpTask>();

  async create(task: FollowUpTask) {
    await io();
    if (this.tasks.has(task.id)) return false;
    this.tasks.set(task.id, stored(task));
    return true;
  }

  async get(id: string) {
    await io();
    const t = this.tasks.get(id);
    return t ? stored(t) : null;
  }

  async update(next: FollowUpTask) {
    await io();
    const cur = this.tasks.get(next.id);
    if (!cur || cur.status !== 'open') return false;
    this.tasks.set(next.id, stored(next));
    return true;
  }

  private list(pred: (t: FollowUpTask) => boolean) {
    return [...this.tasks.values()].filter(pred).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)).map(stored);
  }

  async listByAssignee(username: string) { await io(); return this.list((t) => t.assignee === username); }

  async listByBranch(branch: string) { await io(); return this.list((t) => t.branch === branch); }
}

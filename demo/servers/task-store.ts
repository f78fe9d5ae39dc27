import type { Task } from '../task.js';

export type TaskPatch = { title?: string; description?: string; completed?: boolean };

/** Tasks per user. Every query is scoped by user id. Async, so a networked database fits behind it. */
export interface TaskStore {
  list(userId: string): Promise<Task[]>;
  create(userId: string, input: { title: string; description: string }): Promise<Task>;
  get(userId: string, id: number): Promise<Task | null>;
  update(userId: string, id: number, patch: TaskPatch): Promise<Task | null>;
  delete(userId: string, id: number): Promise<boolean>;
  close(): Promise<void>;
}

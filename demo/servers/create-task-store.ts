import { PostgresTaskStore } from './postgres-task-store.js';
import { SqliteTaskStore } from './sqlite-task-store.js';
import type { TaskStore } from './task-store.js';

/** PostgreSQL when a connection string is given (DATABASE_URL), else SQLite in `dataDir` (the default). */
export function createTaskStore(options: { dataDir: string; databaseUrl?: string }): TaskStore {
  return options.databaseUrl ? new PostgresTaskStore(options.databaseUrl) : new SqliteTaskStore(options.dataDir);
}

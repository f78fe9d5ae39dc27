import pg from 'pg';
import type { Task } from '../task.js';
import type { TaskPatch, TaskStore } from './task-store.js';

interface Row {
  id: number;
  title: string;
  description: string;
  completed: boolean;
  created_at: string;
  updated_at: string;
}

const toTask = (r: Row): Task => ({
  id: r.id,
  title: r.title,
  description: r.description,
  completed: r.completed,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

// Timestamps as ISO text, so both stores answer byte for byte alike.
const MIGRATION = `CREATE TABLE IF NOT EXISTS tasks (
  id SERIAL PRIMARY KEY,
  user_id TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  completed BOOLEAN NOT NULL DEFAULT FALSE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS tasks_user ON tasks (user_id, id);`;

/**
 * Tasks in PostgreSQL (`DATABASE_URL`). Migrated in code on first use, under an advisory lock so that
 * several API instances starting at once do not race on CREATE TABLE.
 */
export class PostgresTaskStore implements TaskStore {
  private readonly pool: pg.Pool;
  private readonly ready: Promise<void>;

  constructor(connectionString: string) {
    this.pool = new pg.Pool({ connectionString, max: 10 });
    this.ready = this.migrate();
    this.ready.catch(() => {}); // reported by the first query that awaits it
  }

  private async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query("SELECT pg_advisory_xact_lock(hashtext('bearer-worker-demo tasks'))");
      await client.query(MIGRATION);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  private async rows(sql: string, params: unknown[]): Promise<Row[]> {
    await this.ready;
    return (await this.pool.query<Row>(sql, params)).rows;
  }

  async list(userId: string): Promise<Task[]> {
    return (await this.rows('SELECT * FROM tasks WHERE user_id = $1 ORDER BY id', [userId])).map(toTask);
  }

  async create(userId: string, input: { title: string; description: string }): Promise<Task> {
    const now = new Date().toISOString();
    const [row] = await this.rows(
      `INSERT INTO tasks (user_id, title, description, completed, created_at, updated_at)
       VALUES ($1, $2, $3, FALSE, $4, $4) RETURNING *`,
      [userId, input.title, input.description, now],
    );
    return toTask(row!);
  }

  async get(userId: string, id: number): Promise<Task | null> {
    const [row] = await this.rows('SELECT * FROM tasks WHERE user_id = $1 AND id = $2', [userId, id]);
    return row ? toTask(row) : null;
  }

  async update(userId: string, id: number, patch: TaskPatch): Promise<Task | null> {
    // COALESCE keeps a field the patch leaves out; one statement, so concurrent patches do not lose fields.
    const [row] = await this.rows(
      `UPDATE tasks SET title = COALESCE($3, title), description = COALESCE($4, description),
         completed = COALESCE($5, completed), updated_at = $6
       WHERE user_id = $1 AND id = $2 RETURNING *`,
      [userId, id, patch.title ?? null, patch.description ?? null, patch.completed ?? null, new Date().toISOString()],
    );
    return row ? toTask(row) : null;
  }

  async delete(userId: string, id: number): Promise<boolean> {
    await this.ready;
    return (
      ((await this.pool.query('DELETE FROM tasks WHERE user_id = $1 AND id = $2', [userId, id])).rowCount ?? 0) > 0
    );
  }

  async close(): Promise<void> {
    await this.ready.catch(() => {});
    await this.pool.end();
  }
}

import type { QueuedWrite } from './queued-write.js';

const STORE = 'writes';

/** The queue's IndexedDB store: it outlives a stopped worker and a closed tab. */
export interface QueueStore {
  add(write: QueuedWrite): Promise<unknown>;
  /** Every write, in the order they were made. */
  all(): Promise<QueuedWrite[]>;
  put(write: QueuedWrite): Promise<unknown>;
  delete(seq: number): Promise<unknown>;
}

export function createQueueStore(name = 'bearer-worker-offline-writes', idb: IDBFactory = indexedDB): QueueStore {
  let db: Promise<IDBDatabase> | undefined;
  const open = () =>
    (db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const r = idb.open(name, 1);
      r.onupgradeneeded = () => r.result.createObjectStore(STORE, { keyPath: 'seq', autoIncrement: true });
      r.onsuccess = () => {
        // Another version of the worker may upgrade the database: let it, and reopen next time.
        r.result.onversionchange = () => {
          r.result.close();
          db = undefined;
        };
        resolve(r.result);
      };
      r.onerror = () => {
        db = undefined;
        reject(r.error);
      };
    }));
  /** One request in its own transaction, settled when the transaction has committed. */
  const run = <T>(mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> =>
    open().then(
      (d) =>
        new Promise<T>((resolve, reject) => {
          const tx = d.transaction(STORE, mode);
          const req = op(tx.objectStore(STORE));
          tx.oncomplete = () => resolve(req.result);
          tx.onerror = tx.onabort = () => reject(tx.error);
        }),
    );
  return {
    add: (w) => run('readwrite', (s) => s.add(w)),
    all: () => run('readonly', (s) => s.getAll() as IDBRequest<QueuedWrite[]>),
    put: (w) => run('readwrite', (s) => s.put(w)),
    delete: (seq) => run('readwrite', (s) => s.delete(seq)),
  };
}

/**
 * A tiny promise wrapper over one IndexedDB object store: get, put, delete, list. Every call
 * opens the database lazily and shares the connection; when IndexedDB is missing or refuses
 * (a private window, a blocked origin), calls reject and the caller carries on without saving.
 */
export const DB_NAME = 'dockyard';
export const DB_VERSION = 1;
export const STORE = 'saves';

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    if (typeof indexedDB === 'undefined') return reject(new Error('IndexedDB is not available'));
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE);
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading the database: let it, and reopen on the next call.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
    request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
  }).catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  return new Promise<T>((resolve, reject) => {
    const transaction = db.transaction(STORE, mode);
    const request = work(transaction.objectStore(STORE));
    transaction.oncomplete = () => resolve(request.result);
    transaction.onerror = () => reject(transaction.error ?? request.error ?? new Error('IndexedDB request failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
  });
}

export const idbGet = (key: string): Promise<unknown> => run('readonly', (store) => store.get(key));
export const idbPut = (key: string, value: unknown): Promise<unknown> => run('readwrite', (store) => store.put(value, key));
export const idbDelete = (key: string): Promise<undefined> => run('readwrite', (store) => store.delete(key));
export const idbKeys = (): Promise<string[]> => run('readonly', (store) => store.getAllKeys()).then((keys) => keys.map(String));

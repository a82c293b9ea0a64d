// The files of the last collection, kept in this browser's IndexedDB so that a reload reads
// them again (the collection is rebuilt from them: the same files give the same collection).
const DB = 'folio';
const STORE = 'files';

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { autoIncrement: true });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run(mode, work) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

export function saveFile(name, bytes) {
  // The bytes are a view of WebAssembly memory: copy them before anything else runs.
  const copy = bytes.slice();
  return run('readwrite', (store) => store.add({ name, bytes: copy }));
}

export async function loadFiles() {
  return run('readonly', (store) => store.getAll());
}

export function forget() {
  return run('readwrite', (store) => store.clear());
}

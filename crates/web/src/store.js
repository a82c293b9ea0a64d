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

// One connection for the page's life: opening one per file cost more than the write when
// a folder of thousands of small files was dropped.
let connection = null;

function database() {
  connection ??= open().then((db) => {
    // Another tab upgrading the database must not wait on this one.
    db.onversionchange = () => {
      db.close();
      connection = null;
    };
    return db;
  });
  connection.catch(() => (connection = null));
  return connection;
}

async function run(mode, work) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = work(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(request?.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

// Files to keep, written together in one transaction shortly after the first of them
// arrives: a transaction per file made ten thousand small files take seconds more to read.
let waiting = [];
let written = null;
const GATHER_MS = 20;

export function saveFile(record) {
  // `record` is {name, bytes}, or {names, sizes, bytes} for files read together, made by
  // serde-wasm-bindgen: its bytes are already a copy.
  waiting.push(record);
  written ??= new Promise((resolve) => setTimeout(resolve, GATHER_MS)).then(() => {
    const files = waiting;
    waiting = [];
    written = null;
    return run('readwrite', (store) => {
      for (const file of files) store.add(file);
    });
  });
  return written;
}

export const saveGroup = saveFile;

export async function loadFiles() {
  const records = await run('readonly', (store) => store.getAll());
  // A group's files, cut apart in order; a record of one file as it is.
  return records.flatMap((record) => {
    if (!record.names) return [record];
    let at = 0;
    return record.names.map((name, i) => {
      const bytes = record.bytes.slice(at, at + record.sizes[i]);
      at += record.sizes[i];
      return { name, bytes };
    });
  });
}

export function forget() {
  // Transactions run in the order they were made: files written before this are cleared
  // with the rest, and files waiting to be written are dropped here.
  waiting = [];
  return run('readwrite', (store) => store.clear());
}

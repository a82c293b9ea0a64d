// The files of a drop, folders included where the browser lets a page read them
// (webkitGetAsEntry); otherwise the dropped files themselves.
function readAll(reader) {
  // readEntries answers in batches; an empty batch means the folder is done.
  return new Promise((resolve, reject) => {
    const all = [];
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(all);
        else {
          all.push(...batch);
          next();
        }
      }, reject);
    next();
  });
}

async function walk(entry, out) {
  if (entry.isFile) {
    out.push(await new Promise((resolve, reject) => entry.file(resolve, reject)));
  } else if (entry.isDirectory) {
    for (const child of await readAll(entry.createReader())) await walk(child, out);
  }
}

export function droppedFiles(dataTransfer) {
  // The items can only be read during the drop event: take the entries now, walk them later.
  const entries = [...(dataTransfer.items ?? [])]
    .filter((item) => item.kind === 'file')
    .map((item) => (item.webkitGetAsEntry ? item.webkitGetAsEntry() : null));
  const plain = [...(dataTransfer.files ?? [])];
  if (entries.length === 0 || entries.some((e) => !e) || !entries.some((e) => e.isDirectory)) {
    return Promise.resolve(plain);
  }
  return (async () => {
    const out = [];
    for (const entry of entries) await walk(entry, out);
    return out;
  })();
}

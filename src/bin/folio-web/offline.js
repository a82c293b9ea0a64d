// Registers the service worker a release build carries (dist/sw.js, see scripts/sw.mjs), so the
// page opens and works offline after one visit. Without one (a development build), nothing.
export function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('./sw.js').catch(() => {});
}

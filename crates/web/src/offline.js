// Registers the service worker a release build carries (sw.js, written by
// scripts/post-build.mjs), so the page opens and works offline after one visit. Only a release
// build has one, and only its index.html carries the marker below: a development server
// answers any path with index.html, and registering that would fail with a MIME type error in
// the console of every page load.
export function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  const marker = document.querySelector('meta[name="folio-service-worker"]');
  if (!marker) return;
  navigator.serviceWorker.register(marker.content).catch(() => {});
}

// Registers the service worker (served over http(s) only; from file:// it
// is skipped silently) and tells the app when a new release is waiting.
// The app shows the notice and calls window.kenshuApplyUpdate() when the
// learner agrees; the page then reloads onto the new release as a whole.
if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {
  let reloading = false;
  const announce = (worker) => {
    window.kenshuApplyUpdate = () => worker.postMessage('skip-waiting');
    window.kenshuUpdateReady = true;
    window.dispatchEvent(new Event('kenshu-update-ready'));
  };
  // Register only once the app has started, so the worker's precaching
  // does not compete with the first load for a slow network.
  const register = () => navigator.serviceWorker.register('./sw.js').then((registration) => {
    if (registration.waiting && navigator.serviceWorker.controller) announce(registration.waiting);
    registration.addEventListener('updatefound', () => {
      const worker = registration.installing;
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) announce(worker);
      });
    });
  }).catch(() => {});
  // In a task of its own: the start event comes at the end of the app's
  // first render, which is long enough on a slow phone.
  const soon = () => setTimeout(register, 0);
  if (window.wasmBindings) soon();
  else window.addEventListener('TrunkApplicationStarted', soon, { once: true });
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (window.kenshuUpdateReady && !reloading) {
      reloading = true;
      location.reload();
    }
  });
}

// Watchpost dashboard: progressive enhancement only; every page works without it.
(() => {
  const root = document.documentElement;
  // Theme: stored in this browser; the server also keeps a user's choice (data-theme).
  const stored = localStorage.getItem('wp-theme');
  if (stored && !root.dataset.theme) root.dataset.theme = stored;
  document.addEventListener('click', async (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    if (target.closest('[data-theme-toggle]')) {
      const dark = root.dataset.theme ? root.dataset.theme === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
      root.dataset.theme = dark ? 'light' : 'dark';
      localStorage.setItem('wp-theme', root.dataset.theme);
    }
    const copy = target.closest('[data-copy]');
    if (copy) {
      await navigator.clipboard?.writeText(copy.getAttribute('data-copy') ?? '').catch(() => undefined);
      copy.setAttribute('data-copied', 'true');
      const label = copy.textContent;
      copy.textContent = 'Copied!';
      setTimeout(() => (copy.textContent = label), 1500);
    }
  });
  // Confirmations for destructive forms: <form data-confirm="Delete this check?">.
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (form instanceof HTMLFormElement && form.dataset.confirm && !confirm(form.dataset.confirm)) event.preventDefault();
  });
  // The one polling loop of every live part (area scripts use it too): while the page is
  // visible, fetch `url` every `every()` ms and hand `apply` the HTML when it changed; then
  // `region` announces `wp:refreshed`.
  const poll = (region, url, every, apply) => {
    let last = '';
    const tick = async () => {
      if (document.visibilityState === 'visible') {
        try {
          const res = await fetch(url, { headers: { Accept: 'text/html' }, credentials: 'same-origin' });
          if (res.ok) {
            const text = await res.text();
            if (text !== last) {
              last = text;
              const template = document.createElement('template');
              template.innerHTML = text;
              apply(template.content);
              region.dispatchEvent(new CustomEvent('wp:refreshed', { bubbles: true }));
            }
          }
        } catch {
          // offline for a moment: the next tick tries again
        }
      }
      setTimeout(tick, every());
    };
    setTimeout(tick, every());
  };
  window.watchpost = { poll };
  // Live regions: <div data-refresh-url="…" data-refresh-ms="3000"> is replaced by the HTML the URL answers.
  for (const region of document.querySelectorAll('[data-refresh-url]')) {
    const every = Number(region.getAttribute('data-refresh-ms') || 3000);
    poll(
      region,
      region.getAttribute('data-refresh-url'),
      () => every,
      (fresh) => region.replaceChildren(fresh),
    );
  }
})();

// Watchpost Cloud pages: statuses refresh without a reload. Progressive enhancement only:
// without this script the pages still show everything and every button posts its form.
(() => {
  const live = document.querySelector('[data-cloud-refresh]');
  if (!live) return;
  const url = live.getAttribute('data-cloud-refresh');
  const keyed = (root) => [...root.querySelectorAll('[data-key]')];
  // The region without its keyed parts: when it changes (a pipeline added, a first check…)
  // the whole region is replaced; otherwise only the keyed parts that changed are.
  const skeleton = (root) => {
    const copy = root.cloneNode(true);
    for (const el of keyed(copy)) el.replaceWith(document.createTextNode(`#${el.dataset.key}`));
    return copy.innerHTML;
  };
  // A button being used keeps the focus when its row is replaced (its form's action names it).
  const focusedForm = () => document.activeElement?.closest?.('form')?.getAttribute('action') ?? null;
  const refocus = (action) => {
    if (!action) return;
    const form = [...live.querySelectorAll('form')].find((f) => f.getAttribute('action') === action);
    form?.querySelector('button')?.focus();
  };
  // Every fragment carries fresh CSRF tokens; the page's own stays valid (same secret), so the
  // fresh rows take it and a row changes only when what it shows changes.
  const token = document.querySelector('input[name="_csrf"]')?.getAttribute('value');
  const apply = (fresh) => {
    if (token) for (const input of fresh.querySelectorAll('input[name="_csrf"]')) input.setAttribute('value', token);
    const action = live.contains(document.activeElement) ? focusedForm() : null;
    if (skeleton(live) !== skeleton(fresh)) {
      live.replaceChildren(...fresh.childNodes);
    } else {
      const current = new Map(keyed(live).map((el) => [el.dataset.key, el]));
      for (const el of keyed(fresh)) {
        const old = current.get(el.dataset.key);
        if (old && old.outerHTML !== el.outerHTML) old.replaceWith(el);
      }
    }
    refocus(action);
  };
  window.watchpost.poll(
    live,
    url,
    () => 3000,
    (content) => {
      const fresh = document.createElement('div');
      fresh.append(content);
      apply(fresh);
    },
  );
})();

// Integrations pages: progressive enhancement only; every page works without it.
(() => {
  // Instants in the viewer's time zone; the UTC text stays in the tooltip.
  for (const time of document.querySelectorAll('.integrations time[datetime]')) {
    const at = new Date(time.getAttribute('datetime'));
    if (Number.isNaN(at.getTime())) continue;
    time.title = time.textContent;
    time.textContent = at.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  }
  // "Select all" / "Select none" on the assignment form.
  for (const holder of document.querySelectorAll('[data-select-all]')) {
    const form = holder.closest('form');
    if (!form) continue;
    const boxes = () => form.querySelectorAll('input[type="checkbox"][name^="check-"]');
    for (const [label, state] of [
      ['Select all', true],
      ['Select none', false],
    ]) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = label;
      button.addEventListener('click', () => {
        for (const box of boxes()) box.checked = state;
      });
      holder.append(button);
    }
    holder.hidden = false;
  }
})();

// Watchpost checks pages: live list rows, schedule preview, time zones. Progressive
// enhancement only: without this script every page still works (forms post, links filter).
(() => {
  // ---- Live checks list: replace only the rows that changed, so focus and scroll stay put.
  const live = document.querySelector('[data-checks-refresh]');
  if (live) {
    const url = live.getAttribute('data-checks-refresh');
    const rowsOf = (root) => [...root.querySelectorAll('tr[data-code]')];
    const apply = (fresh) => {
      const oldRows = rowsOf(live);
      const newRows = rowsOf(fresh);
      const sameShape =
        oldRows.length > 0 &&
        oldRows.length === newRows.length &&
        oldRows.every((row, i) => row.dataset.code === newRows[i].dataset.code);
      if (!sameShape) {
        live.replaceChildren(...fresh.childNodes);
        return;
      }
      newRows.forEach((row, i) => {
        if (oldRows[i].outerHTML !== row.outerHTML) oldRows[i].replaceWith(row);
      });
      const count = live.querySelector('.checks-count');
      const freshCount = fresh.querySelector('.checks-count');
      if (count && freshCount && count.textContent !== freshCount.textContent) count.textContent = freshCount.textContent;
    };
    // A big project answers a big fragment: poll it less often.
    window.watchpost.poll(live, url, () => Math.max(3000, rowsOf(live).length * 2), apply);
  }

  // ---- Schedule editor: show the selected kind's fields, preview drafts as they are typed.
  const scheduleForm = document.querySelector('form[data-preview-url]');
  if (scheduleForm) {
    scheduleForm.classList.add('js-kinds');
    const showKind = () => {
      const kind = scheduleForm.querySelector('input[name="kind"]:checked')?.value ?? 'simple';
      for (const pane of scheduleForm.querySelectorAll('.kind-pane')) {
        pane.hidden = !pane.dataset.kind.split(' ').includes(kind);
      }
    };
    showKind();
    const target = scheduleForm.querySelector('[data-schedule-preview]');
    let timer = 0;
    let seq = 0;
    const preview = async () => {
      const params = new URLSearchParams(new FormData(scheduleForm));
      params.delete('_csrf');
      const mine = ++seq;
      try {
        const res = await fetch(`${scheduleForm.dataset.previewUrl}?${params}`, { credentials: 'same-origin' });
        if (res.ok && mine === seq) {
          target.innerHTML = await res.text();
          localizeTimes(target);
        }
      } catch {
        // the Preview button still works
      }
    };
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(preview, 350);
    };
    scheduleForm.addEventListener('input', later);
    scheduleForm.addEventListener('change', (event) => {
      if (event.target.name === 'kind') showKind();
      later();
    });
  }

  // ---- Times: the viewer's zone by default; UTC or the check's zone one click away.
  const zoneKey = 'wp-time-zone';
  let zone = localStorage.getItem(zoneKey) || 'local';
  function localizeTimes(root = document) {
    for (const el of root.querySelectorAll('time[data-local]')) {
      const date = new Date(el.getAttribute('datetime'));
      if (Number.isNaN(date.getTime())) continue;
      const options = {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZoneName: 'short',
      };
      if (el.dataset.local === 'seconds') options.second = '2-digit';
      const checkZone = document.querySelector('[data-check-tz]')?.dataset.checkTz;
      const timeZone = zone === 'check' ? checkZone : zone === 'UTC' ? 'UTC' : undefined;
      if (timeZone) options.timeZone = timeZone;
      try {
        if (!el.title) el.title = el.textContent;
        el.textContent = new Intl.DateTimeFormat('en-CA', options).format(date).replace(',', '');
      } catch {
        // an unknown zone in this browser: keep the UTC text
      }
    }
    for (const button of document.querySelectorAll('[data-show-tz]')) {
      button.setAttribute('aria-pressed', String(button.dataset.showTz === zone));
    }
  }
  for (const switcher of document.querySelectorAll('.time-zones')) switcher.hidden = false;
  document.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('[data-show-tz]') : null;
    if (!button) return;
    zone = button.dataset.showTz;
    localStorage.setItem(zoneKey, zone);
    localizeTimes();
  });
  document.addEventListener('wp:refreshed', (event) => localizeTimes(event.target));
  localizeTimes();
})();

// Badge builder: shows the chosen badge's URL as the form changes, without a round trip.
// Without this script the form is a plain GET form and the server renders the same result.
(() => {
  const form = document.querySelector('form[data-badge-builder]');
  if (!form) return;
  const select = form.querySelector('select[name="tag"]');
  const url = document.getElementById('badge-url');
  const copy = document.querySelector('[data-badge-copy]');
  const preview = document.getElementById('badge-preview');
  const markdown = document.getElementById('badge-markdown');
  const submit = form.querySelector('[data-badge-submit]');
  if (submit) submit.hidden = true;
  const update = () => {
    const option = select.selectedOptions[0];
    const fmt = form.querySelector('input[name="fmt"]:checked')?.value ?? 'svg';
    const three = form.querySelector('input[name="states"]:checked')?.value === '3';
    const suffix = three ? '3' : '';
    const raw = option.dataset[fmt + suffix];
    const shown = fmt === 'shields' ? 'https://img.shields.io/endpoint?url=' + encodeURIComponent(raw) : raw;
    const svg = option.dataset['svg' + suffix];
    url.textContent = shown;
    copy.setAttribute('data-copy', shown);
    preview.src = svg;
    const label = option.textContent.trim();
    preview.alt = 'Status badge of ' + label.toLowerCase();
    markdown.textContent = '![' + label + '](' + (fmt === 'json' ? svg : shown) + ')';
    // Keeps the address bar in step, so a reload or a shared link shows the same badge.
    const params = new URLSearchParams({ tag: option.value, fmt, states: three ? '3' : '2' });
    history.replaceState(null, '', '?' + params.toString());
  };
  form.addEventListener('change', update);
})();

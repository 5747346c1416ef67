// The read key the page sends with every request (X-Api-Key) and live stream (?access_token=, since
// EventSource cannot set headers). It arrives in the page URL (?key=..., as ./run-local.sh prints it) or
// through the key form, and is kept in sessionStorage: this tab only, gone when it closes. The URL drops
// it at once, so it stays out of the history, bookmarks and screenshots.

const STORAGE = 'pulse.readKey';

export function takeKeyFromUrl() {
  const params = new URLSearchParams(location.search);
  if (!params.has('key')) return;
  if (params.get('key')) sessionStorage.setItem(STORAGE, params.get('key'));
  params.delete('key');
  const query = params.toString();
  history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
}

export const readKey = () => sessionStorage.getItem(STORAGE);

export function rememberKey(key) {
  sessionStorage.setItem(STORAGE, key.trim());
}

/** Shows the form that asks for a key; a key given there is kept and the page starts over with it. */
export function askForKey(form, reason) {
  form.querySelector('[data-reason]').textContent = reason;
  form.hidden = false;
  form.querySelector('input').focus();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    rememberKey(form.querySelector('input').value);
    location.reload();
  }, { once: true });
}

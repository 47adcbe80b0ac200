// The search index loads when the reader asks for search, not with every page; and text
// that arrives in the search box without a key press starts a search (at the end). Material
// requests it as soon as a page opens (most readers never search: on a task page it was
// two fifths of the bytes); this holds that one request until the search box is focused
// (a click, a tap, or the keys / s f) or the search dialog opens, then sends it. Loaded
// before Material's bundle (overrides/partials/search.html), so the request is seen.
(() => {
  const INDEX = /\/search\/search_index\.json$/;
  const held = [];
  let asked = false;
  const { open, send } = XMLHttpRequest.prototype;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.searchIndex = INDEX.test(new URL(url, location.href).pathname);
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...args) {
    if (this.searchIndex && !asked) {
      held.push(() => send.apply(this, args));
      return;
    }
    return send.apply(this, args);
  };
  const load = () => {
    asked = true;
    held.splice(0).forEach(release => release());
  };
  document.addEventListener("focusin", event => {
    if (event.target.matches(".md-search__input")) load();
  }, true);
  // A press on the box or on the phone header's search icon starts it a moment earlier.
  document.addEventListener("pointerdown", event => {
    if (event.target.closest(".md-search__form, label[for=__search]")) load();
  }, true);
  document.addEventListener("change", event => {
    if (event.target.id === "__search" && event.target.checked) load();
  }, true);
  // Material searches on keyup. Text that arrives without a key (pasted, dictated,
  // chosen from the keyboard's suggestions, filled in by the browser) fires only an
  // input event: it gets the keyup Material waits for. A key's own keyup repeats the
  // query, which Material drops as unchanged.
  document.addEventListener("input", event => {
    if (event.target.matches(".md-search__input") && !event.isComposing) {
      event.target.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    }
  }, true);
})();

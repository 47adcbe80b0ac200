// Keyboard access at every width and the reading mode (issue 14).
//
// Material opens its navigation drawer, its search and the drawer's levels by ticking
// hidden checkboxes through their labels. The labels get no keyboard focus and the theme
// moves no focus when something opens or closes. This makes the labels buttons, moves
// focus into what opens and back to its button when it closes (Escape too), and closes the
// drawer when focus leaves it. accessibility.css keeps whatever is closed out of the Tab order.
(function () {
  "use strict";
  var READING_KEY = "plan-reading-mode";
  // Material's breakpoint: below it the navigation is a drawer of sliding levels
  var drawerMode = window.matchMedia("(max-width: 76.234375em)");
  var root = document.documentElement;

  function isShown(element) {
    return element.getClientRects().length > 0 && getComputedStyle(element).visibility === "visible";
  }

  function firstFocusable(container) {
    var candidates = container.querySelectorAll("a[href], button, input, [tabindex]");
    for (var i = 0; i < candidates.length; i++) {
      if (candidates[i].tabIndex >= 0 && isShown(candidates[i])) return candidates[i];
    }
    return null;
  }

  function pressWithKeyboard(event) {
    var button = event.target.closest && event.target.closest("label[role=button]");
    if (!button || (event.key !== "Enter" && event.key !== " ")) return;
    event.preventDefault();
    event.stopPropagation(); // Material clicks a focused label on Enter itself
    button.click();
  }

  // The header's menu and search buttons, and what they open.
  function headerToggle(opener, panel) {
    var box = document.getElementById(opener.getAttribute("data-plan-opens"));
    // Set here, not in the markup, where HTML allows no role on a label: the label acts
    // as a button only through this script's keys.
    opener.setAttribute("role", "button");
    opener.setAttribute("aria-expanded", String(box.checked));
    box.addEventListener("change", function () {
      opener.setAttribute("aria-expanded", String(box.checked));
      var focused = document.activeElement;
      if (box.checked) {
        if (!panel.contains(focused)) {
          var target = firstFocusable(panel);
          if (target) target.focus();
        }
      } else if (panel.contains(focused) && isShown(opener)) {
        opener.focus();
      }
    });
    return box;
  }

  var menu = document.querySelector("[data-plan-opens=__drawer]");
  var sidebar = document.querySelector(".md-sidebar--primary");
  if (menu && sidebar) {
    var drawer = headerToggle(menu, sidebar);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked) drawer.click();
    });
    sidebar.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (drawer.checked && next && !sidebar.contains(next) && next !== menu) drawer.click();
    });
  }
  var searchButton = document.querySelector("[data-plan-opens=__search]");
  var search = document.querySelector(".md-search__inner");
  if (searchButton && search) headerToggle(searchButton, search);

  // The drawer's levels: a label opens a level, the level's title goes back.
  var levelLabels = document.querySelectorAll(
    ".md-nav--primary label.md-nav__link[for], .md-nav--primary .md-nav .md-nav__title[for]"
  );
  function levelButtons() {
    levelLabels.forEach(function (label) {
      if (!label.hasAttribute("data-plan-tabindex")) {
        label.setAttribute("data-plan-tabindex", label.getAttribute("tabindex") || "");
      }
      if (drawerMode.matches) {
        label.setAttribute("role", "button");
        label.setAttribute("tabindex", "0");
        if (!label.textContent.trim()) {
          // an arrow beside the level's link: named after that link
          var link = label.parentElement.querySelector("a");
          if (link) label.setAttribute("aria-label", link.textContent.trim());
        }
        if (label.classList.contains("md-nav__link")) {
          var box = document.getElementById(label.htmlFor);
          label.setAttribute("aria-expanded", String(box.checked));
        }
      } else {
        // on a wide screen every level is open; Material's own labels stay as they were
        label.removeAttribute("role");
        label.removeAttribute("aria-expanded");
        label.setAttribute("tabindex", label.getAttribute("data-plan-tabindex"));
      }
    });
  }
  levelButtons();
  drawerMode.addEventListener("change", levelButtons);
  document.querySelectorAll(".md-nav--primary .md-nav__toggle").forEach(function (box) {
    box.addEventListener("change", function () {
      if (!drawerMode.matches) return;
      var opener = sidebar.querySelector("label.md-nav__link[for='" + box.id + "']");
      if (opener) opener.setAttribute("aria-expanded", String(box.checked));
      if (!sidebar.contains(document.activeElement)) return;
      var target = box.checked ? firstFocusable(box.parentElement.querySelector(".md-nav")) : opener;
      // without preventScroll, focusing the level as it slides in scrolled the drawer by
      // a level's width: the level opened blank, its entries out of sight on the left
      if (target) target.focus({ preventScroll: true });
    });
  });
  document.addEventListener("keydown", pressWithKeyboard);

  // Chromium's Tab scrolls a partly visible element no further: in the matrix's scroll box
  // a heading at the edge stayed half cut off. Bring all of it in (beside the sticky cells:
  // the box's scroll-padding in accessibility.css).
  document.addEventListener("focusin", function (event) {
    if (event.target.closest(".plan-matrix a")) {
      event.target.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  });

  // The reading mode: larger text and high contrast, kept for every page and visit in this
  // browser's local storage (no cookie, nothing sent). The <head> applies it before drawing.
  var readingSwitch = document.querySelector("[data-plan-reading-switch]");
  function showReading(on) {
    root.toggleAttribute("data-plan-reading", on);
    if (readingSwitch) readingSwitch.setAttribute("aria-checked", String(on));
  }
  showReading(root.hasAttribute("data-plan-reading"));
  if (readingSwitch) {
    readingSwitch.addEventListener("click", function () {
      var on = !root.hasAttribute("data-plan-reading");
      showReading(on);
      try {
        if (on) localStorage.setItem(READING_KEY, "on");
        else localStorage.removeItem(READING_KEY);
      } catch (error) {
        // storage refused (private mode): the choice holds for this page only
      }
    });
  }
  window.addEventListener("storage", function (event) {
    if (event.key === READING_KEY) showReading(event.newValue === "on");
  });
})();

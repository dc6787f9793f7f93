// Accessibility fixes to the theme's markup, reported by axe-core (tests/test_browser.py).
// document$ fires on the first load and after every instant navigation.
(function () {
  // The search dialog needs an accessible name (axe rule aria-dialog-name).
  function nameSearchDialog() {
    document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (dialog) {
      dialog.setAttribute("aria-label", "Search");
    });
  }
  // A table wider than a phone scrolls sideways inside the theme's wrapper, which keyboard
  // users can only scroll once it takes focus (axe rule scrollable-region-focusable). Only
  // wrappers that overflow become a tab stop, so wide screens keep no extra stops.
  function focusableScrollRegions() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth) {
        wrap.setAttribute("tabindex", "0");
      } else {
        wrap.removeAttribute("tabindex");
      }
    });
  }
  function fix() {
    nameSearchDialog();
    focusableScrollRegions();
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(fix);
  } else {
    fix();
  }
  window.addEventListener("resize", focusableScrollRegions);
})();

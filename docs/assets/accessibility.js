// Give the theme's search dialog an accessible name (axe rule aria-dialog-name).
// document$ fires on the first load and after every instant navigation.
(function () {
  function nameSearchDialog() {
    document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (dialog) {
      dialog.setAttribute("aria-label", "Search");
    });
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(nameSearchDialog);
  } else {
    nameSearchDialog();
  }
})();

// The site's search box as it was with Pagefind, kept for the comparison in benchmarks/search.py
// (beside partials/search.html here): results from a Pagefind bundle (pagefind/). Nothing is fetched until the box takes focus; then
// Pagefind loads the few index chunks a query needs and the first results' records, never the
// whole index. Results are built as text (textContent), never as HTML.
//
// Keys, as in Material's own search: "/", "s" or "f" opens it; Down and Up move between the
// box and the results; Enter in the box opens the first result; Escape closes it.
(function () {
  "use strict";
  if (window.__factsiteSearch) return; // instant navigation keeps the header and this script
  window.__factsiteSearch = true;

  var SHOWN = 10;
  // Pagefind runs one search at a time: searching at every keystroke queues a search per
  // letter (the short prefixes match most of a large archive), so the last one waits for
  // them all. Only the query typed after a short pause is searched.
  var PAUSE_MS = 120;
  var box = document.querySelector("[data-fs-search]");
  if (!box) return;
  var toggle = document.getElementById("__search");
  var input = document.getElementById("fs-search-input");
  var status = document.getElementById("fs-search-status");
  var list = document.getElementById("fs-search-results");
  var form = input.form;
  // Resolved now: the header outlives instant navigation, so a relative address would go stale.
  var bundle = new URL(box.getAttribute("data-bundle"), document.baseURI).href;
  var root = new URL("../", bundle).pathname; // the edition's root: result URLs are relative to it
  var text = translations();
  var pagefind = null;
  var asked = 0;

  function translations() {
    var config = document.getElementById("__config");
    try {
      return JSON.parse(config.textContent).translations || {};
    } catch (error) {
      return {};
    }
  }

  function say(count) {
    if (count === null) return text["search.result.placeholder"] || "Type to start searching";
    if (count === 0) return text["search.result.none"] || "No matching documents";
    if (count === 1) return text["search.result.one"] || "1 matching document";
    return (text["search.result.other"] || "# matching documents").replace("#", String(count));
  }

  function load() {
    if (!pagefind) {
      pagefind = import(bundle).then(function (module) {
        return module.options({ baseUrl: root }).then(function () {
          return module.init();
        }).then(function () {
          return module;
        });
      });
    }
    return pagefind;
  }

  function open() {
    if (toggle && !toggle.checked) toggle.checked = true;
    load();
  }

  function close() {
    if (toggle) toggle.checked = false;
    input.blur();
  }

  function row(data) {
    var item = document.createElement("li");
    item.className = "md-search-result__item";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = data.url;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    var title = document.createElement("p");
    title.className = "fs-search-result__title";
    title.textContent = (data.meta && data.meta.title) || data.url;
    var about = document.createElement("p");
    about.className = "md-search-result__teaser";
    about.textContent = [data.meta && data.meta.date, data.meta && data.meta.kind].filter(Boolean).join(" · ");
    article.append(icon, title, about);
    link.append(article);
    item.append(link);
    return item;
  }

  function show(count, rows) {
    list.replaceChildren.apply(list, rows || []);
    status.textContent = say(count);
  }

  function search() {
    var query = input.value.trim();
    var number = ++asked;
    if (!query) {
      show(null);
      return;
    }
    load()
      .then(function (module) {
        return module.debouncedSearch(query, {}, PAUSE_MS);
      })
      .then(function (found) {
        if (number !== asked || !found) return null; // a later query replaced this one
        return Promise.all(
          found.results.slice(0, SHOWN).map(function (result) {
            return result.data();
          })
        ).then(function (data) {
          if (number === asked) show(found.results.length, data.map(row));
        });
      })
      .catch(function (error) {
        if (number === asked) show(0);
        console.error("search:", error);
      });
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll(".md-search-result__link"));
  }

  function move(step) {
    var all = links();
    if (!all.length) return;
    var at = all.indexOf(document.activeElement);
    var next = at + step;
    if (next < 0) {
      input.focus();
    } else {
      all[Math.min(next, all.length - 1)].focus();
    }
  }

  input.addEventListener("focus", open);
  input.addEventListener("input", search);
  form.addEventListener("reset", function () {
    window.setTimeout(search, 0);
  });
  form.addEventListener("submit", function (event) {
    var first = links()[0];
    if (first) {
      event.preventDefault();
      first.click();
    }
  });
  if (toggle) {
    toggle.addEventListener("change", function () {
      if (toggle.checked) input.focus();
    });
  }
  box.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      move(event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });
  list.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("a")) {
      if (toggle) toggle.checked = false;
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key !== "/" && event.key !== "s" && event.key !== "f") return;
    var active = document.activeElement;
    if (active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName))) return;
    event.preventDefault();
    open();
    input.focus();
  });
})();

// Timeline filters: narrow the server-rendered timeline by verdict, tag, actor, years
// and words. Without this script the whole timeline shows and the form stays hidden.
// The filter state lives in the query string (?verdict=a&verdict=b&tag=..&from=..&to=..&q=..),
// so a filtered view can be shared. Runs on every page load, including Material's
// instant navigation (document$), and does nothing on pages without the form.
(function () {
  "use strict";

  var FIELDS = ["verdict", "tag", "actor", "from", "to", "q"];

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function words(text) {
    return fold(text).split(/\s+/).filter(Boolean);
  }

  function readState(form) {
    var data = new FormData(form);
    var year = function (name) {
      var value = parseInt(String(data.get(name) || ""), 10);
      return isNaN(value) ? null : value;
    };
    var state = {
      verdicts: data.getAll("verdict").map(String),
      tag: String(data.get("tag") || ""),
      actor: String(data.get("actor") || ""),
      from: year("from"),
      to: year("to"),
      q: String(data.get("q") || "").trim()
    };
    if (state.from !== null && state.to !== null && state.from > state.to) {
      var swap = state.from;
      state.from = state.to;
      state.to = swap;
    }
    return state;
  }

  function writeForm(form, params) {
    var verdicts = params.getAll("verdict");
    form.querySelectorAll('input[name="verdict"]').forEach(function (box) {
      box.checked = verdicts.indexOf(box.value) !== -1;
    });
    ["tag", "actor", "from", "to", "q"].forEach(function (name) {
      var control = form.elements.namedItem(name);
      if (!control) return;
      var value = params.get(name) || "";
      if (control.tagName === "SELECT") {
        var known = Array.prototype.some.call(control.options, function (o) { return o.value === value; });
        control.value = known ? value : "";
      } else {
        control.value = value;
      }
    });
  }

  function toQuery(state) {
    var params = new URLSearchParams();
    state.verdicts.forEach(function (v) { params.append("verdict", v); });
    if (state.tag) params.append("tag", state.tag);
    if (state.actor) params.append("actor", state.actor);
    if (state.from !== null) params.append("from", String(state.from));
    if (state.to !== null) params.append("to", String(state.to));
    if (state.q) params.append("q", state.q);
    var query = params.toString();
    return query ? "?" + query : "";
  }

  function matches(entry, state, terms, ignoreVerdict) {
    var d = entry.dataset;
    if (!ignoreVerdict && state.verdicts.length && state.verdicts.indexOf(d.verdict) === -1) return false;
    if (state.tag && (" " + d.tags + " ").indexOf(" " + state.tag + " ") === -1) return false;
    if (state.actor && (" " + d.actors + " ").indexOf(" " + state.actor + " ") === -1) return false;
    var year = parseInt(d.year, 10);
    if (state.from !== null && year < state.from) return false;
    if (state.to !== null && year > state.to) return false;
    var text = entry.fsText;
    return terms.every(function (term) { return text.indexOf(term) !== -1; });
  }

  function setHidden(element, hidden) {
    if (element && element.hidden !== hidden) element.hidden = hidden;
  }

  function apply(form, entries) {
    var state = readState(form);
    var terms = words(state.q);
    var shown = 0;
    var perVerdict = {};
    var perYear = {};
    entries.forEach(function (entry) {
      var visible = matches(entry, state, terms, false);
      setHidden(entry, !visible);
      if (visible) {
        shown += 1;
        perYear[entry.dataset.year] = true;
      }
      if (matches(entry, state, terms, true)) {
        perVerdict[entry.dataset.verdict] = (perVerdict[entry.dataset.verdict] || 0) + 1;
      }
    });
    document.querySelectorAll("[data-fs-verdict-count]").forEach(function (count) {
      count.textContent = String(perVerdict[count.getAttribute("data-fs-verdict-count")] || 0);
    });
    document.querySelectorAll("ol[data-fs-year]").forEach(function (list) {
      var empty = !list.querySelector("[data-fact]:not([hidden])");
      setHidden(list, empty);
      var heading = list.previousElementSibling;
      if (heading && /^H[1-6]$/.test(heading.tagName)) setHidden(heading, empty);
    });
    document.querySelectorAll("[data-fs-year-link]").forEach(function (item) {
      setHidden(item, !perYear[item.getAttribute("data-fs-year-link")]);
    });
    var total = entries.length;
    var count = document.getElementById("fs-count");
    if (count) count.textContent = shown + " of " + total + (total === 1 ? " fact" : " facts");
    setHidden(document.getElementById("fs-empty"), shown !== 0);
    var query = toQuery(state);
    if (query !== window.location.search) {
      history.replaceState(history.state, "", window.location.pathname + query + window.location.hash);
    }
  }

  function setup() {
    var form = document.getElementById("fs-filters");
    if (!form || form.dataset.fsReady) return;
    form.dataset.fsReady = "1";
    var entries = Array.prototype.slice.call(document.querySelectorAll("[data-fact]"));
    entries.forEach(function (entry) {
      entry.fsText = fold(entry.textContent + " " + (entry.dataset.actors || "").replace(/-/g, " ") + " " +
        (entry.dataset.tags || "").replace(/-/g, " "));
    });
    var params = new URLSearchParams(window.location.search);
    writeForm(form, params);
    form.hidden = false;
    var update = function () { apply(form, entries); };
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    form.addEventListener("reset", function () { window.setTimeout(update, 0); });
    if (FIELDS.some(function (name) { return params.has(name); })) update();
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();

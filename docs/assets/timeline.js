// Timeline filters: narrow the timeline by kind (claims, events), verdict, tag, actor, years and words.
// Without JavaScript the whole timeline shows and the form stays hidden. The page unhides
// the form with one inline line right after it, so that it is there at the first paint
// instead of pushing the timeline down later (a layout shift); this script does it too.
// The filter state lives in the query string (?kind=claim&verdict=a&verdict=b&tag=..&from=..&to=..&q=..),
// so a filtered view can be shared. Runs on every page load, including Material's
// instant navigation (document$), and does nothing on pages without the form.
//
// When every fact is on the page, entries ([data-fact]) are hidden and shown in place.
// When the timeline is split into year pages (more facts than the page holds), the
// script fetches the compact filter index (data-fs-index) on the first filter and
// lists the matching facts in #fs-results, built with the same markup.
(function () {
  "use strict";

  var FIELDS = ["kind", "verdict", "tag", "actor", "from", "to", "q"];
  var MAX_RESULTS = 500;

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
      kinds: data.getAll("kind").map(String),
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
    state.terms = words(state.q);
    state.active = Boolean(state.kinds.length || state.verdicts.length || state.tag || state.actor ||
      state.from !== null || state.to !== null || state.terms.length);
    return state;
  }

  function writeForm(form, params) {
    ["kind", "verdict"].forEach(function (name) {
      var chosen = params.getAll(name);
      form.querySelectorAll('input[name="' + name + '"]').forEach(function (box) {
        box.checked = chosen.indexOf(box.value) !== -1;
      });
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
    state.kinds.forEach(function (k) { params.append("kind", k); });
    state.verdicts.forEach(function (v) { params.append("verdict", v); });
    if (state.tag) params.append("tag", state.tag);
    if (state.actor) params.append("actor", state.actor);
    if (state.from !== null) params.append("from", String(state.from));
    if (state.to !== null) params.append("to", String(state.to));
    if (state.q) params.append("q", state.q);
    var query = params.toString();
    return query ? "?" + query : "";
  }

  // A record is one entry as the filter sees it: {id, kind, verdict, year, tags, actors, text}.
  // An event has no verdict, so choosing a verdict shows claims only. `ignore` names the
  // one facet left out, to count what each of its options would show.
  function matches(record, state, ignore) {
    if (ignore !== "kind" && state.kinds.length && state.kinds.indexOf(record.kind) === -1) return false;
    if (ignore !== "verdict" && state.verdicts.length && state.verdicts.indexOf(record.verdict) === -1) return false;
    if (state.tag && (" " + record.tags + " ").indexOf(" " + state.tag + " ") === -1) return false;
    if (state.actor && (" " + record.actors + " ").indexOf(" " + state.actor + " ") === -1) return false;
    if (state.from !== null && record.year < state.from) return false;
    if (state.to !== null && record.year > state.to) return false;
    return state.terms.every(function (term) { return record.text.indexOf(term) !== -1; });
  }

  function searchable(text, tags, actors) {
    return fold(text + " " + actors.replace(/-/g, " ") + " " + tags.replace(/-/g, " "));
  }

  function recordsFromPage() {
    return Array.prototype.map.call(document.querySelectorAll("[data-fact]"), function (entry) {
      var d = entry.dataset;
      return {
        id: d.fact, kind: d.kind, verdict: d.verdict, year: parseInt(d.year, 10), tags: d.tags || "", actors: d.actors || "",
        text: searchable(entry.textContent, d.tags || "", d.actors || ""), entry: entry
      };
    });
  }

  function recordsFromIndex(index) {
    return index.facts.map(function (row) {
      var tagLabels = row[4].split(" ").filter(Boolean).map(function (id) { return index.tags[id] || id; });
      return {
        id: row[0], date: row[1], year: row[2], verdict: row[3], tags: row[4], actors: row[5],
        title: row[6], claimant: row[7], claim: row[8], kind: row[9], tagLabels: tagLabels,
        text: searchable([row[1], row[6], row[7], row[8], index.verdicts[row[3]] || ""].concat(tagLabels).join(" "),
          row[4], row[5])
      };
    });
  }

  // The words the script writes, in the page's language: the timeline page gives them as JSON
  // in the form's data-fs-strings (factsite.render.timeline.script_strings), read once per page.
  // Not a <script type="application/json">: instant navigation runs every script it loads as code.
  var stringsSource = null;
  var strings = null;
  function pageText() {
    var source = document.getElementById("fs-filters");
    if (source !== stringsSource) {
      stringsSource = source;
      strings = JSON.parse(source.dataset.fsStrings);
    }
    return strings;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  // A count in words: the text of the number's plural category in the page's language.
  function counted(key, number, values) {
    var forms = pageText()[key];
    var category = new Intl.PluralRules(pageText().lang).select(number);
    return fill(forms[category] || forms.other, values);
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The markup of the server's timeline entry, built from a filter-index record.
  function buildEntry(record, form) {
    var li = element("li", "fs-entry fs-entry--" + record.kind);
    li.setAttribute("data-fact", record.id);
    li.setAttribute("data-kind", record.kind);
    li.setAttribute("data-verdict", record.verdict);
    li.setAttribute("data-year", String(record.year));
    li.setAttribute("data-tags", record.tags);
    li.setAttribute("data-actors", record.actors);
    var date = element("p", "fs-entry__date", record.date + " · ");
    date.appendChild(element("span", "fs-entry__kind", pageText()[record.kind === "event" ? "event" : "claim"]));
    li.appendChild(date);
    var title = element("p", "fs-entry__title");
    var link = element("a", "", record.title);
    link.href = form.dataset.fsFactUrl.replace("__ID__", encodeURIComponent(record.id));
    title.appendChild(link);
    li.appendChild(title);
    var verdict = element("p", "fs-entry__verdict");
    var badge = record.kind === "event"
      ? form.querySelector('input[name="kind"][value="event"] + .fs-kind--event')
      : form.querySelector('input[name="verdict"][value="' + record.verdict + '"] + .fs-verdict');
    if (badge) {
      badge = badge.cloneNode(true);
      if (record.kind === "event") badge.lastChild.textContent = " " + pageText().event;
      verdict.appendChild(badge);
    }
    verdict.appendChild(document.createTextNode(" "));
    var claim = element("span", "fs-entry__claim");
    if (record.claimant) claim.appendChild(element("span", "fs-entry__claimant", record.claimant + ":"));
    claim.appendChild(document.createTextNode((record.claimant ? " " : "") + record.claim));
    verdict.appendChild(claim);
    li.appendChild(verdict);
    li.appendChild(element("p", "fs-entry__tags", record.tagLabels.join(", ")));
    return li;
  }

  function setHidden(node, hidden) {
    if (node && node.hidden !== hidden) node.hidden = hidden;
  }

  function show(form, records, state, results) {
    var shown = 0;
    var perVerdict = {};
    var perKind = {};
    var perYear = {};
    var found = [];
    records.forEach(function (record) {
      var visible = matches(record, state, null);
      if (record.entry) setHidden(record.entry, !visible);
      if (visible) {
        shown += 1;
        perYear[record.year] = true;
        found.push(record);
      }
      if (matches(record, state, "verdict")) perVerdict[record.verdict] = (perVerdict[record.verdict] || 0) + 1;
      if (matches(record, state, "kind")) perKind[record.kind] = (perKind[record.kind] || 0) + 1;
    });
    form.querySelectorAll("[data-fs-verdict-count]").forEach(function (count) {
      count.textContent = String(perVerdict[count.getAttribute("data-fs-verdict-count")] || 0);
    });
    form.querySelectorAll("[data-fs-kind-count]").forEach(function (count) {
      count.textContent = String(perKind[count.getAttribute("data-fs-kind-count")] || 0);
    });
    document.querySelectorAll("ol[data-fs-year]").forEach(function (list) {
      var empty = !list.querySelector("[data-fact]:not([hidden])");
      setHidden(list, empty);
      var heading = list.previousElementSibling;
      if (heading && /^H[1-6]$/.test(heading.tagName)) setHidden(heading, empty);
    });
    if (!results) {
      document.querySelectorAll("[data-fs-year-link]").forEach(function (item) {
        setHidden(item, !perYear[item.getAttribute("data-fs-year-link")]);
      });
    }
    if (results) {
      results.textContent = "";
      if (state.active) {
        found.slice(0, MAX_RESULTS).forEach(function (record) { results.appendChild(buildEntry(record, form)); });
      }
      setHidden(results, !state.active);
    }
    var total = records.length;
    var count = document.getElementById("fs-count");
    if (count) {
      var text = counted("entries", total, { shown: shown, total: total });
      if (results && state.active && shown > MAX_RESULTS) text += " " + counted("listed", MAX_RESULTS, { max: MAX_RESULTS });
      count.textContent = text;
    }
    setHidden(document.getElementById("fs-empty"), shown !== 0);
  }

  // How many filters are set (each checked kind and verdict counts), shown on the phone's Filter button.
  function activeCount(state) {
    return state.kinds.length + state.verdicts.length + (state.tag ? 1 : 0) + (state.actor ? 1 : 0) + (state.from !== null ? 1 : 0) +
      (state.to !== null ? 1 : 0) + (state.terms.length ? 1 : 0);
  }

  function showActive(form, state) {
    var active = activeCount(state);
    var number = document.getElementById("fs-active");
    if (number) number.textContent = String(active);
    setHidden(form.querySelector(".fs-filters__active"), active === 0);
  }

  // On a phone the panel is folded behind the Filter button (CSS shows the button only there).
  function setupToggle(form) {
    var toggle = form.querySelector(".fs-filters__toggle");
    if (!toggle) return;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      form.classList.toggle("fs-filters--open", open);
    });
  }

  function setup() {
    var form = document.getElementById("fs-filters");
    if (!form || form.dataset.fsReady) return;
    form.dataset.fsReady = "1";
    setupToggle(form);
    var results = document.getElementById("fs-results");
    var records = results ? null : recordsFromPage();
    var loading = null;
    var load = function () {
      if (!loading) {
        loading = fetch(form.dataset.fsIndex, { credentials: "same-origin" })
          .then(function (response) {
            if (!response.ok) throw new Error("filter index: HTTP " + response.status);
            return response.json();
          })
          .then(function (index) { records = recordsFromIndex(index); return records; });
      }
      return loading;
    };
    var update = function () {
      var state = readState(form);
      showActive(form, state);
      var query = toQuery(state);
      if (query !== window.location.search) {
        history.replaceState(history.state, "", window.location.pathname + query + window.location.hash);
      }
      if (records) {
        show(form, records, state, results);
      } else if (state.active) {
        load().then(function () { show(form, records, readState(form), results); }, function (error) {
          var count = document.getElementById("fs-count");
          if (count) count.textContent = fill(pageText().failed, { error: error.message });
        });
      }
    };
    writeForm(form, new URLSearchParams(window.location.search));
    form.hidden = false;
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    form.addEventListener("reset", function () { window.setTimeout(update, 0); });
    var params = new URLSearchParams(window.location.search);
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

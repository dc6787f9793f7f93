// The header's search box (overrides/partials/search.html): results from the edition's own search
// index (site/search/, site/ru/search/, written by factsite.render.searchindex, whose docstring
// describes the files). Nothing is fetched until the box takes focus; then only the dictionary
// shards of the words typed, the postings of the few stems they stand for, and the records of the
// results shown, never the whole index. factsite.render.searchindex.query ranks as this does.
// Results are built as text (textContent), never as HTML.
//
// Keys, as in Material's own search: "/", "s" or "f" opens it; Down and Up move between the
// box and the results; Enter in the box opens the first result; Escape closes it.
(function () {
  "use strict";
  if (window.__factsiteSearch) return; // instant navigation keeps the header and this script
  window.__factsiteSearch = true;

  var SHOWN = 10;
  // Ranking waits for a short pause in typing, so the records of results nobody reads are not
  // fetched at every letter; each word's dictionary shard is fetched at once, while typing goes on.
  var PAUSE_MS = 80;
  var MARKS = /(?<!и)\u0306|[\u0300-\u0305\u0307-\u036f]/g; // as factsite.render.searchindex
  var box = document.querySelector("[data-fs-search]");
  if (!box) return;
  var toggle = document.getElementById("__search");
  var input = document.getElementById("fs-search-input");
  var status = document.getElementById("fs-search-status");
  var list = document.getElementById("fs-search-results");
  var form = input.form;
  // Resolved now: the header outlives instant navigation, so a relative address would go stale.
  var index = new URL(box.getAttribute("data-index"), document.baseURI).href;
  var folder = new URL("./", index).href;
  var root = new URL("../", folder).href; // the edition's root: result URLs are relative to it
  var text = translations();
  var files = {};
  var asked = 0;
  var timer = null;

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

  function get(path) {
    if (!files[path]) {
      files[path] = fetch(folder + path).then(function (response) {
        if (!response.ok) throw new Error(path + ": " + response.status);
        return response.json();
      });
      files[path].catch(function () {
        delete files[path]; // a failed fetch is tried again by the next query
      });
    }
    return files[path];
  }

  function load() {
    return get("index.json");
  }

  function length(word) {
    return Array.from(word).length;
  }

  function words(query, manifest) {
    var found = query.toLowerCase().normalize("NFD").replace(MARKS, "").normalize("NFC").match(/[\p{L}\p{N}]+/gu);
    var seen = {};
    return (found || []).filter(function (word) {
      if (length(word) < manifest.minWord || seen[word]) return false;
      seen[word] = true;
      return true;
    });
  }

  function shards(word, manifest) {
    var numbers = [];
    manifest.shards.forEach(function (prefix, number) {
      if (word.indexOf(prefix) === 0) numbers.push(number);
    });
    return Promise.all(
      numbers.map(function (number) {
        return get("t/" + number + ".json");
      })
    );
  }

  // How well a dictionary word stands for a typed one: itself, a shorter form of it («школ» for
  // «школы»), or a word it begins (the word being typed).
  function weight(typed, key, manifest) {
    if (key === typed) return 1;
    if (typed.indexOf(key) === 0 && length(key) >= Math.max(3, length(typed) - 3)) return manifest.whole;
    if (key.indexOf(typed) === 0) return 0.3 + (0.4 * length(typed)) / length(key);
    return 0;
  }

  // The stems a typed word stands for, best first: [weight, df, postings or file number, stem].
  function stems(word, manifest) {
    return shards(word, manifest).then(function (loaded) {
      var best = new Map(); // not an object: a stem may be "constructor"
      loaded.forEach(function (shard) {
        shard.w.forEach(function (row) {
          var score = weight(word, row[0], manifest);
          var stem = shard.s[row[1]];
          var known = best.get(stem[0]);
          if (score > 0 && (!known || score > known[0])) best.set(stem[0], [score, stem[1], stem[2], stem[0]]);
        });
      });
      var all = Array.from(best.values());
      // A typed word that is a whole word of the archive counts its longer words at half weight.
      var whole = all.some(function (stem) {
        return stem[0] >= manifest.whole;
      });
      return all
        .map(function (stem) {
          return whole && stem[0] < manifest.whole ? [stem[0] / 2, stem[1], stem[2], stem[3]] : stem;
        })
        .sort(function (a, b) {
          return b[0] - a[0] || b[1] - a[1] || (a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0);
        })
        .slice(0, manifest.maxStems);
    });
  }

  // Each entry's best score for one typed word, from the postings of the stems it stands for.
  function scores(word, manifest) {
    return stems(word, manifest).then(function (chosen) {
      return Promise.all(
        chosen.map(function (stem) {
          return typeof stem[2] === "number" ? get("p/" + stem[2] + ".json") : stem[2];
        })
      ).then(function (postings) {
        var found = new Map();
        postings.forEach(function (encoded, at) {
          var df = chosen[at][1];
          var factor = chosen[at][0] * Math.log(1 + (manifest.entries - df + 0.5) / (df + 0.5));
          for (var i = 0; i < encoded.length; i += 2) {
            var doc = 0;
            var gaps = encoded[i + 1];
            var score = factor * encoded[i];
            for (var j = 0; j < gaps.length; j++) {
              doc += gaps[j];
              if (!(found.get(doc) >= score)) found.set(doc, score);
            }
          }
        });
        return found;
      });
    });
  }

  // Entries matching the most typed words first, then by score, then the later entry.
  function rank(query) {
    return load().then(function (manifest) {
      var typed = words(query, manifest);
      if (!typed.length) return { count: null, docs: [], manifest: manifest }; // no word long enough yet
      return Promise.all(
        typed.map(function (word) {
          return scores(word, manifest);
        })
      ).then(function (each) {
        var matched = new Map();
        var total = new Map();
        each.forEach(function (found) {
          found.forEach(function (score, doc) {
            matched.set(doc, (matched.get(doc) || 0) + 1);
            total.set(doc, (total.get(doc) || 0) + score);
          });
        });
        var docs = Array.from(total.keys()).sort(function (a, b) {
          return matched.get(b) - matched.get(a) || total.get(b) - total.get(a) || b - a;
        });
        var all = docs.filter(function (doc) {
          return matched.get(doc) === typed.length;
        }).length;
        return { count: all || docs.length, docs: docs.slice(0, SHOWN), manifest: manifest };
      });
    });
  }

  function records(docs, manifest) {
    return Promise.all(
      docs.map(function (doc) {
        return get("r/" + Math.floor(doc / manifest.chunk) + ".json").then(function (chunk) {
          return chunk[doc % manifest.chunk];
        });
      })
    );
  }

  // The dictionary shards of the words typed so far, fetched while the reader types on.
  function prefetch(query) {
    load().then(function (manifest) {
      words(query, manifest).forEach(function (word) {
        shards(word, manifest).catch(function () {});
      });
    }).catch(function () {});
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
    link.href = new URL(data[0], root).href;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    var title = document.createElement("p");
    title.className = "fs-search-result__title";
    title.textContent = data[1];
    var about = document.createElement("p");
    about.className = "md-search-result__teaser";
    about.textContent = [data[2], data[3]].filter(Boolean).join(" · ");
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
    window.clearTimeout(timer);
    if (!query) {
      show(null);
      return;
    }
    prefetch(query);
    timer = window.setTimeout(function () {
      rank(query)
        .then(function (found) {
          if (number !== asked) return null; // a later query replaced this one
          return records(found.docs, found.manifest).then(function (data) {
            if (number === asked) show(found.count, data.map(row));
          });
        })
        .catch(function (error) {
          if (number === asked) show(0);
          console.error("search:", error);
        });
    }, PAUSE_MS);
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

// The search page: Pagefind's interface over the indexes in ../pagefind/, searching at once for
// the words given in the address (?q=, as the masthead's form sends them). The interface's
// script is loaded from here, after the page says it is loading: on a slow connection it
// takes a while, and when it fails the page says so instead of staying empty.
(function () {
  "use strict";
  var element = document.querySelector("#search");
  var loading = element.querySelector(".search-loading");
  var failed = element.querySelector(".search-failed");
  loading.hidden = false;

  function start() {
    // The site's root, wherever it is published (a GitHub Pages sub-path, a preview server).
    var root = window.location.pathname.replace(/search\/(index\.html)?$/, "");
    // The other years' indexes, searched together with the newest year's.
    var others = (element.getAttribute("data-merge") || "").split(" ");
    element.removeChild(loading);
    element.removeChild(failed);
    var search = new PagefindUI({
      element: "#search",
      baseUrl: root,
      mergeIndex: others.filter(Boolean).map(function (folder) {
        return { bundlePath: root + folder, baseUrl: root };
      }),
      showSubResults: false,
      showImages: false,
      // A source, country or tag none of the results has is not offered as a filter.
      showEmptyFilters: false,
      resetStyles: false,
      translations: { placeholder: "Search the digest" }
    });
    // Pagefind's box has a placeholder, not a label: the label screen readers announce.
    var box = element.querySelector("input[type=text], input[type=search]");
    if (box) {
      box.setAttribute("aria-label", "Search the digest");
    }
    var words = new URLSearchParams(window.location.search).get("q");
    if (words) {
      search.triggerSearch(words);
    }
  }

  var script = document.createElement("script");
  script.src = element.getAttribute("data-interface");
  script.onload = start;
  script.onerror = function () {
    loading.hidden = true;
    failed.hidden = false;
  };
  document.body.appendChild(script);
})();

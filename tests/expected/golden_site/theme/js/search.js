// The search page: Pagefind's interface over the indexes in ../pagefind/, searching at once for
// the words given in the address (?q=, as the masthead's form sends them).
(function () {
  "use strict";
  // The site's root, wherever it is published (a GitHub Pages sub-path, a preview server).
  var root = window.location.pathname.replace(/search\/(index\.html)?$/, "");
  // The other years' indexes, searched together with the newest year's.
  var others = (document.querySelector("#search").getAttribute("data-merge") || "").split(" ");
  var search = new PagefindUI({
    element: "#search",
    baseUrl: root,
    mergeIndex: others.filter(Boolean).map(function (folder) {
      return { bundlePath: root + folder, baseUrl: root };
    }),
    showSubResults: false,
    showImages: false,
    resetStyles: false,
    translations: { placeholder: "Search the digest" }
  });
  // Pagefind's box has a placeholder, not a label: the label screen readers announce.
  var box = document.querySelector("#search input[type=text], #search input[type=search]");
  if (box) {
    box.setAttribute("aria-label", "Search the digest");
  }
  var words = new URLSearchParams(window.location.search).get("q");
  if (words) {
    search.triggerSearch(words);
  }
})();

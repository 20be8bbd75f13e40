// Search: every word typed must appear in an event's text; the chart follows the list.
// "#search=words" in the address starts with those words; "#event-ID" opens that event.
// A search that leaves one event opens its detail.
(function () {
  var input = document.getElementById("search");
  var shown = document.getElementById("shown");
  var articles = Array.prototype.slice.call(document.querySelectorAll("article"));
  var rows = {};
  Array.prototype.forEach.call(document.querySelectorAll(".row"), function (row) {
    rows[row.getAttribute("data-id")] = row;
  });
  function filter() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var count = 0;
    articles.forEach(function (article) {
      var text = article.getAttribute("data-text");
      var match = words.every(function (word) { return text.indexOf(word) !== -1; });
      article.hidden = !match;
      var row = rows[article.getAttribute("data-id")];
      if (row) { row.hidden = !match; }
      if (match) { count += 1; }
    });
    Array.prototype.forEach.call(document.querySelectorAll("section.year"), function (year) {
      year.hidden = !year.querySelector("article:not([hidden])");
    });
    shown.textContent = String(count);
    if (words.length && count === 1) {  // narrowed to one: show its detail
      articles.filter(function (article) { return !article.hidden; })[0]
        .querySelector("details").open = true;
    }
  }
  function follow() {
    var hash = decodeURIComponent(location.hash.slice(1));
    if (hash.indexOf("search=") === 0) {
      input.value = hash.slice(7);
      filter();
      return;
    }
    var target = document.getElementById(hash);
    if (target && target.tagName === "ARTICLE") {
      target.querySelector("details").open = true;
      target.scrollIntoView();
    }
  }
  input.addEventListener("input", filter);
  window.addEventListener("hashchange", follow);
  follow();
}());

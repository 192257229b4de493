/* iconkit's gallery page: the search box. Written by `iconkit build`. */
(function () {
  var input = document.getElementById("gallery-search");
  var count = document.getElementById("gallery-count");
  var items = Array.prototype.slice.call(document.querySelectorAll(".gallery-item"));
  var total = items.length;
  function update() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (item) {
      var text = item.getAttribute("data-search");
      var match = words.every(function (word) { return text.indexOf(word) !== -1; });
      item.hidden = !match;
      if (match) { shown += 1; }
    });
    count.textContent = words.length ? shown + " of " + total + " icons match" : total + " icons";
  }
  input.addEventListener("input", update);
  input.form.addEventListener("submit", function (event) { event.preventDefault(); });
}());

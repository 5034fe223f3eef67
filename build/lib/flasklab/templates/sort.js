(function () {
  "use strict";
  // Sort the candidates table by the clicked column: numbers high to low first (the
  // strongest candidates on top), text A to Z; a second click reverses. Cells without
  // a value (a topic not attempted) always go last.
  var table = document.getElementById("candidates");
  var body = table.tBodies[0];
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);

  function value(row, index, type) {
    var raw = row.cells[index].getAttribute("data-sort");
    if (raw === null || raw === "") return null;
    return type === "number" ? parseFloat(raw) : raw.toLowerCase();
  }

  function sortBy(index) {
    var th = headers[index];
    var type = th.getAttribute("data-sort-type");
    var current = th.getAttribute("aria-sort");
    var direction = current ? (current === "ascending" ? "descending" : "ascending")
                            : (type === "number" ? "descending" : "ascending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a, index, type), y = value(b, index, type);
      if (x === null || y === null) return (x === null) - (y === null);
      var order = type === "number" ? x - y : x.localeCompare(y);
      return direction === "ascending" ? order : -order;
    });
    headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", direction);
    rows.forEach(function (row) { body.appendChild(row); });
  }

  headers.forEach(function (th, index) {
    var button = th.querySelector("button");
    if (button) button.addEventListener("click", function () { sortBy(index); });
  });
})();

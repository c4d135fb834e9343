// Network page: hovering a node highlights its links and neighbours.
// The layout itself is computed on the server (depesche.web.render.layout).
(function () {
  "use strict";
  var svg = document.getElementById("network");
  if (!svg) return;
  var lines = Array.prototype.slice.call(svg.querySelectorAll("g.links line"));
  var nodes = Array.prototype.slice.call(svg.querySelectorAll("g.nodes .node"));
  var neighbours = {};
  lines.forEach(function (l) {
    var a = l.getAttribute("data-a"), b = l.getAttribute("data-b");
    (neighbours[a] = neighbours[a] || {})[b] = true;
    (neighbours[b] = neighbours[b] || {})[a] = true;
  });
  function focus(id) {
    svg.classList.add("focused");
    var near = neighbours[id] || {};
    nodes.forEach(function (n) {
      var nid = n.getAttribute("data-id");
      n.classList.toggle("hot", nid === id || !!near[nid]);
    });
    lines.forEach(function (l) {
      l.classList.toggle("hot", l.getAttribute("data-a") === id || l.getAttribute("data-b") === id);
    });
  }
  function blur() {
    svg.classList.remove("focused");
    nodes.forEach(function (n) { n.classList.remove("hot"); });
    lines.forEach(function (l) { l.classList.remove("hot"); });
  }
  nodes.forEach(function (n) {
    n.addEventListener("mouseenter", function () { focus(n.getAttribute("data-id")); });
    n.addEventListener("mouseleave", blur);
    n.addEventListener("focus", function () { focus(n.getAttribute("data-id")); });
    n.addEventListener("blur", blur);
  });
})();

// The query page: runs the query with fetch and draws the answer as a sortable table.
// Every value is set with textContent (never as HTML); links only for http(s) IRIs.
"use strict";
(function () {
  const form = document.getElementById("query-form");
  const status = document.getElementById("status");
  const results = document.getElementById("results");
  const downloads = document.getElementById("downloads");
  function link(format) {
    const parameters = new URLSearchParams({ query: form.query.value, format: format });
    return form.getAttribute("action") + "?" + parameters.toString();
  }
  function cell(term) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri" && /^https?:\/\//i.test(term.value)) {
      const a = document.createElement("a");
      a.href = term.value;
      a.rel = "noopener noreferrer";
      a.textContent = term.value;
      td.appendChild(a);
    } else {
      td.textContent = term.type === "bnode" ? "_:" + term.value : term.value;
    }
    return td;
  }
  function draw(variables, rows) {
    const table = document.createElement("table");
    const head = table.createTHead().insertRow();
    const body = table.createTBody();
    variables.forEach(function (name, column) {
      const th = document.createElement("th");
      th.textContent = name;
      th.setAttribute("aria-sort", "none");
      th.addEventListener("click", function () {
        const ascending = th.getAttribute("aria-sort") !== "ascending";
        head.querySelectorAll("th").forEach(function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        const sorted = Array.from(body.rows).sort(function (a, b) {
          const x = a.cells[column].textContent, y = b.cells[column].textContent;
          const order = x.localeCompare(y, undefined, { numeric: true });
          return ascending ? order : -order;
        });
        sorted.forEach(function (row) { body.appendChild(row); });
      });
      head.appendChild(th);
    });
    rows.forEach(function (binding) {
      const tr = body.insertRow();
      variables.forEach(function (name) { tr.appendChild(cell(binding[name])); });
    });
    results.replaceChildren(table);
  }
  form.addEventListener("submit", function (event) {
    if (form.format.value !== "table") return;  // other formats: the browser shows or saves the answer
    event.preventDefault();
    status.className = "";
    status.textContent = "Running…";
    results.replaceChildren();
    downloads.hidden = true;
    const body = new URLSearchParams({ query: form.query.value });
    fetch(form.getAttribute("action"), {
      method: "POST", body: body,
      headers: { "Accept": "application/sparql-results+json, text/turtle;q=0.5" },
    }).then(function (response) {
      const type = response.headers.get("Content-Type") || "";
      if (!response.ok) return response.text().then(function (text) { throw new Error(text.trim()); });
      if (type.indexOf("json") < 0) {
        return response.text().then(function (text) {
          const pre = document.createElement("pre");
          pre.textContent = text;
          results.replaceChildren(pre);
          status.textContent = "A graph (Turtle).";
        });
      }
      return response.json().then(function (answer) {
        if (typeof answer.boolean === "boolean") {
          status.textContent = answer.boolean ? "yes" : "no";
          return;
        }
        const rows = answer.results.bindings;
        draw(answer.head.vars, rows);
        status.textContent = rows.length + (rows.length === 1 ? " row" : " rows") + " (click a column to sort)";
        document.getElementById("download-csv").href = link("csv");
        document.getElementById("download-json").href = link("json");
        downloads.hidden = false;
      });
    }).catch(function (error) {
      status.className = "error";
      status.textContent = error.message;
    });
  });
})();

/* kgbuild network page.
 *
 * Every string from the graph is text: it reaches the page through JSON.parse and the DOM
 * through textContent / createTextNode, never innerHTML. Tooltips are DOM elements built
 * the same way, which vis-network appends as they are (vis-network 9.1.2 would show a
 * string title with innerText, also safe; elements let a tooltip have lines that wrap).
 * Links are made only of http(s) URLs.
 */
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const statements = data.statements;
  const sentences = data.sentences;
  const MAX_PANEL_STATEMENTS = 60;
  const MAX_TIP_SENTENCES = 2;
  const MAX_RESULTS = 12;

  // ── DOM helpers: text only ────────────────────────────────────────────────────────────

  function el(tag, className, children) {
    const element = document.createElement(tag);
    if (className) element.className = className;
    for (const child of [].concat(children === undefined ? [] : children)) {
      if (child === null || child === undefined || child === false) continue;
      element.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return element;
  }

  function webUrl(url) {
    if (typeof url !== "string") return null;
    try {
      const parsed = new URL(url);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (error) {
      return null;
    }
  }

  function articleLine(sentence) {
    const parts = [];
    parts.push("— " + (sentence.headline || "untitled article"));
    if (sentence.date) parts.push(" (" + sentence.date + ")");
    const line = el("p", "kg-source", parts.join(""));
    const href = webUrl(sentence.url);
    if (href) {
      const link = el("a", null, "open article");
      link.href = href;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      line.appendChild(document.createTextNode(" · "));
      line.appendChild(link);
    }
    return line;
  }

  // ── tooltips (DOM elements: vis-network shows them as they are) ───────────────────────

  function nodeTooltip(node) {
    const tip = el("div", "kg-tip", [el("div", "kg-tip-title", node.kgName), el("div", "kg-tip-line", node.kgType)]);
    if (node.kgAliases.length) tip.appendChild(el("div", "kg-tip-line", "also: " + node.kgAliases.join(", ")));
    for (const [name, value] of node.kgDetails) tip.appendChild(el("div", "kg-tip-line", name + ": " + value));
    const count = node.kgStatements.length;
    tip.appendChild(el("div", "kg-tip-line", count + (count === 1 ? " statement" : " statements") + " · click for details"));
    return tip;
  }

  function edgeTooltip(edge) {
    const statement = statements[edge.kgStatement];
    const tip = el("div", "kg-tip", el("div", "kg-tip-title", statement.summary));
    if (statement.flags.length) tip.appendChild(el("div", "kg-tip-line kg-tip-flag", statement.flags.join(" · ")));
    for (const id of statement.sources.slice(0, MAX_TIP_SENTENCES)) {
      const sentence = sentences[id];
      if (sentence.text) tip.appendChild(el("div", "kg-tip-sentence", "“" + sentence.text + "”"));
      tip.appendChild(el("div", "kg-tip-source", "— " + (sentence.headline || "untitled article")));
    }
    if (statement.sources.length > MAX_TIP_SENTENCES) {
      tip.appendChild(el("div", "kg-tip-source", "and " + (statement.sources.length - MAX_TIP_SENTENCES) + " more sentences"));
    }
    return tip;
  }

  for (const node of data.nodes) node.title = nodeTooltip(node);
  for (const edge of data.edges) edge.title = edgeTooltip(edge);

  // ── the network ───────────────────────────────────────────────────────────────────────

  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);
  const container = document.getElementById("kg-network");
  const network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  window.kgNodes = nodes;
  window.kgEdges = edges;
  window.kgNetwork = network;
  window.kgDrawn = false;
  // vis-network knows the captions' sizes only once it has drawn them: fit again then,
  // so no caption hangs over the edge of the canvas
  network.fit({ maxZoomLevel: 1.4 });
  network.once("afterDrawing", function () {
    network.fit({ maxZoomLevel: 1.4 });
    network.moveTo({ scale: network.getScale() * 0.97 });
    window.kgDrawn = true;
  });

  // ── side panel ────────────────────────────────────────────────────────────────────────

  const panel = document.getElementById("kg-panel");

  function nodeLink(id, label) {
    if (id === null || !nodes.get(id)) return el("span", null, label);
    const link = el("span", "kg-node-link", label);
    link.tabIndex = 0;
    link.setAttribute("role", "link");
    link.title = "Show this node";
    const go = function () {
      focusNode(id);
    };
    link.addEventListener("click", go);
    link.addEventListener("keydown", function (event) {
      if (event.key === "Enter") go();
    });
    return link;
  }

  function statementBlock(id) {
    const statement = statements[id];
    const classes = ["kg-statement"];
    if (statement.negated) classes.push("kg-is-negated");
    else if (!statement.asserted) classes.push("kg-is-uncertain");
    const block = el("div", classes.join(" "));
    block.dataset.statement = id;

    const line = el("p", "kg-statement-line", [
      nodeLink(statement.subject, statement.subjectLabel),
      " ",
      el("span", "kg-relation", statement.relation),
    ]);
    if (statement.object !== null) {
      line.appendChild(document.createTextNode(" "));
      line.appendChild(nodeLink(statement.object, statement.objectLabel));
    }
    block.appendChild(line);

    const flags = el("ul", "kg-flags");
    if (!statement.flags.length) flags.appendChild(el("li", "kg-flag kg-flag-stated", "stated by the article"));
    for (const flag of statement.flags) {
      flags.appendChild(el("li", "kg-flag" + (flag === "negated" ? " kg-flag-negated" : ""), flag));
    }
    block.appendChild(flags);

    const meta = [];
    for (const [role, value] of statement.arguments) meta.push((role ? role + " " : "") + value);
    if (statement.relationText) meta.push("as written: “" + statement.relationText + "”");
    if (statement.confidence !== null) meta.push("confidence " + statement.confidence.toFixed(2));
    if (meta.length) block.appendChild(el("p", "kg-meta", meta.join(" · ")));

    if (statement.reportedBy && statements[statement.reportedBy]) {
      block.appendChild(el("p", "kg-meta", "reported in: " + statements[statement.reportedBy].summary));
    }
    for (const sentenceId of statement.sources) {
      const sentence = sentences[sentenceId];
      if (sentence.text) block.appendChild(el("blockquote", "kg-sentence", sentence.text));
      block.appendChild(articleLine(sentence));
    }
    return block;
  }

  function statementList(ids) {
    const list = el("div", "kg-statements");
    for (const id of ids.slice(0, MAX_PANEL_STATEMENTS)) list.appendChild(statementBlock(id));
    if (ids.length > MAX_PANEL_STATEMENTS) {
      list.appendChild(el("p", "kg-more", "and " + (ids.length - MAX_PANEL_STATEMENTS) + " more statements"));
    }
    return list;
  }

  function swatchFor(kind) {
    const item = document.querySelector('.kg-legend-item[data-key="' + CSS.escape(kind) + '"] .kg-swatch');
    return item ? item.cloneNode(true) : null;
  }

  function showNode(id) {
    const node = nodes.get(id);
    if (!node) return;
    panel.replaceChildren();
    panel.appendChild(el("h2", null, node.kgName));
    panel.appendChild(el("p", "kg-type", [swatchFor(node.kgKind), node.kgType]));
    const facts = el("ul", "kg-facts");
    if (node.kgAliases.length) facts.appendChild(el("li", null, [el("span", "kg-fact-name", "also called: "), node.kgAliases.join(", ")]));
    for (const [name, value] of node.kgDetails) facts.appendChild(el("li", null, [el("span", "kg-fact-name", name + ": "), value]));
    if (facts.childNodes.length) panel.appendChild(facts);
    const count = node.kgStatements.length;
    panel.appendChild(el("h3", null, count + (count === 1 ? " statement" : " statements")));
    panel.appendChild(statementList(node.kgStatements));
    panel.scrollTop = 0;
  }

  function showEdge(id) {
    const edge = edges.get(id);
    if (!edge) return;
    const statement = statements[edge.kgStatement];
    panel.replaceChildren();
    panel.appendChild(el("h2", null, statement.summary));
    panel.appendChild(el("p", "kg-type", "Statement"));
    panel.appendChild(statementBlock(edge.kgStatement));
    // "X said [claim]": the claim's own statement right below
    if (statement.object && statements[statement.object]) {
      panel.appendChild(el("h3", null, "The reported claim"));
      panel.appendChild(statementBlock(statement.object));
    }
    panel.scrollTop = 0;
  }

  function showHint() {
    panel.replaceChildren(el("p", "kg-hint", "Click a node or an edge to see its statements, the sentences they come from and their articles."));
  }

  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
    else showHint();
  });

  function focusNode(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 450, easingFunction: "easeInOutQuad" } });
    showNode(id);
  }

  window.kgPanel = { showNode: showNode, showEdge: showEdge, focusNode: focusNode };

  // ── search by name and alias ──────────────────────────────────────────────────────────

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  const searchIndex = data.nodes.map(function (node) {
    return {
      id: node.id,
      degree: node.kgDegree,
      name: node.kgName,
      names: [node.kgName].concat(node.kgAliases).map(function (name) {
        return { text: name, folded: fold(name) };
      }),
    };
  });

  function findNodes(query) {
    const folded = fold(query);
    if (!folded) return [];
    const found = [];
    for (const entry of searchIndex) {
      let best = null;
      entry.names.forEach(function (name, index) {
        let rank = null;
        if (name.folded === folded) rank = 0;
        else if (name.folded.startsWith(folded)) rank = 2;
        else if (name.folded.split(/[\s\-–—,.'’“”"()]+/).some(function (word) { return word.startsWith(folded); })) rank = 3;
        else if (name.folded.includes(folded)) rank = 4;
        if (rank !== null && index > 0) rank += 0.5; // a name beats an alias of equal match
        if (rank !== null && (best === null || rank < best.rank)) best = { rank: rank, alias: index > 0 ? name.text : null };
      });
      if (best) found.push({ id: entry.id, name: entry.name, alias: best.alias, rank: best.rank, degree: entry.degree });
    }
    found.sort(function (a, b) {
      return a.rank - b.rank || b.degree - a.degree || a.name.localeCompare(b.name);
    });
    return found;
  }

  const searchBox = document.getElementById("kg-search");
  const results = document.getElementById("kg-search-results");
  const searchStatus = document.getElementById("kg-search-status");
  let matches = [];
  let active = 0;

  function renderResults() {
    results.replaceChildren();
    matches.slice(0, MAX_RESULTS).forEach(function (match, index) {
      const node = nodes.get(match.id);
      const item = el("li", null, [
        swatchFor(node.kgKind),
        el("span", "kg-result-name", match.name),
        el("span", "kg-result-extra", match.alias ? "also “" + match.alias + "”" : node.kgType),
      ]);
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", index === active ? "true" : "false");
      item.addEventListener("mousedown", function (event) {
        event.preventDefault(); // keep the focus in the box
        choose(index);
      });
      results.appendChild(item);
    });
    results.hidden = matches.length === 0;
  }

  function choose(index) {
    const match = matches[index];
    if (!match) return;
    results.hidden = true;
    searchStatus.textContent = "";
    focusNode(match.id);
  }

  searchBox.addEventListener("input", function () {
    matches = findNodes(searchBox.value);
    active = 0;
    searchStatus.textContent = searchBox.value.trim() && !matches.length ? "No node is called that." : "";
    renderResults();
  });
  searchBox.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      event.preventDefault();
      matches = findNodes(searchBox.value);
      if (matches.length) choose(Math.min(active, matches.length - 1));
      else searchStatus.textContent = searchBox.value.trim() ? "No node is called that." : "";
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const shown = Math.min(matches.length, MAX_RESULTS);
      if (!shown) return;
      active = (active + (event.key === "ArrowDown" ? 1 : shown - 1)) % shown;
      renderResults();
    } else if (event.key === "Escape") {
      results.hidden = true;
    }
  });
  searchBox.addEventListener("blur", function () {
    results.hidden = true;
  });
  searchBox.addEventListener("focus", function () {
    if (matches.length) renderResults();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "/" && document.activeElement !== searchBox) {
      event.preventDefault();
      searchBox.focus();
      searchBox.select();
    }
  });

  // ── physics toggle and fit ────────────────────────────────────────────────────────────

  const physicsBox = document.getElementById("kg-physics");
  physicsBox.addEventListener("change", function () {
    if (physicsBox.checked) {
      // run the simulation until it settles; vis-network then stops moving the nodes
      network.setOptions({ physics: { enabled: true } });
      network.stabilize(data.options.physics.stabilization.iterations);
    } else {
      network.setOptions({ physics: { enabled: false } });
    }
  });
  document.getElementById("kg-fit").addEventListener("click", function () {
    network.fit({ animation: { duration: 400, easingFunction: "easeInOutQuad" } });
  });
})();

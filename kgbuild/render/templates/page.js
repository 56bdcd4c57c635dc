/* kgbuild network page.
 *
 * Every string from the graph is text: it reaches the page through JSON.parse and the DOM
 * through textContent / createTextNode, never innerHTML. The tooltip and the side panel
 * are DOM elements built the same way. Links are made only of http(s) URLs.
 *
 * The data block holds normalised tables (see kgbuild.render.page.page_data): articles,
 * sentences, relations and statements are written once and referred to by index, so a
 * corpus-sized page stays small. They are unpacked here into the records the network,
 * the panel, the search and the filters share.
 */
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const MAX_PANEL_STATEMENTS = 60;
  const MAX_TIP_SENTENCES = 2;
  const MAX_RESULTS = 12;
  const TOOLTIP_DELAY = 150;
  const PHYSICS_SECONDS = 30;
  const DIM_OPACITY = 0.18;

  // ── tables ────────────────────────────────────────────────────────────────────────────

  function records(table) {
    const columns = table.columns;
    return table.rows.map(function (row) {
      const record = {};
      for (let i = 0; i < columns.length; i++) record[columns[i]] = row[i];
      return record;
    });
  }

  function iri(relative) {
    return relative.charAt(0) === "<" ? relative.slice(1) : data.base + relative;
  }

  function dayOf(date) {
    return typeof date === "string" && /^\d{4}-\d{2}-\d{2}/.test(date) ? date.slice(0, 10) : null;
  }

  const kinds = {};
  for (const [key, label, color, border, shape] of data.kinds) kinds[key] = { key: key, label: label, color: color, border: border, shape: shape };
  const edgeStyles = data.edgeStyles.map(function ([key, label, color, dashes]) {
    return { key: key, label: label, color: color, dashes: dashes };
  });
  const articles = data.articles.map(function ([relative, headline, url, date], index) {
    return { index: index, iri: iri(relative), headline: headline, url: url, date: date, day: dayOf(date) };
  });
  const sentences = data.sentences.map(function ([text, article]) {
    return { text: text, article: articles[article] };
  });

  function pairs(flat) {
    const result = [];
    for (let i = 0; i < flat.length; i += 2) result.push([flat[i], flat[i + 1] < 0 ? null : articles[flat[i + 1]]]);
    return result;
  }

  const nodeInfo = records(data.nodes).map(function (row, index) {
    return {
      index: index,
      id: iri(row.kgIri),
      caption: row.label,
      shape: row.shape,
      name: row.kgName || row.label,
      kind: row.group,
      type: row.kgType || kinds[row.group].label,
      aliases: row.kgAliases,
      details: row.kgDetails,
      degree: row.kgDegree,
      mentions: row.kgMentions,
      size: row.size,
      mentionSize: row.kgMentionSize,
      x: row.x,
      y: row.y,
      statements: [],
      count: row.kgCount,
      unlisted: pairs(row.kgUnlisted),
    };
  });
  const nodeCount = nodeInfo.length;
  const nodeById = new Map(nodeInfo.map(function (node) { return [node.id, node]; }));

  function termLabel(index) {
    if (index < 0) return "";
    if (index < nodeCount) {
      const node = nodeInfo[index];
      return node.kind === "claim" ? "[" + node.name + "]" : node.name;
    }
    return data.terms[index - nodeCount];
  }

  const statements = records(data.statements).map(function (row, index) {
    const relation = data.relations[row.relation];
    const subjectLabel = termLabel(row.subject);
    const objectLabel = termLabel(row.object);
    const first = row.sentences.length ? sentences[row.sentences[0]].article.iri : "";
    return {
      index: index,
      id: row.iri.charAt(0) === "/" ? first + row.iri : iri(row.iri),
      subject: row.subject,
      object: row.object,
      subjectLabel: subjectLabel,
      objectLabel: objectLabel,
      relation: relation,
      relationIndex: row.relation,
      summary: row.summary || [subjectLabel, relation, objectLabel].filter(Boolean).join(" "),
      style: edgeStyles[row.style],
      styleIndex: row.style,
      flags: data.flagSets[row.flags],
      arguments: row.arguments.map(function ([role, value]) { return [data.texts[role], data.texts[value]]; }),
      relationText: row.relationText < 0 ? null : data.texts[row.relationText],
      confidence: row.confidence,
      reportedBy: row.reportedBy,
      sentences: row.sentences.map(function (i) { return sentences[i]; }),
    };
  });
  const statementById = new Map(statements.map(function (s) { return [s.id, s]; }));

  // node → its statements: a claim's own statement first, then in statement order
  for (const [statement, node] of data.claims) nodeInfo[node].statements.push(statement);
  for (const statement of statements) {
    for (const end of [statement.subject, statement.object]) {
      if (end < 0 || end >= nodeCount) continue;
      const list = nodeInfo[end].statements;
      if (list[list.length - 1] !== statement.index && list[0] !== statement.index) list.push(statement.index);
    }
  }

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

  function plural(count, noun) {
    return count.toLocaleString("en") + " " + noun + (count === 1 ? "" : "s");
  }

  function articleLine(article) {
    let text = "— " + (article.headline || "untitled article");
    if (article.date) text += " (" + article.date + ")";
    const line = el("p", "kg-source", text);
    const href = webUrl(article.url);
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

  // ── the network ───────────────────────────────────────────────────────────────────────

  const edgeLook = edgeStyles.map(function (style) {
    return {
      dashes: style.dashes.length ? style.dashes : false,
      color: { color: style.color, highlight: "#111827", hover: "#111827", opacity: 1 },
      font: { color: style.key === "negated" ? "#b42318" : "#475569" },
    };
  });
  const edgeInfo = records(data.edges).map(function (row) {
    const statement = statements[row.kgStatement];
    return { id: statement.id, from: nodeInfo[row.from], to: nodeInfo[row.to], statement: statement, curve: row.kgCurve };
  });

  const nodes = new vis.DataSet(nodeInfo.map(function (node) {
    return { id: node.id, label: node.caption, shape: node.shape, group: node.kind, x: node.x, y: node.y, size: node.size };
  }));
  const edges = new vis.DataSet(edgeInfo.map(function (edge) {
    const look = edgeLook[edge.statement.styleIndex];
    return {
      id: edge.id,
      from: edge.from.id,
      to: edge.to.id,
      label: edge.statement.relation,
      dashes: look.dashes,
      color: look.color,
      font: look.font,
      smooth: edge.curve
        ? { enabled: true, type: edge.curve > 0 ? "curvedCW" : "curvedCCW", roundness: Math.abs(edge.curve) }
        : { enabled: false },
      kgStatement: edge.statement.index,
    };
  }));
  const edgeById = new Map(edgeInfo.map(function (edge) { return [edge.id, edge]; }));

  const container = document.getElementById("kg-network");
  const network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  window.kgNodes = nodes;
  window.kgEdges = edges;
  window.kgNetwork = network;
  window.kgDrawn = false;
  window.kgTimes = { drawn: null, stabilized: null, physicsStopped: false };
  // vis-network knows the captions' sizes only once it has drawn them: fit again then,
  // so no caption hangs over the edge of the canvas
  network.fit({ maxZoomLevel: 1.4 });
  network.once("afterDrawing", function () {
    network.fit({ maxZoomLevel: 1.4 });
    network.moveTo({ scale: network.getScale() * 0.97 });
    window.kgTimes.drawn = performance.now();
    window.kgDrawn = true;
  });
  network.on("stabilized", function () {
    window.kgTimes.stabilized = performance.now();
  });

  // ── tooltip: built when the pointer rests on a node or an edge ────────────────────────

  const tooltip = document.getElementById("kg-tooltip");
  let tooltipTimer = null;

  function nodeTooltip(node) {
    const tip = [el("div", "kg-tip-title", node.name), el("div", "kg-tip-line", node.type)];
    if (node.aliases.length) tip.push(el("div", "kg-tip-line", "also: " + node.aliases.join(", ")));
    for (const [name, value] of node.details) tip.push(el("div", "kg-tip-line", name + ": " + value));
    tip.push(el("div", "kg-tip-line", plural(node.count, "statement") + " · " + plural(node.mentions, "article") + " · click for details"));
    return tip;
  }

  function edgeTooltip(statement) {
    const tip = [el("div", "kg-tip-title", statement.summary)];
    if (statement.flags.length) tip.push(el("div", "kg-tip-line kg-tip-flag", statement.flags.join(" · ")));
    for (const sentence of statement.sentences.slice(0, MAX_TIP_SENTENCES)) {
      if (sentence.text) tip.push(el("div", "kg-tip-sentence", "“" + sentence.text + "”"));
      tip.push(el("div", "kg-tip-source", "— " + (sentence.article.headline || "untitled article")));
    }
    if (statement.sentences.length > MAX_TIP_SENTENCES) {
      tip.push(el("div", "kg-tip-source", "and " + (statement.sentences.length - MAX_TIP_SENTENCES) + " more sentences"));
    }
    return tip;
  }

  function showTooltip(children, pointer) {
    clearTimeout(tooltipTimer);
    tooltipTimer = setTimeout(function () {
      tooltip.replaceChildren.apply(tooltip, children());
      tooltip.hidden = false;
      const box = container.getBoundingClientRect();
      const left = Math.min(pointer.x + 14, box.width - tooltip.offsetWidth - 8);
      const top = pointer.y + 18 + tooltip.offsetHeight > box.height ? pointer.y - tooltip.offsetHeight - 12 : pointer.y + 18;
      tooltip.style.left = Math.max(4, left) + "px";
      tooltip.style.top = Math.max(4, top) + "px";
    }, TOOLTIP_DELAY);
  }

  function hideTooltip() {
    clearTimeout(tooltipTimer);
    tooltip.hidden = true;
  }

  network.on("hoverNode", function (params) {
    const node = nodeById.get(params.node);
    if (node) showTooltip(function () { return nodeTooltip(node); }, params.pointer.DOM);
  });
  network.on("hoverEdge", function (params) {
    const edge = edgeById.get(params.edge);
    if (edge) showTooltip(function () { return edgeTooltip(edge.statement); }, params.pointer.DOM);
  });
  for (const event of ["blurNode", "blurEdge", "dragStart", "zoom", "click"]) network.on(event, hideTooltip);
  container.addEventListener("mouseleave", hideTooltip);

  // ── side panel ────────────────────────────────────────────────────────────────────────

  const panel = document.getElementById("kg-panel");

  function nodeLink(termIndex, label) {
    if (termIndex < 0 || termIndex >= nodeCount) return el("span", null, label);
    const id = nodeInfo[termIndex].id;
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

  function statementBlock(statement) {
    const classes = ["kg-statement"];
    if (statement.style.key === "negated") classes.push("kg-is-negated");
    else if (statement.style.key !== "asserted") classes.push("kg-is-uncertain");
    const block = el("div", classes.join(" "));
    block.dataset.statement = statement.id;

    const line = el("p", "kg-statement-line", [
      nodeLink(statement.subject, statement.subjectLabel),
      " ",
      el("span", "kg-relation", statement.relation),
    ]);
    if (statement.object >= 0) {
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

    if (statement.reportedBy >= 0) {
      block.appendChild(el("p", "kg-meta", "reported in: " + statements[statement.reportedBy].summary));
    }
    for (const sentence of statement.sentences) {
      if (sentence.text) block.appendChild(el("blockquote", "kg-sentence", sentence.text));
      block.appendChild(articleLine(sentence.article));
    }
    const source = el("p", "kg-iri", statement.id);
    source.title = "The statement's IRI, for SPARQL";
    block.appendChild(source);
    return block;
  }

  function statementList(node) {
    const indices = node.statements;
    const list = el("div", "kg-statements");
    const shown = indices.filter(function (i) { return passes[i]; });
    for (const index of shown.slice(0, MAX_PANEL_STATEMENTS)) list.appendChild(statementBlock(statements[index]));
    if (shown.length > MAX_PANEL_STATEMENTS) {
      list.appendChild(el("p", "kg-more", "and " + (shown.length - MAX_PANEL_STATEMENTS) + " more statements"));
    }
    if (shown.length < indices.length) {
      list.appendChild(el("p", "kg-more", plural(indices.length - shown.length, "statement") + " hidden by the filters"));
    }
    if (node.count > indices.length) {
      list.appendChild(el("p", "kg-more", "The graph holds " + plural(node.count - indices.length, "more statement") +
        " about " + node.name + ", not listed on this page: query the graph (kgbuild query) to see them all."));
    }
    return list;
  }

  function swatchFor(kind) {
    const item = document.querySelector('.kg-legend-item[data-key="' + CSS.escape(kind) + '"] .kg-swatch');
    if (item) return item.cloneNode(true);
    const swatch = el("span", "kg-swatch kg-swatch-" + kinds[kind].shape);
    swatch.style.setProperty("--swatch", kinds[kind].color);
    return swatch;
  }

  function showNode(id) {
    const node = nodeById.get(id);
    if (!node) return;
    panel.replaceChildren();
    panel.appendChild(el("h2", null, node.name));
    panel.appendChild(el("p", "kg-type", [swatchFor(node.kind), node.type]));
    const facts = el("ul", "kg-facts");
    if (node.aliases.length) facts.appendChild(el("li", null, [el("span", "kg-fact-name", "also called: "), node.aliases.join(", ")]));
    for (const [name, value] of node.details) facts.appendChild(el("li", null, [el("span", "kg-fact-name", name + ": "), value]));
    facts.appendChild(el("li", null, [el("span", "kg-fact-name", "mentioned in: "), plural(node.mentions, "article")]));
    panel.appendChild(facts);
    panel.appendChild(el("h3", null, plural(node.count, "statement")));
    panel.appendChild(statementList(node));
    panel.scrollTop = 0;
  }

  function showEdge(id) {
    const edge = edgeById.get(id);
    if (!edge) return;
    const statement = edge.statement;
    panel.replaceChildren();
    panel.appendChild(el("h2", null, statement.summary));
    panel.appendChild(el("p", "kg-type", "Statement"));
    panel.appendChild(statementBlock(statement));
    // "X said [claim]": the claim's own statement right below
    const object = statement.object >= 0 && statement.object < nodeCount ? statementById.get(nodeInfo[statement.object].id) : null;
    if (object) {
      panel.appendChild(el("h3", null, "The reported claim"));
      panel.appendChild(statementBlock(object));
    }
    panel.scrollTop = 0;
  }

  function showHint() {
    panel.replaceChildren(el("p", "kg-hint", "Click a node or an edge to see its statements, the sentences they come from and their articles."));
  }

  // ── neighbourhood highlight ───────────────────────────────────────────────────────────
  //
  // The selection and its neighbours are drawn again over a white veil laid on the finished
  // frame, so lighting up a hub of a 5,000-node network costs one frame, not an update of
  // every node and edge (vis-network redraws and re-styles each updated item).

  const VEIL = "rgba(255, 255, 255, " + (1 - DIM_OPACITY) + ")";
  let lit = null; // {nodes: Set, edges: Set} while a selection is lit up

  /** Light up the given nodes and edges with their direct neighbours; veil the rest. */
  function highlight(nodeIds, edgeIds) {
    const nodesLit = new Set(nodeIds);
    const edgesLit = new Set(edgeIds || []);
    for (const id of nodeIds) {
      for (const edge of network.getConnectedEdges(id)) edgesLit.add(edge);
    }
    for (const id of edgesLit) {
      const edge = edgeById.get(id);
      if (edge) { nodesLit.add(edge.from.id); nodesLit.add(edge.to.id); }
    }
    lit = { nodes: nodesLit, edges: edgesLit };
    network.redraw();
  }

  function clearHighlight() {
    if (lit === null) return;
    lit = null;
    network.redraw();
  }

  function shown(item) {
    return item && !item.options.hidden;
  }

  network.on("afterDrawing", function (context) {
    if (lit === null) return;
    context.save();
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.fillStyle = VEIL;
    context.fillRect(0, 0, context.canvas.width, context.canvas.height);
    context.restore();
    const body = network.body;
    const edgesDrawn = [];
    for (const id of lit.edges) {
      const edge = body.edges[id];
      if (shown(edge) && edge.connected && shown(edge.from) && shown(edge.to)) {
        edge.draw(context);
        edgesDrawn.push(edge);
      }
    }
    const labels = [];
    for (const id of lit.nodes) {
      const node = body.nodes[id];
      if (!shown(node)) continue;
      const drawn = node.draw(context);
      if (drawn && drawn.drawExternalLabel) labels.push(drawn.drawExternalLabel);
    }
    for (const edge of edgesDrawn) edge.drawArrows(context);
    for (const label of labels) label();
  });

  window.kgHighlight = {
    dimmedNodes: function () {
      return lit === null ? [] : nodeInfo.filter(function (n) { return !lit.nodes.has(n.id); }).map(function (n) { return n.id; });
    },
    dimmedEdges: function () {
      return lit === null ? [] : edgeInfo.filter(function (e) { return !lit.edges.has(e.id); }).map(function (e) { return e.id; });
    },
    clear: clearHighlight,
  };

  network.on("click", function (params) {
    if (params.nodes.length) {
      showNode(params.nodes[0]);
      highlight([params.nodes[0]]);
    } else if (params.edges.length) {
      showEdge(params.edges[0]);
      highlight([], [params.edges[0]]);
    } else {
      showHint();
      clearHighlight();
    }
  });

  function focusNode(id) {
    if (hiddenNodes.has(id)) resetFilters();
    network.selectNodes([id]);
    highlight([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 450, easingFunction: "easeInOutQuad" } });
    showNode(id);
  }

  window.kgPanel = { showNode: showNode, showEdge: showEdge, focusNode: focusNode };

  // ── filters: node types, line styles, relation, article, dates ────────────────────────

  const relationBox = document.getElementById("kg-relation");
  const articleBox = document.getElementById("kg-article");
  const fromBox = document.getElementById("kg-date-from");
  const toBox = document.getElementById("kg-date-to");
  const filterStatus = document.getElementById("kg-filter-status");
  const resetButton = document.getElementById("kg-reset");
  const kindBoxes = Array.from(document.querySelectorAll("input.kg-filter-kind"));
  const styleBoxes = Array.from(document.querySelectorAll("input.kg-filter-style"));

  let passes = new Uint8Array(statements.length).fill(1);
  let hiddenNodes = new Set();
  let hiddenEdges = new Set();

  function fillSelect(select, entries) {
    for (const [value, text] of entries) {
      const option = document.createElement("option");
      option.value = String(value);
      option.textContent = text;
      select.appendChild(option);
    }
  }

  (function fillFilters() {
    // relations in order of use, articles by date then headline
    const uses = new Map();
    const count = function (relation) { uses.set(relation, (uses.get(relation) || 0) + 1); };
    for (const statement of statements) count(statement.relationIndex);
    for (const node of nodeInfo) for (const [relation] of node.unlisted) count(relation);
    fillSelect(relationBox, Array.from(uses.keys())
      .sort(function (a, b) { return uses.get(b) - uses.get(a) || data.relations[a].localeCompare(data.relations[b]); })
      .map(function (index) { return [index, data.relations[index]]; }));
    fillSelect(articleBox, articles.slice()
      .sort(function (a, b) { return (a.day || "9999").localeCompare(b.day || "9999") || (a.headline || a.iri).localeCompare(b.headline || b.iri); })
      .map(function (a) { return [a.index, (a.day ? a.day + " · " : "") + (a.headline || a.iri)]; }));
    const days = articles.map(function (a) { return a.day; }).filter(Boolean).sort();
    if (days.length) {
      for (const box of [fromBox, toBox]) {
        box.min = days[0];
        box.max = days[days.length - 1];
      }
    } else {
      document.getElementById("kg-dates").hidden = true; // no article has a date
    }
  })();

  function filtersActive() {
    return relationBox.value !== "" || articleBox.value !== "" || fromBox.value !== "" || toBox.value !== "";
  }

  function applyFilters() {
    const relation = relationBox.value === "" ? null : Number(relationBox.value);
    const article = articleBox.value === "" ? null : Number(articleBox.value);
    const from = fromBox.value || null;
    const to = toBox.value || null;
    const statementFilter = relation !== null || article !== null || from !== null || to !== null;
    const articleFilter = article !== null || from !== null || to !== null;
    const articlePasses = function (a) {
      if (a === null) return false;
      if (article !== null && a.index !== article) return false;
      if ((from !== null || to !== null) && a.day === null) return false;
      return (from === null || a.day >= from) && (to === null || a.day <= to);
    };
    for (const statement of statements) {
      let ok = relation === null || statement.relationIndex === relation;
      if (ok && articleFilter) ok = statement.sentences.some(function (sentence) { return articlePasses(sentence.article); });
      passes[statement.index] = ok ? 1 : 0;
    }
    const unlistedPasses = function ([r, a]) {
      return (relation === null || r === relation) && (!articleFilter || articlePasses(a));
    };
    const kindsShown = new Set(kindBoxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }));
    const stylesShown = new Set(styleBoxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }));
    const nowHiddenNodes = new Set();
    for (const node of nodeInfo) {
      const visible = kindsShown.has(node.kind) &&
        (!statementFilter || node.statements.some(function (i) { return passes[i]; }) || node.unlisted.some(unlistedPasses));
      if (!visible) nowHiddenNodes.add(node.id);
    }
    // an edge is hidden for its own statement and style; vis-network does not draw the
    // edges of hidden nodes, so they need no update of their own
    const nowHiddenEdges = new Set();
    for (const edge of edgeInfo) {
      if (!stylesShown.has(edge.statement.style.key) || !passes[edge.statement.index]) nowHiddenEdges.add(edge.id);
    }
    const nodeUpdates = [];
    for (const node of nodeInfo) {
      const hidden = nowHiddenNodes.has(node.id);
      if (hidden !== hiddenNodes.has(node.id)) nodeUpdates.push({ id: node.id, hidden: hidden });
    }
    const edgeUpdates = [];
    for (const edge of edgeInfo) {
      const hidden = nowHiddenEdges.has(edge.id);
      if (hidden !== hiddenEdges.has(edge.id)) edgeUpdates.push({ id: edge.id, hidden: hidden });
    }
    hiddenNodes = nowHiddenNodes;
    hiddenEdges = nowHiddenEdges;
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);

    const any = statementFilter || kindsShown.size < kindBoxes.length || stylesShown.size < styleBoxes.length;
    filterStatus.textContent = any
      ? "Showing " + (nodeCount - hiddenNodes.size).toLocaleString("en") + " of " + plural(nodeCount, "node") +
        " · " + visibleEdges().length.toLocaleString("en") + " of " + plural(edgeInfo.length, "edge")
      : "";
    resetButton.hidden = !any;
    for (const box of kindBoxes.concat(styleBoxes)) box.closest(".kg-legend-item").classList.toggle("kg-off", !box.checked);
  }

  function visibleEdges() {
    return edgeInfo.filter(function (e) {
      return !hiddenEdges.has(e.id) && !hiddenNodes.has(e.from.id) && !hiddenNodes.has(e.to.id);
    }).map(function (e) { return e.id; });
  }

  function resetFilters() {
    relationBox.value = "";
    articleBox.value = "";
    fromBox.value = "";
    toBox.value = "";
    for (const box of kindBoxes.concat(styleBoxes)) box.checked = true;
    applyFilters();
  }

  for (const box of kindBoxes.concat(styleBoxes)) box.addEventListener("change", applyFilters);
  for (const box of [relationBox, articleBox, fromBox, toBox]) box.addEventListener("change", applyFilters);
  resetButton.addEventListener("click", resetFilters);

  window.kgFilters = {
    apply: applyFilters,
    reset: resetFilters,
    active: filtersActive,
    visibleNodes: function () { return nodeInfo.filter(function (n) { return !hiddenNodes.has(n.id); }).map(function (n) { return n.id; }); },
    visibleEdges: visibleEdges,
  };

  // ── search by name and alias ──────────────────────────────────────────────────────────

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }

  const searchIndex = nodeInfo.map(function (node) {
    return {
      id: node.id,
      degree: node.degree,
      name: node.name,
      names: [node.name].concat(node.aliases).map(function (name) {
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
      const node = nodeById.get(match.id);
      const extra = match.alias ? "also “" + match.alias + "”" : node.type;
      const item = el("li", null, [
        swatchFor(node.kind),
        el("span", "kg-result-name", match.name),
        el("span", "kg-result-extra", hiddenNodes.has(match.id) ? extra + " · filtered out" : extra),
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
    if (event.key === "/" && document.activeElement !== searchBox && !/^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName)) {
      event.preventDefault();
      searchBox.focus();
      searchBox.select();
    }
  });

  // ── node size, physics toggle and fit ─────────────────────────────────────────────────

  const sizeBox = document.getElementById("kg-size-by");
  sizeBox.addEventListener("change", function () {
    const byMentions = sizeBox.value === "mentions";
    nodes.update(nodeInfo.map(function (node) {
      return { id: node.id, size: byMentions ? node.mentionSize : node.size };
    }));
  });

  const physicsBox = document.getElementById("kg-physics");
  let physicsTimer = null;
  physicsBox.addEventListener("change", function () {
    // the simulation runs one step a frame until the nodes settle, when vis-network stops
    // it ("stabilized"); a big network keeps answering while it moves (stabilize() would
    // run all its steps at once and freeze the page)
    window.kgTimes.stabilized = null;
    window.kgTimes.physicsStopped = false;
    clearTimeout(physicsTimer);
    network.setOptions({ physics: { enabled: physicsBox.checked } });
    if (physicsBox.checked) network.startSimulation();
  });
  // a network of thousands of nodes may take minutes to settle: the physics goes off after
  // a while of moving (tick the box again to go on); dragging a node restarts the clock
  network.on("startStabilizing", function () {
    clearTimeout(physicsTimer);
    if (physicsBox.checked) physicsTimer = setTimeout(stopPhysics, PHYSICS_SECONDS * 1000);
  });
  network.on("stabilized", function () {
    clearTimeout(physicsTimer);
  });

  function stopPhysics() {
    clearTimeout(physicsTimer);
    window.kgTimes.physicsStopped = true;
    network.stopSimulation();
    network.setOptions({ physics: { enabled: false } });
    physicsBox.checked = false;
  }
  document.getElementById("kg-fit").addEventListener("click", function () {
    network.fit({ animation: { duration: 400, easingFunction: "easeInOutQuad" } });
  });

  // ── an ego network opens on its centre ────────────────────────────────────────────────

  if (data.focus.length) {
    const centre = data.focus.map(function (i) { return nodeInfo[i].id; });
    network.selectNodes(centre);
    highlight(centre);
    showNode(centre[0]);
  }
})();

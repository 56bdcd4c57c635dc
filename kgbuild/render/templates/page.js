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

  // A page may carry two views (the entity view and the statement graph): the address's
  // #entities or #statements says which to draw; the other's pieces of the page are
  // dropped, so every id is unique again.
  const primaryBlock = document.getElementById("kg-data");
  const alternateBlock = document.getElementById("kg-data-alternate");
  const wantedView = location.hash.replace(/^#/, "");
  const useAlternate = !!alternateBlock && wantedView === alternateBlock.dataset.view;
  if (useAlternate) {
    for (const part of document.querySelectorAll("[data-kg-part]")) part.remove();
    for (const template of document.querySelectorAll("template[data-kg-alternate]")) template.replaceWith(template.content);
  }
  const activeBlock = useAlternate ? alternateBlock : primaryBlock;
  const data = JSON.parse(activeBlock.textContent);
  (function viewToggle() {
    const button = document.getElementById("kg-view-toggle");
    if (!alternateBlock) return;
    const other = useAlternate ? primaryBlock.dataset.view : alternateBlock.dataset.view;
    button.hidden = false;
    button.textContent = other === "statements" ? "Statements" : "Entities";
    button.title = other === "statements"
      ? "Draw the statement graph: every noun phrase, quotation and reported claim a node, every statement an edge"
      : "Draw the entity view: named entities linked by the statements between them, grouped into stories";
    button.setAttribute("aria-label", other === "statements" ? "Switch to the statement graph" : "Switch to the entity view");
    button.addEventListener("click", function () {
      location.hash = other;
      location.reload();
    });
  })();
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
  const articles = data.articles.map(function ([relative, headline, url, date, source], index) {
    return { index: index, iri: iri(relative), headline: headline, url: url, date: date, day: dayOf(date), source: source };
  });
  const families = data.families;
  const relationFamily = data.relationFamilies;
  const communities = data.communities.map(function ([name, headline, color, size], index) {
    return { index: index, name: name, headline: headline, color: color, size: size };
  });
  const entityView = data.entityView;
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
      statements: row.kgStatements ? row.kgStatements.slice() : [],
      fixedStatements: !!row.kgStatements,
      count: row.kgCount,
      unlisted: pairs(row.kgUnlisted),
      community: row.kgCommunity,
      importance: row.kgImportance,
      drawn: row.kgDrawn,
      color: row.kgColor,
      edges: [],
    };
  });
  // labels are drawn most important first (and win where two would overlap)
  const labelOrder = nodeInfo.slice().sort(function (a, b) {
    return b.importance - a.importance || b.degree - a.degree || a.index - b.index;
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
      if (end < 0 || end >= nodeCount || nodeInfo[end].fixedStatements) continue;
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
  //
  // Names are not vis-network labels: the page draws them itself after each frame, at a
  // fixed size on the screen (LABEL_PX), most important first, leaving out any name that
  // would overlap one already drawn. So the most important names are readable at every
  // zoom, and more appear as you zoom in (sigma.js and Gephi label the same way).

  const LABEL_PX = 13;
  const LABEL_FONT = "600 " + LABEL_PX + "px system-ui, -apple-system, \"Segoe UI\", Roboto, \"Helvetica Neue\", Arial, sans-serif";
  const LABEL_GAP = 3;
  const MAX_LABELS = 400;
  const ARROW_SCALE = 0.45; // below this zoom, no arrows: they are too small to see
  const BORDER_COLOR = "#374151";

  const edgeLook = edgeStyles.map(function (style) {
    return {
      dashes: style.dashes.length ? style.dashes : false,
      color: { color: style.color, highlight: "#111827", hover: "#111827", opacity: 1 },
      font: { color: style.key === "negated" ? "#b42318" : "#475569" },
    };
  });
  const edgeInfo = records(data.edges).map(function (row, index) {
    const statement = statements[row.kgStatement];
    const from = nodeInfo[row.from];
    const to = nodeInfo[row.to];
    const behind = [statement].concat((row.kgStatements || []).map(function (i) { return statements[i]; }));
    const edge = {
      index: index,
      id: entityView ? from.id + " " + to.id : statement.id,
      from: from,
      to: to,
      statement: statement,
      statements: behind,
      curve: row.kgCurve,
      label: row.kgLabel || statement.relation,
      drawn: row.kgDrawn !== false,
    };
    from.edges.push(edge);
    to.edges.push(edge);
    return edge;
  });
  const edgeById = new Map(edgeInfo.map(function (edge) { return [edge.id, edge]; }));

  function nodeColor(node) {
    return {
      background: node.color, border: "#374151",
      highlight: { background: node.color, border: "#111827" },
      hover: { background: node.color, border: "#111827" },
    };
  }

  const nodes = new vis.DataSet(nodeInfo.map(function (node) {
    const item = { id: node.id, shape: node.shape, group: node.kind, x: node.x, y: node.y, size: node.size, hidden: !node.drawn, kgKind: node.kind, kgName: node.name };
    if (entityView) item.color = nodeColor(node);
    return item;
  }));
  const edges = new vis.DataSet(edgeInfo.map(function (edge) {
    const look = edgeLook[edge.statement.styleIndex];
    return {
      id: edge.id,
      from: edge.from.id,
      to: edge.to.id,
      label: edge.label,
      dashes: look.dashes,
      color: look.color,
      font: look.font,
      width: Math.min(1.2 + Math.log2(edge.statements.length), 5),
      hidden: !edge.drawn,
      smooth: edge.curve
        ? { enabled: true, type: edge.curve > 0 ? "curvedCW" : "curvedCCW", roundness: Math.abs(edge.curve) }
        : { enabled: false },
      kgStatement: edge.statement.index,
    };
  }));

  const container = document.getElementById("kg-network");
  const network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  window.kgNodes = nodes;
  window.kgEdges = edges;
  window.kgNetwork = network;
  window.kgDrawn = false;
  window.kgTimes = { drawn: null, interactive: null, stabilized: null, physicsStopped: false };
  window.kgLabels = []; // the names drawn in the last frame: [{id, text, x, y}] (DOM pixels)

  function visibleNodeIds() {
    return nodeInfo.filter(function (node) { return !isHidden(node.id); }).map(function (node) { return node.id; });
  }

  function isHidden(id) {
    const item = network.body.nodes[id];
    return !item || item.options.hidden;
  }

  /** Fit the visible nodes, at most at a zoom where a node is drawn life-size, with a
   * margin for the names under the nodes at the edges. */
  function fitVisible(animate) {
    const ids = visibleNodeIds();
    if (!ids.length) return;
    const before = { scale: network.getScale(), position: network.getViewPosition() };
    network.fit({ nodes: ids, maxZoomLevel: 1.2 });
    const fitted = { scale: network.getScale() * 0.92, position: network.getViewPosition() };
    if (animate) {
      network.moveTo(before);
      fitted.animation = { duration: 400, easingFunction: "easeInOutQuad" };
    }
    network.moveTo(fitted);
  }

  fitVisible(false);
  network.once("afterDrawing", function () {
    window.kgTimes.drawn = performance.now();
    window.kgDrawn = true;
    setTimeout(function () { window.kgTimes.interactive = performance.now(); }, 0);
  });
  network.on("stabilized", function () {
    window.kgTimes.stabilized = performance.now();
  });

  // arrows and edge labels only where they can be seen: a zoomed-out corpus draws faster
  let arrowsOn = null;
  function levelOfDetail() {
    const on = network.getScale() >= ARROW_SCALE;
    if (on === arrowsOn) return;
    arrowsOn = on;
    network.setOptions({ edges: { arrows: { to: { enabled: on, scaleFactor: 0.55 } } } });
  }
  levelOfDetail();
  network.on("zoom", levelOfDetail);

  // ── level of detail while the view moves ──────────────────────────────────────────────
  // vis-network strokes every edge on its own (a path, a colour, a dash pattern each): at
  // thousands of edges that is most of a frame. While the view is dragged or zoomed its
  // own edges are skipped (hideEdgesOnDrag / hideEdgesOnZoom) and drawn here instead,
  // under the nodes, as one straight path per line style: the same lines, a few strokes.
  const edgeBatches = new Map(); // "colour|dashes" → {color, dashes, edges: [vis edge]}
  function batchEdges() {
    edgeBatches.clear();
    for (const id of edges.getIds()) {
      const item = network.body.edges[id];
      if (!item) continue;
      const color = typeof item.options.color === "object" ? item.options.color.color : item.options.color;
      const dashes = item.options.dashes;
      const key = color + "|" + JSON.stringify(dashes);
      if (!edgeBatches.has(key)) edgeBatches.set(key, { color: color, dashes: Array.isArray(dashes) ? dashes : dashes ? [5, 5] : null, edges: [] });
      edgeBatches.get(key).edges.push(item);
    }
  }
  // rebuilt when next needed, not on every change: filters update the data many times over
  let edgeBatchesStale = true, nodeBatchesStale = true;
  edges.on("*", function () { edgeBatchesStale = true; });
  network.setOptions({ interaction: { hideEdgesOnDrag: true, hideEdgesOnZoom: true, hideNodesOnDrag: true } });

  // the nodes too, while the view is dragged: one path per fill colour and shape
  const nodeBatches = new Map(); // "colour|shape" → {fill, shape, nodes: [vis node]}
  function batchNodes() {
    nodeBatches.clear();
    for (const id of nodes.getIds()) {
      const item = network.body.nodes[id];
      if (!item) continue;
      const color = item.options.color;
      const fill = color && typeof color === "object" ? color.background : color;
      const key = fill + "|" + item.options.shape;
      if (!nodeBatches.has(key)) nodeBatches.set(key, { fill: fill, shape: item.options.shape, nodes: [] });
      nodeBatches.get(key).nodes.push(item);
    }
  }
  nodes.on("*", function () { nodeBatchesStale = true; });

  function shapePath(context, shape, x, y, r) {
    if (shape === "square") { context.rect(x - r, y - r, 2 * r, 2 * r); return; }
    if (shape === "triangle") {
      context.moveTo(x, y - r); context.lineTo(x + 0.87 * r, y + 0.5 * r); context.lineTo(x - 0.87 * r, y + 0.5 * r); context.closePath();
      return;
    }
    if (shape === "diamond") {
      context.moveTo(x, y - r); context.lineTo(x + r, y); context.lineTo(x, y + r); context.lineTo(x - r, y); context.closePath();
      return;
    }
    context.moveTo(x + r, y);
    context.arc(x, y, r, 0, 2 * Math.PI); // dots, and stars and hexagons drawn as dots while moving
  }

  function drawNodesBatched(context) {
    context.save();
    context.lineWidth = Math.max(1.5, 0.5 / network.getScale());
    context.strokeStyle = BORDER_COLOR;
    for (const batch of nodeBatches.values()) {
      context.fillStyle = batch.fill;
      context.beginPath();
      for (const node of batch.nodes) {
        if (node.options.hidden) continue;
        shapePath(context, batch.shape, node.x, node.y, node.options.size || 10);
      }
      context.fill();
      context.stroke();
    }
    context.restore();
  }

  function moving() {
    const renderer = network.renderer;
    return !!renderer && (renderer.dragging === true || renderer.zooming === true);
  }

  network.on("beforeDrawing", function (context) {
    if (!moving()) return;
    if (edgeBatchesStale) { batchEdges(); edgeBatchesStale = false; }
    if (nodeBatchesStale) { batchNodes(); nodeBatchesStale = false; }
    const scale = network.getScale();
    context.save();
    context.lineWidth = Math.max(1.4, 0.3 / scale);
    context.globalAlpha = lit === null ? 1 : DIM_OPACITY;
    for (const batch of edgeBatches.values()) {
      context.strokeStyle = batch.color;
      context.setLineDash(batch.dashes ? batch.dashes.map(function (d) { return d / Math.max(scale, 0.2); }) : []);
      context.beginPath();
      for (const edge of batch.edges) {
        if (edge.options.hidden || !edge.connected) continue;
        const from = edge.from, to = edge.to;
        if (!from || !to || from.options.hidden || to.options.hidden) continue;
        context.moveTo(from.x, from.y);
        context.lineTo(to.x, to.y);
      }
      context.stroke();
    }
    context.restore();
    if (network.renderer.dragging === true) drawNodesBatched(context);
  });
  window.kgMoving = moving;

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

  function edgeTooltip(edge) {
    const tip = [el("div", "kg-tip-title", entityView ? edge.from.name + " — " + edge.to.name : edge.statement.summary)];
    for (const statement of edge.statements.slice(0, MAX_TIP_SENTENCES)) {
      if (entityView) tip.push(el("div", "kg-tip-line", statement.summary));
      if (statement.flags.length) tip.push(el("div", "kg-tip-line kg-tip-flag", statement.flags.join(" · ")));
      const sentence = statement.sentences[0];
      if (sentence && sentence.text) tip.push(el("div", "kg-tip-sentence", "“" + sentence.text + "”"));
      if (sentence) tip.push(el("div", "kg-tip-source", "— " + (sentence.article.headline || "untitled article")));
    }
    const more = edge.statements.length > MAX_TIP_SENTENCES ? edge.statements.length - MAX_TIP_SENTENCES
      : Math.max(0, edge.statement.sentences.length - 1);
    if (more) tip.push(el("div", "kg-tip-source", "and " + more + " more · click for all"));
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
    if (edge) showTooltip(function () { return edgeTooltip(edge); }, params.pointer.DOM);
  });
  for (const event of ["blurNode", "blurEdge", "dragStart", "zoom", "click"]) network.on(event, hideTooltip);
  container.addEventListener("mouseleave", hideTooltip);

  // ── side panel: statements grouped by article, then by relation ──────────────────────

  const panel = document.getElementById("kg-panel");
  const live = document.getElementById("kg-live");

  function say(text) {
    live.textContent = text;
  }

  function nodeLink(termIndex, label) {
    if (termIndex < 0 || termIndex >= nodeCount) return el("span", null, label);
    const id = nodeInfo[termIndex].id;
    const link = el("button", "kg-node-link", label);
    link.type = "button";
    link.title = "Show this node";
    link.addEventListener("click", function () { focusNode(id); });
    return link;
  }

  function copyButton(text) {
    const button = el("button", "kg-copy", "copy IRI");
    button.type = "button";
    button.title = text;
    button.addEventListener("click", function () {
      const done = function () { button.textContent = "copied"; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () { button.textContent = text; });
      } else {
        button.textContent = text; // shown for selecting by hand (no clipboard on file://)
      }
    });
    return button;
  }

  function statementBlock(statement, withArticle) {
    const classes = ["kg-statement"];
    if (statement.style.key === "negated") classes.push("kg-is-negated");
    else if (statement.style.key !== "asserted") classes.push("kg-is-uncertain");
    const block = el("div", classes.join(" "));
    block.dataset.statement = statement.id;
    const speaker = statement.reportedBy >= 0 ? statements[statement.reportedBy].subjectLabel : null;
    if (speaker) block.appendChild(el("p", "kg-speaker", "According to " + speaker));

    const line = el("p", "kg-statement-line", [
      nodeLink(statement.subject, statement.subjectLabel),
      " ",
      el("span", "kg-relation", statement.relationText || statement.relation),
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
    if (statement.relationText && statement.relationText !== statement.relation) meta.push("relation: " + statement.relation);
    if (statement.confidence !== null) meta.push("confidence " + statement.confidence.toFixed(2));
    if (meta.length) block.appendChild(el("p", "kg-meta", meta.join(" · ")));

    if (statement.reportedBy >= 0) {
      block.appendChild(el("p", "kg-meta", "reported in: " + statements[statement.reportedBy].summary));
    }
    for (const sentence of statement.sentences) {
      if (sentence.text) block.appendChild(el("blockquote", "kg-sentence", sentence.text));
      if (withArticle) block.appendChild(articleLine(sentence.article));
    }
    const source = el("p", "kg-iri", copyButton(statement.id));
    block.appendChild(source);
    return block;
  }

  function articleHeader(article) {
    const header = el("div", "kg-article");
    header.appendChild(el("p", "kg-article-headline", article ? article.headline || "untitled article" : "no article"));
    if (article) {
      const meta = [article.source, article.date].filter(Boolean).join(" · ");
      const line = el("p", "kg-source", meta);
      const href = webUrl(article.url);
      if (href) {
        const link = el("a", null, "open article");
        link.href = href;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        if (meta) line.appendChild(document.createTextNode(" · "));
        line.appendChild(link);
      }
      header.appendChild(line);
    }
    return header;
  }

  /** Statements grouped by article (headline, source and date once), then by relation;
   * within a relation the most confident first. */
  function groupedStatements(indices, limit) {
    const groups = new Map();
    for (const index of indices) {
      const statement = statements[index];
      const article = statement.sentences.length ? statement.sentences[0].article : null;
      const key = article ? article.index : -1;
      if (!groups.has(key)) groups.set(key, { article: article, statements: [] });
      groups.get(key).statements.push(statement);
    }
    const list = el("div", "kg-statements");
    let shown = 0;
    const ordered = Array.from(groups.values()).sort(function (a, b) {
      return b.statements.length - a.statements.length || ((a.article && a.article.day) || "").localeCompare((b.article && b.article.day) || "");
    });
    for (const group of ordered) {
      if (shown >= limit) break;
      const section = el("section", "kg-article-group");
      section.appendChild(articleHeader(group.article));
      group.statements.sort(function (a, b) {
        return relationFamily[a.relationIndex] - relationFamily[b.relationIndex] ||
          a.relation.localeCompare(b.relation) || (b.confidence || 0) - (a.confidence || 0) || a.index - b.index;
      });
      for (const statement of group.statements) {
        if (shown >= limit) break;
        section.appendChild(statementBlock(statement, false));
        shown += 1;
      }
      list.appendChild(section);
    }
    if (indices.length > shown) list.appendChild(el("p", "kg-more", "and " + plural(indices.length - shown, "more statement")));
    return list;
  }

  function statementList(node) {
    const indices = node.statements;
    const visible = indices.filter(function (i) { return passes[i]; });
    const list = groupedStatements(visible, MAX_PANEL_STATEMENTS);
    if (visible.length < indices.length) {
      list.appendChild(el("p", "kg-more", plural(indices.length - visible.length, "statement") + " hidden by the filters"));
    }
    if (node.count > indices.length) {
      list.appendChild(el("p", "kg-more", "The graph holds " + plural(node.count - indices.length, "more statement") +
        " about " + node.name + ", not listed on this page: query the graph (kgbuild query) to see them all."));
    }
    return list;
  }

  function swatchFor(kind, color) {
    const swatch = el("span", "kg-swatch kg-swatch-" + kinds[kind].shape);
    swatch.style.setProperty("--swatch", color || kinds[kind].color);
    return swatch;
  }

  function neighbourFamilies(node) {
    // relation family → hidden neighbours reached by a link with a statement of it
    const found = new Map();
    for (const edge of node.edges) {
      const other = edge.from === node ? edge.to : edge.from;
      if (!isHidden(other.id) && !isHiddenEdge(edge)) continue;
      const seen = new Set();
      for (const statement of edge.statements) {
        const family = relationFamily[statement.relationIndex];
        if (seen.has(family)) continue;
        seen.add(family);
        if (!found.has(family)) found.set(family, new Set());
        found.get(family).add(edge);
      }
    }
    return found;
  }

  function nodeActions(node) {
    const actions = el("div", "kg-actions");
    const more = neighbourFamilies(node);
    if (more.size) {
      const all = new Set();
      for (const set of more.values()) for (const edge of set) all.add(edge);
      actions.appendChild(actionButton("Expand all (" + all.size + ")", function () { expand(node, Array.from(all)); }));
      for (const [family, set] of Array.from(more.entries()).sort(function (a, b) { return b[1].size - a[1].size; })) {
        actions.appendChild(actionButton(families[family] + " (" + set.size + ")", function () { expand(node, Array.from(set)); }, "kg-small"));
      }
    }
    actions.appendChild(actionButton("Hide", function () { hideNode(node); }, "kg-small"));
    return actions;
  }

  function actionButton(text, action, extra) {
    const button = el("button", "kg-button" + (extra ? " " + extra : ""), text);
    button.type = "button";
    button.addEventListener("click", action);
    return button;
  }

  function showNode(id) {
    const node = nodeById.get(id);
    if (!node) return;
    panel.replaceChildren();
    panel.appendChild(el("h2", null, node.name));
    const community = node.community >= 0 ? communities[node.community] : null;
    panel.appendChild(el("p", "kg-type", [swatchFor(node.kind, entityView ? node.color : null), node.type,
      community && community.size > 1 ? " · story: " + community.name : ""]));
    const facts = el("ul", "kg-facts");
    if (node.aliases.length) facts.appendChild(el("li", null, [el("span", "kg-fact-name", "also called: "), node.aliases.join(", ")]));
    for (const [name, value] of node.details) facts.appendChild(el("li", null, [el("span", "kg-fact-name", name + ": "), value]));
    facts.appendChild(el("li", null, [el("span", "kg-fact-name", "mentioned in: "), plural(node.mentions, "article")]));
    panel.appendChild(facts);
    if (entityView) panel.appendChild(nodeActions(node));
    panel.appendChild(el("h3", null, plural(node.count, "statement")));
    panel.appendChild(statementList(node));
    panel.scrollTop = 0;
    openSheet();
    say(node.name + ", " + node.type + ": " + plural(node.count, "statement") + ", " + plural(node.edges.filter(function (e) { return !isHiddenEdge(e); }).length, "link") + " shown.");
  }

  function showEdge(id) {
    const edge = edgeById.get(id);
    if (!edge) return;
    const statement = edge.statement;
    panel.replaceChildren();
    if (entityView) {
      panel.appendChild(el("h2", null, [nodeLink(edge.from.index, edge.from.name), " — ", nodeLink(edge.to.index, edge.to.name)]));
      panel.appendChild(el("p", "kg-type", plural(edge.statements.length, "statement") + " link them"));
      panel.appendChild(groupedStatements(edge.statements.map(function (s) { return s.index; }), MAX_PANEL_STATEMENTS));
      say(edge.from.name + " and " + edge.to.name + ": " + plural(edge.statements.length, "statement") + ".");
    } else {
      panel.appendChild(el("h2", null, statement.summary));
      panel.appendChild(el("p", "kg-type", "Statement"));
      panel.appendChild(statementBlock(statement, true));
      // "X said [claim]": the claim's own statement right below
      const object = statement.object >= 0 && statement.object < nodeCount ? statementById.get(nodeInfo[statement.object].id) : null;
      if (object) {
        panel.appendChild(el("h3", null, "The reported claim"));
        panel.appendChild(statementBlock(object, true));
      }
      say(statement.summary);
    }
    panel.scrollTop = 0;
    openSheet();
  }

  function showHint() {
    panel.replaceChildren(el("p", "kg-hint", "Click a node or an edge to see its statements, the sentences they come from and their articles. Keys: Tab to the drawing, arrows move between neighbours, Enter selects, Escape clears."));
  }

  /** The statements of the selection (or of everything visible) as a table. */
  function showTable() {
    const selected = network.getSelectedNodes();
    const selectedEdges = network.getSelectedEdges();
    let indices = [];
    if (selected.length) indices = nodeById.get(selected[0]).statements;
    else if (selectedEdges.length) indices = edgeById.get(selectedEdges[0]).statements.map(function (s) { return s.index; });
    else for (const edge of edgeInfo) if (!isHiddenEdge(edge)) for (const s of edge.statements) indices.push(s.index);
    indices = Array.from(new Set(indices)).filter(function (i) { return passes[i]; }).slice(0, 500);
    const table = el("table", "kg-table");
    table.appendChild(el("caption", null, plural(indices.length, "statement")));
    const head = el("tr", null, ["Subject", "Relation", "Object", "Article"].map(function (name) {
      const cell = el("th", null, name);
      cell.scope = "col";
      return cell;
    }));
    table.appendChild(el("thead", null, head));
    const body = el("tbody");
    for (const index of indices) {
      const s = statements[index];
      const article = s.sentences.length ? s.sentences[0].article.headline || "" : "";
      body.appendChild(el("tr", null, [
        el("td", null, s.subjectLabel),
        el("td", null, (s.flags.length ? "[" + s.flags.join(", ") + "] " : "") + (s.relationText || s.relation)),
        el("td", null, s.objectLabel), el("td", null, article),
      ]));
    }
    table.appendChild(body);
    panel.replaceChildren(el("h2", null, "Statements as a table"), table);
    panel.scrollTop = 0;
    openSheet();
    say("Table of " + plural(indices.length, "statement") + ".");
  }
  document.getElementById("kg-table").addEventListener("click", showTable);

  // the panel is a bottom sheet on a phone: opened by a selection, closed by its handle
  const side = document.querySelector(".kg-side");
  function openSheet() {
    side.classList.add("kg-open");
  }
  document.getElementById("kg-sheet-handle").addEventListener("click", function () {
    side.classList.toggle("kg-open");
  });
  document.getElementById("kg-legend-toggle").addEventListener("click", function () {
    const legend = document.querySelector(".kg-legend");
    const open = legend.classList.toggle("kg-drawer-open");
    this.setAttribute("aria-expanded", open ? "true" : "false");
  });

  // ── neighbourhood highlight and names ─────────────────────────────────────────────────
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

  const labelWidths = new Map();

  let lastLabels = null; // the last placement: {scale, tx, ty, lit, placed}

  /** Names at a fixed size on the screen, most important first, none over another. While
   * the view is dragged at the same zoom, the last placement is drawn again, moved. */
  function drawLabels(context) {
    const body = network.body;
    const scale = body.view.scale;
    const tx = body.view.translation.x;
    const ty = body.view.translation.y;
    const width = container.clientWidth;
    const height = container.clientHeight;
    const ratio = network.canvas.pixelRatio || window.devicePixelRatio || 1;
    context.save();
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.font = LABEL_FONT;
    context.textAlign = "center";
    context.textBaseline = "top";
    context.lineJoin = "round";
    context.lineWidth = 4;
    context.strokeStyle = "rgba(255, 255, 255, 0.95)";
    context.fillStyle = "#111827";
    if (network.renderer.dragging === true && lastLabels !== null && lastLabels.scale === scale && lastLabels.lit === lit) {
      const dx = tx - lastLabels.tx, dy = ty - lastLabels.ty;
      for (const label of lastLabels.placed) {
        const x = label.x + dx, y = label.top + dy;
        if (x < -150 || x > width + 150 || y < -20 || y > height) continue;
        context.strokeText(label.text, x, y);
        context.fillText(label.text, x, y);
      }
      context.restore();
      return;
    }
    const CELL = 64;
    const grid = new Map();
    const placed = [];
    const order = lit === null ? labelOrder : labelOrder.filter(function (n) { return lit.nodes.has(n.id); });
    for (const node of order) {
      if (placed.length >= MAX_LABELS) break;
      const item = body.nodes[node.id];
      if (!shown(item)) continue;
      const x = tx + scale * item.x;
      const y = ty + scale * item.y;
      if (x < -150 || x > width + 150 || y < -40 || y > height + 20) continue;
      let textWidth = labelWidths.get(node.id);
      if (textWidth === undefined) {
        textWidth = context.measureText(node.caption).width;
        labelWidths.set(node.id, textWidth);
      }
      const radius = (item.options.size || 10) * scale;
      const box = [x - textWidth / 2 - LABEL_GAP, y + radius + 1, x + textWidth / 2 + LABEL_GAP, y + radius + LABEL_PX + 4];
      if (box[0] < 0 || box[2] > width || box[3] > height) continue; // cut off: leave it out
      let free = true;
      const cells = [];
      for (let cx = Math.floor(box[0] / CELL); cx <= Math.floor(box[2] / CELL) && free; cx++) {
        for (let cy = Math.floor(box[1] / CELL); cy <= Math.floor(box[3] / CELL) && free; cy++) {
          const key = cx + ":" + cy;
          cells.push(key);
          for (const other of grid.get(key) || []) {
            if (box[0] < other[2] && other[0] < box[2] && box[1] < other[3] && other[1] < box[3]) { free = false; break; }
          }
        }
      }
      if (!free) continue;
      for (const key of cells) {
        if (!grid.has(key)) grid.set(key, []);
        grid.get(key).push(box);
      }
      context.strokeText(node.caption, x, box[1] + 1);
      context.fillText(node.caption, x, box[1] + 1);
      placed.push({ id: node.id, text: node.caption, x: x, y: box[1] + 1 + LABEL_PX / 2, top: box[1] + 1 });
    }
    context.restore();
    window.kgLabels = placed;
    lastLabels = { scale: scale, tx: tx, ty: ty, lit: lit, placed: placed };
  }

  network.on("afterDrawing", function (context) {
    if (lit !== null) {
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
      for (const id of lit.nodes) {
        const node = body.nodes[id];
        if (shown(node)) node.draw(context);
      }
      for (const edge of edgesDrawn) edge.drawArrows(context);
    }
    drawLabels(context);
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

  let current = null; // the node the keyboard is on

  function select(id) {
    current = id;
    network.selectNodes([id]);
    highlight([id]);
  }

  network.on("click", function (params) {
    if (params.nodes.length) {
      select(params.nodes[0]);
      showNode(params.nodes[0]);
    } else if (params.edges.length) {
      showEdge(params.edges[0]);
      highlight([], [params.edges[0]]);
    } else {
      clearSelection();
    }
  });

  function clearSelection() {
    current = null;
    network.unselectAll();
    showHint();
    clearHighlight();
    side.classList.remove("kg-open");
    say("Selection cleared.");
  }

  function focusNode(id) {
    if (isHidden(id)) reveal(id);
    select(id);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 450, easingFunction: "easeInOutQuad" } });
    showNode(id);
  }

  window.kgPanel = { showNode: showNode, showEdge: showEdge, focusNode: focusNode, showTable: showTable };

  // ── what is on the canvas: the drawn entities, what was expanded, asked for, hidden ───

  let present = new Set(nodeInfo.filter(function (n) { return n.drawn; }).map(function (n) { return n.id; }));
  let asked = new Set(data.focus.map(function (i) { return nodeInfo[i].id; })); // drawn even without an edge
  const history = [];
  const backButton = document.getElementById("kg-back");

  function remember() {
    history.push({
      present: new Set(present), asked: new Set(asked),
      article: articleBox.value, relation: relationBox.value, from: fromBox.value, to: toBox.value,
      positions: network.getPositions(),
    });
    if (history.length > 50) history.shift();
    backButton.disabled = false;
  }

  function back() {
    const state = history.pop();
    backButton.disabled = history.length === 0;
    if (!state) return;
    present = state.present;
    asked = state.asked;
    articleBox.value = state.article;
    relationBox.value = state.relation;
    fromBox.value = state.from;
    toBox.value = state.to;
    for (const [id, position] of Object.entries(state.positions)) network.moveNode(id, position.x, position.y);
    applyFilters();
    fitVisible(true);
    say("Back: " + plural(visibleNodeIds().length, "node") + " shown.");
  }
  backButton.addEventListener("click", back);

  function placeAround(centre, ids) {
    const at = network.getPositions([centre.id])[centre.id];
    ids.forEach(function (id, k) {
      const angle = 2.399963 * k;
      const radius = 110 + 14 * k;
      network.moveNode(id, at.x + radius * Math.cos(angle), at.y + radius * Math.sin(angle));
    });
  }

  /** Draw hidden neighbours of a node, reached by the given links. */
  function expand(node, links) {
    remember();
    const added = [];
    for (const edge of links) {
      const other = edge.from === node ? edge.to : edge.from;
      if (!present.has(other.id)) { present.add(other.id); added.push(other.id); }
    }
    placeAround(node, added);
    applyFilters();
    showNode(node.id);
    say("Expanded " + node.name + ": " + plural(added.length, "more node") + ".");
  }

  function hideNode(node) {
    remember();
    present.delete(node.id);
    asked.delete(node.id);
    clearSelection();
    applyFilters();
    say(node.name + " hidden. Back brings it back.");
  }

  function reveal(id) {
    remember();
    resetFilterBoxes();
    present.add(id);
    asked.add(id);
    const node = nodeById.get(id);
    const anchor = node.edges.map(function (e) { return e.from === node ? e.to : e.from; })
      .find(function (other) { return present.has(other.id) && !isHidden(other.id); });
    if (anchor) placeAround(anchor, [id]);
    applyFilters();
  }

  window.kgExplore = { expand: function (id) { const n = nodeById.get(id); expand(n, n.edges); }, hide: function (id) { hideNode(nodeById.get(id)); }, back: back, reveal: reveal };

  // ── filters: node types, line styles, relation family, article, dates ─────────────────

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
  let savedPositions = null; // the Python layout, while an article is laid out on its own

  function isHiddenEdge(edge) {
    return hiddenEdges.has(edge.id) || hiddenNodes.has(edge.from.id) || hiddenNodes.has(edge.to.id);
  }

  function fillSelect(select, entries) {
    for (const [value, text] of entries) {
      const option = document.createElement("option");
      option.value = String(value);
      option.textContent = text;
      select.appendChild(option);
    }
  }

  (function fillFilters() {
    // relation families by use, articles by date then headline
    const uses = new Map();
    const count = function (relation) {
      const family = relationFamily[relation];
      uses.set(family, (uses.get(family) || 0) + 1);
    };
    for (const statement of statements) count(statement.relationIndex);
    for (const node of nodeInfo) for (const [relation] of node.unlisted) count(relation);
    fillSelect(relationBox, Array.from(uses.keys())
      .sort(function (a, b) { return uses.get(b) - uses.get(a) || families[a].localeCompare(families[b]); })
      .map(function (family) { return [family, families[family] + " (" + uses.get(family).toLocaleString("en") + ")"]; }));
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

  /** The nodes an article's statements reach, listed or not. */
  function articleNodes(articleIndex) {
    const found = [];
    for (const node of nodeInfo) {
      const listed = node.statements.some(function (i) {
        return statements[i].sentences.some(function (s) { return s.article.index === articleIndex; });
      });
      if (listed || node.unlisted.some(function ([, a]) { return a !== null && a.index === articleIndex; })) found.push(node.id);
    }
    return found;
  }

  /** A small spring layout (Fruchterman-Reingold) of one article's nodes, in place. */
  function layoutArticle(ids) {
    const count = ids.length;
    if (!count) return;
    const index = new Map(ids.map(function (id, i) { return [id, i]; }));
    const links = [];
    for (const edge of edgeInfo) {
      if (index.has(edge.from.id) && index.has(edge.to.id) && !hiddenEdges.has(edge.id)) links.push([index.get(edge.from.id), index.get(edge.to.id)]);
    }
    const area = 260 * 260 * count;
    const k = Math.sqrt(area / count);
    const px = new Float64Array(count);
    const py = new Float64Array(count);
    for (let i = 0; i < count; i++) { // a deterministic start: a sunflower spiral
      const r = k * 0.5 * Math.sqrt(i + 0.5);
      px[i] = r * Math.cos(2.399963 * i);
      py[i] = r * Math.sin(2.399963 * i);
    }
    let temperature = k * 2;
    for (let step = 0; step < 200; step++) {
      const dx = new Float64Array(count);
      const dy = new Float64Array(count);
      for (let i = 0; i < count; i++) {
        for (let j = i + 1; j < count; j++) {
          let x = px[i] - px[j], y = py[i] - py[j];
          const d2 = Math.max(x * x + y * y, 1);
          const f = k * k / d2;
          dx[i] += x * f; dy[i] += y * f; dx[j] -= x * f; dy[j] -= y * f;
        }
      }
      for (const [a, b] of links) {
        const x = px[a] - px[b], y = py[a] - py[b];
        const d = Math.max(Math.sqrt(x * x + y * y), 1);
        const f = d / k;
        dx[a] -= x * f; dy[a] -= y * f; dx[b] += x * f; dy[b] += y * f;
      }
      for (let i = 0; i < count; i++) {
        px[i] -= px[i] * 0.02; py[i] -= py[i] * 0.02; // gravity keeps lone nodes near
        const d = Math.max(Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]), 0.01);
        const move = Math.min(d, temperature);
        px[i] += dx[i] / d * move;
        py[i] += dy[i] / d * move;
      }
      temperature *= 0.97;
    }
    ids.forEach(function (id, i) { network.moveNode(id, px[i], py[i]); });
  }

  function applyFilters() {
    const family = relationBox.value === "" ? null : Number(relationBox.value);
    const article = articleBox.value === "" ? null : Number(articleBox.value);
    const from = fromBox.value || null;
    const to = toBox.value || null;
    const statementFilter = family !== null || article !== null || from !== null || to !== null;
    const articleFilter = article !== null || from !== null || to !== null;
    const articlePasses = function (a) {
      if (a === null) return false;
      if (article !== null && a.index !== article) return false;
      if ((from !== null || to !== null) && a.day === null) return false;
      return (from === null || a.day >= from) && (to === null || a.day <= to);
    };
    for (const statement of statements) {
      let ok = family === null || relationFamily[statement.relationIndex] === family;
      if (ok && articleFilter) ok = statement.sentences.some(function (sentence) { return articlePasses(sentence.article); });
      passes[statement.index] = ok ? 1 : 0;
    }
    const unlistedPasses = function ([r, a]) {
      return (family === null || relationFamily[r] === family) && (!articleFilter || articlePasses(a));
    };
    const kindsShown = new Set(kindBoxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }));
    // a kind with no box in the legend (none of it drawn at first) is never filtered out
    const kindsHidden = new Set(kindBoxes.filter(function (b) { return !b.checked; }).map(function (b) { return b.value; }));
    const stylesShown = new Set(styleBoxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }));
    // one article: all of its nodes, laid out on their own
    const articleIds = article !== null ? new Set(articleNodes(article)) : null;
    const onCanvas = function (node) {
      if (articleIds !== null) return articleIds.has(node.id);
      return !entityView || present.has(node.id);
    };
    const candidate = new Set();
    for (const node of nodeInfo) {
      if (!onCanvas(node) || (kindsHidden.has(node.kind))) continue;
      if (statementFilter && !(node.statements.some(function (i) { return passes[i]; }) || node.unlisted.some(unlistedPasses))) continue;
      candidate.add(node.id);
    }
    const nowHiddenEdges = new Set();
    const withEdge = new Set();
    for (const edge of edgeInfo) {
      const ok = candidate.has(edge.from.id) && candidate.has(edge.to.id) && stylesShown.has(edge.statement.style.key) &&
        edge.statements.some(function (s) { return passes[s.index]; });
      if (!ok) nowHiddenEdges.add(edge.id);
      else { withEdge.add(edge.from.id); withEdge.add(edge.to.id); }
    }
    // a filter leaves no dust: a node without a visible edge goes, unless it was asked for
    // (searched, focused) or the article filter draws that article's whole graph
    const dropLone = entityView && articleIds === null && (statementFilter || kindsShown.size < kindBoxes.length || stylesShown.size < styleBoxes.length);
    const nowHiddenNodes = new Set();
    for (const node of nodeInfo) {
      const visible = candidate.has(node.id) && (!dropLone || withEdge.has(node.id) || asked.has(node.id));
      if (!visible) nowHiddenNodes.add(node.id);
    }
    const nodeUpdates = [];
    for (const node of nodeInfo) {
      const hidden = nowHiddenNodes.has(node.id);
      if (hidden !== isHidden(node.id)) nodeUpdates.push({ id: node.id, hidden: hidden });
    }
    const edgeUpdates = [];
    for (const edge of edgeInfo) {
      const hidden = nowHiddenEdges.has(edge.id);
      const item = network.body.edges[edge.id];
      if (!item || hidden !== !!item.options.hidden) edgeUpdates.push({ id: edge.id, hidden: hidden });
    }
    const articleChanged = (articleIds === null) !== (savedPositions === null) || (articleIds !== null && articleBox.dataset.laid !== articleBox.value);
    hiddenNodes = nowHiddenNodes;
    hiddenEdges = nowHiddenEdges;
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
    if (articleChanged) {
      if (articleIds !== null) {
        if (savedPositions === null) savedPositions = network.getPositions();
        layoutArticle(Array.from(articleIds).filter(function (id) { return !hiddenNodes.has(id); }));
        articleBox.dataset.laid = articleBox.value;
      } else if (savedPositions !== null) {
        for (const [id, position] of Object.entries(savedPositions)) network.moveNode(id, position.x, position.y);
        savedPositions = null;
        delete articleBox.dataset.laid;
      }
    }

    const any = statementFilter || kindsShown.size < kindBoxes.length || stylesShown.size < styleBoxes.length;
    const visibleCount = nodeInfo.length - hiddenNodes.size;
    const onCanvasCount = nodeInfo.filter(onCanvas).length;
    const edgeTotal = edgeInfo.filter(function (e) { return onCanvas(e.from) && onCanvas(e.to); }).length;
    filterStatus.textContent = any
      ? "Showing " + visibleCount.toLocaleString("en") + " of " + plural(onCanvasCount, "node") +
        " · " + visibleEdges().length.toLocaleString("en") + " of " + plural(edgeTotal, "edge")
      : "";
    resetButton.hidden = !any;
    for (const box of kindBoxes.concat(styleBoxes)) box.closest(".kg-legend-item").classList.toggle("kg-off", !box.checked);
    return any;
  }

  function visibleEdges() {
    return edgeInfo.filter(function (e) { return !isHiddenEdge(e); }).map(function (e) { return e.id; });
  }

  function resetFilterBoxes() {
    relationBox.value = "";
    articleBox.value = "";
    fromBox.value = "";
    toBox.value = "";
    for (const box of kindBoxes.concat(styleBoxes)) box.checked = true;
  }

  function resetFilters() {
    resetFilterBoxes();
    applyFilters();
    fitVisible(true);
  }

  function filterChanged(event) {
    remember();
    if (event && event.target === articleBox && articleBox.value !== "") {
      for (const box of [relationBox, fromBox, toBox]) box.value = ""; // the article's whole graph
    }
    applyFilters();
    fitVisible(false);
    say(filterStatus.textContent || "All filters off.");
  }

  for (const box of kindBoxes.concat(styleBoxes)) box.addEventListener("change", filterChanged);
  for (const box of [relationBox, articleBox, fromBox, toBox]) box.addEventListener("change", filterChanged);
  resetButton.addEventListener("click", resetFilters);

  window.kgFilters = {
    apply: applyFilters,
    reset: resetFilters,
    active: filtersActive,
    visibleNodes: function () { return nodeInfo.filter(function (n) { return !hiddenNodes.has(n.id); }).map(function (n) { return n.id; }); },
    visibleEdges: visibleEdges,
  };

  // the stories: a click lights up and fits one
  for (const button of document.querySelectorAll(".kg-story")) {
    button.addEventListener("click", function () {
      const index = Number(button.dataset.community);
      const ids = nodeInfo.filter(function (n) { return n.community === index && !hiddenNodes.has(n.id); }).map(function (n) { return n.id; });
      if (!ids.length) return;
      highlight(ids);
      network.fit({ nodes: ids, maxZoomLevel: 1.2, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
      say("Story: " + communities[index].name + ", " + plural(ids.length, "entity").replace("entitys", "entities") + ".");
    });
  }

  // ── search: forgiving about case, accents, titles, spacing, spelling ──────────────────

  const HONORIFICS = /^(?:mr|mrs|ms|miss|mx|dr|sir|dame|lord|lady|president|prime minister|pm|minister|chancellor|senator|sen|governor|gov|general|gen|king|queen|prince|princess|pope|saint|st|prof|professor|judge|justice|mayor|secretary|chairman|chief|the)\s+/;

  /** A name as search compares it: no case, accents, punctuation or titles; "oe" = "ö". */
  function fold(text) {
    let folded = text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/ß/g, "ss").replace(/æ/g, "ae").replace(/œ/g, "oe").replace(/ø/g, "o")
      .replace(/[’'`´]/g, "").replace(/[^\p{L}\p{N}]+/gu, " ").trim()
      .replace(/([aou])e/g, "$1"); // Boerse = Börse (ö was folded to o above)
    let before;
    do { before = folded; folded = folded.replace(HONORIFICS, ""); } while (folded !== before && folded);
    return folded || before;
  }

  /** Edit distance, or limit + 1 once it is certain to exceed `limit`. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    let previous = Array.from({ length: b.length + 1 }, function (_, i) { return i; });
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      let best = i;
      for (let j = 1; j <= b.length; j++) {
        row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1] && i > 1 && j > 1) row[j] = Math.min(row[j], previous[j - 2] + 1);
        best = Math.min(best, row[j]);
      }
      if (best > limit) return limit + 1;
      previous = row;
    }
    return previous[b.length];
  }

  const searchIndex = nodeInfo.map(function (node) {
    return {
      id: node.id,
      importance: node.importance || node.degree,
      name: node.name,
      names: [node.name].concat(node.aliases).map(function (name) {
        const folded = fold(name);
        return { text: name, folded: folded, words: folded.split(" "), compact: folded.replace(/ /g, "") };
      }),
    };
  });

  function matchRank(name, query, compactQuery, words) {
    if (name.folded === query || name.compact === compactQuery) return 0;
    if ((" " + name.folded + " ").includes(" " + query + " ")) return 1; // whole words
    if (name.folded.startsWith(query)) return 2;
    if (name.words.some(function (word) { return word.startsWith(query); })) return 3;
    if (name.compact.includes(compactQuery) && compactQuery.length >= 3) return 4;
    const limit = compactQuery.length <= 3 ? 0 : compactQuery.length === 4 ? 1 : 2;
    if (!limit) return null;
    let best = distance(name.compact, compactQuery, limit);
    if (best > limit && words.length === 1) {
      for (const word of name.words) best = Math.min(best, distance(word, compactQuery, limit));
    }
    if (best > limit && words.length > 1 && words.length <= name.words.length) {
      for (let i = 0; i + words.length <= name.words.length; i++) {
        best = Math.min(best, distance(name.words.slice(i, i + words.length).join(""), compactQuery, limit));
      }
    }
    return best <= limit ? 5 + best : null;
  }

  function findNodes(text) {
    const query = fold(text);
    if (!query) return [];
    const compactQuery = query.replace(/ /g, "");
    const words = query.split(" ");
    const found = [];
    for (const entry of searchIndex) {
      let best = null;
      entry.names.forEach(function (name, index) {
        let rank = matchRank(name, query, compactQuery, words);
        if (rank !== null && index > 0) rank += 0.5; // a name beats an alias of equal match
        if (rank !== null && (best === null || rank < best.rank)) best = { rank: rank, alias: index > 0 ? name.text : null };
      });
      if (best) found.push({ id: entry.id, name: entry.name, alias: best.alias, rank: best.rank, importance: entry.importance });
    }
    found.sort(function (a, b) {
      return a.rank - b.rank || b.importance - a.importance || a.name.localeCompare(b.name);
    });
    return found;
  }
  window.kgSearch = function (text) { return findNodes(text).map(function (m) { return m.name; }); };

  const searchBox = document.getElementById("kg-search");
  const results = document.getElementById("kg-search-results");
  const searchStatus = document.getElementById("kg-search-status");
  let matches = [];
  let active = 0;

  function renderResults() {
    results.replaceChildren();
    matches.slice(0, MAX_RESULTS).forEach(function (match, index) {
      const node = nodeById.get(match.id);
      let extra = match.alias ? "also “" + match.alias + "”" : node.type;
      if (isHidden(match.id)) extra += hiddenNodes.has(match.id) && present.has(match.id) ? " · filtered out" : " · not drawn yet";
      const item = el("li", null, [
        swatchFor(node.kind, entityView ? node.color : null),
        el("span", "kg-result-name", match.name),
        el("span", "kg-result-extra", extra),
      ]);
      item.id = "kg-option-" + index;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", index === active ? "true" : "false");
      item.addEventListener("mousedown", function (event) {
        event.preventDefault(); // keep the focus in the box
        choose(index);
      });
      results.appendChild(item);
    });
    results.hidden = matches.length === 0;
    searchBox.setAttribute("aria-expanded", matches.length ? "true" : "false");
    if (matches.length) searchBox.setAttribute("aria-activedescendant", "kg-option-" + active);
    else searchBox.removeAttribute("aria-activedescendant");
  }

  function closeResults() {
    results.hidden = true;
    searchBox.setAttribute("aria-expanded", "false");
    searchBox.removeAttribute("aria-activedescendant");
  }

  function choose(index) {
    const match = matches[index];
    if (!match) return;
    closeResults();
    searchStatus.textContent = "";
    if (hiddenNodes.has(match.id) && present.has(match.id)) { remember(); resetFilterBoxes(); applyFilters(); }
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
      const count = Math.min(matches.length, MAX_RESULTS);
      if (!count) return;
      active = (active + (event.key === "ArrowDown" ? 1 : count - 1)) % count;
      renderResults();
    } else if (event.key === "Escape") {
      closeResults();
    }
  });
  searchBox.addEventListener("blur", closeResults);
  searchBox.addEventListener("focus", function () {
    if (matches.length) renderResults();
  });

  // ── keyboard: the drawing is focusable; arrows move along links ──────────────────────

  function screenOf(id) {
    return network.canvasToDOM(network.getPositions([id])[id]);
  }

  function step(direction) {
    const visible = visibleNodeIds();
    if (!visible.length) return;
    if (current === null || isHidden(current)) {
      const first = labelOrder.find(function (n) { return !isHidden(n.id); });
      select(first.id);
      say(first.name + ". Arrows move to linked entities, Enter shows details.");
      return;
    }
    const here = screenOf(current);
    const node = nodeById.get(current);
    const angle = { ArrowRight: 0, ArrowDown: Math.PI / 2, ArrowLeft: Math.PI, ArrowUp: -Math.PI / 2 }[direction];
    const pick = function (ids) {
      let best = null;
      for (const id of ids) {
        if (id === current || isHidden(id)) continue;
        const there = screenOf(id);
        const dx = there.x - here.x, dy = there.y - here.y;
        let off = Math.abs(Math.atan2(dy, dx) - angle);
        if (off > Math.PI) off = 2 * Math.PI - off;
        if (off > Math.PI / 2) continue;
        const score = off * 200 + Math.sqrt(dx * dx + dy * dy);
        if (best === null || score < best.score) best = { id: id, score: score };
      }
      return best;
    };
    const neighbours = node.edges.filter(function (e) { return !isHiddenEdge(e); }).map(function (e) { return e.from === node ? e.to.id : e.from.id; });
    const next = pick(neighbours) || pick(visible);
    if (!next) return;
    select(next.id);
    const target = nodeById.get(next.id);
    const pos = screenOf(next.id);
    if (pos.x < 0 || pos.y < 0 || pos.x > container.clientWidth || pos.y > container.clientHeight) network.focus(next.id, { scale: network.getScale() });
    say(target.name + (neighbours.includes(next.id) ? ", linked" : "") + ". " + plural(target.edges.filter(function (e) { return !isHiddenEdge(e); }).length, "link") + ".");
  }

  container.addEventListener("keydown", function (event) {
    if (event.key.startsWith("Arrow")) {
      event.preventDefault();
      step(event.key);
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      if (current === null) step("ArrowRight");
      if (current !== null) showNode(current);
    } else if (event.key === "+" || event.key === "=" || event.key === "-") {
      network.moveTo({ scale: network.getScale() * (event.key === "-" ? 0.8 : 1.25) });
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "/" && document.activeElement !== searchBox && !/^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName)) {
      event.preventDefault();
      searchBox.focus();
      searchBox.select();
    } else if (event.key === "Escape") {
      if (!results.hidden) closeResults();
      else clearSelection();
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
    fitVisible(true);
  });

  // ── start: the filters' state, then an ego network opens on its centre ────────────────

  applyFilters();
  backButton.disabled = true;
  if (data.focus.length) {
    const centre = data.focus.map(function (i) { return nodeInfo[i].id; });
    network.selectNodes(centre);
    current = centre[0];
    highlight(centre);
    showNode(centre[0]);
    side.classList.remove("kg-open");
  }
})();

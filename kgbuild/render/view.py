"""The view model: what the network page shows, as frozen, comparable records.

`build_view` (in `kgbuild.render.convert`) turns an RDF graph into a `View`; `to_html`
(in `kgbuild.render.page`) turns a `View` into a page. Nothing here knows about RDF or
HTML, so a `View` can be checked in a test without a browser.

Strings are kept as plain text (whitespace collapsed, control characters removed): they are
never HTML. The page adapter escapes them on the way into the page, and the page's script
only ever writes them with `textContent`, so a name like ``<script>`` is shown, not run.

    View
     ├── nodes: ViewNode ...        entities, noun phrases, quotations, claims
     ├── edges: ViewEdge ...        one per statement that has an object node
     │    └── statement: ViewStatement ── sources: SourceSentence ...
     ├── statements: ViewStatement ...  statements about shown nodes (the side panel)
     ├── legend: LegendEntry ...    one per node type and edge style present
     └── article_list: ViewArticle ...  the articles those statements come from
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceSentence:
    """A sentence a statement was extracted from, with the article that holds it.

    Attributes:
        id: IRI of the `nif:Sentence` (or of the article when no sentence is known).
        text: The sentence as written (whitespace collapsed).
        article: IRI of the article.
        headline: The article's `schema:headline`, when known.
        url: The article's `schema:url` when it is an http(s) URL (anything else is dropped).
        date: The article's `schema:datePublished` as written, when known.
        begin: Character offset of the sentence in the article (orders sentences).
        source: Name of the article's publisher, when known.
    """

    id: str
    text: str
    article: str
    headline: str | None = None
    url: str | None = None
    date: str | None = None
    begin: int = 0
    source: str | None = None


@dataclass(frozen=True)
class ViewArticle:
    """An article the view refers to, for the page's article and date filters.

    Attributes:
        id: IRI of the article.
        headline: Its `schema:headline`, when known.
        url: Its http(s) `schema:url`, when known.
        date: Its `schema:datePublished` as written, when known.
        source: Name of its publisher (`schema:publisher`), when known.
    """

    id: str
    headline: str | None = None
    url: str | None = None
    date: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class ViewStatement:
    """One extracted statement, as the side panel and the tooltips describe it.

    Attributes:
        id: IRI of the statement.
        subject: Node id of the subject.
        subject_label: The subject's name.
        relation: The relation's label ("die in").
        object: Node id of the object; None when the statement has no object (`kg:NoObject`).
        object_label: The object's name ("" when there is no object).
        summary: "subject relation object" in one short line.
        negated: The sentence denies the statement.
        modality: "asserted", "hedged", "possible", "future" or "intended".
        asserted: The article itself states the statement as true.
        attributed_to: Name of who the article reports as its source, if anyone.
        reported_by: IRI of the speech statement whose object this statement is, if any.
        relation_text: The relation's words as written ("is believed to have died in").
        confidence: The extractor's score in [0, 1], when given.
        arguments: Further arguments as (role, value) pairs: ("near", "Mariupol").
        sources: The sentences it was extracted from, in article order.
    """

    id: str
    subject: str
    subject_label: str
    relation: str
    object: str | None
    object_label: str
    summary: str
    negated: bool = False
    modality: str = "asserted"
    asserted: bool = True
    attributed_to: str | None = None
    reported_by: str | None = None
    relation_text: str | None = None
    confidence: float | None = None
    arguments: tuple[tuple[str, str], ...] = ()
    sources: tuple[SourceSentence, ...] = ()

    @property
    def flags(self) -> tuple[str, ...]:
        """Short words a reader needs before trusting the statement.

        >>> ViewStatement("s", "a", "A", "attack", "b", "B", "A attack B", negated=True,
        ...               asserted=False, attributed_to="Kyiv").flags
        ('negated', 'reported by Kyiv')
        """
        flags = []
        if self.negated:
            flags.append("negated")
        if self.modality != "asserted":
            flags.append(self.modality)
        if self.attributed_to:
            flags.append(f"reported by {self.attributed_to}")
        elif self.reported_by:
            flags.append("reported")
        if not self.asserted and not flags:
            flags.append("not asserted")
        return tuple(flags)


@dataclass(frozen=True)
class ViewNode:
    """A node of the network: an entity, noun phrase, quotation or claim.

    Attributes:
        id: IRI of the entity, phrase or quotation; for a claim, IRI of its statement.
        label: Full name.
        caption: The name drawn on the canvas, shortened when long.
        kind: Style key: person, organization, place, event, entity, phrase, quotation, claim.
        type_label: What the reader sees as its type ("Person", "Noun phrase").
        aliases: Other names (`skos:altLabel`), which the search box also finds.
        details: Extra facts as (name, value) pairs: ("job title", "EU foreign policy chief").
        degree: Number of statements linking it to other nodes in the whole graph.
        size: Radius on the canvas, grown with the degree.
        mentions: Number of articles that mention it (`kg:mentionedIn`, and the articles
            its statements come from).
        mention_size: Radius on the canvas when sizes follow mentions instead of degree.
        hops: Distance in statements from the focus of the view; None without a focus.
        x, y: Position in pixels from the Python layout.
        color: Fill colour (from the node type).
        border: Border colour.
        shape: vis-network shape name.
        statement_ids: Statements with this node as subject or object, including those
            without an object, and for a claim its own statement; for a hub, only those
            drawn as its edges and the first others up to a limit (the page lists these).
        sources: The sentences of those statements, in article order.
        statement_count: How many statements the node has in the graph, listed or not.
        unlisted: (relation, article IRI) of each statement left out of `statement_ids`,
            once each, so the page's filters still know where the node appears.
        community: Index in `View.communities` of the story it belongs to (-1: none).
        importance: Statements on its links plus half the articles it is in: labels are
            drawn, and searches ranked, most important first.
        drawn: Drawn when the page opens; the others are carried hidden, for search,
            expanding a neighbour and the article filter.
    """

    id: str
    label: str
    caption: str
    kind: str
    type_label: str
    aliases: tuple[str, ...]
    details: tuple[tuple[str, str], ...]
    degree: int
    size: float
    x: float
    y: float
    color: str
    border: str
    shape: str
    statement_ids: tuple[str, ...]
    sources: tuple[SourceSentence, ...]
    statement_count: int = 0
    unlisted: tuple[tuple[str, str], ...] = ()
    mentions: int = 0
    mention_size: float = 10.0
    hops: int | None = None
    community: int = -1
    importance: float = 0.0
    drawn: bool = True


@dataclass(frozen=True)
class ViewEdge:
    """A drawn statement: an arrow from its subject to its object.

    Attributes:
        id: IRI of the statement.
        source, target: Node ids.
        label: The relation's label.
        dashed: The article does not state it as true (negated, hedged or reported).
        color: Line colour (red-ish when negated).
        style: Style key: asserted, reported, hedged or negated (see `kgbuild.render.style`).
        curve: 0 for a straight line; else how far parallel edges between the same pair
            of nodes bend apart (vis-network `roundness`).
        statement: The statement the edge draws (of an entity link: the one its label
            comes from).
        statement_ids: Every statement behind the edge (an entity link has one or more).
        family: The relation family of `statement` (see `kgbuild.render.relations`).
        drawn: Drawn when the page opens (both its ends are).
    """

    id: str
    source: str
    target: str
    label: str
    dashed: bool
    color: str
    curve: float
    statement: ViewStatement
    style: str = "asserted"
    statement_ids: tuple[str, ...] = ()
    family: str = ""
    drawn: bool = True

    @property
    def negated(self) -> bool:
        return self.statement.negated

    @property
    def asserted(self) -> bool:
        return self.statement.asserted

    @property
    def flags(self) -> tuple[str, ...]:
        return self.statement.flags

    @property
    def sources(self) -> tuple[SourceSentence, ...]:
        return self.statement.sources


@dataclass(frozen=True)
class LegendEntry:
    """One line of the legend: a node type or an edge style, and how many are shown.

    Attributes:
        key: Node kind (person ...) or edge style (asserted, reported, hedged, negated).
        label: What the legend says ("Person", "negated").
        color: The colour drawn.
        symbol: A node shape name, or "line" / "dashed" for edges.
        count: How many shown nodes or edges have it.
    """

    key: str
    label: str
    color: str
    symbol: str
    count: int


@dataclass(frozen=True)
class ViewCommunity:
    """A story: a community of entities more linked among themselves than to others.

    Attributes:
        index: Its number, largest first.
        name: Its three most important entities, "Tony Blair, Gordon Brown, Labour".
        headline: The headline of the article most of its statements come from.
        color: Fill colour of its nodes.
        size: How many drawn entities it has.
    """

    index: int
    name: str
    headline: str | None
    color: str
    size: int


@dataclass(frozen=True)
class View:
    """Everything the network page shows, computed once in Python.

    Attributes:
        nodes: Shown nodes, most connected first.
        edges: Shown edges (statements between shown nodes), in statement order.
        statements: The statements the page lists: every drawn one and, for each node, its
            others up to a limit; in statement order.
        legend: Node types, then edge styles, each present at least once.
        total_nodes: Nodes in the whole graph, before `focus` and `max_nodes` cut some.
        omitted_nodes: Nodes of the focus's neighbourhood (of the whole graph, without a
            focus) left out by `max_nodes`.
        omitted_edges: Edges between those nodes left out with them.
        articles: Number of articles in the graph.
        physics: Whether the page starts with the physics simulation on.
        focus: Ids of the nodes the view is centred on (an ego network); empty for the
            whole graph.
        hops: How many statements away from the focus the view reaches (with a focus).
        focus_name: What the focus was asked as ("Borrell"), for the page's heading.
        article_list: The articles the view's statements come from, in IRI order.
        entity_view: Nodes are named entities and edges the statements linking them
            (False: every noun phrase, quotation and claim is a node of its own).
        communities: The stories of an entity view, largest first.
        heading: What the page is about: the article's headline, or the corpus's article
            count, sources and dates.
    """

    nodes: tuple[ViewNode, ...]
    edges: tuple[ViewEdge, ...]
    statements: tuple[ViewStatement, ...]
    legend: tuple[LegendEntry, ...]
    total_nodes: int
    omitted_nodes: int = 0
    omitted_edges: int = 0
    articles: int = 0
    physics: bool = False
    focus: tuple[str, ...] = ()
    hops: int | None = None
    focus_name: str | None = None
    article_list: tuple[ViewArticle, ...] = ()
    entity_view: bool = False
    communities: tuple[ViewCommunity, ...] = ()
    heading: str = ""

    def node(self, node_id: str) -> ViewNode:
        """The shown node with this id.

        Raises:
            KeyError: No shown node has this id.
        """
        for node in self.nodes:
            if node.id == node_id:
                return node
        raise KeyError(f"No shown node has id {node_id!r}.")

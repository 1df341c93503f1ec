/* argmap explorer: the diagram, the source texts and a side panel, linked both ways.
   Hand-written, no dependencies, no network. Every piece of data reaches the DOM through
   textContent or setAttribute, never as markup. */
(function () {
  "use strict";
  const started = performance.now();
  const $ = (id) => document.getElementById(id);
  const DATA = JSON.parse($("argmap-data").textContent);
  const View = window.ArgmapView;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function push(map, key, value) {
    const list = map.get(key);
    if (list) list.push(value); else map.set(key, [value]);
  }

  // -- indexes ----------------------------------------------------------------------------
  const nodes = new Map();
  DATA.statements.forEach((s, i) => { s.order = i; nodes.set(s.ref, s); });
  DATA.arguments.forEach((a, i) => { a.order = DATA.statements.length + i; nodes.set(a.ref, a); });
  const maps = new Map(DATA.maps.map((m) => [m.id, m]));
  const corrsOf = new Map();
  const corrById = new Map();
  DATA.correspondences.forEach((k) => {
    push(corrsOf, k.left, k); push(corrsOf, k.right, k); corrById.set(k.id, k);
  });
  const relsOf = new Map();
  DATA.relations.forEach((r) => { push(relsOf, r.source, r); if (r.target !== r.source) push(relsOf, r.target, r); });
  const argsOf = new Map();
  DATA.arguments.forEach((a) => {
    a.premises.forEach((p) => push(argsOf, p, { arg: a, as: "premise" }));
    if (a.conclusion) push(argsOf, a.conclusion, { arg: a, as: "conclusion" });
  });
  const issueRefs = new Map();
  const issuesOf = new Map();
  DATA.issues.forEach((is) => {
    const set = new Set();
    is.positions.forEach((p) => p.statements.forEach((r) => set.add(r)));
    DATA.correspondences.forEach((k) => { if (k.issue === is.id) { set.add(k.left); set.add(k.right); } });
    issueRefs.set(is.id, set);
    set.forEach((r) => push(issuesOf, r, is));
  });
  const sections = new Map();
  DATA.maps.forEach((m) => m.sections.forEach((s) => sections.set(m.id + ":" + s.id, s.title)));
  const CHUNK = 3000;
  const ROLES = ["thesis", "claim", "evidence", "counterclaim"];
  const RELS = ["support", "attack", "undercut", "contradiction"];
  const CORRS = ["agree", "partial", "conflict"];
  const STANCE = { endorses: "endorses it", rejects: "rejects it", open: "leaves it open" };

  const state = {
    selected: null, corr: null, issue: "", query: "",
    authors: new Set(DATA.maps.map((m) => m.id)), roles: new Set(ROLES),
    types: new Set(RELS.concat(CORRS)), matches: null,
  };
  const authorClass = (mapId) => "a" + ((maps.get(mapId) || { index: 0 }).index % 6);
  const mapLabel = (mapId) => (maps.get(mapId) || { label: mapId }).label;

  // -- deep links -------------------------------------------------------------------------
  function hashOf(ref) {
    const node = nodes.get(ref);
    return node ? encodeURIComponent(node.map) + "/" + encodeURIComponent(node.id) : "";
  }
  function refOfHash(hash) {
    const h = hash.replace(/^#/, "");
    if (!h) return null;
    let mapId, id;
    try {
      const slash = h.indexOf("/");
      if (slash < 0) return null;
      mapId = decodeURIComponent(h.slice(0, slash));
      id = decodeURIComponent(h.slice(slash + 1));
    } catch (e) { return null; }
    const ref = mapId + ":" + id;
    return nodes.has(ref) ? ref : null;
  }
  function setHash(url) {
    try { history.replaceState(null, "", url); } catch (e) { /* a sandboxed frame: no history */ }
  }
  function link(ref, text) {
    const a = el("a", "ref-link", text);
    a.href = "#" + hashOf(ref);
    a.setAttribute("data-goto", ref);
    return a;
  }

  // -- texts ------------------------------------------------------------------------------
  const marksByRef = new Map();
  const markRefs = new WeakMap();
  const markPos = new WeakMap();
  const allMarks = [];
  const columns = new Map();

  function fillText(body, m) {
    const text = m.text;
    const spans = [];
    DATA.statements.forEach((s) => {
      if (s.map !== m.id) return;
      s.quotes.forEach((q) => {
        if (q.start !== null && q.end !== null && q.end > q.start && q.end <= text.length)
          spans.push({ start: q.start, end: q.end, ref: s.ref, role: s.role, reported: !!s.view });
      });
    });
    const events = [];
    spans.forEach((sp, i) => { events.push([sp.start, 1, i]); events.push([sp.end, 0, i]); });
    events.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    // The text goes into blocks of about CHUNK characters, cut after a line break outside any
    // quote; the browser lays out and paints only the blocks on screen (content-visibility).
    const frag = document.createDocumentFragment();
    let chunk = null;
    let size = 0;
    let breaks = 0;
    const close = () => {
      if (chunk) chunk.style.containIntrinsicBlockSize = "auto " + Math.ceil((breaks + size / 60) * 23) + "px";
      chunk = el("div", "chunk");
      frag.appendChild(chunk);
      size = 0;
      breaks = 0;
    };
    const add = (node, length, text) => {
      chunk.appendChild(node);
      size += length;
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) breaks++;
    };
    const plain = (piece) => {
      while (size + piece.length > CHUNK) {
        let cut = piece.lastIndexOf("\n", CHUNK - size);
        if (cut < 0) cut = piece.indexOf("\n", Math.max(0, CHUNK - size));
        if (cut < 0) break;
        const head = piece.slice(0, cut + 1);
        add(document.createTextNode(head), head.length, head);
        close();
        piece = piece.slice(cut + 1);
      }
      if (piece) add(document.createTextNode(piece), piece.length, piece);
    };
    close();
    const active = new Set();
    let pos = 0;
    const cls = "q " + authorClass(m.id);
    for (let e = 0; e <= events.length; e++) {
      const at = e < events.length ? events[e][0] : text.length;
      if (at > pos) {
        const piece = text.slice(pos, at);
        if (active.size === 0) plain(piece);
        else {
          let primary = null;
          const refs = [];
          active.forEach((i) => {
            const sp = spans[i];
            if (!refs.includes(sp.ref)) refs.push(sp.ref);
            if (!primary || sp.start > primary.start || (sp.start === primary.start && sp.end < primary.end)) primary = sp;
          });
          const mark = el("mark", cls + " r-" + primary.role + (refs.length > 1 ? " multi" : "") + (primary.reported ? " reported" : ""), piece);
          mark.setAttribute("data-ref", primary.ref);
          mark.tabIndex = 0;
          markRefs.set(mark, refs);
          markPos.set(mark, pos);
          refs.forEach((r) => push(marksByRef, r, mark));
          allMarks.push(mark);
          add(mark, piece.length, piece);
        }
        pos = at;
      }
      if (e < events.length) {
        if (events[e][1] === 1) active.add(events[e][2]); else active.delete(events[e][2]);
      }
    }
    close();
    body.appendChild(frag);
  }

  function renderTexts() {
    const box = $("texts");
    DATA.maps.forEach((m) => {
      const col = el("section", "text-col " + authorClass(m.id));
      col.setAttribute("data-map", m.id);
      col.setAttribute("aria-label", "Source text: " + m.label);
      const head = el("header", "text-head");
      head.appendChild(el("span", "chip"));
      head.appendChild(el("strong", null, m.label));
      head.appendChild(el("span", "src", m.sourceTitle || m.title));
      col.appendChild(head);
      const body = el("div", "text-body");
      if (m.text === null) {
        body.appendChild(el("p", "missing", "The source text is not available: " + (m.textProblem || m.sourcePath || "no text")));
      } else fillText(body, m);
      const unplaced = [];
      DATA.statements.forEach((s) => {
        if (s.map === m.id) s.quotes.forEach((q) => { if (q.start === null) unplaced.push([s, q]); });
      });
      if (unplaced.length) {
        const box2 = el("div", "unplaced");
        box2.appendChild(el("p", null, "Quotes not found in the text:"));
        const ul = el("ul");
        unplaced.forEach(([s, q]) => {
          const li = el("li");
          li.appendChild(link(s.ref, s.id));
          li.appendChild(document.createTextNode(": \u201c" + q.text + "\u201d"));
          ul.appendChild(li);
        });
        box2.appendChild(ul);
        body.appendChild(box2);
      }
      col.appendChild(body);
      columns.set(m.id, { col, body });
      box.appendChild(col);
    });
    const legend = $("legend");
    DATA.maps.forEach((m) => {
      const s = el("span", "sample " + authorClass(m.id));
      s.appendChild(el("span", "chip"));
      s.appendChild(document.createTextNode(m.label));
      legend.appendChild(s);
    });
    ROLES.forEach((r) => legend.appendChild(el("mark", "q sample plain r-" + r, r)));
    if (DATA.statements.some((s) => s.view)) legend.appendChild(el("mark", "q sample plain reported r-claim", "reported view"));
  }

  /* The first passage that is the statement's own (not only covered by its quote). */
  function firstMark(ref) {
    const ms = marksByRef.get(ref) || [];
    return ms.find((m) => m.getAttribute("data-ref") === ref) || ms[0] || null;
  }

  /* Scroll the passage's column to it; ``across``: also bring the column into view. */
  function scrollToMark(mark, across) {
    const body = mark.closest(".text-body");
    if (!body) return;
    const r = mark.getBoundingClientRect();
    const b = body.getBoundingClientRect();
    body.scrollTop += r.top - b.top - body.clientHeight / 3;
    if (across === false) return;
    const col = mark.closest(".text-col").getBoundingClientRect();
    const box = $("texts");
    const v = box.getBoundingClientRect();
    if (col.left < v.left || col.right > v.right) box.scrollLeft += col.left - v.left;
  }

  // -- diagram ----------------------------------------------------------------------------
  const diagram = { key: null, info: null, view: null, svg: null, byRef: new Map(), byCorr: new Map() };
  const diagramInfo = new Map(DATA.diagrams.map((d, i) => [d.key, Object.assign({ n: i }, d)]));

  /* A diagram's pieces (page.py: its shell, then runs of nodes and edges, joined by NUL): the
     first is inline JSON; the others are gzip in base64, which the browser's own
     DecompressionStream inflates. */
  function plainPieces(info) {
    const script = $("argmap-svg-" + info.n);
    return script.getAttribute("data-encoding") === "gzip" ? null : JSON.parse(script.textContent).split("\u0000");
  }
  function inflate(key) {
    const binary = atob(JSON.parse($("argmap-svg-" + diagramInfo.get(key).n).textContent));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then((text) => text.split("\u0000"));
  }
  let then = null; // runs when the diagram asked for is shown
  let switchFor = null; // the selection a diagram is being built for, to be shown when ready
  const sheets = new window.ArgmapSheets($("diagram"), inflate, (sheet) => {
    $("diagram-status").textContent = sheet ? "" : "This diagram could not be read.";
    if (sheet) mount(sheet);
  });

  /* Show the diagram ``key``; ``after`` runs once it is on screen (at once, or when it has
     been built). */
  function showDiagram(key, after) {
    const info = diagramInfo.get(key);
    if (!info) return;
    $("diagram-select").value = key;
    then = after || null;
    const sheet = sheets.want(key, sheets.sheet(key).done ? null : plainPieces(info));
    if (sheet === null) { $("diagram-status").textContent = "loading\u2026"; return; }
    $("diagram-status").textContent = sheet.failed ? "This diagram could not be read." : "";
    if (!sheet.failed) mount(sheet);
  }

  /* Keep the diagram shown: a switch still waiting for its drawing is called off (the
     drawing goes on being built in idle time). */
  function keepDiagram() {
    if (switchFor === null) return;
    switchFor = null;
    if (!diagram.key || sheets.wanted === diagram.key) return;
    then = null;
    sheets.want(diagram.key);
    $("diagram-select").value = diagram.key;
    $("diagram-status").textContent = "";
  }

  function mount(sheet) {
    sheets.show(sheet);
    const info = diagramInfo.get(sheet.key);
    Object.assign(diagram, { key: info.key, info, svg: sheet.svg, byRef: sheet.byRef, byCorr: sheet.byCorr });
    diagram.view = View.attach($("diagram"), sheet.svg);
    filterDiagram();
    markSelection();
    const after = then;
    then = null;
    if (after) after();
  }

  function diagramFor(ref) {
    const node = nodes.get(ref);
    if (!node) return null;
    if (diagram.byRef.has(ref)) return diagram.key;
    const own = "map:" + node.map;
    return diagramInfo.has(own) ? own : null;
  }

  // -- selection --------------------------------------------------------------------------
  let marked = [];
  function clearMarks() {
    marked.forEach((e) => { e.removeAttribute("aria-selected"); e.classList.remove("linked", "linked-agree", "linked-partial", "linked-conflict"); });
    marked = [];
  }
  function otherSide(k, ref) { return k.left === ref ? k.right : k.left; }

  function markSelection() {
    clearMarks();
    const on = (e) => { e.setAttribute("aria-selected", "true"); marked.push(e); };
    const linkTo = (r, type) => (marksByRef.get(r) || []).forEach((m) => {
      if (m.getAttribute("aria-selected") !== "true") { m.classList.add("linked", "linked-" + type); marked.push(m); }
    });
    if (state.corr) {
      const k = corrById.get(state.corr);
      (diagram.byCorr.get(k.id) || []).forEach(on);
      linkTo(k.left, k.type); linkTo(k.right, k.type);
      return;
    }
    const ref = state.selected;
    if (!ref) return;
    (diagram.byRef.get(ref) || []).forEach(on);
    (marksByRef.get(ref) || []).forEach(on);
    (corrsOf.get(ref) || []).forEach((k) => { if (state.types.has(k.type)) linkTo(otherSide(k, ref), k.type); });
  }

  let switching = 0;
  let scrolling = 0;
  function select(ref, from) {
    keepDiagram();
    state.corr = null;
    state.selected = ref && nodes.has(ref) ? ref : null;
    markSelection();
    if (state.selected) {
      const want = diagramFor(state.selected);
      if (want && want !== diagram.key) {
        // The texts and the panel answer at once; the other diagram follows a frame later
        // (a large drawing takes a while to parse).
        const ticket = ++switching;
        const chosen = state.selected;
        requestAnimationFrame(() => setTimeout(() => {
          if (ticket !== switching || state.selected !== chosen) return;
          switchFor = chosen;
          showDiagram(want, () => {
            switchFor = null;
            const gs = diagram.byRef.get(chosen) || [];
            if (state.selected === chosen && gs.length) diagram.view.reveal(gs[0]);
          });
        }, 0));
      }
      const gs = diagram.byRef.get(state.selected) || [];
      if (gs.length && from !== "node") diagram.view.reveal(gs[0]);
      const own = firstMark(state.selected);
      if (own && from !== "text") scrollToMark(own);
      // the other authors' passages, side by side with this one: a frame later, so the
      // selection itself is painted first
      const chosen = state.selected;
      const ticket = ++scrolling;
      requestAnimationFrame(() => setTimeout(() => {
        if (ticket !== scrolling || state.selected !== chosen) return;
        const seen = new Set([nodes.get(chosen).map]);
        (corrsOf.get(chosen) || []).forEach((k) => {
          const other = otherSide(k, chosen);
          const mapId = other.slice(0, other.indexOf(":"));
          const om = firstMark(other);
          if (!seen.has(mapId) && om && state.types.has(k.type)) { seen.add(mapId); scrollToMark(om, false); }
        });
      }, 0));
      if (from !== "hash") setHash("#" + hashOf(state.selected));
      renderStatement(nodes.get(state.selected));
    } else {
      if (from !== "hash" && location.hash) setHash(location.pathname + location.search);
      renderOverview();
    }
  }

  function selectCorr(id) {
    const k = corrById.get(id);
    if (!k) return;
    keepDiagram();
    state.selected = null;
    state.corr = id;
    markSelection();
    [k.left, k.right].forEach((r) => { const m = firstMark(r); if (m) scrollToMark(m); });
    renderCorr(k);
  }

  // -- side panel -------------------------------------------------------------------------
  const panel = () => $("panel");
  function section(title) { const p = panel(); p.appendChild(el("h3", null, title)); }
  function para(cls, text) { const p = el("p", cls, text); panel().appendChild(p); return p; }

  function corrItem(k, from) {
    const li = el("li");
    li.appendChild(el("span", "badge " + k.type, k.type));
    const other = otherSide(k, from);
    const node = nodes.get(other);
    li.appendChild(document.createTextNode("with " + mapLabel(other.slice(0, other.indexOf(":"))) + ": "));
    li.appendChild(link(other, node ? node.text || node.id : other));
    if (k.rationale) li.appendChild(el("div", "rationale", k.rationale));
    if (k.issue) {
      const is = DATA.issues.find((x) => x.id === k.issue);
      li.appendChild(el("div", "meta", "Issue: " + (is ? is.question : k.issue)));
    }
    return li;
  }

  function renderStatement(node) {
    const p = panel();
    p.textContent = "";
    p.appendChild(el("h2", null, node.id));
    const meta = el("p", "meta " + authorClass(node.map));
    meta.appendChild(el("span", "chip"));
    meta.appendChild(document.createTextNode(mapLabel(node.map)));
    p.appendChild(meta);
    if (node.text) para("wording", node.text);
    if (node.kind === "statement") {
      const r = para("meta");
      r.appendChild(el("span", "badge role", node.role));
      if (node.section) r.appendChild(document.createTextNode(" section: " + (sections.get(node.map + ":" + node.section) || node.section)));
      if (node.tags.length) r.appendChild(document.createTextNode(" #" + node.tags.join(" #")));
      section("Whose view");
      if (node.view) {
        const stance = STANCE[node.view.stance] || node.view.stance || "";
        para("view reported", "Reported view of " + node.view.holder + "; the author " + stance + ".");
      } else para("view", "The author's own view.");
      if (node.aside) para("view aside", "Aside: " + node.aside);
      section("Quotes");
      const ol = el("ol");
      node.quotes.forEach((q) => {
        const li = el("li", "quote");
        if (q.start === null) li.textContent = "\u201c" + q.text + "\u201d (not found in the text)";
        else {
          const a = el("a", null, "\u201c" + q.text + "\u201d");
          a.href = "#" + hashOf(node.ref);
          a.addEventListener("click", (ev) => { ev.preventDefault(); const ms = (marksByRef.get(node.ref) || []); const m = ms.find((x) => markPos.get(x) >= q.start) || ms[0]; if (m) { scrollToMark(m); m.focus({ preventScroll: true }); } });
          li.appendChild(a);
        }
        ol.appendChild(li);
      });
      if (!node.quotes.length) ol.appendChild(el("li", "meta", "no quotes"));
      p.appendChild(ol);
      if (node.citation) { section("Citation"); para(null, node.citation); }
      if (node.note) { section("Note"); para(null, node.note); }
    } else {
      section("Argument");
      const ul = el("ul");
      node.premises.forEach((r) => { const li = el("li", null, "premise: "); li.appendChild(link(r, (nodes.get(r) || { id: r }).id)); ul.appendChild(li); });
      if (node.conclusion) { const li = el("li", null, "conclusion: "); li.appendChild(link(node.conclusion, (nodes.get(node.conclusion) || { id: node.conclusion }).id)); ul.appendChild(li); }
      p.appendChild(ul);
    }
    const rels = (relsOf.get(node.ref) || []).filter((r) => state.types.has(r.type));
    const args = argsOf.get(node.ref) || [];
    if (rels.length || args.length) {
      section("Relations");
      const ul = el("ul");
      rels.forEach((r) => {
        const out = r.source === node.ref;
        const other = out ? r.target : r.source;
        const words = { support: ["supports", "supported by"], attack: ["attacks", "attacked by"], undercut: ["undercuts", "undercut by"], contradiction: ["contradicts", "contradicted by"] }[r.type] || [r.type, r.type + " by"];
        const li = el("li", null, (out ? words[0] : words[1]) + " ");
        li.appendChild(link(other, (nodes.get(other) || { id: other }).id));
        ul.appendChild(li);
      });
      args.forEach((x) => { const li = el("li", null, x.as + " of "); li.appendChild(link(x.arg.ref, x.arg.id)); ul.appendChild(li); });
      p.appendChild(ul);
    }
    const ks = (corrsOf.get(node.ref) || []).filter((k) => state.types.has(k.type));
    if (DATA.kind === "comparison") {
      section("Other authors");
      if (ks.length) { const ul = el("ul"); ks.forEach((k) => ul.appendChild(corrItem(k, node.ref))); p.appendChild(ul); }
      else para("meta", "No correspondence with another author.");
    }
    const iss = issuesOf.get(node.ref) || [];
    if (iss.length) {
      section("Issues");
      const ul = el("ul");
      iss.forEach((is) => {
        const li = el("li", null, is.question);
        const pos = is.positions.find((x) => x.map === node.map);
        if (pos && pos.answer) li.appendChild(el("div", "rationale", "Answer: " + pos.answer));
        ul.appendChild(li);
      });
      p.appendChild(ul);
    }
  }

  function renderCorr(k) {
    const p = panel();
    p.textContent = "";
    const h = el("h2");
    h.appendChild(el("span", "badge " + k.type, k.type));
    h.appendChild(document.createTextNode(k.id));
    p.appendChild(h);
    if (k.rationale) para("wording", k.rationale);
    if (k.issue) { const is = DATA.issues.find((x) => x.id === k.issue); para("meta", "Issue: " + (is ? is.question : k.issue)); }
    section("The two sides");
    const ul = el("ul");
    [k.left, k.right].forEach((r) => {
      const li = el("li", authorClass(r.slice(0, r.indexOf(":"))));
      li.appendChild(el("span", "chip"));
      li.appendChild(document.createTextNode(mapLabel(r.slice(0, r.indexOf(":"))) + ": "));
      li.appendChild(link(r, (nodes.get(r) || { text: r }).text || r));
      ul.appendChild(li);
    });
    p.appendChild(ul);
  }

  function renderOverview() {
    const p = panel();
    p.textContent = "";
    p.appendChild(el("h2", null, DATA.title));
    para("meta", DATA.statements.length + " statements in " + DATA.maps.length + (DATA.maps.length === 1 ? " map" : " maps") +
      (DATA.kind === "comparison" ? ", " + DATA.issues.length + " issues, " + DATA.correspondences.length + " correspondences" : ""));
    section(DATA.maps.length === 1 ? "Map" : "Authors");
    const ul = el("ul");
    DATA.maps.forEach((m) => {
      const li = el("li", authorClass(m.id));
      li.appendChild(el("span", "chip"));
      const th = DATA.statements.find((s) => s.map === m.id && s.role === "thesis");
      li.appendChild(document.createTextNode(m.label + (m.sourceTitle ? ": " + m.sourceTitle : "") + " "));
      if (th) { li.appendChild(el("br")); li.appendChild(link(th.ref, "thesis: " + th.text)); }
      ul.appendChild(li);
    });
    p.appendChild(ul);
    if (DATA.issues.length) {
      section("Issues");
      const ol = el("ol");
      DATA.issues.forEach((is) => {
        const li = el("li", null, is.question);
        const sub = el("ul");
        is.positions.forEach((pos) => {
          const item = el("li", authorClass(pos.map));
          item.appendChild(el("span", "chip"));
          item.appendChild(document.createTextNode(mapLabel(pos.map) + ": " + (pos.answer || (pos.statements.length ? "" : "not addressed")) + " "));
          pos.statements.forEach((r) => { item.appendChild(link(r, "[" + (nodes.get(r) || { id: r }).id + "]")); item.appendChild(document.createTextNode(" ")); });
          sub.appendChild(item);
        });
        li.appendChild(sub);
        ol.appendChild(li);
      });
      p.appendChild(ol);
    }
    section("Keys");
    const keys = [["click", "select a node or a passage"], ["/", "search"], ["j / k", "next / previous statement"],
      ["Enter", "select the focused node or passage"], ["Esc", "clear the selection"], ["+ / - / 0", "zoom in, out, fit"],
      ["arrows", "pan the diagram (when it has the focus)"]];
    const dl = el("ul", "keys");
    keys.forEach(([k, v]) => { const li = el("li"); li.appendChild(el("kbd", null, k)); li.appendChild(document.createTextNode(" " + v)); dl.appendChild(li); });
    p.appendChild(dl);
  }

  // -- filters and search -----------------------------------------------------------------
  function passes(ref) {
    const node = nodes.get(ref);
    if (!node) return true;
    if (!state.authors.has(node.map)) return false;
    if (node.kind === "statement" && !state.roles.has(node.role)) return false;
    if (state.issue && !issueRefs.get(state.issue).has(ref)) return false;
    if (state.matches && !state.matches.has(ref)) return false;
    return true;
  }
  function applyFilters() {
    let shown = 0;
    DATA.statements.forEach((s) => { if (passes(s.ref)) shown++; });
    filterDiagram();
    allMarks.forEach((m) => m.classList.toggle("dim", !markRefs.get(m).some(passes)));
    columns.forEach((c, mapId) => { c.col.hidden = !state.authors.has(mapId); });
    $("shown-count").textContent = shown + " of " + DATA.statements.length + " statements shown";
  }
  /* The filters and the search on the diagram shown (a diagram shown again has kept the
     classes of its last showing). */
  function filterDiagram() {
    const found = (ref) => !!state.matches && state.matches.has(ref);
    diagram.byRef.forEach((gs, ref) => {
      const on = passes(ref);
      gs.forEach((g) => { g.classList.toggle("dim", !on); g.classList.toggle("match", found(ref)); });
    });
    const svg = diagram.svg;
    if (svg) RELS.concat(CORRS).forEach((t) => svg.classList.toggle("hide-" + t, !state.types.has(t)));
  }

  function checkbox(group, value, label, checked, onChange, cls) {
    const lab = el("label", cls || null);
    const box = el("input");
    box.type = "checkbox";
    box.checked = checked;
    box.value = value;
    box.setAttribute("data-filter", group);
    box.addEventListener("change", () => onChange(box.checked));
    lab.appendChild(box);
    if (cls) lab.appendChild(el("span", "chip"));
    lab.appendChild(document.createTextNode(" " + label));
    return lab;
  }
  function fieldset(title) {
    const f = el("fieldset");
    f.appendChild(el("legend", null, title));
    $("filters").insertBefore(f, $("shown-count"));
    return f;
  }
  function toggler(set, value) { return (on) => { if (on) set.add(value); else set.delete(value); applyFilters(); markSelection(); if (state.selected) renderStatement(nodes.get(state.selected)); }; }

  function renderFilters() {
    if (DATA.issues.length) {
      const f = fieldset("Issue");
      const sel = el("select");
      sel.id = "issue-filter";
      sel.setAttribute("aria-label", "Filter by issue");
      const all = el("option", null, "all issues");
      all.value = "";
      sel.appendChild(all);
      DATA.issues.forEach((is) => { const o = el("option", null, is.question); o.value = is.id; sel.appendChild(o); });
      sel.addEventListener("change", () => setIssue(sel.value));
      f.appendChild(sel);
    }
    if (DATA.maps.length > 1) {
      const f = fieldset("Authors");
      DATA.maps.forEach((m) => f.appendChild(checkbox("author", m.id, m.label, true, toggler(state.authors, m.id), authorClass(m.id))));
    }
    const fr = fieldset("Roles");
    ROLES.forEach((r) => fr.appendChild(checkbox("role", r, r, true, toggler(state.roles, r))));
    const ft = fieldset("Relations");
    const present = new Set(DATA.relations.map((r) => r.type).concat(DATA.correspondences.map((k) => k.type)));
    RELS.concat(CORRS).forEach((t) => { if (present.has(t)) ft.appendChild(checkbox("type", t, t, true, toggler(state.types, t))); });
    const sel = $("diagram-select");
    DATA.diagrams.forEach((d) => { const o = el("option", null, d.label); o.value = d.key; sel.appendChild(o); });
    sel.addEventListener("change", () => { showDiagram(sel.value); if (state.selected && !diagram.byRef.has(state.selected)) renderStatement(nodes.get(state.selected)); });
  }

  function setIssue(id) {
    state.issue = issueRefs.has(id) ? id : "";
    const sel = $("issue-filter");
    if (sel) sel.value = state.issue;
    const kind = diagram.info ? diagram.info.kind : "";
    applyFilters();
    if (state.issue && (kind === "comparison" || kind === "issue") && diagramInfo.has("issue:" + state.issue)) showDiagram("issue:" + state.issue);
    else if (!state.issue && kind === "issue" && diagramInfo.has("comparison")) showDiagram("comparison");
    if (!state.issue) return;
    // each author's first passage on the issue, in view
    const inIssue = issueRefs.get(state.issue);
    const seen = new Set();
    allMarks.forEach((m) => {
      const mapId = m.closest(".text-col").getAttribute("data-map");
      if (!seen.has(mapId) && markRefs.get(m).some((r) => inIssue.has(r) && passes(r))) { seen.add(mapId); scrollToMark(m, false); }
    });
  }

  const haystack = new Map();
  function hay(node) {
    let h = haystack.get(node.ref);
    if (h === undefined) {
      h = (node.id + "\n" + (node.text || "") + "\n" + (node.quotes || []).map((q) => q.text).join("\n")).toLowerCase();
      haystack.set(node.ref, h);
    }
    return h;
  }
  let matchList = [];
  let matchAt = -1;
  function search(query) {
    state.query = query.trim().toLowerCase();
    const results = $("results");
    results.textContent = "";
    matchAt = -1;
    if (!state.query) {
      state.matches = null; matchList = [];
      $("search-count").textContent = "";
      results.hidden = true;
    } else {
      matchList = DATA.statements.filter((s) => hay(s).includes(state.query)).map((s) => s.ref);
      state.matches = new Set(matchList);
      $("search-count").textContent = matchList.length + (matchList.length === 1 ? " match" : " matches");
      matchList.slice(0, 40).forEach((ref) => {
        const n = nodes.get(ref);
        const li = el("li");
        const b = el("button", authorClass(n.map));
        b.type = "button";
        b.appendChild(el("span", "chip"));
        b.appendChild(el("span", "rid", n.id));
        b.appendChild(document.createTextNode(n.text));
        b.addEventListener("click", () => { results.hidden = true; select(ref, "search"); });
        li.appendChild(b);
        results.appendChild(li);
      });
      results.hidden = matchList.length === 0;
    }
    applyFilters();
  }

  // -- events -----------------------------------------------------------------------------
  function bind() {
    $("diagram").addEventListener("click", (ev) => {
      if (diagram.view && diagram.view.dragged()) return;
      const g = ev.target.closest && ev.target.closest("g.node");
      if (!g) return;
      if (g.hasAttribute("data-ref")) select(g.getAttribute("data-ref"), "node");
      else if (g.hasAttribute("data-corr")) selectCorr(g.getAttribute("data-corr"));
    });
    $("texts").addEventListener("click", (ev) => {
      const mark = ev.target.closest && ev.target.closest("mark[data-ref]");
      if (!mark) return;
      const refs = markRefs.get(mark) || [mark.getAttribute("data-ref")];
      const at = refs.indexOf(state.selected);
      select(at >= 0 && refs.length > 1 ? refs[(at + 1) % refs.length] : refs[0] === state.selected ? refs[0] : mark.getAttribute("data-ref"), "text");
    });
    document.addEventListener("click", (ev) => {
      const a = ev.target.closest && ev.target.closest("a[data-goto]");
      if (!a) return;
      ev.preventDefault();
      select(a.getAttribute("data-goto"), "link");
    });
    window.addEventListener("hashchange", () => { const r = refOfHash(location.hash); if (r && r !== state.selected) select(r, "hash"); });
    const input = $("search");
    let timer = 0;
    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => search(input.value), 60); });
    input.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter") {
        ev.preventDefault(); clearTimeout(timer); search(input.value);
        if (matchList.length) { matchAt = (matchAt + 1) % matchList.length; $("results").hidden = true; select(matchList[matchAt], "search"); }
      } else if (ev.key === "Escape") { input.value = ""; search(""); input.blur(); }
    });
    $("zoom-in").addEventListener("click", () => diagram.view && diagram.view.zoom(1.4));
    $("zoom-out").addEventListener("click", () => diagram.view && diagram.view.zoom(1 / 1.4));
    $("zoom-fit").addEventListener("click", () => diagram.view && diagram.view.fit());
    document.addEventListener("keydown", (ev) => {
      const t = ev.target;
      if (t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA")) return;
      if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
      const focusRef = t && t.getAttribute && t.getAttribute("data-ref");
      if ((ev.key === "Enter" || ev.key === " ") && focusRef) { ev.preventDefault(); select(focusRef, t.tagName === "MARK" ? "text" : "node"); return; }
      if ((ev.key === "Enter" || ev.key === " ") && t && t.getAttribute && t.getAttribute("data-corr")) { ev.preventDefault(); selectCorr(t.getAttribute("data-corr")); return; }
      if (ev.key === "/") { ev.preventDefault(); input.focus(); input.select(); }
      else if (ev.key === "Escape") { $("results").hidden = true; select(null, "key"); }
      else if (ev.key === "j" || ev.key === "k") { ev.preventDefault(); step(ev.key === "j" ? 1 : -1); }
      else if ((ev.key === "+" || ev.key === "=") && diagram.view) diagram.view.zoom(1.4);
      else if (ev.key === "-" && diagram.view) diagram.view.zoom(1 / 1.4);
      else if (ev.key === "0" && diagram.view) diagram.view.fit();
      else if (t && t.id === "diagram" && ev.key.startsWith("Arrow") && diagram.view) {
        ev.preventDefault();
        const d = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[ev.key];
        diagram.view.pan(d[0] * 0.15, d[1] * 0.15);
      }
    });
  }

  function step(dir) {
    const list = DATA.statements.filter((s) => passes(s.ref));
    if (!list.length) return;
    const at = state.selected ? list.findIndex((s) => s.ref === state.selected) : -1;
    const next = at < 0 ? (dir > 0 ? 0 : list.length - 1) : (at + dir + list.length) % list.length;
    select(list[next].ref, "key");
    const gs = diagram.byRef.get(list[next].ref);
    if (gs && gs.length) gs[0].focus({ preventScroll: true });
  }

  // -- start ------------------------------------------------------------------------------
  $("title").textContent = DATA.title;
  renderTexts();
  renderFilters();
  bind();
  showDiagram(DATA.diagrams.length ? DATA.diagrams[0].key : null);
  applyFilters();
  // the other diagrams are built in idle time, the maps first (the largest)
  const order = (d) => (d.kind === "map" ? 0 : 1);
  sheets.prefetch(DATA.diagrams.slice(1).sort((x, y) => order(x) - order(y)).map((d) => d.key));
  const first = refOfHash(location.hash);
  if (first) select(first, "hash"); else renderOverview();
  window.argmapExplorer = {
    ready: true, readyMs: performance.now() - started, select: (r) => select(r, "api"),
    selected: () => state.selected, showDiagram, setIssue,
    reveal: (r) => { const gs = diagram.byRef.get(r) || []; if (gs.length) diagram.view.reveal(gs[0]); return gs.length > 0; }, search: (q) => { $("search").value = q; search(q); },
  };
  document.documentElement.setAttribute("data-ready", "true");
  performance.mark("argmap-ready");
  requestAnimationFrame(() => setTimeout(() => performance.mark("argmap-painted"), 0));
})();

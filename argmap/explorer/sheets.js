/* argmap explorer: the diagrams, each drawn once into its own sheet that then stays in the
   page. The sheet shown has no hidden attribute; the others have it, styled as
   content-visibility: hidden, so the browser keeps their layout and showing one again costs
   a repaint, not a new layout. A sheet is built off screen a piece at a time (page.py cuts
   each drawing into pieces of a few dozen nodes and edges), each piece parsed and laid out in
   its own task, so a click never waits behind a large drawing; the diagrams not shown yet are
   built in idle time. */
(function () {
  "use strict";
  const parser = document.createElement("template");

  /* Markup of the drawing as an <svg> element of this document, parsed in a template (inert:
     nothing in it runs or loads), without links or scripts. */
  function parse(markup) {
    parser.innerHTML = markup;
    const root = parser.content.firstElementChild;
    parser.innerHTML = "";
    if (!root || !(root instanceof SVGSVGElement)) return null;
    root.querySelectorAll("script, foreignObject").forEach((e) => e.remove());
    root.querySelectorAll("a").forEach((a) => a.removeAttribute("href"));
    root.querySelectorAll("g.node[data-ref]").forEach((g) => g.setAttribute("role", "button"));
    return document.adoptNode(root);
  }
  function push(map, key, value) {
    const list = map.get(key);
    if (list) list.push(value); else map.set(key, [value]);
  }

  /* Run ``fn`` in a task of its own, soon (a message: no timer clamping) or when idle. */
  const channel = new MessageChannel();
  let posted = null;
  channel.port1.onmessage = () => { const fn = posted; posted = null; if (fn) fn(); };
  const soon = (fn) => { posted = fn; channel.port2.postMessage(0); };
  const idle = (fn) => (window.requestIdleCallback ? requestIdleCallback(fn, { timeout: 3000 }) : setTimeout(fn, 40));

  /* ``box``: the element the sheets go into; ``load(key)``: a promise of the drawing's
     pieces (its shell, then runs of nodes and edges); ``ready(sheet)``: called when the
     sheet last asked for with ``want`` is built (``null`` when it could not be read). */
  function Sheets(box, load, ready) {
    this.box = box;
    this.load = load;
    this.ready = ready;
    this.all = new Map();
    this.wanted = null;
    this.later = [];
    this.pumping = false;
    this.shown = null;
    this.marked = false;
  }
  Sheets.prototype.sheet = function (key) {
    let s = this.all.get(key);
    if (!s) {
      s = { key, list: null, loading: false, next: 1, wrap: null, svg: null, group: null, done: false, failed: false, byRef: new Map(), byCorr: new Map() };
      this.all.set(key, s);
    }
    return s;
  };
  /* The sheet's shell (the drawing without its nodes and edges), off screen. */
  Sheets.prototype.begin = function (s) {
    const svg = parse(s.list[0]);
    const group = svg && svg.querySelector(":scope > g");
    if (!svg || (s.list.length > 1 && !group)) { s.failed = true; return; }
    window.ArgmapView.prepare(svg);
    const wrap = document.createElement("div");
    wrap.className = "sheet building";
    wrap.hidden = true;
    wrap.setAttribute("aria-hidden", "true");
    wrap.setAttribute("data-diagram", s.key);
    wrap.appendChild(svg);
    this.box.appendChild(wrap);
    Object.assign(s, { svg, group, wrap });
  };
  Sheets.prototype.piece = function (s) {
    const holder = parse("<svg>" + s.list[s.next++] + "</svg>");
    if (holder) s.group.append(...holder.childNodes);
  };
  Sheets.prototype.finish = function (s) {
    s.svg.querySelectorAll("g.node[data-ref]").forEach((g) => push(s.byRef, g.getAttribute("data-ref"), g));
    s.svg.querySelectorAll("g.node[data-corr]").forEach((g) => push(s.byCorr, g.getAttribute("data-corr"), g));
    s.wrap.classList.remove("building");
    s.wrap.removeAttribute("aria-hidden");
    s.done = true;
  };
  /* Build the sheet ``s`` at once from ``list`` (the first diagram, as the page opens). */
  Sheets.prototype.now = function (s, list) {
    s.list = list;
    this.begin(s);
    while (!s.failed && s.next < s.list.length) this.piece(s);
    if (!s.failed) this.finish(s);
    return s;
  };
  /* The sheet ``key`` if it is built (at once from ``list`` when given); if not, build it
     first of all and pass it to ``ready`` (``null`` meanwhile). */
  Sheets.prototype.want = function (key, list) {
    const s = this.sheet(key);
    if (this.wanted !== null && this.wanted !== key) this.later.unshift(this.wanted);
    this.wanted = key;
    if (!s.done && !s.failed && !s.list && list) return this.now(s, list);
    if (s.done || s.failed) return s;
    this.pump();
    return null;
  };
  /* Build these sheets when the page is idle. */
  Sheets.prototype.prefetch = function (keys) {
    this.later.push(...keys);
    this.pump();
  };
  Sheets.prototype.job = function () {
    const w = this.wanted !== null ? this.sheet(this.wanted) : null;
    if (w && !w.done && !w.failed) return [w, true];
    while (this.later.length) {
      const s = this.sheet(this.later[0]);
      if (!s.done && !s.failed) return [s, false];
      this.later.shift();
    }
    return null;
  };
  Sheets.prototype.pump = function () {
    if (this.pumping) return;
    const job = this.job();
    if (!job) {
      if (!this.all.size || this.marked) return;
      this.marked = true; // every diagram asked for is built (for benchmarks/bench_explorer.py)
      performance.mark("argmap-diagrams-built");
      return;
    }
    this.pumping = true;
    (job[1] ? soon : idle)(() => { this.pumping = false; this.step(); });
  };
  /* One piece of work: fetch the pieces, or lay out the shell or one more piece. */
  Sheets.prototype.step = function () {
    const job = this.job();
    if (!job) return;
    const s = job[0];
    if (!s.list) {
      if (s.loading) return;
      s.loading = true;
      this.pumping = true;
      Promise.resolve(s.key).then(this.load).then((list) => { s.list = list; }, () => { s.failed = true; }).then(() => {
        this.pumping = false;
        if (s.failed) this.built(s);
        this.pump();
      });
      return;
    }
    if (!s.wrap) this.begin(s); else this.piece(s);
    if (!s.failed) s.wrap.getBoundingClientRect(); // laid out now, not in the next click's frame
    if (!s.failed && s.next >= s.list.length) this.finish(s);
    if (s.done || s.failed) this.built(s);
    this.pump();
  };
  Sheets.prototype.built = function (s) {
    if (this.wanted === s.key) this.ready(s.failed ? null : s);
  };
  /* Show the sheet ``s`` in place of the one shown. */
  Sheets.prototype.show = function (s) {
    if (this.shown && this.shown !== s) this.shown.wrap.hidden = true;
    s.wrap.hidden = false;
    this.shown = s;
  };

  window.ArgmapSheets = Sheets;
})();

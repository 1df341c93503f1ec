/* argmap explorer: pan, zoom and "fit" for an inline SVG. The drawing is moved and scaled
   with a CSS transform, which the browser composites without laying the drawing out again
   (changing the viewBox would lay out every text of a large drawing on each step). */
(function () {
  "use strict";
  let current = null;

  function baseBox(svg) {
    const vb = svg.viewBox && svg.viewBox.baseVal;
    if (vb && vb.width > 0 && vb.height > 0) return { x: vb.x, y: vb.y, w: vb.width, h: vb.height };
    const w = parseFloat(svg.getAttribute("width")) || 800;
    const h = parseFloat(svg.getAttribute("height")) || 600;
    return { x: 0, y: 0, w, h };
  }

  /* Size the drawing in CSS pixels and give it a transform, before it is first laid out:
     changing either later would lay the whole drawing out again. */
  function prepare(svg) {
    if (svg.argmapBase) return;
    const b = baseBox(svg);
    svg.argmapBase = b;
    svg.setAttribute("viewBox", [b.x, b.y, b.w, b.h].join(" "));
    svg.setAttribute("width", String(b.w));
    svg.setAttribute("height", String(b.h));
    svg.style.transform = "translate(0px, 0px) scale(1)";
  }

  function Controller(box, svg) {
    prepare(svg);
    this.box = box;
    this.svg = svg;
    this.base = svg.argmapBase;
    this.moved = false;
    if (svg.argmapView) { this.t = svg.argmapView; this.apply(); } else this.fit(true);
  }
  Controller.prototype.apply = function () {
    const t = this.t;
    this.svg.style.transform = "translate(" + t.x.toFixed(1) + "px, " + t.y.toFixed(1) + "px) scale(" + t.k.toFixed(5) + ")";
    this.svg.argmapView = t;
  };
  Controller.prototype.fitScale = function () {
    const w = this.box.clientWidth || 800;
    const h = this.box.clientHeight || 600;
    return Math.min(w / this.base.w, h / this.base.h) * 0.98;
  };
  /* From the box's client coordinates to the drawing's own units, and back. */
  Controller.prototype.toSvg = function (clientX, clientY) {
    const r = this.box.getBoundingClientRect();
    return [(clientX - r.left - this.t.x) / this.t.k, (clientY - r.top - this.t.y) / this.t.k];
  };
  Controller.prototype.zoom = function (factor, ux, uy) {
    const t = this.t;
    const lo = Math.min(this.fitScale(), 1) / 2;
    const k = Math.max(lo, Math.min(8, t.k * factor));
    if (ux === undefined) {
      ux = (this.box.clientWidth / 2 - t.x) / t.k;
      uy = (this.box.clientHeight / 2 - t.y) / t.k;
    }
    t.x += ux * (t.k - k);
    t.y += uy * (t.k - k);
    t.k = k;
    this.apply();
  };
  /* The whole drawing in view; ``readable``: when that is too small to read, as wide as
     the box instead (at most life size), from the top. */
  Controller.prototype.fit = function (readable) {
    let k = this.fitScale();
    let top = (this.box.clientHeight - this.base.h * k) / 2;
    if (readable && k < 0.3) {
      k = Math.min(1, (this.box.clientWidth || 800) / this.base.w * 0.98);
      top = 0;
    }
    this.t = { k, x: (this.box.clientWidth - this.base.w * k) / 2, y: top };
    this.apply();
  };
  Controller.prototype.pan = function (fx, fy) {
    this.t.x -= fx * this.box.clientWidth;
    this.t.y -= fy * this.box.clientHeight;
    this.apply();
  };
  /* Bring a node into view: centred, and zoomed in when it is drawn too small to read. */
  Controller.prototype.reveal = function (node) {
    let r = node.getBoundingClientRect();
    const b = this.box.getBoundingClientRect();
    if (r.width > 0 && r.width < 70) {
      const [ux, uy] = this.toSvg(r.left + r.width / 2, r.top + r.height / 2);
      this.zoom(Math.min(170 / r.width, 8), ux, uy);
      r = node.getBoundingClientRect();
    }
    const inside = r.left >= b.left && r.right <= b.right && r.top >= b.top && r.bottom <= b.bottom;
    if (inside) return;
    this.t.x += b.left + b.width / 2 - (r.left + r.width / 2);
    this.t.y += b.top + b.height / 2 - (r.top + r.height / 2);
    this.apply();
  };
  Controller.prototype.dragged = function () { return this.moved; };

  function bind(box) {
    if (box.argmapBound) return;
    box.argmapBound = true;
    let start = null;
    box.addEventListener("wheel", (ev) => {
      if (!current) return;
      ev.preventDefault();
      const [ux, uy] = current.toSvg(ev.clientX, ev.clientY);
      current.zoom(Math.exp(-ev.deltaY * (ev.deltaMode === 1 ? 0.05 : 0.0015)), ux, uy);
    }, { passive: false });
    box.addEventListener("pointerdown", (ev) => {
      if (!current || ev.button !== 0) return;
      current.moved = false;
      start = { x: ev.clientX, y: ev.clientY, tx: current.t.x, ty: current.t.y, id: ev.pointerId };
    });
    box.addEventListener("pointermove", (ev) => {
      if (!start || !current) return;
      const dx = ev.clientX - start.x;
      const dy = ev.clientY - start.y;
      if (!current.moved && Math.abs(dx) + Math.abs(dy) < 5) return;
      if (!current.moved) { current.moved = true; box.classList.add("panning"); box.setPointerCapture(start.id); }
      current.t.x = start.tx + dx;
      current.t.y = start.ty + dy;
      current.apply();
    });
    const end = () => { start = null; box.classList.remove("panning"); };
    box.addEventListener("pointerup", end);
    box.addEventListener("pointercancel", end);
  }

  window.ArgmapView = {
    prepare,
    attach(box, svg) {
      bind(box);
      current = new Controller(box, svg);
      return current;
    },
  };
})();

/* argmap explorer: pan, zoom and "fit" for an inline SVG, through its viewBox. */
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

  function Controller(box, svg) {
    if (!svg.argmapBase) {
      svg.argmapBase = baseBox(svg);
      svg.removeAttribute("width");
      svg.removeAttribute("height");
      svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
    }
    this.box = box;
    this.svg = svg;
    this.base = svg.argmapBase;
    this.vb = svg.argmapView || Object.assign({}, this.base);
    this.moved = false;
    this.apply();
  }
  Controller.prototype.apply = function () {
    const v = this.vb;
    this.svg.setAttribute("viewBox", [v.x, v.y, v.w, v.h].map((n) => n.toFixed(2)).join(" "));
    this.svg.argmapView = v;
  };
  Controller.prototype.unit = function () {
    const w = this.box.clientWidth || 1;
    const h = this.box.clientHeight || 1;
    return Math.max(this.vb.w / w, this.vb.h / h);
  };
  Controller.prototype.toSvg = function (clientX, clientY) {
    const r = this.box.getBoundingClientRect();
    const s = this.unit();
    const ox = this.vb.x - (r.width * s - this.vb.w) / 2;
    const oy = this.vb.y - (r.height * s - this.vb.h) / 2;
    return [ox + (clientX - r.left) * s, oy + (clientY - r.top) * s];
  };
  Controller.prototype.zoom = function (factor, cx, cy) {
    const v = this.vb;
    const minW = Math.min(this.base.w, 120);
    const maxW = this.base.w * 4;
    let f = factor;
    if (v.w / f < minW) f = v.w / minW;
    if (v.w / f > maxW) f = v.w / maxW;
    if (cx === undefined) { cx = v.x + v.w / 2; cy = v.y + v.h / 2; }
    v.x = cx - (cx - v.x) / f;
    v.y = cy - (cy - v.y) / f;
    v.w /= f;
    v.h /= f;
    this.apply();
  };
  Controller.prototype.fit = function () {
    this.vb = Object.assign({}, this.base);
    this.apply();
  };
  Controller.prototype.pan = function (fx, fy) {
    this.vb.x += fx * this.vb.w;
    this.vb.y += fy * this.vb.h;
    this.apply();
  };
  /* Bring a node into view: centred, and zoomed in when it is drawn too small to read. */
  Controller.prototype.reveal = function (node) {
    const r = node.getBoundingClientRect();
    const b = this.box.getBoundingClientRect();
    const [cx, cy] = this.toSvg(r.left + r.width / 2, r.top + r.height / 2);
    if (r.width > 0 && r.width < 70) this.zoom(Math.min(170 / r.width, 8), cx, cy);
    const inside = r.left >= b.left && r.right <= b.right && r.top >= b.top && r.bottom <= b.bottom;
    if (inside && r.width >= 70) return;
    this.vb.x = cx - this.vb.w / 2;
    this.vb.y = cy - this.vb.h / 2;
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
      const [cx, cy] = current.toSvg(ev.clientX, ev.clientY);
      current.zoom(Math.exp(-ev.deltaY * (ev.deltaMode === 1 ? 0.05 : 0.0015)), cx, cy);
    }, { passive: false });
    box.addEventListener("pointerdown", (ev) => {
      if (!current || ev.button !== 0) return;
      current.moved = false;
      start = { x: ev.clientX, y: ev.clientY, vx: current.vb.x, vy: current.vb.y, id: ev.pointerId };
    });
    box.addEventListener("pointermove", (ev) => {
      if (!start || !current) return;
      const dx = ev.clientX - start.x;
      const dy = ev.clientY - start.y;
      if (!current.moved && Math.abs(dx) + Math.abs(dy) < 5) return;
      if (!current.moved) { current.moved = true; box.classList.add("panning"); box.setPointerCapture(start.id); }
      const s = current.unit();
      current.vb.x = start.vx - dx * s;
      current.vb.y = start.vy - dy * s;
      current.apply();
    });
    const end = () => { start = null; box.classList.remove("panning"); };
    box.addEventListener("pointerup", end);
    box.addEventListener("pointercancel", end);
  }

  window.ArgmapView = {
    attach(box, svg) {
      bind(box);
      current = new Controller(box, svg);
      return current;
    },
  };
})();

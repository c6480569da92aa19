// SpeedLab's site script: SpeedLab's own, no third-party code. It only enhances pages that
// already read without it: sortable, filterable tables that draw only the visible rows;
// charts redrawn with zoom, log scale, dates and tooltips; the parameters view; and a
// comparison of any two runs computed here with the statistics of `speedlab compare`.
// Text from the store only ever reaches the page through textContent and setAttribute.
"use strict";
(function () {
  const DATA = window.SpeedLabData || (window.SpeedLabData = {});
  const body = document.body;
  const root = body.dataset.root || "";
  const SVGNS = "http://www.w3.org/2000/svg";
  const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999"];

  // ---------------------------------------------------------------- DOM helpers
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    setAll(node, attributes);
    for (const child of children) append(node, child);
    return node;
  }
  function svgEl(tag, attributes, ...children) {
    const node = document.createElementNS(SVGNS, tag);
    setAll(node, attributes);
    for (const child of children) append(node, child);
    return node;
  }
  function setAll(node, attributes) {
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value !== null && value !== undefined && value !== false) node.setAttribute(name, String(value));
    }
  }
  function append(node, child) {
    if (child === null || child === undefined) return;
    node.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function show(node) { if (node) node.hidden = false; }

  // ---------------------------------------------------------------- formatting
  function ms(nanos) {
    if (nanos === null || nanos === undefined || !isFinite(nanos)) return "-";
    const value = nanos / 1e6;
    if (Math.abs(value) >= 100) return value.toFixed(0);
    if (Math.abs(value) >= 10) return value.toFixed(1);
    if (Math.abs(value) >= 1) return value.toFixed(2);
    return String(Number(value.toPrecision(3)));
  }
  function percent(change) {
    if (change === null || change === undefined || !isFinite(change)) return "-";
    return (change >= 0 ? "+" : "") + (change * 100).toFixed(1) + "%";
  }
  function changeClass(change) {
    if (change === null || !isFinite(change) || Math.abs(change) < 0.01) return "";
    return change > 0 ? "slower" : "faster";
  }
  function pText(p) {
    if (!isFinite(p)) return "-";
    return p < 0.0001 ? p.toExponential(1) : p.toFixed(4);
  }

  // ---------------------------------------------------------------- view state in the URL hash
  function readHash() {
    const state = {};
    for (const part of location.hash.replace(/^#/, "").split("&")) {
      if (!part) continue;
      const at = part.indexOf("=");
      const name = decodeURIComponent(at < 0 ? part : part.slice(0, at));
      state[name] = at < 0 ? "" : decodeURIComponent(part.slice(at + 1));
    }
    return state;
  }
  function writeHash(state) {
    const text = Object.keys(state).filter((k) => state[k] !== "" && state[k] !== null && state[k] !== undefined)
      .map((k) => encodeURIComponent(k) + "=" + encodeURIComponent(state[k])).join("&");
    try { history.replaceState(null, "", text ? "#" + text : location.pathname); } catch (e) { location.hash = text; }
  }

  // ---------------------------------------------------------------- data files on demand
  function load(path, name) {
    if (DATA[name] !== undefined) return Promise.resolve(DATA[name]);
    return new Promise((resolve, reject) => {
      const script = el("script", { src: root + path });
      script.onload = () => (DATA[name] !== undefined ? resolve(DATA[name]) : reject(new Error("no data in " + path)));
      script.onerror = () => reject(new Error("cannot load " + path));
      document.body.appendChild(script);
    });
  }
  function loadRun(id) { return load("data/runs/" + id + ".js", "run-" + id); }

  // ---------------------------------------------------------------- statistics (as SpeedLabStatistics)
  const Stats = {
    sorted(values) { return values.slice().sort((a, b) => a - b); },
    median(values) {
      const s = Stats.sorted(values);
      const middle = Math.floor(s.length / 2);
      return s.length % 2 ? s[middle] : (s[middle - 1] + s[middle]) / 2;
    },
    // erfc to ~1e-14 absolute: a Taylor series of erf below 3, a continued fraction above.
    erfc(x) {
      if (x < 0) return 2 - Stats.erfc(-x);
      if (x < 3) {
        let term = x, sum = x;
        for (let n = 1; n < 200; n++) {
          term *= -x * x / n;
          const add = term / (2 * n + 1);
          sum += add;
          if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
        }
        return 1 - (2 / Math.sqrt(Math.PI)) * sum;
      }
      let fraction = x;
      for (let k = 80; k >= 1; k--) fraction = x + (k / 2) / fraction;
      return Math.exp(-x * x) / Math.sqrt(Math.PI) / fraction;
    },
    survival(z) { return 0.5 * Stats.erfc(z / Math.SQRT2); },
    ranks(values) {
      const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
      const ranks = new Array(values.length);
      const groups = [];
      let start = 0;
      while (start < order.length) {
        let end = start + 1;
        while (end < order.length && values[order[end]] === values[order[start]]) end++;
        const average = (start + 1 + end) / 2;
        for (let p = start; p < end; p++) ranks[order[p]] = average;
        groups.push(end - start);
        start = end;
      }
      return { ranks, groups };
    },
    nullCounts(n1, n2, maximumU) {
      const small = Math.min(n1, n2), large = Math.max(n1, n2);
      const limit = Math.max(0, Math.min(maximumU, small * large));
      let previous = new Array(limit + 1).fill(0);
      previous[0] = 1;
      let current = previous.slice();
      let total = 1;
      for (let i = 1; i <= small; i++) {
        for (let u = 0; u <= limit; u++) {
          let value = previous[u];
          if (u >= i) value += current[u - i];
          if (u >= large + i) value -= previous[u - large - i];
          current[u] = value;
        }
        const swap = previous; previous = current; current = swap;
        total = total * (large + i) / i;
      }
      return { counts: previous, total: Math.round(total) };
    },
    // Two-sided Mann-Whitney U of x against y (scipy's defaults: exact without ties when
    // both samples are small, else normal with tie and continuity correction).
    mannWhitney(x, y) {
      const n1 = x.length, n2 = y.length;
      const { ranks, groups } = Stats.ranks(x.concat(y));
      let rankSum = 0;
      for (let i = 0; i < n1; i++) rankSum += ranks[i];
      const u1 = rankSum - n1 * (n1 + 1) / 2;
      const u2 = n1 * n2 - u1;
      const ties = groups.some((g) => g > 1);
      if ((n1 > 8 && n2 > 8) || ties) {
        const tieTerm = groups.reduce((sum, t) => sum + (t * t * t - t), 0);
        const total = n1 + n2;
        const variance = n1 * n2 / 12 * ((total + 1) - tieTerm / (total * (total - 1)));
        const z = (Math.max(u1, u2) - n1 * n2 / 2 - 0.5) / Math.sqrt(Math.max(variance, 0));
        return { u: u1, p: Math.min(Math.max(2 * Stats.survival(z), 0), 1), method: "asymptotic" };
      }
      const smaller = Math.round(Math.min(u1, u2));
      const { counts, total } = Stats.nullCounts(n1, n2, smaller);
      let sum = 0;
      for (let u = 0; u <= Math.min(smaller, counts.length - 1); u++) sum += counts[u];
      return { u: u1, p: Math.min(1, 2 * (sum / total)), method: "exact" };
    },
    // Hodges-Lehmann shift of head against base: the median of all differences head − base.
    shift(base, head) {
      const differences = [];
      for (const x of base) for (const y of head) differences.push(y - x);
      differences.sort((a, b) => a - b);
      const middle = Math.floor(differences.length / 2);
      return differences.length % 2 ? differences[middle] : (differences[middle - 1] + differences[middle]) / 2;
    },
    // Benjamini-Hochberg adjusted p-values, in input order.
    adjust(pValues) {
      const count = pValues.length;
      const order = pValues.map((_, i) => i).sort((a, b) => pValues[b] - pValues[a]);
      const adjusted = new Array(count);
      let running = 1;
      order.forEach((index, position) => {
        const rank = count - position;
        running = Math.min(running, pValues[index] * count / rank);
        adjusted[index] = Math.min(running, 1);
      });
      return adjusted;
    },
  };
  window.SpeedLabStats = Stats;

  // ---------------------------------------------------------------- charts
  const tooltip = document.getElementById("tooltip") || document.body.appendChild(el("div", { class: "tooltip", hidden: true }));
  function niceTicks(low, high, count) {
    if (!(high > low)) return [low];
    const rough = (high - low) / (count || 5);
    const magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
    const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) || 10 * magnitude;
    const ticks = [];
    for (let v = Math.ceil(low / step - 1e-9) * step; v <= high + step * 1e-9; v += step) ticks.push(v);
    return ticks;
  }
  function logTicks(low, high) {
    const ticks = [];
    for (let e = Math.floor(Math.log10(low)); e <= Math.ceil(Math.log10(high)); e++) {
      for (const m of [1, 2, 5]) {
        const v = m * Math.pow(10, e);
        if (v >= low && v <= high) ticks.push(v);
      }
    }
    return ticks.length ? ticks : [low, high];
  }
  // spec: {xLabel, yLabel, yFormat, xFormat, xCategories, logY, xDomain, series:[{name, color, dashed,
  // band, dots, points:[{x, y, lo, hi, tip}]}], levels:[{x0, x1, y}], markers:[{x, label}], onBrush}
  function drawChart(box, spec) {
    const width = 880, height = 360, left = 70, right = 860, top = 20, bottom = 320;
    clear(box);
    const all = spec.series.flatMap((s) => s.points);
    const xs = all.map((p) => p.x);
    let [x0, x1] = spec.xDomain || [Math.min(...xs), Math.max(...xs)];
    if (!(x1 > x0)) { x0 -= 0.5; x1 += 0.5; }
    const visible = all.filter((p) => p.x >= x0 && p.x <= x1);
    const ys = visible.flatMap((p) => [p.y, p.lo, p.hi]).filter((v) => v !== undefined && v !== null && isFinite(v) && (!spec.logY || v > 0));
    let y0 = spec.logY ? Math.min(...ys) * 0.9 : 0;
    let y1 = Math.max(...ys, 0) * 1.05 || 1;
    if (spec.logY && !(y0 > 0)) y0 = y1 / 100;
    const yTicks = spec.logY ? logTicks(y0, y1) : niceTicks(0, y1, 5);
    if (!spec.logY) y1 = Math.max(y1, yTicks[yTicks.length - 1]);
    const sx = (x) => left + (right - left) * (x - x0) / (x1 - x0);
    const sy = spec.logY
      ? (y) => bottom - (bottom - top) * (Math.log(Math.max(y, y0)) - Math.log(y0)) / (Math.log(y1) - Math.log(y0))
      : (y) => bottom - (bottom - top) * (y - y0) / (y1 - y0);
    const f = (v) => v.toFixed(1);
    const svg = svgEl("svg", { class: "chart", viewBox: `0 0 ${width} ${height}`, width, height, role: "img" });
    svg.appendChild(svgEl("title", {}, spec.title || ""));
    const clip = "clip-" + Math.random().toString(36).slice(2);
    svg.appendChild(svgEl("clipPath", { id: clip }, svgEl("rect", { x: left, y: top - 4, width: right - left, height: bottom - top + 8 })));
    for (const tick of yTicks) {
      svg.appendChild(svgEl("line", { class: "grid", x1: left, x2: right, y1: f(sy(tick)), y2: f(sy(tick)) }));
      svg.appendChild(svgEl("text", { class: "tick", x: left - 6, y: f(sy(tick) + 4), "text-anchor": "end" }, spec.yFormat(tick)));
    }
    let xTicks = spec.xCategories ? spec.xCategories.map((_, i) => i).filter((i) => i >= x0 && i <= x1) : niceTicks(x0, x1, 8);
    if (spec.xInteger) {
      xTicks = xTicks.filter((t) => Number.isInteger(Math.round(t * 1e9) / 1e9)).map(Math.round);
      if (xTicks.length < 2) xTicks = [Math.ceil(x0), Math.floor(x1)].filter((t, i, a) => a.indexOf(t) === i && t >= x0 && t <= x1);
    }
    for (const tick of xTicks) {
      svg.appendChild(svgEl("line", { class: "axis", x1: f(sx(tick)), x2: f(sx(tick)), y1: bottom, y2: bottom + 5 }));
      svg.appendChild(svgEl("text", { class: "tick", x: f(sx(tick)), y: bottom + 18, "text-anchor": "middle" },
        spec.xCategories ? spec.xCategories[tick] : spec.xFormat(tick)));
    }
    svg.appendChild(svgEl("text", { class: "axis-label", x: (left + right) / 2, y: height - 4, "text-anchor": "middle" }, spec.xLabel));
    svg.appendChild(svgEl("text", { class: "axis-label", transform: `translate(16 ${(top + bottom) / 2}) rotate(-90)`, "text-anchor": "middle" }, spec.yLabel));
    const plot = svgEl("g", { "clip-path": `url(#${clip})` });
    svg.appendChild(plot);
    for (const series of spec.series) {
      const points = series.points.slice().sort((a, b) => a.x - b.x);
      if (series.band && points.length > 1) {
        const upper = points.map((p) => `${f(sx(p.x))},${f(sy(p.hi))}`);
        const lower = points.slice().reverse().map((p) => `${f(sx(p.x))},${f(sy(p.lo))}`);
        plot.appendChild(svgEl("polygon", { class: "band", fill: series.color, points: upper.concat(lower).join(" ") }));
      }
      if (series.whiskers) {
        for (const p of points) {
          if (p.lo === undefined || p.hi === undefined || !isFinite(p.lo) || !isFinite(p.hi)) continue;
          plot.appendChild(svgEl("path", { class: "whisker", stroke: series.color, d: `M${f(sx(p.x))} ${f(sy(p.lo))}V${f(sy(p.hi))}` }));
        }
      }
      if (points.length > 1 && series.line !== false) {
        plot.appendChild(svgEl("polyline", {
          class: series.dashed ? "line dashed" : series.dotted ? "line dotted" : "line", stroke: series.color,
          points: points.map((p) => `${f(sx(p.x))},${f(sy(p.y))}`).join(" "),
        }));
      }
      if (series.dots !== false) {
        for (const p of points) {
          plot.appendChild(svgEl("circle", { class: "dot", fill: series.color, cx: f(sx(p.x)), cy: f(sy(p.y)), r: series.radius || 3, "data-tip": p.tip || "" }));
        }
      }
    }
    for (const level of spec.levels || []) {
      plot.appendChild(svgEl("line", { class: "level", x1: f(sx(level.x0)), x2: f(sx(level.x1)), y1: f(sy(level.y)), y2: f(sy(level.y)) }));
    }
    for (const marker of spec.markers || []) {
      if (marker.x < x0 || marker.x > x1) continue;
      plot.appendChild(svgEl("line", { class: "change", x1: f(sx(marker.x)), x2: f(sx(marker.x)), y1: top, y2: bottom }));
      plot.appendChild(svgEl("text", { class: "change-label", x: f(sx(marker.x) + 4), y: top + 12 }, marker.label));
    }
    svg.appendChild(svgEl("line", { class: "axis", x1: left, x2: right, y1: bottom, y2: bottom }));
    svg.appendChild(svgEl("line", { class: "axis", x1: left, x2: left, y1: top, y2: bottom }));
    // Hover: the nearest dot's tip.
    svg.addEventListener("mousemove", (event) => {
      const target = event.target;
      if (target && target.getAttribute && target.getAttribute("data-tip")) {
        tooltip.textContent = target.getAttribute("data-tip");
        tooltip.hidden = false;
        tooltip.style.left = event.pageX + 12 + "px";
        tooltip.style.top = event.pageY + 12 + "px";
      } else {
        tooltip.hidden = true;
      }
    });
    svg.addEventListener("mouseleave", () => { tooltip.hidden = true; });
    // Brush: drag across the plot to zoom.
    if (spec.onBrush) {
      let start = null;
      const brush = svgEl("rect", { class: "brush", y: top, height: bottom - top, width: 0, x: 0, visibility: "hidden" });
      svg.appendChild(brush);
      const toX = (event) => {
        const box = svg.getBoundingClientRect();
        return (event.clientX - box.left) * width / box.width;
      };
      svg.addEventListener("mousedown", (event) => { start = toX(event); event.preventDefault(); });
      svg.addEventListener("mousemove", (event) => {
        if (start === null) return;
        const now = toX(event);
        setAll(brush, { x: Math.min(start, now), width: Math.abs(now - start), visibility: "visible" });
      });
      svg.addEventListener("mouseup", (event) => {
        if (start === null) return;
        const end = toX(event);
        const a = Math.min(start, end), b = Math.max(start, end);
        start = null;
        brush.setAttribute("visibility", "hidden");
        if (b - a < 5) return;
        const back = (px) => x0 + (px - left) * (x1 - x0) / (right - left);
        spec.onBrush(back(a), back(b));
      });
    }
    box.appendChild(svg);
    return svg;
  }

  // ---------------------------------------------------------------- sortable static tables
  function sortableTable(table) {
    const headers = table.querySelectorAll("th[data-sort]");
    headers.forEach((th, column) => {
      th.classList.add("clickable");
      th.addEventListener("click", () => {
        const index = Array.from(th.parentNode.children).indexOf(th);
        const key = th.dataset.sort;
        const tbody = table.tBodies[0];
        const rows = Array.from(tbody.rows);
        const descending = th.dataset.direction !== "desc";
        th.dataset.direction = descending ? "desc" : "asc";
        const value = (row) => {
          const data = row.dataset[key];
          if (data !== undefined && data !== "") return parseFloat(data);
          return row.cells[index].textContent;
        };
        rows.sort((a, b) => {
          const va = value(a), vb = value(b);
          const order = typeof va === "number" && typeof vb === "number" ? va - vb : String(va).localeCompare(String(vb));
          return descending ? -order : order;
        });
        for (const row of rows) tbody.appendChild(row);
      });
    });
  }

  // ---------------------------------------------------------------- overview
  function overview() {
    const data = DATA.overview;
    if (!data) return;
    const table = document.getElementById("overview");
    const scroller = document.getElementById("overview-scroller");
    const tbody = table.tBodies[0];
    const filterInput = document.getElementById("filter");
    const shown = document.getElementById("shown");
    show(document.querySelector(".controls"));
    const state = readHash();
    filterInput.value = state.filter || "";
    let sortKey = state.sort || "title", descending = state.desc === "1";
    let rows = [];
    const rowHeight = 30;
    function sparkline(values) {
      const finite = values.filter((v) => v !== null && isFinite(v));
      const svg = svgEl("svg", { class: "spark", viewBox: "0 0 120 24", width: 120, height: 24, "aria-hidden": "true" });
      if (!finite.length) return svg;
      const low = Math.min(...finite), high = Math.max(...finite), span = high > low ? high - low : 1;
      const points = values.map((v, i) => {
        const x = values.length < 2 ? 60 : 1 + 118 * i / (values.length - 1);
        return `${x.toFixed(1)},${(22 - 20 * (v - low) / span).toFixed(1)}`;
      });
      svg.appendChild(svgEl("polyline", { points: points.join(" ") }));
      return svg;
    }
    function rowFor(point) {
      const tr = el("tr", { id: "p-" + point.id, class: "row" });
      tr.appendChild(el("td", {}, el("a", { href: "points/" + point.id + ".html" }, point.title)));
      tr.appendChild(el("td", {}, point.host === null ? "all hosts" : point.host));
      tr.appendChild(el("td", { class: "num" }, point.runs));
      tr.appendChild(el("td", {}, sparkline(point.spark)));
      tr.appendChild(el("td", { class: "num" }, ms(point.latest)));
      tr.appendChild(el("td", { class: "num " + changeClass(point.change) }, percent(point.change)));
      tr.appendChild(el("td", { class: point.cp ? changeClass(point.cp.shift) : "" },
        point.cp ? `${percent(point.cp.shift)} at run ${point.cp.run}, q = ${point.cp.q.toFixed(3)}` : "none"));
      return tr;
    }
    const sortValue = {
      title: (p) => p.title, host: (p) => p.host || "", runs: (p) => p.runs, latest: (p) => p.latest,
      change: (p) => (p.change === null ? -Infinity : p.change), cp: (p) => (p.cp ? Math.abs(p.cp.shift) : -1),
    };
    function update() {
      const words = filterInput.value.toLowerCase().split(/\s+/).filter(Boolean);
      rows = data.points.filter((p) => {
        const text = (p.title + " " + (p.host || "")).toLowerCase();
        return words.every((w) => text.includes(w));
      });
      const read = sortValue[sortKey] || sortValue.title;
      rows.sort((a, b) => {
        const va = read(a), vb = read(b);
        const order = typeof va === "number" ? va - vb : String(va).localeCompare(String(vb));
        return descending ? -order : order;
      });
      shown.textContent = `${rows.length} of ${data.points.length} points`;
      table.dataset.rows = String(rows.length);
      writeHash({ filter: filterInput.value, sort: sortKey === "title" ? "" : sortKey, desc: descending ? "1" : "" });
      render();
    }
    function render() {
      const first = Math.max(0, Math.floor(scroller.scrollTop / rowHeight) - 10);
      const count = Math.ceil((scroller.clientHeight || 600) / rowHeight) + 20;
      const last = Math.min(rows.length, first + count);
      clear(tbody);
      if (first > 0) tbody.appendChild(el("tr", { class: "spacer", "data-height": first * rowHeight }));
      for (let i = first; i < last; i++) tbody.appendChild(rowFor(rows[i]));
      if (last < rows.length) tbody.appendChild(el("tr", { class: "spacer", "data-height": (rows.length - last) * rowHeight }));
      for (const spacer of tbody.querySelectorAll("tr.spacer")) spacer.style.height = spacer.dataset.height + "px";
    }
    let pending = false;
    scroller.addEventListener("scroll", () => {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => { pending = false; render(); });
    });
    filterInput.addEventListener("input", update);
    table.querySelectorAll("th[data-sort]").forEach((th) => {
      th.classList.add("clickable");
      th.addEventListener("click", () => {
        const key = th.dataset.sort;
        descending = key === sortKey ? !descending : false;
        sortKey = key;
        update();
      });
    });
    scroller.classList.add("virtual");
    update();
  }

  // ---------------------------------------------------------------- point
  function point() {
    const data = DATA.point;
    if (!data) return;
    const box = document.getElementById("series-chart");
    show(document.querySelector(".controls"));
    const axis = document.getElementById("x-axis");
    const log = document.getElementById("log-y");
    const samples = document.getElementById("show-samples");
    const state = readHash();
    axis.value = state.x === "date" ? "date" : "order";
    log.checked = state.log === "1";
    samples.checked = state.samples === "1";
    let zoom = state.from !== undefined && state.to !== undefined ? [parseFloat(state.from), parseFloat(state.to)] : null;
    if (zoom && !(zoom[1] > zoom[0])) zoom = null;
    const day = 86400;
    function tip(entry) {
      return [`run ${entry.run}` + (entry.label ? ` (${entry.label})` : ""), `${entry.when} UTC`,
        `commit ${entry.commit || "-"}`, `host ${entry.host}` + (entry.debug ? " (debug build)" : ""),
        `median ${ms(entry.median)} ms [${ms(entry.lower)}, ${ms(entry.upper)}], n = ${entry.n}`].join("\n");
    }
    async function redraw() {
      const byDate = axis.value === "date";
      const x = (entry, index) => (byDate ? entry.date / day : index);
      const series = [{
        name: "median", color: PALETTE[0], band: true,
        points: data.entries.map((e, i) => ({ x: x(e, i), y: e.median, lo: e.lower, hi: e.upper, tip: tip(e) })),
      }];
      if (samples.checked) {
        const all = await load("data/samples/" + data.id + ".js", "samples-" + data.id);
        series.push({
          name: "samples", color: PALETTE[7], line: false, radius: 1.5,
          points: all.flatMap((values, i) => values.map((v) => ({ x: x(data.entries[i], i), y: v, tip: tip(data.entries[i]) }))),
        });
      }
      const bounds = [0].concat(data.changes.map((c) => c.index), [data.entries.length]);
      const levels = [];
      for (let s = 0; s + 1 < bounds.length && data.changes.length; s++) {
        const slice = data.entries.slice(bounds[s], bounds[s + 1]);
        if (!slice.length) continue;
        levels.push({ x0: x(slice[0], bounds[s]), x1: x(slice[slice.length - 1], bounds[s + 1] - 1), y: slice.reduce((a, e) => a + e.median, 0) / slice.length });
      }
      const markers = data.changes.map((c) => ({
        x: (x(data.entries[c.index], c.index) + x(data.entries[c.index - 1], c.index - 1)) / 2, label: percent(c.shift),
      }));
      drawChart(box, {
        title: data.title, xLabel: byDate ? "date (UTC)" : "run order", yLabel: "median ms", logY: log.checked,
        yFormat: (v) => ms(v), xFormat: byDate ? (v) => new Date(v * day * 1000).toISOString().slice(0, 10) : (v) => {
          const entry = data.entries[Math.round(v)];
          return Number.isInteger(v) && entry ? "run " + entry.run : "";
        },
        xInteger: !byDate, xDomain: zoom, series, levels, markers,
        onBrush: (a, b) => { zoom = [a, b]; save(); redraw(); },
      });
      box.dataset.runs = String(data.entries.length);
      box.dataset.changes = String(data.changes.length);
      document.documentElement.dataset.ready = String(performance.now());
    }
    function save() {
      writeHash({ x: axis.value === "date" ? "date" : "", log: log.checked ? "1" : "", samples: samples.checked ? "1" : "",
        from: zoom ? zoom[0].toFixed(4) : "", to: zoom ? zoom[1].toFixed(4) : "" });
    }
    for (const control of [axis, log, samples]) control.addEventListener("change", () => {
      if (control === axis) zoom = null;
      save();
      redraw();
    });
    document.getElementById("reset-zoom").addEventListener("click", () => { zoom = null; save(); redraw(); });
    redraw();
  }

  // ---------------------------------------------------------------- parameters
  function parameters() {
    const runs = DATA.runs || [];
    if (!runs.length) {
      document.documentElement.dataset.ready = String(performance.now());
      return;
    }
    show(document.querySelector(".controls"));
    const runSelect = document.getElementById("param-run");
    const overlaySelect = document.getElementById("param-overlay");
    const scenarioSelect = document.getElementById("param-scenario");
    const nameSelect = document.getElementById("param-name");
    const metricSelect = document.getElementById("param-metric");
    const log = document.getElementById("param-log");
    const box = document.getElementById("param-chart");
    const legend = document.getElementById("param-legend");
    const tableBox = document.getElementById("param-table");
    const hidden = new Set();
    const state = readHash();
    const label = (run) => `run ${run.id}` + (run.label ? ` (${run.label})` : "") + ` · ${run.host} · ${run.when}`;
    for (const run of runs.slice().reverse()) runSelect.appendChild(el("option", { value: run.id }, label(run)));
    overlaySelect.appendChild(el("option", { value: "" }, "none"));
    for (const run of runs.slice().reverse()) overlaySelect.appendChild(el("option", { value: run.id }, label(run)));
    if (state.run) runSelect.value = state.run;
    if (state.overlay) overlaySelect.value = state.overlay;
    if (state.metric) metricSelect.value = state.metric;
    log.checked = state.log === "1";
    function swept(points) {
      const names = new Set();
      for (const p of points) for (const n of Object.keys(p.parameters)) names.add(n);
      return Array.from(names).filter((n) => new Set(points.map((p) => p.parameters[n])).size > 1).sort();
    }
    function options(select, values, wanted) {
      const previous = wanted || select.value;
      clear(select);
      for (const v of values) select.appendChild(el("option", { value: v }, v));
      if (values.includes(previous)) select.value = previous;
    }
    async function redraw() {
      const main = await loadRun(runSelect.value);
      const overlay = overlaySelect.value ? await loadRun(overlaySelect.value) : null;
      const scenarios = Array.from(new Set(main.points.map((p) => p.scenario)))
        .filter((s) => swept(main.points.filter((p) => p.scenario === s)).length > 0);
      options(scenarioSelect, scenarios, state.scenario);
      state.scenario = undefined;
      const scenario = scenarioSelect.value;
      const names = swept(main.points.filter((p) => p.scenario === scenario));
      options(nameSelect, names, state.parameter);
      state.parameter = undefined;
      const name = nameSelect.value;
      writeHash({ run: runSelect.value, overlay: overlaySelect.value, scenario, parameter: name, metric: metricSelect.value, log: log.checked ? "1" : "" });
      clear(box); clear(legend); clear(tableBox);
      if (!scenario || !name) {
        box.appendChild(el("p", {}, "No swept parameter in this run."));
        document.documentElement.dataset.ready = String(performance.now());
        return;
      }
      const speedup = metricSelect.value === "speedup";
      const runsShown = [main].concat(overlay ? [overlay] : []);
      const inScenario = (run) => run.points.filter((p) => p.scenario === scenario && p.samples.length);
      const others = swept(runsShown.flatMap(inScenario)).filter((n) => n !== name);
      const values = Array.from(new Set(runsShown.flatMap((run) => inScenario(run).map((p) => p.parameters[name]).filter((v) => v !== undefined))));
      const numeric = values.every((v) => v !== "" && isFinite(Number(v)));
      values.sort((a, b) => (numeric ? Number(a) - Number(b) : a.localeCompare(b)));
      const xOf = (v) => (numeric ? Number(v) : values.indexOf(v));
      const seriesName = (p) => others.filter((n) => p.parameters[n] !== undefined).map((n) => `${n}=${p.parameters[n]}`).join(" ") || scenario;
      const allNames = Array.from(new Set(runsShown.flatMap((run) => inScenario(run).map(seriesName)))).sort();
      const series = [];
      const rows = [];
      runsShown.forEach((run, runIndex) => {
        const byKey = new Map(run.points.map((p) => [p.key, p]));
        const groups = new Map();
        for (const p of inScenario(run)) {
          if (p.parameters[name] === undefined) continue;
          const median = Stats.median(p.samples);
          const base = p.baseline ? byKey.get(p.baseline) : null;
          const baseMedian = base && base.samples.length ? Stats.median(base.samples) : null;
          const y = speedup ? (baseMedian ? baseMedian / median : null) : median;
          if (y === null) continue;
          const ideal = p.ideal ? (speedup ? (baseMedian ? baseMedian / p.ideal : null) : p.ideal) : null;
          const group = seriesName(p);
          if (!groups.has(group)) groups.set(group, { points: [], ideal: [] });
          const tipText = `${p.title}\nrun ${run.id}: ` + (speedup ? `${y.toFixed(2)}×` : `${ms(y)} ms`);
          groups.get(group).points.push({ x: xOf(p.parameters[name]), y, tip: tipText });
          if (ideal) groups.get(group).ideal.push({ x: xOf(p.parameters[name]), y: ideal, tip: `ideal ${speedup ? ideal.toFixed(2) + "×" : ms(ideal) + " ms"}` });
          rows.push([`run ${run.id}`, group, p.parameters[name], speedup ? y.toFixed(3) + "×" : ms(y), ideal ? (speedup ? ideal.toFixed(3) + "×" : ms(ideal)) : "-"]);
        }
        for (const [group, g] of groups) {
          if (hidden.has(group)) continue;
          const color = PALETTE[allNames.indexOf(group) % PALETTE.length];
          series.push({ name: group, color, dotted: runIndex === 1, points: g.points, radius: runIndex === 1 ? 2.5 : 3.5 });
          if (g.ideal.length && runIndex === 0) series.push({ name: group + " ideal", color, dashed: true, dots: g.ideal.length === 1, radius: 2, points: g.ideal });
        }
      });
      if (series.length) {
        drawChart(box, {
          title: `${scenario}: ${speedup ? "speedup" : "median"} against ${name}`, xLabel: name,
          yLabel: speedup ? "speedup (baseline median ÷ median)" : "median ms", logY: log.checked,
          yFormat: speedup ? (v) => (v >= 10 ? v.toFixed(0) : v.toFixed(1)) + "×" : (v) => ms(v),
          xFormat: (v) => String(+v.toFixed(6)), xCategories: numeric ? null : values, series,
        });
      } else {
        box.appendChild(el("p", {}, speedup ? "No point of this scenario has a baseline: show median ms instead." : "Every series is hidden."));
      }
      for (const group of allNames) {
        const item = el("button", { type: "button", class: hidden.has(group) ? "legend-item off" : "legend-item" },
          el("span", { class: "swatch swatch-" + (allNames.indexOf(group) % PALETTE.length) }), group);
        item.addEventListener("click", () => { if (hidden.has(group)) hidden.delete(group); else hidden.add(group); redraw(); });
        legend.appendChild(item);
      }
      if (overlay) legend.appendChild(el("span", { class: "legend-note" }, `solid: run ${main.id}; dotted: run ${overlay.id}; dashed: ideal`));
      const table = el("table", {}, el("thead", {}, el("tr", {}, ...["run", "series", name, speedup ? "speedup" : "median ms", "ideal"].map((h) => el("th", {}, h)))));
      const tb = el("tbody");
      for (const row of rows) tb.appendChild(el("tr", {}, ...row.map((c) => el("td", {}, c))));
      table.appendChild(tb);
      tableBox.appendChild(el("div", { class: "table" }, table));
      document.documentElement.dataset.ready = String(performance.now());
    }
    for (const control of [runSelect, overlaySelect, scenarioSelect, nameSelect, metricSelect, log]) {
      control.addEventListener("change", () => redraw().catch(report));
    }
    redraw().catch(report);
  }

  // ---------------------------------------------------------------- compare any two runs
  function compareRuns(base, head) {
    const headByKey = new Map(head.points.map((p) => [p.key, p]));
    const baseKeys = new Set(base.points.map((p) => p.key));
    const tested = [], notComparable = [], unmatched = [];
    for (const p of base.points) if (!headByKey.has(p.key)) unmatched.push({ run: base.id, title: p.title });
    for (const h of head.points) {
      if (!baseKeys.has(h.key)) { unmatched.push({ run: head.id, title: h.title }); continue; }
      const b = base.points.find((p) => p.key === h.key);
      if (!b.samples.length || !h.samples.length) { notComparable.push({ title: h.title, reason: "no measured sample" }); continue; }
      const test = Stats.mannWhitney(h.samples, b.samples);
      const baseMedian = Stats.median(b.samples), headMedian = Stats.median(h.samples);
      tested.push({
        key: h.key, title: h.title, series: h.series, baseCount: b.samples.length, headCount: h.samples.length,
        baseMedian, headMedian, ratio: baseMedian === 0 ? NaN : headMedian / baseMedian,
        u: test.u, p: test.p, method: test.method, shift: Stats.shift(b.samples, h.samples),
      });
    }
    const adjusted = Stats.adjust(tested.map((t) => t.p));
    tested.forEach((t, i) => {
      t.q = adjusted[i];
      t.verdict = t.q < 0.05 && isFinite(t.ratio) && Math.abs(t.ratio - 1) >= 0.05 ? (t.ratio > 1 ? "regression" : "improvement") : "unchanged";
    });
    return { tested, notComparable, unmatched };
  }
  function compare() {
    const runs = DATA.runs || [];
    const output = document.getElementById("browser-compare");
    if (!runs.length || !output) {
      document.documentElement.dataset.ready = String(performance.now());
      return;
    }
    show(document.querySelector(".controls"));
    const baseSelect = document.getElementById("base-run");
    const headSelect = document.getElementById("head-run");
    for (const select of [baseSelect, headSelect]) {
      for (const run of runs.slice().reverse()) {
        select.appendChild(el("option", { value: run.id }, `run ${run.id}` + (run.label ? ` (${run.label})` : "") + ` · ${run.host} · ${run.when}`));
      }
    }
    const state = readHash();
    baseSelect.value = state.base || String(runs[Math.max(0, runs.length - 2)].id);
    headSelect.value = state.head || String(runs[runs.length - 1].id);
    async function redraw() {
      writeHash({ base: baseSelect.value, head: headSelect.value });
      const base = await loadRun(baseSelect.value);
      const head = await loadRun(headSelect.value);
      const result = compareRuns(base, head);
      clear(output);
      const counts = { regression: 0, improvement: 0, unchanged: 0 };
      for (const t of result.tested) counts[t.verdict]++;
      output.appendChild(el("p", {}, `${result.tested.length} points compared: ${counts.regression} regressions, ${counts.improvement} improvements, ${counts.unchanged} unchanged; ${result.unmatched.length} measured by one run only, ${result.notComparable.length} not comparable.`));
      const table = el("table", { id: "browser-comparison" });
      table.appendChild(el("thead", {}, el("tr", {}, ...["point", "verdict", "base ms", "head ms", "ratio", "p", "q", "Hodges-Lehmann shift ms", "n"].map((h) => el("th", {}, h)))));
      const tb = el("tbody");
      for (const t of result.tested) {
        const row = el("tr", {
          "data-key": t.key, "data-base-median": t.baseMedian, "data-head-median": t.headMedian, "data-ratio": t.ratio,
          "data-p": t.p, "data-q": t.q, "data-shift": t.shift, "data-u": t.u, "data-verdict": t.verdict,
        });
        row.appendChild(el("td", {}, el("a", { href: "points/" + t.series + ".html" }, t.title)));
        row.appendChild(el("td", { class: t.verdict }, t.verdict));
        row.appendChild(el("td", { class: "num" }, ms(t.baseMedian)));
        row.appendChild(el("td", { class: "num" }, ms(t.headMedian)));
        row.appendChild(el("td", { class: "num" }, isFinite(t.ratio) ? t.ratio.toFixed(3) : "-"));
        row.appendChild(el("td", { class: "num" }, pText(t.p)));
        row.appendChild(el("td", { class: "num" }, pText(t.q)));
        row.appendChild(el("td", { class: "num" }, ms(t.shift)));
        row.appendChild(el("td", { class: "num" }, `${t.baseCount} / ${t.headCount}`));
        tb.appendChild(row);
      }
      table.appendChild(tb);
      output.appendChild(el("div", { class: "table" }, table));
      if (result.unmatched.length) {
        output.appendChild(el("h3", {}, "Measured by one run only"));
        const list = el("ul");
        for (const u of result.unmatched) list.appendChild(el("li", {}, `run ${u.run}: ${u.title}`));
        output.appendChild(list);
      }
      output.dataset.compared = String(result.tested.length);
      document.documentElement.dataset.ready = String(performance.now());
    }
    baseSelect.addEventListener("change", () => redraw().catch(report));
    headSelect.addEventListener("change", () => redraw().catch(report));
    redraw().catch(report);
  }

  function report(error) {
    const box = document.querySelector("main");
    box.insertBefore(el("p", { class: "warning" }, "The page could not load its data: " + error.message), box.children[1] || null);
  }

  const pages = { overview, point, parameters, compare, changes: () => {}, run: () => {} };
  document.querySelectorAll("table.sortable").forEach((table) => { if (table.id !== "overview") sortableTable(table); });
  (pages[body.dataset.page] || (() => {}))();
  if (!["point", "parameters", "compare"].includes(body.dataset.page)) document.documentElement.dataset.ready = String(performance.now());
})();

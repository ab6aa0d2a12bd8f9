// gan4j dashboard: runs with checkboxes, a chart per scalar group, grids, progress, warnings.
// Data: /api/runs, /api/runs/NAME/{metrics,config,samples}; live updates from /api/events (SSE),
// and polling of metrics?since=STEP for runs trained by another process.
"use strict";
const GROUPS = [
  ["Losses", c => /loss/.test(c) && !/^(fid|kid)/.test(c)],
  ["D outputs", c => /^d_(real|fake)/.test(c)],
  ["Gradient norms", c => /grad_norm/.test(c)],
  ["Evaluation (FID, KID)", c => /^(fid|kid)/.test(c)],
  ["Others", c => true],
];
const COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"];
const runs = {};          // name -> {info, columns, rows, lastStep, grids, warnings:[{step,text}], seen:[[ms,step]]}
const ticked = new Set();
let charts = [];
let gridSteps = [];

const $ = id => document.getElementById(id);
const getJson = url => fetch(url).then(r => r.ok ? r.json() : Promise.reject(r.status));

function run(name) {
  return runs[name] || (runs[name] = {info: {name}, columns: [], rows: [], lastStep: -1, warnings: [], seen: []});
}

async function loadRuns(first) {
  const list = await getJson("/api/runs");
  for (const info of list) run(info.name).info = info;
  const asked = new URLSearchParams(location.search).get("runs");   // ?runs=a,b ticks those
  if (first && asked) asked.split(",").filter(n => runs[n]).forEach(n => ticked.add(n));
  else if (first) {   // live runs first: the first ticked run is the one in focus
    list.filter(i => i.state === "live").forEach(i => ticked.add(i.name));
    if (list.length <= 3) list.forEach(i => ticked.add(i.name));
  }
  if (first && ticked.size === 0 && list.length) ticked.add(list[list.length - 1].name);
  drawRunList(list);
  for (const name of ticked) await loadMetrics(name, false);
  redraw();
}

function drawRunList(list) {
  const el = $("runs");
  el.innerHTML = "";
  if (!list.length) el.textContent = "no runs in this folder yet";
  for (const info of list) {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = ticked.has(info.name);
    box.onchange = async () => {
      if (box.checked) { ticked.add(info.name); await loadMetrics(info.name, false); } else ticked.delete(info.name);
      redraw(true);
    };
    label.append(box, " " + info.name + " ");
    const st = document.createElement("span");
    st.className = "state " + info.state;
    st.textContent = info.state;
    label.append(st);
    const sub = document.createElement("div");
    sub.className = "muted";
    sub.dataset.run = info.name;
    sub.textContent = runLine(info);
    label.append(sub);
    if (info.error || (runs[info.name] && runs[info.name].error)) {   // an empty or corrupt metrics.csv: say so, keep the others
      const bad = document.createElement("div");
      bad.className = "error";
      bad.textContent = info.error || runs[info.name].error;
      label.append(bad);
    }
    el.append(label);
  }
}

function runLine(info) {
  return (info.model || "?") + " · " + (info.dataset || "?") + " · step " + info.step + "/" + info.total;
}

async function loadMetrics(name, incremental) {
  const r = run(name);
  const m = await getJson("/api/runs/" + encodeURIComponent(name) + "/metrics" + (incremental ? "?since=" + r.lastStep : ""));
  r.error = m.error || null;
  if (m.error) { r.columns = []; r.rows = []; return; }
  if (!incremental || r.columns.length !== m.columns.length) { r.columns = m.columns; r.rows = []; }
  else if (r.rows.length && m.rows.length && r.rows[r.rows.length - 1][0] >= m.rows[0][0]) r.rows = r.rows.filter(x => x[0] < m.rows[0][0]);
  for (const row of m.rows) r.rows.push(row);
  if (r.rows.length) { r.lastStep = r.rows[r.rows.length - 1][0]; r.seen.push([Date.now(), r.lastStep]); }
}

// Axis numbers: 25000 -> 25k, 0.00012 -> 1.2e-4.
function compact(v) {
  if (v == null) return "";
  const a = Math.abs(v);
  if (a >= 1e6) return +(v / 1e6).toPrecision(3) + "M";
  if (a >= 1e4) return +(v / 1e3).toPrecision(3) + "k";
  if (a !== 0 && a < 1e-3) return v.toExponential(1);
  return String(+v.toPrecision(4));
}

function smooth(ys, a) {
  if (a <= 0) return ys;
  const out = new Array(ys.length);
  let m = null;   // exponential moving average, seeded with the first value
  for (let i = 0; i < ys.length; i++) {
    const y = ys[i];
    if (y == null || !isFinite(y)) { out[i] = null; continue; }
    m = m == null ? y : a * m + (1 - a) * y;
    out[i] = m;
  }
  return out;
}

// The series of one group across the ticked runs, on the union of their steps.
function groupData(test) {
  const names = [...ticked].filter(n => runs[n] && runs[n].rows.length);
  const cols = [];
  const taken = new Set();
  for (const n of names) for (const c of runs[n].columns.slice(1)) {
    if (c === "images_per_s" && test !== GROUPS[4][1]) continue;
    const g = GROUPS.find(([, t]) => t(c));
    if (g[1] === test) cols.push([n, c]);
  }
  if (!cols.length) return null;
  const steps = new Set();
  for (const [n] of cols) for (const row of runs[n].rows) steps.add(row[0]);
  const xs = [...steps].sort((a, b) => a - b);
  const at = new Map(xs.map((x, i) => [x, i]));
  const a = parseFloat($("smooth").value);
  const data = [xs];
  for (const [n, c] of cols) {
    const j = runs[n].columns.indexOf(c);
    const ys = new Array(xs.length).fill(null);
    const rows = runs[n].rows;
    const raw = rows.map(r => r[j]);
    const sm = /^(fid|kid)/.test(c) ? raw : smooth(raw, a);
    rows.forEach((r, i) => { ys[at.get(r[0])] = sm[i]; });
    data.push(ys);
  }
  return {cols, data, multi: names.length > 1};
}

// Vertical red lines at the steps of warnings of the ticked runs.
function warningLines(u) {
  const ctx = u.ctx;
  ctx.save();
  ctx.strokeStyle = "#d33";
  ctx.lineWidth = 1.5 * devicePixelRatio;
  ctx.setLineDash([4, 3]);
  for (const n of ticked) for (const w of (runs[n] ? runs[n].warnings : [])) {
    if (!w.warning) continue;
    const x = u.valToPos(w.step, "x", true);
    ctx.beginPath(); ctx.moveTo(x, u.bbox.top); ctx.lineTo(x, u.bbox.top + u.bbox.height); ctx.stroke();
  }
  ctx.restore();
}

function redraw(rebuild) {
  const box = $("charts");
  const width = Math.max(300, Math.floor((box.clientWidth - 12) / 2));
  const specs = GROUPS.map(([title, test]) => ({title, d: groupData(test)})).filter(s => s.d);
  const key = specs.map(s => s.title + ":" + s.d.cols.join(",")).join("|");
  if (rebuild || key !== box.dataset.key) {
    charts.forEach(c => c.destroy());
    charts = [];
    box.innerHTML = "";
    box.dataset.key = key;
    for (const s of specs) {
      const div = document.createElement("div");
      div.className = "chart";
      div.innerHTML = "<h3></h3>";
      div.firstChild.textContent = s.title;
      box.append(div);
      const series = [{label: "step"}].concat(s.d.cols.map(([n, c], i) => ({
        label: s.d.multi ? n + " " + c : c, stroke: COLOURS[i % COLOURS.length], width: 1.5, spanGaps: true,
        points: {show: /^(fid|kid)/.test(c)},
      })));
      const opts = {width, height: 220, series, scales: {x: {time: false}},
        axes: [{label: "step", values: (u, vs) => vs.map(compact)}, {size: 56, values: (u, vs) => vs.map(compact)}],
        hooks: {draw: [warningLines]}, legend: {live: true}};
      charts.push(new uPlot(opts, s.d.data, div));
    }
  } else {
    specs.forEach((s, i) => charts[i].setData(s.d.data));
  }
  drawFocus();
}

let focused = null;
async function drawFocus() {
  const name = [...ticked][0];
  if (!name) return;
  const r = run(name);
  const total = r.info.total || 0;
  const step = Math.max(r.lastStep, r.info.step || 0);
  $("focus").textContent = name;
  const error = r.error || r.info.error;
  $("progress").textContent = error ? "cannot show this run: " + error
    : "step " + step + " of " + total + " (" + (r.info.state || "?") + ")";
  $("bar").firstElementChild.style.width = (total ? Math.min(100, 100 * step / total) : 0) + "%";
  $("eta").textContent = eta(r, step, total);
  if (focused !== name) {
    focused = name;
    getJson("/api/runs/" + encodeURIComponent(name) + "/config").then(c => { $("config").textContent = JSON.stringify(c.config || c, null, 1); });
    await loadGrids(name, true);
    await loadPictures(name);
  }
  drawWarnings();
}

function eta(r, step, total) {
  if (r.info.state === "finished" || step >= total) return "finished";
  const s = r.seen.filter(([t]) => Date.now() - t < 120000);
  if (s.length < 2) return r.info.state === "live" ? "ETA: measuring…" : "";
  const [t0, s0] = s[0], [t1, s1] = s[s.length - 1];
  if (s1 <= s0) return "";
  const sec = (total - step) * (t1 - t0) / 1000 / (s1 - s0);
  return "ETA: " + (sec < 90 ? Math.round(sec) + " s" : sec < 5400 ? Math.round(sec / 60) + " min" : (sec / 3600).toFixed(1) + " h")
    + " (" + ((s1 - s0) / ((t1 - t0) / 1000)).toFixed(1) + " steps/s)";
}

async function loadGrids(name, toLast) {
  const g = await getJson("/api/runs/" + encodeURIComponent(name) + "/samples");
  const slider = $("gridslider");
  const atEnd = +slider.value >= gridSteps.length - 1;
  gridSteps = g.steps;
  slider.max = Math.max(0, gridSteps.length - 1);
  if (toLast || atEnd) slider.value = slider.max;
  showGrid();
}

function showGrid() {
  const i = +$("gridslider").value;
  const step = gridSteps[i];
  if (step == null) { $("gridstep").textContent = "(none yet)"; $("gridimg").removeAttribute("src"); return; }
  $("gridstep").textContent = "step " + step + " (" + (i + 1) + " of " + gridSteps.length + ")";
  $("gridimg").src = "/runs/" + encodeURIComponent(focused) + "/samples/step-" + String(step).padStart(6, "0") + ".png";
}

// The run's other pictures (loss plot, traversals, growth, mixing grids), shown as they appear or change.
async function loadPictures(name) {
  const list = await getJson("/api/runs/" + encodeURIComponent(name) + "/pictures");
  if (name !== focused) return;
  const box = $("pictures");
  $("nopictures").style.display = list.length ? "none" : "";
  const shown = new Map([...box.querySelectorAll("figure")].map(f => [f.dataset.name, f]));
  for (const p of list) {
    let f = shown.get(p.name);
    if (!f) {
      f = document.createElement("figure");
      f.dataset.name = p.name;
      f.innerHTML = "<img alt=''><figcaption></figcaption>";
      f.lastChild.textContent = p.name;
      f.firstChild.alt = p.name;
      box.append(f);
    }
    shown.delete(p.name);
    const src = "/runs/" + encodeURIComponent(name) + "/" + encodeURIComponent(p.name) + "?m=" + p.modified;
    if (f.firstChild.getAttribute("src") !== src) f.firstChild.setAttribute("src", src);
  }
  shown.forEach(f => f.remove());
}

function drawWarnings() {
  const box = $("warnings");
  box.querySelectorAll("div").forEach(d => d.remove());
  const r = runs[focused];
  const list = r ? r.warnings : [];
  $("nowarn").style.display = list.length ? "none" : "";
  for (const w of list.slice(-20)) {
    const d = document.createElement("div");
    if (!w.warning) d.style.borderLeftColor = "#999";
    d.textContent = "step " + w.step + ": " + w.text;
    box.append(d);
  }
}

function listen() {
  const es = new EventSource("/api/events");
  es.onopen = () => { $("conn").textContent = "live: receiving the training run's events"; };
  es.onerror = () => { $("conn").textContent = "no event stream (polling the folder)"; };
  es.addEventListener("step", e => {
    const m = JSON.parse(e.data);
    const r = run(m.run);
    if (!r.columns.length) return;
    if (m.step <= r.lastStep) return;
    r.info.step = m.step;
    r.info.total = m.total;
    r.info.state = "live";
    r.seen.push([Date.now(), m.step]);
    // the run list follows the event stream too, not only the folder poll
    document.querySelectorAll("#runs .muted").forEach(d => { if (d.dataset.run === m.run) d.textContent = runLine(r.info); });
    if (r.loading) return;
    // metrics.csv is flushed at this cadence, before the event: fetch every step since the last one,
    // so live curves have the resolution of a reloaded page; the event's own row if that fails.
    r.loading = true;
    loadMetrics(m.run, true).catch(() => {}).finally(() => {
      r.loading = false;
      if (m.step > r.lastStep) {
        r.rows.push(r.columns.map((c, i) => i === 0 ? m.step : (m.scalars[c] ?? null)));
        r.lastStep = m.step;
      }
      if (ticked.has(m.run)) redraw();
    });
  });
  es.addEventListener("grid", e => { const m = JSON.parse(e.data); if (m.run === focused) loadGrids(m.run, false); });
  es.addEventListener("eval", e => { const m = JSON.parse(e.data); loadMetrics(m.run, false).then(() => redraw()); });
  es.addEventListener("message", e => {
    const m = JSON.parse(e.data);
    const r = run(m.run);
    if (!r.warnings.some(w => w.text === m.text)) r.warnings.push(m);
    if (ticked.has(m.run)) redraw(true);
  });
  es.addEventListener("start", () => loadRuns(false));
  es.addEventListener("end", e => {
    const m = JSON.parse(e.data);
    loadMetrics(m.run, false).then(() => loadRuns(false));
    if (m.run === focused) loadPictures(m.run);   // the loss plot and traversals are written before the run ends
  });
}

// Runs trained by another process: their metrics.csv grows; poll the live ones.
async function poll() {
  try {
    const list = await getJson("/api/runs");
    for (const info of list) {
      const r = run(info.name);
      r.info = info;
      if (info.state === "live" && ticked.has(info.name) && info.step > r.lastStep && !r.loading) {
        r.loading = true;
        try { await loadMetrics(info.name, true); } finally { r.loading = false; }
      }
    }
    drawRunList(list);
    if (focused && runs[focused] && runs[focused].info.state === "live") {
      loadGrids(focused, false);
      loadPictures(focused);
    }
    redraw();
  } catch (e) { /* server gone: keep the page as it is */ }
}

// A read-only view of the page's state for tests (a live browser test reads it over DevTools).
window.gan4jState = {
  get points() { const n = [...ticked][0]; return n && runs[n] ? runs[n].rows.length : 0; },
  get run() { return focused; },
  get step() { return $("progress").textContent; },
  get grid() { return $("gridimg").getAttribute("src"); },
  get pictures() { return [...document.querySelectorAll("#pictures figure")].map(f => f.dataset.name); },
  get charts() { return charts.length; },
};

$("smooth").oninput = () => { $("smoothv").textContent = " " + $("smooth").value; redraw(); };
$("smoothv").textContent = " " + $("smooth").value;
$("gridslider").oninput = showGrid;
window.onresize = () => redraw(true);
loadRuns(true).then(listen);
setInterval(poll, 5000);

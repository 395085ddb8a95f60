// Everest.Site dashboard: plain JavaScript, no build step, no third-party code. It reads the HTTP API with the
// operator's token (kept in sessionStorage for this tab), follows /api/events for live changes and polls as a
// safety net. Text from the API is only ever set as textContent, never parsed as HTML.
"use strict";

const TOKEN_KEY = "everest-site.api-token";
const CHART_WINDOW_MS = 2 * 60 * 1000;
const POLL_MS = 5000;
const REFRESH_AFTER_EVENT_MS = 400;

const state = {
  token: null,
  site: null,
  evses: [],
  reservations: [],
  history: [],
  sessions: null,
  sessionsProblem: null,
  sessionsAvailable: true,
  firmwareAvailable: true,
  streamAbort: null,
  refreshTimer: null,
  reserveTarget: null,
};

const $ = (id) => document.getElementById(id);

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "className") node.className = value;
    else if (name === "onClick") node.addEventListener("click", value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// ---- token ---------------------------------------------------------------------------------------------------

function takeTokenFromUrl() {
  // The demo prints the URL with #token=…; the fragment never reaches a server. Move it to this tab's storage.
  const match = /(?:^|&)token=([^&]+)/.exec(location.hash.slice(1));
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, "", location.pathname + location.search);
  }
  state.token = sessionStorage.getItem(TOKEN_KEY);
}

function askForToken() {
  const dialog = $("token-dialog");
  if (dialog.open) return;
  $("token-input").value = "";
  dialog.showModal();
}

$("token-dialog").addEventListener("close", () => {
  if ($("token-dialog").returnValue !== "ok") return;
  const token = $("token-input").value.trim();
  if (!token) return;
  sessionStorage.setItem(TOKEN_KEY, token);
  state.token = token;
  start();
});

$("token-button").addEventListener("click", askForToken);

// ---- API -----------------------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function api(path, options = {}) {
  const headers = Object.assign({ Accept: "application/json" }, options.headers || {});
  if (state.token) headers.Authorization = `Bearer ${state.token}`;
  const response = await fetch(path, Object.assign({}, options, { headers }));
  if (response.status === 401) {
    stopStream();
    askForToken();
    throw new ApiError(401, { detail: "The API token is missing or wrong." });
  }
  const type = response.headers.get("Content-Type") || "";
  const body = type.includes("json") ? await response.json() : null;
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

function toast(message, kind = "info") {
  const box = $("toast");
  box.textContent = message;
  box.dataset.kind = kind;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, kind === "error" ? 7000 : 3500);
}

// ---- loading -------------------------------------------------------------------------------------------------

async function refresh() {
  if (!state.token) return;
  try {
    const [evses, site] = await Promise.all([api("/api/evses"), api("/api/site")]);
    state.evses = evses;
    applySite(site);
    renderTiles();
    renderSessions();
  } catch (error) {
    if (error.status !== 401) toast(`Could not load the site: ${error.message}`, "error");
  }
  refreshOptional();
  refreshHealth();
}

function scheduleRefresh() {
  if (state.refreshTimer) return;
  state.refreshTimer = setTimeout(() => { state.refreshTimer = null; refresh(); }, REFRESH_AFTER_EVENT_MS);
}

function applySite(site) {
  state.site = site;
  state.reservations = site.reservations || [];
  $("site-id").textContent = `Everest.Site · ${site.siteId}`;
  document.title = `Everest.Site · ${site.siteId}`;
  const point = {
    t: Date.now(),
    l1: site.siteCurrentA.l1, l2: site.siteCurrentA.l2, l3: site.siteCurrentA.l3,
    limit: gridLimit(site),
  };
  state.history.push(point);
  while (state.history.length > 2 && state.history[0].t < point.t - CHART_WINDOW_MS) state.history.shift();
  renderFigures(point);
  drawChart();
}

/** The grid's per-phase limit in force with the margin taken off (the "grid L1..L3" limits), else the configured one. */
function gridLimit(site) {
  const grid = (site.limits || []).filter((l) => l.kind === "PhaseCurrent" && l.name.startsWith("grid "));
  return grid.length ? Math.min(...grid.map((l) => l.limit)) : site.gridLimitA;
}

async function refreshHealth() {
  try {
    const response = await fetch("/health", { headers: { Accept: "application/json" } });
    const report = await response.json();
    const health = $("health");
    health.dataset.state = report.status;
    const failing = report.checks.filter((c) => c.status !== "Healthy").map((c) => `${c.name}: ${c.description}`);
    health.textContent = report.status === "Healthy" ? "healthy" : report.status.toLowerCase();
    health.title = failing.length ? failing.join("\n") : "every check is healthy";
  } catch {
    $("health").dataset.state = "Unhealthy";
    $("health").textContent = "unreachable";
  }
}

// Sessions (billing) and firmware come from features that may not be there: a 404 hides their part quietly. Billing
// answers 503 when the site keeps no journal database (persistence.provider = memory): the table then falls back to
// the sessions in progress, and says why.
async function refreshOptional() {
  if (state.sessionsAvailable) {
    try {
      state.sessions = await api("/api/sessions");
      state.sessionsProblem = null;
      $("cdr-links").hidden = false;
    } catch (error) {
      if (error.status === 404) state.sessionsAvailable = false;
      if (error.status !== 401) { state.sessions = null; state.sessionsProblem = error.message; $("cdr-links").hidden = true; }
    }
    renderSessions();
  }
  if (state.firmwareAvailable) {
    try {
      renderFirmware(await api("/api/firmware"));
    } catch (error) {
      if (error.status === 404) { state.firmwareAvailable = false; $("firmware").hidden = true; }
    }
  }
}

// ---- live events ---------------------------------------------------------------------------------------------

function setLink(on) {
  const link = $("link");
  link.dataset.state = on ? "on" : "off";
  link.textContent = on ? "live" : "offline";
}

function stopStream() {
  if (state.streamAbort) state.streamAbort.abort();
  state.streamAbort = null;
  setLink(false);
}

// EventSource cannot send an Authorization header, so the stream is read with fetch and parsed here.
async function followEvents() {
  stopStream();
  const abort = new AbortController();
  state.streamAbort = abort;
  try {
    const response = await fetch("/api/events", { headers: { Authorization: `Bearer ${state.token}`, Accept: "text/event-stream" }, signal: abort.signal });
    if (response.status === 401) { askForToken(); return; }
    if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
    setLink(true);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        onServerEvent(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  } catch (error) {
    if (abort.signal.aborted) return;
  }
  if (state.streamAbort === abort) {
    // The server ended the stream (restart, or this tab fell behind): reload everything and follow again.
    setLink(false);
    setTimeout(() => { if (state.streamAbort === abort) { refresh(); followEvents(); } }, 2000);
  }
}

function onServerEvent(block) {
  let type = "message";
  const data = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event:")) type = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
  }
  if (type === "allocation" && data.length) {
    applySite(JSON.parse(data.join("\n")));
    renderTiles();
  }
  if (type === "evse" || type === "session" || type === "allocation") scheduleRefresh();
}

// ---- rendering -----------------------------------------------------------------------------------------------

const fmtA = (a) => (a === null || a === undefined ? "–" : `${a.toFixed(1)} A`);
const fmtKwh = (wh) => (wh === null || wh === undefined ? "–" : `${(wh / 1000).toFixed(2)} kWh`);
const fmtTime = (iso) => (iso ? new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) : "–");

function renderFigures(point) {
  const figures = $("site-figures");
  figures.replaceChildren(
    ...["l1", "l2", "l3"].map((p, i) => el("span", { className: point[p] > point.limit + 0.05 ? "over" : null }, `L${i + 1} `, el("b", {}, fmtA(point[p])), "  ")),
    el("span", {}, "limit ", el("b", {}, fmtA(point.limit))),
  );
}

function kindOf(evse) {
  if (!evse.online) return "offline";
  const s = evse.state || "";
  if (/Fault|Error/i.test(s)) return "fault";
  if (s === "Charging") return "charging";
  if (/Paused|WaitingForEnergy/.test(s)) return "paused";
  if (evse.reservation || siteReservationOf(evse.id)) return "reserved";
  return "idle";
}

function siteReservationOf(evseId) {
  return state.reservations.find((r) => r.evseId === evseId) || null;
}

function renderTiles() {
  const tiles = $("tiles");
  const nodes = state.evses.map((evse) => {
    const alloc = evse.allocation;
    const measured = evse.measuredCurrentA ? Math.max(evse.measuredCurrentA.l1, evse.measuredCurrentA.l2, evse.measuredCurrentA.l3) : null;
    const allocated = alloc ? (alloc.charging ? alloc.currentA : 0) : null;
    const scale = Math.max(evse.maxCurrentA || 32, measured || 0, allocated || 0);
    const meter = el("div", { className: "meter", title: "allocated (shaded) and measured (bar) current per phase" },
      el("div", { className: "allocated" }), el("div", { className: "measured" }));
    meter.children[0].style.width = `${Math.min(100, ((allocated || 0) / scale) * 100)}%`;
    meter.children[1].style.width = `${Math.min(100, ((measured || 0) / scale) * 100)}%`;

    const reservation = siteReservationOf(evse.id);
    const reservedText = reservation
      ? `Reserved #${reservation.id} until ${fmtTime(reservation.expiresAt)}`
      : evse.reservation ? `Reserved #${evse.reservation.id}` : null;
    const session = evse.session;
    const busy = Boolean(session);

    const actions = el("div", { className: "actions" },
      reservation
        ? el("button", { type: "button", "data-action": "cancel-reservation", onClick: () => cancelReservation(reservation) }, "Cancel reservation")
        : el("button", { type: "button", "data-action": "reserve", disabled: busy || !evse.online || evse.enabled === false, onClick: () => openReserve(evse.id) }, "Reserve"),
      evse.enabled === false
        ? el("button", { type: "button", "data-action": "enable", onClick: () => command(evse.id, "enable") }, "Enable")
        : el("button", { type: "button", "data-action": "disable", onClick: () => command(evse.id, "disable") }, "Disable"),
      el("button", { type: "button", className: "danger", "data-action": "stop", disabled: !(session && session.transactionOpen), onClick: () => command(evse.id, "stop", `Stop the transaction on ${evse.id}?`) }, "Stop"),
    );

    return el("article", { className: "tile", "data-evse-id": evse.id, "data-kind": kindOf(evse), "data-state": evse.state || "" },
      el("div", { className: "tile-head" },
        el("div", {}, el("h3", {}, evse.id), el("div", { className: "sub" }, evse.everestEvseId || "")),
        el("span", { className: "state" }, evse.online ? (evse.state || "unknown") : "offline")),
      meter,
      el("div", { className: "nums" },
        el("span", {}, "allocated ", el("b", { className: "allocated-a" }, fmtA(allocated))),
        el("span", {}, "measured ", el("b", { className: "measured-a" }, fmtA(measured))),
        el("span", {}, el("b", { className: "energy" }, busy ? fmtKwh(session.energyWh) : "–"))),
      el("div", { className: "why" }, alloc ? alloc.explanation : ""),
      reservedText ? el("div", { className: "reservation" }, reservedText) : null,
      actions);
  });
  tiles.replaceChildren(...nodes);
}

const fmtMoney = (amount, currency) => (amount === null || amount === undefined ? "–"
  : new Intl.NumberFormat([], { style: "currency", currency: currency || "EUR" }).format(amount));

function fmtDuration(seconds) {
  if (seconds === null || seconds === undefined) return "–";
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")}`;
}

/** A start or stop time: the time of day, with the date when it is not today (on the site's clock). */
function fmtWhen(iso) {
  if (!iso) return "–";
  const at = new Date(iso);
  const today = new Date(state.site ? state.site.at : Date.now()).toDateString() === at.toDateString();
  return today ? fmtTime(iso) : at.toLocaleString([], { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

// Each column: its heading, the cell's text, its tooltip, and "wide" for the ones a phone leaves out.
const BILLING_COLUMNS = [
  { title: "EVSE", cell: (s) => s.evseConfigId, title2: (s) => `${s.evseId} on ${s.chargerId}` },
  { title: "Status", cell: (s) => s.status === "live" ? "charging" : "finished", status: true },
  { title: "Driver", cell: (s) => s.idToken, title2: (s) => s.idTokenType, wide: true },
  { title: "Started", cell: (s) => fmtWhen(s.startedAt), wide: true },
  { title: "Stopped", cell: (s) => fmtWhen(s.stoppedAt), wide: true },
  { title: "Energy", cell: (s) => fmtKwh(s.energyWh), number: true },
  { title: "Charging", cell: (s) => fmtDuration(s.chargingTimeS), title2: (s) => `idle ${fmtDuration(s.idleTimeS)}, paused by the site ${s.sitePauseCount}×`, number: true, wide: true },
  { title: "Cost", cell: (s) => fmtMoney(s.totalCost, s.currency), title2: (s) => s.status === "live" ? "so far, as if it stopped now" : "as billed", number: true, cost: true },
  { title: "Tariff", cell: (s) => s.tariffId ? `${s.tariffId} v${s.tariffVersion}` : "–", wide: true },
  { title: "CDR", cell: (s) => s.cdrId, wide: true },
];

function renderSessions() {
  const table = $("sessions");
  const note = $("sessions-note");
  let rows;
  if (state.sessions && Array.isArray(state.sessions.live)) {
    // The billing API: running transactions (cost so far) first, then the finished ones, newest first.
    const byStart = (a, b) => new Date(b.startedAt) - new Date(a.startedAt);
    const live = [...state.sessions.live].sort(byStart);
    const finished = [...state.sessions.finished].sort((a, b) => new Date(b.stoppedAt) - new Date(a.stoppedAt)).slice(0, 50);
    table.tHead.replaceChildren(el("tr", {}, BILLING_COLUMNS.map((c) => el("th", { className: [c.number && "num", c.wide && "wide"].filter(Boolean).join(" ") || null }, c.title))));
    rows = [...live, ...finished].map((s) => el("tr", { "data-status": s.status, "data-session-uuid": s.sessionUuid },
      BILLING_COLUMNS.map((c) => el("td", {
        className: [c.number && "num", c.wide && "wide", c.status && "status", c.cost && "cost"].filter(Boolean).join(" ") || null,
        title: c.title2 ? c.title2(s) : null,
      }, c.cell(s)))));
    const lag = state.sessions.projection;
    note.textContent = `${live.length} charging, ${state.sessions.finished.length} finished in the last 24 h`
      + (lag && lag.lastError ? ` · billing read model: ${lag.lastError}` : lag && lag.eventsBehind > 0 ? ` · billing is ${lag.eventsBehind} events behind` : "");
  } else {
    // Without billing: the sessions in progress, from the EVSEs.
    table.tHead.replaceChildren(el("tr", {}, ["EVSE", "Started", "State", "Energy", "Transaction", "Paused by"].map((c) => el("th", {}, c))));
    rows = state.evses.filter((e) => e.session).map((e) => el("tr", { "data-status": "in-progress" },
      [e.id, fmtTime(e.session.startedAt), e.state, fmtKwh(e.session.energyWh), e.session.transactionOpen ? "open" : "not yet", e.session.pausedBy || ""]
        .map((v) => el("td", {}, v || ""))));
    note.textContent = state.sessionsProblem ? `Sessions in progress only (billing: ${state.sessionsProblem})` : "Sessions in progress";
  }
  table.tBodies[0].replaceChildren(...rows);
  $("sessions-empty").hidden = rows.length > 0;
}

const STEP_KIND = {
  Idle: "idle", Installed: "ok",
  DownloadFailed: "bad", InvalidSignature: "bad", InstallationFailed: "bad", InstallVerificationFailed: "bad",
};

function renderFirmware(firmware) {
  $("firmware").hidden = false;
  const rollout = firmware.rollout;
  const parts = [];
  if (rollout) {
    const total = rollout.installing.length + rollout.waiting.length + rollout.done.length;
    const bar = el("div", { className: "progress", role: "progressbar", "aria-valuemin": 0, "aria-valuemax": total, "aria-valuenow": rollout.done.length }, el("div"));
    bar.firstChild.style.width = `${total ? Math.round((rollout.done.length / total) * 100) : 0}%`;
    const canary = rollout.canary
      ? `${rollout.canary} (${rollout.canaryBack ? "back on the new firmware" : "installing alone, the others wait"})`
      : "none";
    parts.push(el("div", { id: "rollout", "data-halted": rollout.halted ? "true" : "false" },
      el("div", { className: "rollout-head" }, el("b", {}, `Rollout ${rollout.id}`), el("span", { className: "muted" }, `${rollout.done.length} of ${total} done`)),
      bar,
      rollout.halted ? el("p", { className: "halted" }, `Halted: ${rollout.halted}`) : null,
      el("dl", { className: "kv" },
        el("dt", {}, "canary"), el("dd", {}, canary),
        el("dt", {}, "installing"), el("dd", {}, rollout.installing.join(", ") || "–"),
        el("dt", {}, "waiting"), el("dd", {}, rollout.waiting.join(", ") || "–"),
        el("dt", {}, "done"), el("dd", {}, rollout.done.join(", ") || "–"))));
  } else {
    parts.push(el("p", { className: "muted" }, "No rollout under way."));
  }
  const chargers = firmware.chargers || [];
  parts.push(el("div", { className: "table-wrap" }, el("table", { id: "firmware-chargers" },
    el("thead", {}, el("tr", {}, el("th", {}, "Charger"), el("th", {}, "Step"), el("th", { className: "wide" }, "Request"), el("th", {}, "Since"), el("th", { className: "wide" }, "Boot reason"), el("th", { className: "wide" }, "Detail"))),
    el("tbody", {}, chargers.map((c) => el("tr", { "data-charger-id": c.chargerId },
      el("td", {}, c.chargerId),
      el("td", {}, el("span", { className: "step", "data-kind": STEP_KIND[c.step] || "busy" }, c.step)),
      el("td", { className: "wide" }, c.requestId ?? "–"),
      el("td", {}, fmtWhen(c.since)),
      el("td", { className: "wide" }, c.bootReason),
      el("td", { className: "wide detail" }, c.detail || "")))))));
  $("firmware-body").replaceChildren(...parts);
}

function drawChart() {
  const canvas = $("chart");
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  if (!width || !height) return;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const g = canvas.getContext("2d");
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, width, height);
  const styles = getComputedStyle(document.documentElement);
  const color = (name) => styles.getPropertyValue(name).trim();
  const points = state.history;
  const now = Date.now();
  const top = Math.max(1, ...points.map((p) => Math.max(p.l1, p.l2, p.l3, p.limit || 0))) * 1.15;
  const pad = { left: 38, right: 8, top: 8, bottom: 20 };
  const x = (t) => pad.left + ((t - (now - CHART_WINDOW_MS)) / CHART_WINDOW_MS) * (width - pad.left - pad.right);
  const y = (a) => height - pad.bottom - (a / top) * (height - pad.top - pad.bottom);

  g.font = "11px system-ui, sans-serif";
  g.fillStyle = color("--muted");
  g.strokeStyle = color("--line");
  g.lineWidth = 1;
  const step = top > 80 ? 20 : top > 40 ? 10 : 5;
  for (let a = 0; a <= top; a += step) {
    g.beginPath(); g.moveTo(pad.left, y(a)); g.lineTo(width - pad.right, y(a)); g.stroke();
    g.fillText(`${a} A`, 2, y(a) + 4);
  }
  for (let s = 0; s <= CHART_WINDOW_MS / 1000; s += 30) {
    const label = s === 0 ? "now" : s % 60 === 0 ? `-${s / 60} min` : `-${s} s`;
    g.fillText(label, x(now - s * 1000) - (s === 0 ? 20 : 14), height - 5);
  }
  if (points.length === 0) return;

  const line = (key, stroke, dash) => {
    g.beginPath();
    g.setLineDash(dash || []);
    g.strokeStyle = stroke;
    g.lineWidth = 2;
    points.forEach((p, i) => {
      // A step line: the current holds until the next reading.
      if (i === 0) g.moveTo(x(p.t), y(p[key]));
      else { g.lineTo(x(p.t), y(points[i - 1][key])); g.lineTo(x(p.t), y(p[key])); }
    });
    g.lineTo(x(now), y(points[points.length - 1][key]));
    g.stroke();
    g.setLineDash([]);
  };
  line("limit", color("--limit"), [6, 4]);
  line("l1", color("--l1"));
  line("l2", color("--l2"));
  line("l3", color("--l3"));
}

// ---- operator actions ----------------------------------------------------------------------------------------

async function command(evseId, action, confirmText) {
  if (confirmText && !confirm(confirmText)) return;
  try {
    await api(`/api/evses/${encodeURIComponent(evseId)}/${action}`, { method: "POST" });
    toast(`${action} sent to ${evseId}: accepted`);
  } catch (error) {
    if (error.status !== 401) toast(`${action} on ${evseId} failed: ${error.message}`, "error");
  }
  refresh();
}

function openReserve(evseId) {
  state.reserveTarget = evseId;
  $("reserve-title").textContent = evseId ? `Reserve ${evseId}` : "Reserve any free EVSE";
  $("reserve-token").value = "";
  $("reserve-minutes").value = "";
  $("reserve-dialog").showModal();
}

$("reserve-any").addEventListener("click", () => openReserve(null));

$("reserve-dialog").addEventListener("close", async () => {
  if ($("reserve-dialog").returnValue !== "ok") return;
  const body = { token: $("reserve-token").value.trim() };
  if (state.reserveTarget) body.evseId = state.reserveTarget;
  const minutes = Number($("reserve-minutes").value);
  if (minutes > 0 && state.site) {
    // Counted on the site's clock (the demo's runs faster than the wall).
    body.expiresAt = new Date(new Date(state.site.at).getTime() + minutes * 60000).toISOString();
  }
  try {
    const made = await api("/api/reservations", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    toast(`Reserved ${made.evseId} as #${made.id} until ${fmtTime(made.expiresAt)}`);
  } catch (error) {
    if (error.status !== 401) toast(`Reservation failed: ${error.message}`, "error");
  }
  refresh();
});

async function cancelReservation(reservation) {
  try {
    await api(`/api/reservations/${reservation.id}`, { method: "DELETE" });
    toast(`Reservation #${reservation.id} cancelled`);
  } catch (error) {
    if (error.status !== 401) toast(`Cancelling #${reservation.id} failed: ${error.message}`, "error");
  }
  refresh();
}

// ---- start ---------------------------------------------------------------------------------------------------

const CDR_FILES = { csv: "cdrs.csv", json: "cdrs.json", ocpi: "cdrs-ocpi.json" };

for (const [format, name] of Object.entries(CDR_FILES)) {
  $(`cdr-${format}`).addEventListener("click", (event) => {
    // A plain link cannot carry the token, so the file is fetched with it and handed to the browser as a blob.
    event.preventDefault();
    download(`/api/cdrs?format=${format}`, name);
  });
}

async function download(path, name) {
  try {
    const response = await fetch(path, { headers: { Authorization: `Bearer ${state.token}` } });
    if (!response.ok) {
      // A problem (e.g. 409 when OCPI's location is not configured) says why in its detail.
      const problem = (response.headers.get("Content-Type") || "").includes("json") ? await response.json() : null;
      throw new ApiError(response.status, problem);
    }
    const url = URL.createObjectURL(await response.blob());
    const link = el("a", { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (error) {
    toast(`Download of ${name} failed: ${error.message}`, "error");
  }
}

function start() {
  refresh();
  followEvents();
}

takeTokenFromUrl();
window.addEventListener("resize", drawChart);
setInterval(() => { if (state.token) refresh(); }, POLL_MS);
setInterval(drawChart, 1000);
refreshHealth();
if (state.token) start(); else askForToken();

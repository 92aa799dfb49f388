// The highlighted article view. Python sends every offset already in UTF-16 units, and the
// document (text, paragraphs, entities) only when this view may not hold it: the view keeps the
// last one per doc_key and asks for it again when a payload comes without it. This script builds
// the DOM with textContent only (never HTML from data), keeps each paragraph's DOM until its
// marks change, and reports the user's intent with one trigger.

const STATUSES = new Set(["suggested", "accepted", "rejected"]);
const HIDDEN_LABELS_KEY = "quotegraph.hiddenEntityLabels";

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function loadHiddenLabels() {
  try {
    return new Set(JSON.parse(window.localStorage.getItem(HIDDEN_LABELS_KEY) || "[]"));
  } catch (_error) {
    return new Set();
  }
}

function stanceClass(stance) {
  if (stance === null || stance === undefined) return "qg-stance-none";
  if (stance < 0) return "qg-stance-neg";
  if (stance > 0) return "qg-stance-pos";
  return "qg-stance-zero";
}

// Inputs that take no typing: a key pressed after clicking one of them (a stance or kind
// radio, a checkbox) is still a command.
const CLICK_ONLY_INPUTS = new Set(["radio", "checkbox", "button", "submit", "reset", "range", "color"]);

function isTypingTarget(event) {
  const target = event.composedPath ? event.composedPath()[0] : event.target;
  if (!target || !target.tagName) return false;
  const tag = target.tagName.toLowerCase();
  if (tag === "input") return !CLICK_ONLY_INPUTS.has((target.type || "text").toLowerCase());
  return tag === "textarea" || tag === "select" || target.isContentEditable;
}

// A note typed but not applied yet (Streamlit shows "Press Ctrl+Enter to apply" under it until
// the box loses focus) would be lost by a refresh or a closed tab: ask the browser to confirm.
function warnOfUnappliedText(event) {
  if (document.querySelector('[data-testid="stTextArea"] [data-testid="InputInstructions"]')) {
    event.preventDefault();
    event.returnValue = "";
  }
}

class ArticleView {
  constructor(parentElement) {
    this.parent = parentElement;
    this.trigger = () => {};
    this.data = null;
    this.docKey = null;
    this.document = null; // {doc_key, text, paragraphs, labels, entities}: the last one sent
    this.askedFor = null; // the doc_key whose document this view asked for
    this.paragraphs = []; // [{start, end, node, signature}]
    this.selectedId = null;
    this.pending = null; // {start, end} of the user's current text selection, UTF-16
    // While the mouse button is down over the text a redraw waits: rebuilding a paragraph under
    // a drag would drop the selection the user is making.
    this.dragging = false;
    this.redrawAfterDrag = false;
    this.hiddenLabels = loadHiddenLabels();

    this.root = el("div", "qg-view");
    this.legend = el("div", "qg-legend");
    this.textBox = el("div", "qg-text");
    this.textBox.tabIndex = 0;
    this.textBox.setAttribute("data-testid", "qg-article-text");
    this.selectionBar = this.buildSelectionBar();
    this.shortcuts = el("div", "qg-shortcuts");
    this.shortcuts.setAttribute("data-testid", "qg-shortcuts");
    this.shortcuts.hidden = true;
    this.root.append(this.legend, this.selectionBar, this.textBox, this.shortcuts);
    this.parent.appendChild(this.root);

    this.onMouseUp = (event) => this.handleMouseUp(event);
    this.onMouseDown = (event) => {
      if (event.button === 0) this.dragging = true;
    };
    // On window, after the text box's own mouseup has read the selection: then draw what waited.
    this.onDragEnd = () => this.endDrag();
    this.onKeyDown = (event) => this.handleKey(event);
    this.onBeforeUnload = (event) => warnOfUnappliedText(event);
    this.textBox.addEventListener("mouseup", this.onMouseUp);
    this.textBox.addEventListener("mousedown", this.onMouseDown);
    window.addEventListener("mouseup", this.onDragEnd);
    // Capture phase on window: runs before Streamlit's own single-key shortcuts ("r" reruns).
    window.addEventListener("keydown", this.onKeyDown, true);
    window.addEventListener("beforeunload", this.onBeforeUnload);
  }

  destroy() {
    window.removeEventListener("keydown", this.onKeyDown, true);
    window.removeEventListener("beforeunload", this.onBeforeUnload);
    window.removeEventListener("mouseup", this.onDragEnd);
    this.textBox.removeEventListener("mouseup", this.onMouseUp);
    this.textBox.removeEventListener("mousedown", this.onMouseDown);
    this.root.remove();
  }

  buildSelectionBar() {
    const bar = el("div", "qg-selbar");
    bar.setAttribute("data-testid", "qg-selection-bar");
    this.selectionPreview = el("span", "qg-selbar-text");
    this.createButton = el("button", "qg-btn qg-btn-primary", "New statement (s)");
    this.createButton.setAttribute("data-testid", "qg-create");
    this.speakerButton = el("button", "qg-btn", "Set as speaker (m)");
    this.speakerButton.setAttribute("data-testid", "qg-speaker");
    const cancel = el("button", "qg-btn", "Cancel (Esc)");
    for (const button of [this.createButton, this.speakerButton, cancel]) {
      button.type = "button";
      // Keep the text selection alive while the button is pressed.
      button.addEventListener("mousedown", (event) => event.preventDefault());
    }
    this.createButton.addEventListener("click", () => this.sendPending("create"));
    this.speakerButton.addEventListener("click", () => this.sendPending("speaker"));
    cancel.addEventListener("click", () => this.clearPending());
    bar.append(this.selectionPreview, this.createButton, this.speakerButton, cancel);
    bar.hidden = true;
    return bar;
  }

  update(payload) {
    const started = performance.now();
    const data = this.withDocument(payload);
    if (!data) return;
    // Statement rows come as arrays of values in statement_fields order.
    const fields = data.statement_fields;
    data.statements = data.statements.map((row) =>
      Object.fromEntries(fields.map((name, index) => [name, row[index]])),
    );
    this.data = data;
    this.textBox.style.maxHeight = data.height || "70vh";
    if (data.doc_key !== this.docKey) {
      this.docKey = data.doc_key;
      this.buildParagraphs();
      this.clearPending();
      this.selectedId = null;
    }
    this.renderLegend();
    this.renderMarks();
    this.applySelection(data.selected_id);
    this.root.setAttribute("data-rev", String(data.rev));
    // How long this redraw took, for bench/annotate.py.
    this.root.setAttribute("data-render-ms", (performance.now() - started).toFixed(1));
  }

  // The payload with its document: the one it brings (kept for the next payloads), or the kept
  // one for the same doc_key. Without either, ask Python once and draw nothing until it comes.
  withDocument(payload) {
    if (payload.text !== undefined) {
      const { doc_key, text, paragraphs, labels, entities } = payload;
      this.document = { doc_key, text, paragraphs, labels, entities };
      return payload;
    }
    if (this.document && this.document.doc_key === payload.doc_key) {
      return { ...payload, ...this.document };
    }
    if (this.askedFor !== payload.doc_key) {
      this.askedFor = payload.doc_key;
      this.send({ type: "resend" });
    }
    return null;
  }

  buildParagraphs() {
    this.textBox.replaceChildren();
    this.paragraphs = this.data.paragraphs.map(([start, end]) => {
      const node = el("p", "qg-par");
      this.textBox.appendChild(node);
      return { start, end, node, signature: null };
    });
  }

  renderLegend() {
    this.legend.replaceChildren();
    const entities = el("div", "qg-legend-row");
    entities.appendChild(el("span", "qg-legend-title", "Entities"));
    this.data.labels.forEach((label) => {
      const chip = el("button", "qg-chip");
      chip.type = "button";
      chip.setAttribute("data-label", label.name);
      chip.setAttribute("aria-pressed", String(!this.hiddenLabels.has(label.name)));
      chip.title = label.description || label.name;
      const swatch = el("span", "qg-swatch");
      swatch.style.backgroundColor = label.color;
      chip.append(swatch, el("span", "", `${label.name} ${label.count}`));
      if (this.hiddenLabels.has(label.name)) chip.classList.add("qg-chip-off");
      chip.addEventListener("click", () => this.toggleLabel(label.name));
      entities.appendChild(chip);
    });
    const statements = el("div", "qg-legend-row");
    statements.appendChild(el("span", "qg-legend-title", "Statements"));
    for (const [cls, text] of [
      ["qg-st qg-st-suggested qg-stance-none", "suggested"],
      ["qg-st qg-st-accepted qg-stance-none", "accepted"],
      ["qg-st qg-st-rejected qg-stance-none", "rejected"],
      ["qg-st qg-st-accepted qg-stance-pos", "for"],
      ["qg-st qg-st-accepted qg-stance-zero", "neutral"],
      ["qg-st qg-st-accepted qg-stance-neg", "against"],
      ["qg-st qg-st-suggested qg-stance-none qg-kind-position", "position"],
      ["qg-spk", "speaker"],
      ["qg-cue", "cue"],
      ["qg-sel", "selected"],
    ]) {
      statements.appendChild(el("span", `qg-legend-sample ${cls}`, text));
    }
    const keys = el("button", "qg-chip qg-keys", "Keys ?");
    keys.type = "button";
    keys.title = "Keyboard shortcuts (press ?)";
    keys.setAttribute("data-testid", "qg-keys");
    keys.addEventListener("click", () => this.toggleShortcuts());
    statements.appendChild(keys);
    this.legend.append(entities, statements);
  }

  toggleLabel(name) {
    if (this.hiddenLabels.has(name)) this.hiddenLabels.delete(name);
    else this.hiddenLabels.add(name);
    try {
      window.localStorage.setItem(HIDDEN_LABELS_KEY, JSON.stringify([...this.hiddenLabels]));
    } catch (_error) {
      // Private mode without storage: the toggle still works for this page.
    }
    for (const span of this.textBox.querySelectorAll(".qg-ent")) {
      span.classList.toggle("qg-ent-off", this.hiddenLabels.has(span.getAttribute("data-label")));
    }
    this.renderLegend();
  }

  // Marks of one paragraph: entities [s, e, labelIndex]; statement parts [s, e, id, part].
  marksByParagraph() {
    const perParagraph = this.paragraphs.map(() => ({ entities: [], parts: [] }));
    const locate = (offset) => {
      let lo = 0;
      let hi = this.paragraphs.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (this.paragraphs[mid].start <= offset) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    };
    const spread = (start, end, push) => {
      if (end <= start || this.paragraphs.length === 0) return;
      for (let i = locate(start); i < this.paragraphs.length; i++) {
        const par = this.paragraphs[i];
        if (par.start >= end) break;
        const s = Math.max(start, par.start);
        const e = Math.min(end, par.end);
        if (e > s) push(perParagraph[i], s, e);
      }
    };
    for (const [start, end, label] of this.data.entities) {
      spread(start, end, (marks, s, e) => marks.entities.push([s, e, label]));
    }
    for (const st of this.data.statements) {
      spread(st.start, st.end, (marks, s, e) => marks.parts.push([s, e, st.id, "content"]));
      if (st.speaker_start !== null && st.speaker_end !== null) {
        spread(st.speaker_start, st.speaker_end, (marks, s, e) =>
          marks.parts.push([s, e, st.id, "speaker"]),
        );
      }
      if (st.cue_start !== null && st.cue_end !== null) {
        spread(st.cue_start, st.cue_end, (marks, s, e) => marks.parts.push([s, e, st.id, "cue"]));
      }
    }
    return perParagraph;
  }

  endDrag() {
    this.dragging = false;
    if (!this.redrawAfterDrag || !this.data) return;
    this.redrawAfterDrag = false;
    this.renderMarks();
    this.applySelection(this.selectedId); // mark the selected statement's rebuilt spans
    if (this.pending) this.selectOffsets(this.pending.start, this.pending.end);
  }

  // Show the user's selection again over rebuilt spans (UTF-16 offsets, as data-s counts).
  selectOffsets(start, end) {
    const segments = this.textBox.querySelectorAll("[data-s]");
    const point = (offset) => {
      for (const seg of segments) {
        const from = Number(seg.getAttribute("data-s"));
        if (offset >= from && offset <= from + seg.textContent.length && seg.firstChild) {
          return [seg.firstChild, offset - from];
        }
      }
      return null;
    };
    const first = point(start);
    const last = point(end);
    const selection = window.getSelection();
    if (!first || !last || !selection) return;
    const range = document.createRange();
    range.setStart(...first);
    range.setEnd(...last);
    selection.removeAllRanges();
    selection.addRange(range);
  }

  renderMarks() {
    this.statementsById = new Map(this.data.statements.map((st) => [st.id, st]));
    if (this.dragging) {
      this.redrawAfterDrag = true;
      return;
    }
    const perParagraph = this.marksByParagraph();
    perParagraph.forEach((marks, index) => {
      const par = this.paragraphs[index];
      // A paragraph is rebuilt only when something drawn in it changed.
      const looks = marks.parts.map(([s, e, id, part]) => {
        const st = this.statementsById.get(id);
        return [s, e, id, part, st.status, st.stance, st.tooltip, st.kind];
      });
      const signature = JSON.stringify([marks.entities, looks]);
      if (signature === par.signature) return;
      par.signature = signature;
      this.buildParagraph(par, marks);
    });
  }

  buildParagraph(par, marks) {
    const text = this.data.text;
    const cuts = new Set([par.start, par.end]);
    for (const [s, e] of marks.entities) cuts.add(s).add(e);
    for (const [s, e] of marks.parts) cuts.add(s).add(e);
    const points = [...cuts].sort((a, b) => a - b);
    const fragment = document.createDocumentFragment();
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i];
      const b = points[i + 1];
      const span = el("span", "qg-seg", text.slice(a, b));
      span.setAttribute("data-s", String(a));
      // The innermost (shortest) covering entity and statement decide the look.
      let entity = null;
      for (const mark of marks.entities) {
        if (mark[0] <= a && mark[1] >= b && (!entity || mark[1] - mark[0] < entity[1] - entity[0])) {
          entity = mark;
        }
      }
      if (entity) {
        const label = this.data.labels[entity[2]];
        span.classList.add("qg-ent");
        span.setAttribute("data-label", label.name);
        span.style.setProperty("--qg-ent-color", label.color);
        if (this.hiddenLabels.has(label.name)) span.classList.add("qg-ent-off");
      }
      const ids = [];
      let top = null;
      for (const [s, e, id, part] of marks.parts) {
        if (s > a || e < b) continue;
        if (!ids.includes(id)) ids.push(id);
        if (part === "speaker") span.classList.add("qg-spk");
        else if (part === "cue") span.classList.add("qg-cue");
        else if (!top || e - s < top[1] - top[0]) top = [s, e, id];
      }
      if (top) {
        const st = this.statementsById.get(top[2]);
        const status = STATUSES.has(st.status) ? st.status : "suggested";
        span.classList.add("qg-st", `qg-st-${status}`, stanceClass(st.stance));
        // A position (what someone stands for, no words reported) looks apart from speech:
        // a double underline, and a badge before its first word.
        if (st.kind === "position") {
          span.classList.add("qg-kind-position");
          if (a === st.start) span.classList.add("qg-st-first");
        }
        span.setAttribute("data-sid", String(st.id));
      } else if (ids.length) {
        span.setAttribute("data-sid", String(ids[0]));
      }
      if (ids.length) {
        span.setAttribute("data-sids", ids.join(" "));
        const tip = this.statementsById.get(Number(span.getAttribute("data-sid"))).tooltip;
        span.setAttribute("title", tip);
      }
      fragment.appendChild(span);
    }
    par.node.replaceChildren(fragment);
  }

  applySelection(selectedId) {
    for (const span of this.textBox.querySelectorAll(".qg-sel")) span.classList.remove("qg-sel");
    const changed = selectedId !== this.selectedId;
    this.selectedId = selectedId;
    this.speakerButton.disabled = selectedId === null;
    if (selectedId === null) return;
    const spans = this.textBox.querySelectorAll(`[data-sids~="${Number(selectedId)}"]`);
    for (const span of spans) span.classList.add("qg-sel");
    if (changed && spans.length) this.scrollIntoView(spans[0]);
  }

  scrollIntoView(span) {
    const box = this.textBox.getBoundingClientRect();
    const target = span.getBoundingClientRect();
    if (target.top < box.top || target.bottom > box.bottom) {
      this.textBox.scrollTop += target.top - box.top - box.height / 3;
    }
  }

  // UTF-16 offset of a DOM selection boundary.
  pointToOffset(node, offset) {
    if (node.nodeType === Node.TEXT_NODE) {
      const seg = node.parentElement.closest("[data-s]");
      return seg ? Number(seg.getAttribute("data-s")) + offset : null;
    }
    const element = node.nodeType === Node.ELEMENT_NODE ? node : null;
    if (!element) return null;
    const seg = element.closest("[data-s]");
    if (seg) return Number(seg.getAttribute("data-s")) + (offset > 0 ? seg.textContent.length : 0);
    const children = element.querySelectorAll("[data-s]");
    if (!children.length) return null;
    if (offset < element.childNodes.length) {
      const child = element.childNodes[offset];
      const first = child.matches && child.matches("[data-s]") ? child : child.querySelector?.("[data-s]");
      if (first) return Number(first.getAttribute("data-s"));
    }
    const last = children[children.length - 1];
    return Number(last.getAttribute("data-s")) + last.textContent.length;
  }

  handleMouseUp(event) {
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed && selection.rangeCount) {
      const range = selection.getRangeAt(0);
      if (!this.textBox.contains(range.commonAncestorContainer)) return;
      const start = this.pointToOffset(range.startContainer, range.startOffset);
      const end = this.pointToOffset(range.endContainer, range.endOffset);
      if (start === null || end === null || end <= start) return;
      this.pending = { start, end };
      const preview = this.data.text.slice(start, end).replace(/\s+/g, " ").trim();
      this.selectionPreview.textContent =
        preview.length > 80 ? `“${preview.slice(0, 77)}…”` : `“${preview}”`;
      this.selectionBar.hidden = false;
      return;
    }
    const seg = event.target.closest ? event.target.closest("[data-sid]") : null;
    this.clearPending();
    if (seg) this.send({ type: "select", statement_id: Number(seg.getAttribute("data-sid")) });
  }

  clearPending() {
    this.pending = null;
    this.selectionBar.hidden = true;
  }

  sendPending(type) {
    if (!this.pending) return;
    if (type === "speaker" && this.selectedId === null) return;
    const intent = { type, start: this.pending.start, end: this.pending.end };
    if (type === "speaker") intent.statement_id = this.selectedId;
    this.clearPending();
    window.getSelection()?.removeAllRanges();
    this.send(intent);
  }

  send(intent) {
    this.root.setAttribute("data-sent", String(Date.now()));
    this.trigger("intent", intent);
  }

  // The "?" overlay: every key and what it does, as Python listed them (textContent only).
  toggleShortcuts(show) {
    const open = show === undefined ? this.shortcuts.hidden : show;
    if (open) {
      this.shortcuts.replaceChildren();
      const head = el("div", "qg-shortcuts-head");
      head.append(el("strong", null, "Keyboard shortcuts"));
      const close = el("button", "qg-btn", "Close (Esc)");
      close.type = "button";
      close.addEventListener("click", () => this.toggleShortcuts(false));
      head.append(close);
      const table = el("table");
      for (const [keys, what] of this.data.shortcuts || []) {
        const row = el("tr");
        const cell = el("td");
        for (const [index, key] of keys.split(" / ").entries()) {
          if (index) cell.append(" or ");
          cell.append(el("kbd", null, key));
        }
        row.append(cell, el("td", null, what));
        table.append(row);
      }
      this.shortcuts.append(head, table);
    }
    this.shortcuts.hidden = !open;
  }

  handleKey(event) {
    if (!this.root.isConnected || !this.data) return;
    if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event)) return;
    // A dialog (st.dialog) owns the keyboard while it is open.
    if (document.querySelector('[role="dialog"]')) return;
    if (event.key === "?" || (event.key === "Escape" && !this.shortcuts.hidden)) {
      event.preventDefault();
      event.stopImmediatePropagation();
      this.toggleShortcuts(event.key === "?" ? undefined : false);
      return;
    }
    if (event.key === "Escape" && this.pending) {
      this.clearPending();
      window.getSelection()?.removeAllRanges();
      return;
    }
    const binding = Object.prototype.hasOwnProperty.call(this.data.keymap, event.key)
      ? this.data.keymap[event.key]
      : null;
    if (!binding) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    if (binding.command === "create" || binding.command === "speaker") {
      this.sendPending(binding.command);
      return;
    }
    const intent = { type: "command", command: binding.command };
    if (binding.value !== undefined) intent.value = binding.value;
    // Draw first: sending starts Streamlit's own work on this thread.
    this.showAhead(binding);
    // From the key event to the drawn decision, for bench/annotate.py.
    this.root.setAttribute("data-ahead-ms", (performance.now() - event.timeStamp).toFixed(1));
    this.send(intent);
  }

  // Draw a decision before the server confirms it, so the keyboard loop feels instant. The
  // server's next payload redraws the touched paragraphs either way (their signatures are reset
  // here), so a refused decision (an edit conflict) reverts to the stored state.
  showAhead(binding) {
    const statements = this.data.statements;
    const index = statements.findIndex((st) => st.id === this.selectedId);
    if (index < 0) return;
    const current = statements[index];
    if (binding.command === "accept" || binding.command === "reject") {
      const status = binding.command === "accept" ? "accepted" : "rejected";
      this.restyle(current.id, (span) => {
        span.classList.remove("qg-st-suggested", "qg-st-accepted", "qg-st-rejected");
        span.classList.add(`qg-st-${status}`);
      });
      // The same rule as the server: on to the next suggestion, wrapping round.
      for (let step = 1; step < statements.length; step++) {
        const candidate = statements[(index + step) % statements.length];
        if (candidate.status === "suggested") {
          this.applySelection(candidate.id);
          break;
        }
      }
    } else if (binding.command === "stance") {
      this.restyle(current.id, (span) => {
        span.classList.remove("qg-stance-none", "qg-stance-neg", "qg-stance-zero", "qg-stance-pos");
        span.classList.add(stanceClass(binding.value));
      });
    } else if (binding.command === "next" || binding.command === "previous") {
      const next = index + (binding.command === "next" ? 1 : -1);
      if (next >= 0 && next < statements.length) this.applySelection(statements[next].id);
    }
  }

  restyle(statementId, change) {
    for (const span of this.textBox.querySelectorAll(`.qg-st[data-sid="${Number(statementId)}"]`)) {
      change(span);
      const par = this.paragraphs.find((p) => p.node === span.parentElement);
      if (par) par.signature = null;
    }
  }
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let view = parentElement.__quotegraphView;
  if (!view) {
    view = new ArticleView(parentElement);
    parentElement.__quotegraphView = view;
  }
  view.trigger = setTriggerValue;
  view.update(data);
  return () => {
    view.destroy();
    delete parentElement.__quotegraphView;
  };
}

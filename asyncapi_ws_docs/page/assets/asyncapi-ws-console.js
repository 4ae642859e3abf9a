/* asyncapi-ws-docs: the live console of a channel page.
 *
 * Each `[data-asyncapi-console]` section holds its data as JSON in that attribute (built by
 * console.py; an attribute because Material's instant navigation re-runs inline scripts).
 * This script turns it into a form, and opens a WebSocket only when the reader presses
 * Connect, to the URL the reader sees: no other request, no storage, nothing in the page's
 * URL. Strings from the spec reach the page through textContent and setAttribute only (no
 * innerHTML, no eval), so the console works under a strict Content-Security-Policy.
 * Set-up is idempotent: it runs on DOMContentLoaded and again on each of Material's instant
 * navigations (`document$`), and only for sections it has not set up yet.
 */
(function () {
  "use strict";

  var CLOSE_CODES = {
    1000: "normal closure",
    1001: "going away",
    1002: "protocol error",
    1003: "unsupported data",
    1005: "no status received",
    1006: "abnormal closure",
    1007: "invalid frame payload data",
    1008: "policy violation",
    1009: "message too big",
    1010: "mandatory extension missing",
    1011: "internal server error",
    1012: "service restart",
    1013: "try again later",
    1014: "bad gateway",
    1015: "TLS handshake failure"
  };
  var MAX_ENTRIES = 500;
  var MAX_SHOWN = 64 * 1024;
  var open = [];
  // The labels of the console being set up or acting: every console of a page carries the
  // same ones (the page's language), in its JSON data.
  var t = {};

  function closeMeaning(code) {
    if (CLOSE_CODES[code]) return CLOSE_CODES[code];
    if (code >= 4000 && code <= 4999) return t.close_api_code;
    if (code >= 3000 && code <= 3999) return t.close_library_code;
    return t.close_unassigned;
  }

  /* A label of the page's language with its `{parts}` filled in. */
  function say(label, parts) {
    return String(label).replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(parts, name) ? String(parts[name]) : whole;
    });
  }

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === true) node.setAttribute(name, "");
      else if (value !== false && value !== null && value !== undefined) {
        node.setAttribute(name, String(value));
      }
    });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function bytesOf(text) {
    return new TextEncoder().encode(text).length;
  }

  function sizeText(bytes) {
    return bytes < 1024 ? bytes + " B" : (bytes / 1024).toFixed(1) + " KiB";
  }

  function clock() {
    var now = new Date();
    var pad = function (n, width) { return String(n).padStart(width, "0"); };
    return pad(now.getHours(), 2) + ":" + pad(now.getMinutes(), 2) + ":" +
      pad(now.getSeconds(), 2) + "." + pad(now.getMilliseconds(), 3);
  }

  function hexOf(bytes) {
    var parts = [];
    for (var i = 0; i < bytes.length; i++) parts.push(bytes[i].toString(16).padStart(2, "0"));
    return parts.join(" ");
  }

  function parseBinary(text, encoding) {
    var clean = text.replace(/\s+/g, "");
    if (encoding === "hex") {
      if (!/^([0-9a-fA-F]{2})*$/.test(clean)) {
        throw new Error(t.bad_hex);
      }
      var bytes = new Uint8Array(clean.length / 2);
      for (var i = 0; i < bytes.length; i++) bytes[i] = parseInt(clean.substr(i * 2, 2), 16);
      return bytes;
    }
    var binary;
    try { binary = atob(clean); } catch (error) {
      throw new Error(t.bad_base64);
    }
    var out = new Uint8Array(binary.length);
    for (var j = 0; j < binary.length; j++) out[j] = binary.charCodeAt(j);
    return out;
  }

  function pretty(text) {
    var trimmed = text.trim();
    if (trimmed[0] !== "{" && trimmed[0] !== "[") return { text: text, json: undefined };
    try {
      var value = JSON.parse(trimmed);
      return { text: JSON.stringify(value, null, 2), json: value };
    } catch (error) {
      return { text: text, json: undefined };
    }
  }

  function sameValue(a, b) {
    return a === b || (typeof a === "number" && typeof b === "number" && a === b);
  }

  /* The message a received text frame is, by the spec's single-valued properties. */
  function recognise(recognizers, text, json) {
    var best = null;
    recognizers.forEach(function (r) {
      var matches = r.match.every(function (pair) {
        if (pair[0] === "") return text === pair[1] || sameValue(json, pair[1]);
        return json !== null && typeof json === "object" && !Array.isArray(json) &&
          Object.prototype.hasOwnProperty.call(json, pair[0]) && sameValue(json[pair[0]], pair[1]);
      });
      if (matches && (best === null || r.match.length > best.match.length)) best = r;
    });
    return best;
  }

  function queryParts(url) {
    var at = url.indexOf("?");
    var hash = url.indexOf("#");
    var end = hash < 0 ? url.length : hash;
    return {
      base: at < 0 ? url.slice(0, end) : url.slice(0, at),
      query: at < 0 || at > end ? "" : url.slice(at + 1, end)
    };
  }

  function encode(text) {
    return encodeURIComponent(text).replace(/%7B/g, "{").replace(/%7D/g, "}");
  }

  function Console(root, data) {
    this.root = root;
    this.data = data;
    t = data.labels;
    this.id = root.id || "asyncapi-console";
    this.socket = null;
    this.opened = false;
    this.expected = {};
    this.build();
  }

  Console.prototype.field = function (container, name, label, attributes, hint) {
    var id = this.id + "-" + name;
    var wrap = el("div", { class: "asyncapi-console-field" });
    var labelNode = el("label", { for: id }, label);
    wrap.appendChild(labelNode);
    attributes.id = id;
    var input = el(attributes.tag || "input", attributes);
    input.removeAttribute("tag");
    wrap.appendChild(input);
    if (hint) {
      var hintNode = el("span", { class: "asyncapi-console-hint", id: id + "-hint" }, hint);
      input.setAttribute("aria-describedby", id + "-hint");
      wrap.appendChild(hintNode);
    }
    container.appendChild(wrap);
    return input;
  };

  Console.prototype.build = function () {
    var self = this;
    var data = this.data;
    var needs = this.root.querySelector(".asyncapi-console-needs");
    if (needs) needs.hidden = true;
    var form = el("form", { class: "asyncapi-console-form", novalidate: true });
    this.form = form;

    // Where to connect.
    var where = el("div", { class: "asyncapi-console-where" });
    if (data.servers.length > 1) {
      this.serverSelect = this.field(where, "server", t.server, { tag: "select" });
      data.servers.forEach(function (server, index) {
        self.serverSelect.appendChild(
          el("option", { value: String(index) }, server.name + " (" + server.protocol + ")"));
      });
      this.serverSelect.addEventListener("change", function () { self.useServer(); });
    }
    this.url = this.field(where, "url", t.url, {
      type: "text", inputmode: "url", spellcheck: "false", autocomplete: "off",
      autocapitalize: "off", class: "asyncapi-console-url"
    }, data.servers.length ? null : (data.address_known
      ? t.no_server : t.address_open));
    this.url.addEventListener("input", function () { self.checkUrl(); });
    form.appendChild(where);

    this.queryInputs = [];
    var plain = data.query.filter(function (f) { return !f.secret; });
    var secrets = data.query.filter(function (f) { return f.secret; });
    if (plain.length) {
      var query = el("fieldset", { class: "asyncapi-console-group" });
      query.appendChild(el("legend", {}, t.query_parameters));
      plain.forEach(function (f, index) {
        var input = self.field(query, "query-" + index, f.name + (f.required ? t.required : ""),
          { type: "text", value: f.value, spellcheck: "false", autocomplete: "off",
            required: f.required }, f.hint);
        input.addEventListener("input", function () { self.rebuildQuery(); });
        self.queryInputs.push({ spec: f, input: input });
      });
      form.appendChild(query);
    }

    this.secretInputs = [];
    if (secrets.length || data.subprotocol) {
      var creds = el("fieldset", { class: "asyncapi-console-group" });
      creds.appendChild(el("legend", {}, t.credentials));
      creds.appendChild(el("p", { class: "asyncapi-console-hint" }, t.credentials_hint));
      secrets.forEach(function (f, index) {
        var hint = (f.credential ? say(t.query_credential, { scheme: f.credential })
          : t.query_parameter) + " " + f.hint;
        var input = self.field(creds, "secret-" + index,
          f.name + (f.required ? t.required : ""),
          { type: "password", autocomplete: "off", spellcheck: "false" }, hint.trim());
        self.secretInputs.push({ spec: f, input: input });
      });
      if (data.subprotocol) {
        var p = data.subprotocol;
        this.protocolInput = this.field(creds, "subprotocol",
          t.subprotocol + (p.required ? t.required : ""),
          { type: p.secret ? "password" : "text", value: p.value, autocomplete: "off",
            spellcheck: "false" },
          (t.subprotocol_hint + " " + p.hint).trim());
      }
      form.appendChild(creds);
    }

    if (data.headers.length) {
      var headers = el("div", { class: "asyncapi-console-headers" });
      headers.appendChild(el("p", { class: "asyncapi-console-headers-title" },
        t.headers_cannot_send));
      headers.appendChild(el("p", {}, data.headers_note));
      var list = el("ul");
      data.headers.forEach(function (h) {
        var item = el("li");
        item.appendChild(el("code", {}, h.name));
        item.appendChild(document.createTextNode(
          (h.required ? t.required : "") + (h.note ? ": " + h.note : "")));
        list.appendChild(item);
      });
      headers.appendChild(list);
      if (data.alternative) headers.appendChild(el("p", {}, data.alternative));
      else if (data.headers.some(function (h) { return h.required; })) {
        headers.appendChild(el("p", {}, t.no_browser_way));
      }
      form.appendChild(headers);
    }

    this.warning = el("p", { class: "asyncapi-console-warning", role: "status" });
    this.warning.hidden = true;
    form.appendChild(this.warning);

    var actions = el("div", { class: "asyncapi-console-actions" });
    this.connectButton = el("button", { type: "submit", class: "asyncapi-console-button asyncapi-console-primary" },
      t.connect);
    this.disconnectButton = el("button", { type: "button", class: "asyncapi-console-button", disabled: true },
      t.disconnect);
    this.status = el("span", { class: "asyncapi-console-status", role: "status",
      "data-state": "idle" }, t.not_connected);
    actions.appendChild(this.connectButton);
    actions.appendChild(this.disconnectButton);
    actions.appendChild(this.status);
    form.appendChild(actions);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.connect();
    });
    this.disconnectButton.addEventListener("click", function () { self.disconnect(); });

    // What to send.
    var send = el("fieldset", { class: "asyncapi-console-group asyncapi-console-send" });
    send.appendChild(el("legend", {}, t.send));
    var pickRow = el("div", { class: "asyncapi-console-row" });
    this.picker = this.field(pickRow, "example", t.example, { tag: "select" });
    this.choices = [];
    data.messages.forEach(function (m) {
      var group = el("optgroup", { label: m.message.label });
      if (!m.examples.length) {
        self.addChoice(group, m, null, m.message.label + t.no_example);
      }
      m.examples.forEach(function (example) {
        self.addChoice(group, m, example, m.message.label + ": " + example.title);
      });
      self.picker.appendChild(group);
    });
    this.addChoice(this.picker, null, null, t.own_message);
    this.picker.addEventListener("change", function () { self.pick(); });
    this.frame = this.field(pickRow, "frame", t.frame, { tag: "select" });
    [["text", t.frame_text], ["hex", t.frame_hex], ["base64", t.frame_base64]]
      .forEach(function (pair) {
        self.frame.appendChild(el("option", { value: pair[0] }, pair[1]));
      });
    send.appendChild(pickRow);
    if (data.messages_note) {
      send.appendChild(el("p", { class: "asyncapi-console-hint" }, data.messages_note));
    }
    if (!data.messages.length) {
      send.appendChild(el("p", { class: "asyncapi-console-hint" }, t.type_your_own));
    }
    this.text = this.field(send, "message", t.message, {
      tag: "textarea", rows: "8", spellcheck: "false", autocomplete: "off",
      class: "asyncapi-console-text"
    }, t.ctrl_enter);
    this.text.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        self.send();
      }
    });
    this.replyNote = el("p", { class: "asyncapi-console-hint" });
    send.appendChild(this.replyNote);
    var sendRow = el("div", { class: "asyncapi-console-actions" });
    this.sendButton = el("button", { type: "button",
      class: "asyncapi-console-button asyncapi-console-primary", disabled: true }, t.send);
    this.sendButton.addEventListener("click", function () { self.send(); });
    sendRow.appendChild(this.sendButton);
    send.appendChild(sendRow);
    form.appendChild(send);

    // What happened.
    var logHead = el("div", { class: "asyncapi-console-loghead" });
    logHead.appendChild(el("span", { class: "asyncapi-console-logtitle", id: this.id + "-logtitle" },
      t.log));
    var clear = el("button", { type: "button", class: "asyncapi-console-button" }, t.clear_log);
    clear.addEventListener("click", function () { self.log.textContent = ""; });
    logHead.appendChild(clear);
    form.appendChild(logHead);
    this.log = el("div", {
      class: "asyncapi-console-log", role: "log", "aria-live": "polite",
      "aria-labelledby": this.id + "-logtitle", tabindex: "0"
    });
    form.appendChild(this.log);

    this.root.appendChild(form);
    this.useServer();
    this.pick();
  };

  Console.prototype.addChoice = function (parent, message, example, label) {
    var option = el("option", { value: String(this.choices.length) }, label);
    this.choices.push({ message: message, example: example });
    parent.appendChild(option);
  };

  Console.prototype.pick = function () {
    var choice = this.choices[Number(this.picker.value)] || { message: null, example: null };
    var message = choice.message;
    this.text.value = choice.example ? choice.example.text : "";
    if (choice.example) this.frame.value = choice.example.encoding;
    else if (message) this.frame.value = message.frame === "binary" ? "hex" : "text";
    this.replyNote.textContent = "";
    if (message && message.replies.length) {
      this.replyNote.appendChild(document.createTextNode(t.expected_reply));
      this.appendLinks(this.replyNote, message.replies);
    }
  };

  Console.prototype.appendLinks = function (parent, links) {
    links.forEach(function (link, index) {
      if (index) parent.appendChild(document.createTextNode(t.or));
      parent.appendChild(link.anchor ? el("a", { href: "#" + link.anchor }, link.label)
        : el("span", {}, link.label));
    });
  };

  Console.prototype.useServer = function () {
    var servers = this.data.servers;
    var server = servers[this.serverSelect ? Number(this.serverSelect.value) : 0];
    this.url.value = server ? server.url : "";
    this.rebuildQuery();
  };

  /* The URL field's query string follows the query fields; other parameters are kept. */
  Console.prototype.rebuildQuery = function () {
    var parts = queryParts(this.url.value);
    var managed = {};
    this.queryInputs.forEach(function (q) { managed[q.spec.name] = true; });
    var pairs = parts.query ? parts.query.split("&").filter(function (pair) {
      var name = pair.split("=")[0];
      try { name = decodeURIComponent(name); } catch (error) { /* keep it as typed */ }
      return pair && !managed[name];
    }) : [];
    var own = this.queryInputs.filter(function (q) { return q.input.value !== ""; })
      .map(function (q) { return encode(q.spec.name) + "=" + encode(q.input.value); });
    var query = own.concat(pairs).join("&");
    var hash = this.url.value.indexOf("#");
    this.url.value = parts.base + (query ? "?" + query : "") +
      (hash >= 0 ? this.url.value.slice(hash) : "");
    this.checkUrl();
  };

  /* Problems the reader can fix before trying: said as they type. */
  Console.prototype.problem = function () {
    var url = this.url.value.trim();
    if (!url) return t.type_url;
    var placeholder = url.match(/\{[^{}]*\}/);
    if (placeholder) return say(t.fill_in, { placeholder: placeholder[0] });
    if (!/^wss?:\/\//i.test(url)) return t.ws_scheme;
    if (window.location.protocol === "https:" && /^ws:\/\//i.test(url)) return t.mixed_content;
    return "";
  };

  Console.prototype.checkUrl = function () {
    var problem = this.url.value.trim() ? this.problem() : "";
    this.warning.textContent = problem;
    this.warning.hidden = !problem;
  };

  Console.prototype.entry = function (kind, heading, body, link) {
    var item = el("div", { class: "asyncapi-console-entry asyncapi-console-" + kind });
    var head = el("div", { class: "asyncapi-console-entryhead" });
    head.appendChild(el("time", {}, clock()));
    head.appendChild(el("span", { class: "asyncapi-console-what" }, heading));
    if (link) {
      head.appendChild(link.anchor ? el("a", { href: "#" + link.anchor, class: "asyncapi-console-label" },
        link.label) : el("span", { class: "asyncapi-console-label" }, link.label));
    }
    item.appendChild(head);
    if (body !== undefined && body !== null && body !== "") {
      var shown = body.length > MAX_SHOWN
        ? body.slice(0, MAX_SHOWN) + "\n… " + say(t.more_characters, { count: body.length - MAX_SHOWN })
        : body;
      item.appendChild(el(kind === "sent" || kind === "received" ? "pre" : "p", {}, shown));
    }
    this.log.appendChild(item);
    while (this.log.childNodes.length > MAX_ENTRIES) this.log.removeChild(this.log.firstChild);
    this.log.scrollTop = this.log.scrollHeight;
    return item;
  };

  Console.prototype.setState = function (state, text) {
    this.state = state;
    this.status.textContent = text;
    this.status.setAttribute("data-state", state);
    this.connectButton.disabled = state === "connecting" || state === "open";
    this.disconnectButton.disabled = !(state === "connecting" || state === "open");
    this.sendButton.disabled = state !== "open";
  };

  Console.prototype.connect = function () {
    var self = this;
    var problem = this.problem();
    if (problem && problem !== t.mixed_content) {
      this.entry("error", problem);
      this.url.focus();
      return;
    }
    var target;
    try {
      target = new URL(this.url.value.trim());
    } catch (error) {
      this.entry("error", t.unreadable_url);
      return;
    }
    var shown = new URL(target.href);
    var missing = [];
    this.secretInputs.forEach(function (s) {
      if (s.input.value) {
        target.searchParams.set(s.spec.name, s.input.value);
        shown.searchParams.set(s.spec.name, "•••");
      } else if (s.spec.required) missing.push(s.spec.name);
    });
    var protocols = [];
    if (this.protocolInput) {
      protocols = this.protocolInput.value.split(",").map(function (p) { return p.trim(); })
        .filter(Boolean);
    }
    var missingQuery = this.queryInputs.filter(function (q) {
      return q.spec.required && !q.input.value;
    }).map(function (q) { return q.spec.name; });
    missing = missingQuery.concat(missing);
    if (missing.length) {
      this.entry("event", say(t.missing_required, { names: missing.join(", ") }));
    }
    var socket;
    try {
      socket = protocols.length ? new WebSocket(target.href, protocols) : new WebSocket(target.href);
    } catch (error) {
      var why = error && error.name === "SecurityError" ? t.blocked
        : (protocols.length ? t.refused_subprotocol : t.refused);
      this.entry("error", why);
      return;
    }
    socket.binaryType = "arraybuffer";
    this.socket = socket;
    this.opened = false;
    this.cancelled = false;
    this.protocolsOffered = protocols;
    var address = shown.href.replace(/%E2%80%A2/g, "•");
    this.entry("event", protocols.length
      ? say(t.connecting_offering, { url: address, protocols: protocols.join(", ") })
      : say(t.connecting_to, { url: address }));
    this.setState("connecting", t.connecting);
    if (open.indexOf(this) < 0) open.push(this);
    socket.addEventListener("open", function () {
      if (self.socket !== socket) return;
      self.opened = true;
      var protocol = socket.protocol;
      self.entry("event", protocol ? say(t.connected_with, { protocol: protocol })
        : (protocols.length ? t.connected : t.connected_without));
      self.setState("open", protocol ? say(t.status_connected_with, { protocol: protocol })
        : t.status_connected);
    });
    // An `error` event carries no detail: the `close` event that follows says what there is.
    socket.addEventListener("message", function (event) { self.received(socket, event.data); });
    socket.addEventListener("close", function (event) { self.closed(socket, event); });
  };

  Console.prototype.closed = function (socket, event) {
    if (this.socket !== socket) return;
    this.socket = null;
    var words = event.code + " " + closeMeaning(event.code);
    var reason = event.reason ? ": " + event.reason : "";
    if (!this.opened && this.cancelled) {
      this.entry("event", t.cancelled);
    } else if (!this.opened) {
      var detail = say(t.handshake_failed, { code: words });
      if (this.protocolsOffered.length) {
        detail += " " + say(t.subprotocol_refused, { protocols: this.protocolsOffered.join(", ") });
      }
      if (this.data.headers.some(function (h) { return h.required; })) {
        detail += " " + t.headers_required;
      }
      this.entry("error", detail);
    } else {
      this.entry(event.code === 1000 ? "event" : "error", say(t.closed, { code: words }) + reason +
        (event.wasClean ? "" : t.not_clean));
    }
    this.setState("closed", say(t.closed, { code: words }));
  };

  Console.prototype.disconnect = function () {
    if (!this.socket) return;
    this.cancelled = !this.opened;
    this.entry("event", this.opened ? t.disconnecting : t.cancelling);
    this.socket.close(1000, "closed from the docs console");
  };

  Console.prototype.send = function () {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) {
      this.entry("error", t.press_connect);
      return;
    }
    var text = this.text.value;
    var frame = this.frame.value;
    var choice = this.choices[Number(this.picker.value)];
    var message = choice && choice.message;
    if (frame === "text") {
      this.socket.send(text);
      this.entry("sent", say(t.sent_text, { size: sizeText(bytesOf(text)) }), pretty(text).text,
        message ? message.message : null);
    } else {
      var bytes;
      try {
        bytes = parseBinary(text, frame);
      } catch (error) {
        this.entry("error", say(t.not_sent, { reason: error.message }));
        return;
      }
      this.socket.send(bytes);
      this.entry("sent", say(t.sent_binary, { size: sizeText(bytes.length) }), hexOf(bytes),
        message ? message.message : null);
    }
    var self = this;
    if (message && message.replies.length) {
      message.replies.forEach(function (reply) { self.expected[reply.key] = message.message.label; });
      var note = this.entry("event", t.expecting_reply);
      this.appendLinks(note.querySelector(".asyncapi-console-what"), message.replies);
    }
  };

  Console.prototype.received = function (socket, payload) {
    if (this.socket !== socket) return;
    if (typeof payload !== "string") {
      var bytes = new Uint8Array(payload);
      this.entry("received", say(t.received_binary, { size: sizeText(bytes.length) }), hexOf(bytes));
      return;
    }
    var shown = pretty(payload);
    var json = shown.json;
    if (json === undefined) {
      try { json = JSON.parse(payload); } catch (error) { json = undefined; }
    }
    var known = recognise(this.data.recognizers, payload, json);
    var heading = say(t.received_text, { size: sizeText(bytesOf(payload)) });
    if (known && this.expected[known.message.key]) {
      heading += say(t.expected_reply_to, { request: this.expected[known.message.key] });
      delete this.expected[known.message.key];
    }
    this.entry("received", heading, shown.text, known ? known.message : null);
  };

  function setUp() {
    open = open.filter(function (c) {
      if (c.root.isConnected) return true;
      if (c.socket) c.socket.close(1000, "the reader left the page");
      return false;
    });
    var roots = document.querySelectorAll("[data-asyncapi-console]");
    Array.prototype.forEach.call(roots, function (root) {
      if (root.hasAttribute("data-asyncapi-console-ready")) return;
      var data;
      try {
        data = JSON.parse(root.getAttribute("data-asyncapi-console"));
      } catch (error) {
        return;
      }
      root.setAttribute("data-asyncapi-console-ready", "");
      new Console(root, data);
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();

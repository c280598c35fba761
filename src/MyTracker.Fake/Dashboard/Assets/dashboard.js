// fake-tracker dashboard: renders what the fake pushes (server-sent events) and posts the controls.
// Every value from the fake is put in the page as text (textContent), never as markup: request
// targets and reasons come from whoever called the fake.
'use strict';
(() => {
  const token = document.querySelector('meta[name="dashboard-token"]').content;
  const $ = (id) => document.getElementById(id);
  const MaxJournal = 1000;
  const MaxRows = 300;
  let setup = null;
  let journal = [];
  let exports = [];

  function cell(row, text, className, column) {
    const td = document.createElement('td');
    td.textContent = text === undefined || text === null ? '' : String(text);
    if (className) td.className = className;
    if (column) td.dataset.col = column;
    row.appendChild(td);
    return td;
  }

  // Replaces a select's options only when they changed, keeping the chosen one.
  function fill(select, items) {
    const key = JSON.stringify(items);
    if (select.dataset.key === key) return;
    const chosen = select.value;
    select.dataset.key = key;
    select.replaceChildren(...items.map(([value, label]) => {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = label;
      return option;
    }));
    if (items.some(([value]) => value === chosen)) select.value = chosen;
  }

  function say(text, isError) {
    const message = $('message');
    message.textContent = text;
    message.className = isError ? 'error' : '';
  }

  async function post(path, body) {
    try {
      const response = await fetch(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Fake-Dashboard-Token': token },
        body: JSON.stringify(body),
      });
      const answer = await response.json();
      say(response.ok ? answer.message : answer.error, !response.ok);
    } catch (e) {
      say('The fake did not answer: ' + e.message, true);
    }
  }

  function renderSetup() {
    $('base-url').textContent = setup.baseUrl;
    const body = $('endpoints').tBodies[0];
    body.replaceChildren(...setup.endpoints.map((endpoint) => {
      const row = document.createElement('tr');
      row.dataset.endpoint = endpoint.key;
      cell(row, endpoint.key, 'mono');
      cell(row, endpoint.method + ' ' + endpoint.path, 'mono');
      cell(row, endpoint.parameters.join(', '));
      cell(row, endpoint.scenarios.map((s) => s.status + ' ' + s.name + (s.default ? ' (default)' : '')).join(', '));
      return row;
    }));
    const endpoints = setup.endpoints.map((e) => [e.key, e.key + ' (' + e.method + ')']);
    fill($('answer-endpoint'), endpoints);
    fill($('curl-endpoint'), endpoints);
    fill($('curl-user'), setup.users.map((u) => [u, u]));
    fill($('ending-choice'), setup.endings.map((e) => [e, e]));
    fill($('filter-outcome'), [['', 'any'], ...setup.outcomes.map((o) => [o, o])]);
    scenariosOfChosenEndpoint();
    faultKinds();
    if (!$('curl-target').value) exampleTarget();
  }

  function endpointByKey(key) {
    return setup.endpoints.find((e) => e.key === key);
  }

  function scenariosOfChosenEndpoint() {
    const endpoint = endpointByKey($('answer-endpoint').value);
    fill($('answer-scenario'), endpoint ? endpoint.scenarios.map((s) => [s.name, s.status + ' ' + s.name]) : []);
  }

  function faultKinds() {
    fill($('fault-kind'), setup.faultKinds[$('fault-target').value].map((k) => [k, k]));
  }

  function exampleTarget() {
    const endpoint = endpointByKey($('curl-endpoint').value);
    $('curl-target').value = endpoint ? endpoint.example : '';
  }

  function renderExports() {
    const body = $('exports').tBodies[0];
    body.replaceChildren(...exports.map((e) => {
      const row = document.createElement('tr');
      row.dataset.export = e.area + '|' + e.user + '|' + e.id;
      cell(row, e.id, 'num', 'id');
      cell(row, e.user, null, 'user');
      cell(row, e.area, null, 'family');
      cell(row, e.state, null, 'state');
      const progress = cell(row, e.progress === undefined ? '—' : e.progress + '%', 'num', 'progress');
      if (e.progress !== undefined) {
        const bar = document.createElement('progress');
        bar.max = 100;
        bar.value = e.progress;
        bar.setAttribute('aria-label', 'progress of export ' + e.id);
        progress.prepend(bar, ' ');
      }
      cell(row, e.next, null, 'next');
      cell(row, e.polls + (e.pollAttempts !== e.polls ? ' (' + e.pollAttempts + ' attempts)' : ''), 'num', 'polls');
      cell(row, e.files + ' × ' + e.rowsPerFile + ' rows', 'num', 'files');
      cell(row, e.downloads, 'num', 'downloads');
      cell(row, e.expires ? new Date(e.expires).toLocaleTimeString() + (e.expired ? ' (expired)' : '') : '—', null, 'expires');
      cell(row, e.lifecycle, null, 'lifecycle');
      return row;
    }));
    body.parentElement.setAttribute('aria-rowcount', String(exports.length));
    fill($('ending-export'), exports.map((e) => [e.area + '|' + e.user + '|' + e.id, e.id + ' (' + e.area + ', user ' + e.user + ', ends ' + e.ending + ')']));
  }

  function renderArmed(state) {
    const items = [];
    for (const fault of state.faults) {
      const li = document.createElement('li');
      li.textContent = fault.kind + ' on ' + fault.when + (fault.file ? ' of file ' + fault.file : '') + ', ' + fault.scope + (fault.pending ? ' (armed)' : ' (used)');
      li.className = fault.pending ? 'armed' : 'used';
      items.push(li);
    }
    for (const answer of state.nextAnswers) {
      const li = document.createElement('li');
      li.textContent = 'next answer of ' + answer.endpoint + ': ' + answer.scenario + ' (armed)';
      li.className = 'armed';
      items.push(li);
    }
    if (items.length === 0) {
      const li = document.createElement('li');
      li.textContent = 'none armed';
      items.push(li);
    }
    $('armed').replaceChildren(...items);
  }

  function matches(entry, text, outcome) {
    if (outcome && entry.outcome !== outcome) return false;
    if (!text) return true;
    const haystack = [entry.method, entry.target, entry.endpoint, entry.status, entry.outcome, entry.user, entry.served, entry.fault, entry.scenario, entry.detail]
      .filter((v) => v !== null && v !== undefined).join(' ').toLowerCase();
    return haystack.includes(text);
  }

  function renderJournal() {
    const text = $('filter-text').value.trim().toLowerCase();
    const outcome = $('filter-outcome').value;
    const rows = [];
    let shown = 0;
    for (let i = journal.length - 1; i >= 0 && rows.length < MaxRows; i--) {
      const entry = journal[i];
      if (!matches(entry, text, outcome)) continue;
      shown++;
      const row = document.createElement('tr');
      row.dataset.seq = entry.seq;
      row.className = entry.outcome.toLowerCase();
      cell(row, entry.seq, 'num', 'seq');
      cell(row, entry.time, 'mono', 'time');
      cell(row, entry.method + ' ' + entry.target, 'mono', 'request');
      cell(row, entry.endpoint, 'mono', 'endpoint');
      cell(row, entry.status, 'num', 'status');
      cell(row, entry.outcome, null, 'outcome');
      cell(row, entry.user, null, 'user');
      cell(row, entry.served, null, 'served');
      cell(row, entry.fault || entry.scenario, null, 'fault');
      cell(row, entry.detail, null, 'reason');
      rows.push(row);
    }
    $('journal').tBodies[0].replaceChildren(...rows);
    $('journal-count').textContent = shown + ' of ' + journal.length + ' shown';
  }

  // Messages update the data at once; the page is drawn once per frame at most (none while hidden),
  // so a burst of messages under load costs one redraw.
  let latest = null;
  let drawing = false;
  function receive(state) {
    if (state.fresh) {
      setup = state.setup;
      journal = [];
      renderSetup();
    }
    journal.push(...state.journal);
    if (journal.length > MaxJournal) journal.splice(0, journal.length - MaxJournal);
    exports = state.exports;
    latest = state;
    if (!drawing) {
      drawing = true;
      requestAnimationFrame(draw);
    }
  }

  function draw() {
    drawing = false;
    renderExports();
    renderArmed(latest);
    renderJournal();
  }

  const events = new EventSource('events');
  events.addEventListener('state', (e) => receive(JSON.parse(e.data)));
  events.addEventListener('open', () => { $('connection').textContent = 'live'; $('connection').className = 'live'; });
  events.addEventListener('error', () => { $('connection').textContent = 'disconnected, reconnecting…'; $('connection').className = ''; });

  $('answer-endpoint').addEventListener('change', scenariosOfChosenEndpoint);
  $('fault-target').addEventListener('change', faultKinds);
  $('curl-endpoint').addEventListener('change', exampleTarget);
  $('filter-text').addEventListener('input', renderJournal);
  $('filter-outcome').addEventListener('change', renderJournal);
  $('journal-filter').addEventListener('submit', (e) => e.preventDefault());

  $('ending-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const [area, user, id] = $('ending-export').value.split('|');
    if (!id) { say('No export to change.', true); return; }
    post('api/ending', { area, user, id: Number(id), ending: $('ending-choice').value });
  });
  $('fault-form').addEventListener('submit', (e) => {
    e.preventDefault();
    post('api/fault', { target: $('fault-target').value, kind: $('fault-kind').value });
  });
  $('answer-form').addEventListener('submit', (e) => {
    e.preventDefault();
    post('api/next-answer', { endpoint: $('answer-endpoint').value, scenario: $('answer-scenario').value });
  });
  $('reset').addEventListener('click', () => post('api/reset', {}));
  $('curl-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const query = new URLSearchParams({ endpoint: $('curl-endpoint').value, user: $('curl-user').value, target: $('curl-target').value });
    try {
      const response = await fetch('api/curl?' + query);
      const answer = await response.json();
      if (response.ok) {
        $('curl-line').value = answer.curl;
        say('Signed ' + answer.method + ' ' + answer.url + ' for user ' + $('curl-user').value + '.', false);
      } else {
        say(answer.error, true);
      }
    } catch (error) {
      say('The fake did not answer: ' + error.message, true);
    }
  });
  $('copy-curl').addEventListener('click', async () => {
    const line = $('curl-line');
    if (!line.value) { say('Make a curl line first.', true); return; }
    try {
      await navigator.clipboard.writeText(line.value);
      say('Copied the curl line.', false);
    } catch {
      line.select();
      say('Selected the curl line: copy it with Ctrl+C.', false);
    }
  });
})();

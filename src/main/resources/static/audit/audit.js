// The audit page: every piece of case data comes from /api/** with the auditor's own HTTP Basic
// credentials, and is written into the page as text (textContent), never as HTML.
(function () {
  'use strict';

  let credentials = null; // "Basic ..." header value, in this tab's memory only
  let currentTimeline = [];

  const $ = (id) => document.getElementById(id);

  function basic(user, password) {
    const bytes = new TextEncoder().encode(user + ':' + password);
    let binary = '';
    bytes.forEach((b) => { binary += String.fromCharCode(b); });
    return 'Basic ' + btoa(binary);
  }

  /** GET a JSON resource; 401 sends the user back to the login form. */
  async function api(path) {
    const response = await fetch(path, {
      credentials: 'omit',
      headers: {
        'Authorization': credentials,
        'Accept': 'application/json',
        // Without it a browser would show its own Basic login dialog on a 401.
        'X-Requested-With': 'XMLHttpRequest'
      }
    });
    if (response.status === 401) {
      signOut('Your login was not accepted: check the user and password. After a wrong password the account is'
        + ' locked for a few seconds, so wait a moment before trying again.');
      throw new Error('unauthorised');
    }
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new Error(describe(response.status, body));
      error.status = response.status;
      throw error;
    }
    return body;
  }

  function describe(status, body) {
    if (status === 403) {
      return 'Your role may not read case histories (auditors, managers and administrators may).';
    }
    const details = (body.errors || []).map((e) => e.message).join('; ');
    return (body.message || ('The server answered ' + status)) + (details ? ': ' + details : '');
  }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    if (className) {
      node.className = className;
    }
    return node;
  }

  function row(cells) {
    const tr = document.createElement('tr');
    cells.forEach((cell) => {
      const td = document.createElement('td');
      if (cell instanceof Node) {
        td.appendChild(cell);
      } else {
        td.textContent = cell === undefined || cell === null ? '' : String(cell);
      }
      tr.appendChild(td);
    });
    return tr;
  }

  function when(iso) {
    if (!iso) {
      return '';
    }
    const d = new Date(iso);
    return isNaN(d) ? String(iso) : d.toLocaleString('en-GB', { timeZone: 'Europe/London' });
  }

  function duration(ms) {
    if (ms === null || ms === undefined) {
      return '';
    }
    const minutes = Math.round(ms / 60000);
    if (minutes < 60) {
      return minutes + ' min';
    }
    const hours = Math.round(minutes / 60);
    if (hours < 48) {
      return hours + ' h';
    }
    return Math.round(hours / 24) + ' days';
  }

  // ---- sign in and out ----

  $('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    credentials = basic($('login-user').value, $('login-password').value);
    $('login-password').value = '';
    $('login-message').textContent = '';
    try {
      // Any readable resource proves the login and the role; a search with a reference nobody has is cheap.
      await api('/api/cases?ref=CR-0000-000000');
      $('signed-in-user').textContent = $('login-user').value;
      $('signed-in').hidden = false;
      $('login-section').hidden = true;
      $('search-section').hidden = false;
      $('search-text').focus();
      openLinkedCase();
    } catch (e) {
      if (e.message !== 'unauthorised') {
        credentials = null;
        $('login-message').textContent = e.message;
      }
    }
  });

  function signOut(message) {
    credentials = null;
    $('signed-in').hidden = true;
    $('search-section').hidden = true;
    $('case-section').hidden = true;
    $('login-section').hidden = false;
    $('login-message').textContent = message || '';
  }

  $('sign-out').addEventListener('click', () => signOut('Signed out.'));

  // ---- a link to a case: /audit/#CR-2026-000012 (the census check's links) ----

  /** The case reference in the address's fragment, or null: what a report's link asks to open. */
  function linkedCase() {
    const ref = decodeURIComponent(location.hash.replace(/^#/, '')).trim();
    return /^CR-\d{4}-\d{6}$/i.test(ref) ? ref.toUpperCase() : null;
  }

  /** Opens the linked case once signed in; before that the sign-in form comes first and opens it after. */
  function openLinkedCase() {
    const ref = linkedCase();
    if (ref && credentials) {
      $('search-text').value = ref;
      openCase(ref);
    }
  }

  window.addEventListener('hashchange', openLinkedCase);

  // ---- search ----

  $('search-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = $('search-text').value.trim();
    const query = /^CR-?\d*(-\d*)?$/i.test(text) ? 'ref=' + encodeURIComponent(text) : 'child=' + encodeURIComponent(text);
    $('search-message').textContent = 'Searching…';
    try {
      const found = await api('/api/cases?' + query);
      showResults(found);
    } catch (e) {
      $('search-message').textContent = e.message;
    }
  });

  function showResults(found) {
    const body = $('results').querySelector('tbody');
    body.replaceChildren();
    found.cases.forEach((c) => {
      const link = el('a', c.caseRef, 'case-link');
      link.href = '#' + c.caseRef;
      link.addEventListener('click', (event) => { event.preventDefault(); openCase(c.caseRef); });
      body.appendChild(row([link, c.childFirstName + ' ' + c.childLastName, c.childDateOfBirth || '', c.status,
        when(c.openedAt), c.allocatedTeam || '', c.allocatedWorker || '']));
    });
    $('results').hidden = found.cases.length === 0;
    $('search-message').textContent = found.cases.length === 0 ? 'No case found.'
      : found.cases.length + (found.cases.length === found.limit ? ' cases (the first ' + found.limit + '; narrow the search)' : ' case(s)');
  }

  // ---- one case ----

  async function openCase(caseRef) {
    $('case-section').hidden = false;
    $('case-title').textContent = 'Case ' + caseRef;
    $('case-message').textContent = 'Loading…';
    $('diagrams').replaceChildren();
    $('timeline').querySelector('tbody').replaceChildren();
    try {
      const [timeline, path] = await Promise.all([
        api('/api/cases/' + encodeURIComponent(caseRef) + '/timeline'),
        api('/api/cases/' + encodeURIComponent(caseRef) + '/diagram-path')]);
      $('case-message').textContent = '';
      currentTimeline = timeline.entries;
      showTimeline();
      await showDiagrams(path);
    } catch (e) {
      $('case-message').textContent = e.message;
    }
    $('case-section').scrollIntoView();
  }

  const PEOPLE_STEPS = ['USER_TASK', 'DEADLINE_MISSED', 'DECISION', 'CENSUS_DATE', 'NOTIFICATION', 'RECORD_CHANGE', 'ACTIVITY'];
  const ENGINE_ONLY = ['startEvent', 'noneEndEvent', 'exclusiveGateway', 'parallelGateway', 'inclusiveGateway',
    'eventBasedGateway', 'sequenceFlow', 'multiInstanceBody'];

  function showTimeline() {
    const all = $('show-all').checked;
    const body = $('timeline').querySelector('tbody');
    body.replaceChildren();
    currentTimeline
      .filter((e) => all || (PEOPLE_STEPS.includes(e.kind) && !(e.kind === 'ACTIVITY' && ENGINE_ONLY.includes(e.elementType))))
      .forEach((e) => {
        const deadline = e.deadline ? el('span', e.deadline, e.deadline.toLowerCase()) : '';
        const step = e.kind === 'DECISION' || e.kind === 'CENSUS_DATE'
          ? e.variable + ' = ' + (e.value === null || e.value === undefined ? '(none)' : e.value)
          : (e.name || e.elementId || '') + (e.timescaleStep ? ' [' + e.timescaleStep + ']' : '');
        const model = e.process ? (e.process.name || e.process.key) + ' v' + e.process.version : '';
        body.appendChild(row([when(e.at), e.kind.replace('_', ' ').toLowerCase(), step, model, e.who || '',
          when(e.due), when(e.completed), deadline, e.lateReason || e.detail || '']));
      });
  }

  $('show-all').addEventListener('change', showTimeline);

  async function showDiagrams(path) {
    const viewerLoaded = typeof window.BpmnJS === 'function';
    $('viewer-missing').hidden = viewerLoaded;
    for (const process of path.processes) {
      const title = el('p', (process.processName || process.processKey) + ' (version ' + process.version + '), '
        + when(process.start) + (process.end ? ' to ' + when(process.end) : ', still running'), 'diagram-title');
      $('diagrams').appendChild(title);
      if (!viewerLoaded) {
        $('diagrams').appendChild(el('p', 'Passed: ' + process.activities.map((a) => a.activityName || a.activityId).join(' → ')));
        continue;
      }
      const container = el('div', null, 'diagram');
      container.dataset.processKey = process.processKey;
      $('diagrams').appendChild(container);
      const viewer = new window.BpmnJS({ container: container });
      try {
        await viewer.importXML(process.bpmnXml);
      } catch (e) {
        container.replaceChildren(el('p', 'This model could not be drawn: ' + e.message, 'message'));
        continue;
      }
      const canvas = viewer.get('canvas');
      const overlays = viewer.get('overlays');
      const registry = viewer.get('elementRegistry');
      canvas.zoom('fit-viewport');
      process.timeSpent.forEach((spent) => {
        if (!registry.get(spent.activityId)) {
          return;
        }
        canvas.addMarker(spent.activityId, 'sf-passed');
        const element = registry.get(spent.activityId);
        if (element.type === 'bpmn:SequenceFlow' || element.type === 'bpmn:Process') {
          return;
        }
        const badge = el('span', duration(spent.totalMillis) + (spent.times > 1 ? ' ×' + spent.times : '')
          + (spent.stillOpen ? ' (open)' : ''), 'sf-time' + (spent.stillOpen ? ' open' : ''));
        badge.title = 'Time spent in ' + (element.businessObject.name || spent.activityId);
        overlays.add(spent.activityId, 'sf-time', { position: { bottom: 8, right: 10 }, html: badge });
      });
      process.sequenceFlowsTaken.forEach((flowId) => {
        if (registry.get(flowId)) {
          canvas.addMarker(flowId, 'sf-taken');
        }
      });
    }
  }

  // ---- timeliness ----

  $('timeliness-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const params = new URLSearchParams({ from: $('timeliness-from').value, to: $('timeliness-to').value });
    if ($('timeliness-team').value.trim()) {
      params.set('team', $('timeliness-team').value.trim());
    }
    $('timeliness-message').textContent = 'Counting…';
    try {
      const report = await api('/api/timeliness?' + params.toString());
      const body = $('timeliness-table').querySelector('tbody');
      body.replaceChildren();
      report.steps.forEach((s) => {
        const cases = document.createElement('span');
        s.lateCases.concat(s.overdueCases).forEach((ref, i) => {
          if (i > 0) {
            cases.appendChild(document.createTextNode(', '));
          }
          const link = el('a', ref, 'case-link');
          link.href = '#' + ref;
          link.addEventListener('click', (e) => { e.preventDefault(); openCase(ref); });
          cases.appendChild(link);
        });
        body.appendChild(row([s.step, s.team, s.onTime, s.late, s.stillOpenPastDeadline, cases]));
      });
      $('timeliness-table').hidden = report.steps.length === 0;
      $('timeliness-message').textContent = report.steps.length === 0 ? 'No statutory step was done in that period.' : '';
    } catch (e) {
      $('timeliness-message').textContent = e.message;
    }
  });

  // ---- returns: downloaded with the auditor's login, saved under the name the server gives ----

  async function download(path, fallbackName) {
    $('returns-message').textContent = 'Building…';
    try {
      const response = await fetch(path, {
        credentials: 'omit',
        headers: { 'Authorization': credentials, 'X-Requested-With': 'XMLHttpRequest' }
      });
      if (!response.ok) {
        const body = await response.json().catch(() => ({}));
        throw new Error(response.status === 403 ? 'Your role may not download returns (auditors and service managers may).'
          : describe(response.status, body));
      }
      const named = /filename="?([^";]+)"?/.exec(response.headers.get('Content-Disposition') || '');
      const name = named ? named[1] : fallbackName;
      const url = URL.createObjectURL(await response.blob());
      const link = el('a');
      link.href = url;
      link.download = name;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      $('returns-message').textContent = 'Downloaded ' + name + '.';
    } catch (e) {
      $('returns-message').textContent = e.message;
    }
  }

  $('annex-a-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams({ from: $('annex-a-from').value, to: $('annex-a-to').value });
    download('/api/returns/annex-a?' + params.toString(), 'annex-a.xlsx');
  });

  $('census-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const year = $('census-year').value;
    download('/api/returns/cin-census?year=' + encodeURIComponent(year), 'cin-census-' + year + '.xml');
  });

  // ---- CIN census pre-submission check ----

  $('census-year').value = String(new Date().getMonth() < 3 ? new Date().getFullYear() : new Date().getFullYear() + 1);
  $('census-check-year').value = String(new Date().getMonth() < 3 ? new Date().getFullYear() : new Date().getFullYear() + 1);

  $('census-check-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const year = $('census-check-year').value;
    $('census-check-message').textContent = 'Checking…';
    try {
      const report = await api('/api/returns/cin-census/check?year=' + encodeURIComponent(year));
      const body = $('census-check-table').querySelector('tbody');
      body.replaceChildren();
      report.failures.forEach((f) => {
        let caseCell = '';
        if (f.caseRef) {
          const ref = f.caseRef;
          caseCell = el('a', ref, 'case-link');
          caseCell.href = '#' + ref;
          caseCell.addEventListener('click', (e) => { e.preventDefault(); openCase(ref); });
        }
        const tr = row([f.code, f.type, f.message, f.laChildId || 'whole return', caseCell, f.detail]);
        tr.className = f.type === 'error' ? 'census-error' : 'census-query';
        body.appendChild(tr);
      });
      $('census-check-table').hidden = report.failures.length === 0;
      $('census-check-message').textContent = 'Census ' + report.year + ' (reference date ' + report.referenceDate + '): '
        + report.summary + (report.failures.length === 0 ? '. Nothing to correct.' : '.');
      const list = $('census-not-recorded').querySelector('ul');
      list.replaceChildren();
      report.notRecorded.forEach((r) => list.appendChild(el('li', r.code + ' (' + r.type + '): ' + r.checks + ' ' + r.why)));
      $('census-not-recorded').hidden = report.notRecorded.length === 0;
    } catch (e) {
      $('census-check-message').textContent = e.status === 403
        ? 'Your role may not run the census check (auditors and service managers may).' : e.message;
    }
  });
}());

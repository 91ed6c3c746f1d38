// The DBA console: plain DOM, no framework, no build step. Every text that comes from the server
// (questions, catalog strings) is set with textContent, never as HTML.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const TOKEN_KEY = 'chatbi-admin-token';
  const state = { catalog: null, files: null, currentFile: null, modelsTimer: null };

  // ---- small helpers -------------------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function when(iso) {
    if (!iso) return '—';
    const date = new Date(iso);
    return date.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  }

  function adminHeaders() {
    const token = $('admin-token').value.trim();
    return token ? { authorization: `Bearer ${token}` } : {};
  }

  async function api(path, options) {
    const init = options || {};
    const admin = path.startsWith('/api/admin/');
    const headers = Object.assign({ accept: 'application/json' }, admin ? adminHeaders() : {}, init.body ? { 'content-type': 'application/json' } : {});
    const response = await fetch(path, { method: init.method || 'GET', headers, body: init.body ? JSON.stringify(init.body) : undefined });
    const json = await response.json().catch(() => ({ error: { code: 'INVALID_RESPONSE', message: `${path} answered ${response.status} without JSON` } }));
    if (!response.ok) {
      const error = new Error((json.error && json.error.message) || `${path} answered ${response.status}`);
      error.code = json.error && json.error.code;
      error.details = json.error && json.error.details;
      throw error;
    }
    return json;
  }

  function showError(container, error) {
    container.replaceChildren(el('div', { class: 'notice error', role: 'alert' }, el('span', { class: 'code', text: error.code || 'ERROR' }), ' ', error.message));
  }

  async function copyText(text, button) {
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = 'Copied';
    } catch {
      button.textContent = 'Select the text and copy it (Ctrl+C)';
    }
    setTimeout(() => (button.textContent = 'Copy'), 4000);
  }

  // ---- tabs ----------------------------------------------------------------------------------

  const loaders = { views: loadViews, misses: loadMisses, proposals: loadProposals, catalog: loadCatalogFiles, models: loadModels };

  function selectTab(name) {
    for (const tab of document.querySelectorAll('[role="tab"]')) {
      const selected = tab.id === `tab-${name}`;
      tab.setAttribute('aria-selected', String(selected));
      $(tab.getAttribute('aria-controls')).hidden = !selected;
    }
    if (name !== 'models' && state.modelsTimer) {
      clearTimeout(state.modelsTimer);
      state.modelsTimer = null;
    }
    history.replaceState(null, '', `#${name}`);
    loaders[name]();
  }

  // ---- views ---------------------------------------------------------------------------------

  async function loadViews() {
    const body = $('views-table').tBodies[0];
    try {
      const [usage, catalog] = await Promise.all([api('/api/advisor/usage'), api('/api/catalog')]);
      state.catalog = catalog;
      $('catalog-hash').textContent = `catalog ${catalog.hash}`;
      const width = new Map(catalog.views.map((v) => [v.name, v.columns.length]));
      body.replaceChildren(
        ...usage.map((u) =>
          el(
            'tr',
            { 'data-view': u.view },
            el('td', {}, el('button', { class: 'link', text: u.view, onclick: () => showView(u.view) })),
            el('td', { class: 'num hits', text: u.hits }),
            el('td', { class: 'num', text: u.failures }),
            el('td', { text: when(u.lastHitAt) }),
            el('td', { class: 'num', text: u.useful }),
            el('td', { class: 'num', text: u.notUseful }),
            el('td', { class: 'num', text: width.get(u.view) ?? '—' }),
          ),
        ),
      );
    } catch (error) {
      showError($('view-detail'), error);
    }
  }

  function showView(name) {
    const view = state.catalog && state.catalog.views.find((v) => v.name === name);
    if (!view) return;
    const aliases = (a) => [...(a.en || []), ...(a.zh || [])].join(', ');
    $('view-detail').replaceChildren(
      el('h2', { text: view.name }),
      el('p', { text: view.description }),
      el('p', { class: 'muted', text: `Aliases: ${aliases(view.aliases) || '—'} · data latency ${view.dataLatencyDays} day(s)` }),
      el(
        'table',
        { class: 'grid', id: 'columns-table' },
        el('thead', {}, el('tr', {}, ['Column', 'Kind', 'Role', 'Type', 'Aliases', 'Expression / values'].map((h) => el('th', { text: h })))),
        el(
          'tbody',
          {},
          view.columns.map((c) =>
            el(
              'tr',
              { 'data-column': c.name },
              el('td', { class: 'mono', text: c.name, title: c.description }),
              el('td', { text: c.kind }),
              el('td', { text: c.role }),
              el('td', { text: c.type }),
              el('td', { text: aliases(c.aliases) }),
              el('td', { class: 'mono', text: c.expr || (c.values ? c.values.map((v) => v.value).join(', ') : '') }),
            ),
          ),
        ),
      ),
    );
  }

  // ---- misses --------------------------------------------------------------------------------

  async function loadMisses() {
    const body = $('misses-table').tBodies[0];
    try {
      const misses = await api('/api/advisor/misses');
      if (misses.length === 0) {
        body.replaceChildren(el('tr', {}, el('td', { colspan: 3, class: 'muted', text: 'No misses recorded.' })));
        return;
      }
      body.replaceChildren(
        ...misses.map((m) =>
          el(
            'tr',
            {},
            el('td', { text: when(m.createdAt) }),
            el('td', { class: 'question', text: m.question }),
            el('td', {}, (m.needed || []).map((n) => el('div', {}, el('q', { text: n.column }), ` in ${n.views.join(', ') || 'no view'}`))),
          ),
        ),
      );
    } catch (error) {
      body.replaceChildren(el('tr', {}, el('td', { colspan: 3 }, error.message)));
    }
  }

  // ---- proposals -----------------------------------------------------------------------------

  async function loadProposals() {
    const list = $('proposals-list');
    try {
      const report = await api('/api/advisor/proposals');
      $('proposals-summary').textContent =
        `${report.missesRead} misses read · ${report.proposals.length} proposal(s) · ${report.coveredMisses} already covered by a view · ` +
        `${report.unresolvedMisses} without catalog columns · half-life ${report.halfLifeDays} days`;
      list.replaceChildren(...(report.proposals.length ? report.proposals.map(proposalCard) : [el('p', { class: 'muted', text: 'No proposals: no recurring misses.' })]));
      $('retire-list').replaceChildren(
        ...(report.retire.length
          ? report.retire.map((r) => el('li', { 'data-view': r.view }, el('strong', { text: r.view }), `: ${r.reason} (${r.hitsTotal} hits in all)`))
          : [el('li', { class: 'muted', text: `None: every view answered a question in the last ${report.retireAfterDays} days, or nothing was asked.` })]),
      );
    } catch (error) {
      showError(list, error);
    }
  }

  function proposalCard(p) {
    const v = p.view;
    const codeBlock = (label, text, cls) => {
      const button = el('button', { class: 'copy', text: 'Copy', title: `Copy the ${label}`, 'data-copies': cls });
      button.addEventListener('click', () => copyText(text, button));
      return el('div', { class: 'code-block' }, el('div', { class: 'code-head' }, el('span', { text: label }), button), el('pre', { class: cls, text }));
    };
    return el(
      'article',
      { class: 'proposal', 'data-proposal': v.name },
      el('h3', {}, el('span', { class: 'mono', text: v.name }), el('span', { class: 'badge', text: `${p.misses} miss${p.misses === 1 ? '' : 'es'}` }), el('span', { class: 'muted', text: ` score ${p.score} · last ${when(p.lastAskedAt)}` })),
      el('p', {}, 'Asked for: ', p.requested.map((r, i) => [i ? ', ' : '', el('code', { text: `${r.view}.${r.column}` }), ` (“${r.phrases.join('”, “')}”)`])),
      el('p', {}, `Primary view `, el('code', { text: v.primary }), v.joins.map((j) => [' + ', el('code', { text: j.view }), j.keys.length ? ` on ${j.keys.join(', ')}` : ' (no safe join key)'])),
      el('details', {}, el('summary', { text: 'Example questions' }), el('ul', {}, p.examples.map((q) => el('li', { class: 'question', text: q })))),
      v.warnings.length ? el('ul', { class: 'warnings' }, v.warnings.map((w) => el('li', { text: w }))) : null,
      v.ddl ? codeBlock('CREATE VIEW (DuckDB)', v.ddl, 'ddl') : el('p', { class: 'notice error', text: 'No DDL: these views share no safe join key.' }),
      v.yaml
        ? [
            codeBlock('Catalog YAML draft', v.yaml, 'yaml'),
            el('button', { class: 'open-draft', text: 'Open the draft in the catalog editor', onclick: () => openDraft(`${v.name.replace(/_/g, '-')}.yaml`, v.yaml) }),
          ]
        : null,
    );
  }

  function openDraft(file, yaml) {
    selectTab('catalog');
    $('catalog-new-file').value = file;
    newFile(yaml);
  }

  // ---- catalog editor ------------------------------------------------------------------------

  async function loadCatalogFiles() {
    try {
      const files = await api('/api/admin/catalog/files');
      state.files = files;
      $('catalog-hash').textContent = `catalog ${files.hash}`;
      $('catalog-dir').textContent = files.dir ? `in ${files.dir}` : '';
      const notice = $('catalog-readonly');
      notice.hidden = files.writable;
      notice.textContent = files.writable
        ? ''
        : 'This is the demo catalog shipped with ChatBI: you can validate edits but not apply them. Copy it to a directory of your own and start ChatBI with CHATBI_CATALOG_DIR set to it.';
      $('catalog-apply').disabled = !files.writable;
      $('catalog-remove').disabled = !files.writable;
      const select = $('catalog-file');
      const keep = state.currentFile && files.files.some((f) => f.name === state.currentFile) ? state.currentFile : files.files[0] && files.files[0].name;
      select.replaceChildren(...files.files.map((f) => el('option', { value: f.name, text: `${f.name} (${f.views.join(', ') || 'no views'})` })));
      if (keep && !$('catalog-text').dataset.newFile) {
        select.value = keep;
        if (keep !== state.currentFile || !$('catalog-text').value) await openFile(keep);
      }
    } catch (error) {
      setStatus(`${error.code || 'ERROR'}: ${error.message}`, 'error');
    }
  }

  async function openFile(name) {
    const file = await api(`/api/admin/catalog/files/${encodeURIComponent(name)}`);
    state.currentFile = file.name;
    delete $('catalog-text').dataset.newFile;
    $('catalog-text').value = file.text;
    $('catalog-problems').replaceChildren();
    setStatus(`Editing ${file.name}`);
  }

  function newFile(text) {
    const name = $('catalog-new-file').value.trim();
    if (!name) {
      setStatus('Name the new file first, e.g. my-view.yaml', 'error');
      return;
    }
    state.currentFile = name;
    $('catalog-text').dataset.newFile = 'true';
    $('catalog-text').value = typeof text === 'string' ? text : 'version: 1\nviews:\n  - name: my_view\n    description: What one row is.\n    columns:\n      - { name: event_day, type: date, role: time, description: Day. }\n';
    $('catalog-problems').replaceChildren();
    setStatus(`New file ${name}: Validate, then Apply to add it to the catalog`);
  }

  function setStatus(text, kind) {
    const status = $('catalog-status');
    status.textContent = text;
    status.className = kind || '';
  }

  function edit() {
    return { file: state.currentFile, text: $('catalog-text').value };
  }

  function showProblems(problems) {
    $('catalog-problems').replaceChildren(
      ...problems.map((p) =>
        el(
          'li',
          { class: 'problem', 'data-line': p.line },
          el('button', { class: 'link line', text: `${p.file}:${p.line}:${p.column}`, onclick: () => goToLine(p.file, p.line) }),
          ' ',
          p.path ? el('code', { text: p.path }) : null,
          ' ',
          p.message,
        ),
      ),
    );
  }

  function goToLine(file, line) {
    if (file !== state.currentFile) return;
    const area = $('catalog-text');
    const lines = area.value.split('\n');
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    area.focus();
    area.setSelectionRange(start, start + (lines[line - 1] || '').length);
    area.scrollTop = Math.max(0, (line - 5) * parseFloat(getComputedStyle(area).lineHeight || '16'));
  }

  async function validate() {
    if (!state.currentFile) return;
    setStatus('Validating…');
    try {
      const result = await api('/api/admin/catalog/validate', { method: 'POST', body: edit() });
      showProblems(result.problems);
      if (result.valid) {
        const change = [result.added.length ? `adds ${result.added.join(', ')}` : '', result.removed.length ? `removes ${result.removed.join(', ')}` : ''].filter(Boolean).join('; ');
        setStatus(`Valid: ${result.file} defines ${result.views.join(', ') || 'no views'}${change ? `; ${change}` : ''}. Nothing was written.`, 'ok');
      } else {
        setStatus(`${result.problems.length} problem(s): nothing was written.`, 'error');
      }
    } catch (error) {
      setStatus(`${error.code || 'ERROR'}: ${error.message}`, 'error');
    }
  }

  async function apply() {
    if (!state.currentFile) return;
    setStatus('Applying…');
    try {
      const result = await api('/api/admin/catalog/apply', { method: 'POST', body: edit() });
      $('catalog-problems').replaceChildren();
      delete $('catalog-text').dataset.newFile;
      const changed = [['added', result.added], ['updated', result.updated], ['removed', result.removed]]
        .filter(([, list]) => list.length)
        .map(([what, list]) => `${what} ${list.join(', ')}`)
        .join('; ');
      setStatus(`Applied ${result.file}: catalog ${result.hash}${changed ? ` (${changed})` : ' (no change)'}; previous version kept as ${result.backup || '— (new file)'}. The models retrain in the background.`, 'ok');
      $('catalog-hash').textContent = `catalog ${result.hash}`;
      state.catalog = null;
      await loadCatalogFiles();
    } catch (error) {
      if (error.details && error.details.problems) showProblems(error.details.problems);
      setStatus(`${error.code || 'ERROR'}: not applied, nothing was written. ${error.message.split('\n')[0]}`, 'error');
    }
  }

  async function removeFile() {
    const file = state.currentFile;
    if (!file || $('catalog-text').dataset.newFile) return;
    if (!confirm(`Remove ${file} and the views it defines from the catalog? The file is kept under .backups/.`)) return;
    try {
      const result = await api('/api/admin/catalog/remove', { method: 'POST', body: { file } });
      state.currentFile = null;
      $('catalog-text').value = '';
      setStatus(`Removed ${file}: catalog ${result.hash}${result.removed.length ? ` (removed ${result.removed.join(', ')})` : ''}; kept as ${result.backup}.`, 'ok');
      await loadCatalogFiles();
    } catch (error) {
      if (error.details && error.details.problems) showProblems(error.details.problems);
      setStatus(`${error.code || 'ERROR'}: not removed. ${error.message.split('\n')[0]}`, 'error');
    }
  }

  // ---- models --------------------------------------------------------------------------------

  async function loadModels() {
    const body = $('models-table').tBodies[0];
    try {
      const models = await api('/api/models');
      $('catalog-hash').textContent = `catalog ${models.catalog}`;
      body.replaceChildren(
        ...models.models.map((m) =>
          el(
            'tr',
            { 'data-model': m.kind },
            el('td', { text: m.kind }),
            el('td', { class: m.serving ? 'ok status' : 'pending status', text: m.serving ? 'serving this catalog' : 'retraining… (catalog rules answer meanwhile)' }),
            el('td', { class: 'mono', text: m.card ? m.card.catalogHash : '—' }),
            el('td', { text: m.card ? when(m.card.trainedAt) : '—' }),
            el('td', { class: 'num', text: m.card ? `${(m.card.validationAccuracy * 100).toFixed(1)}%` : '—' }),
          ),
        ),
      );
      if (models.models.some((m) => !m.serving)) state.modelsTimer = setTimeout(loadModels, 2000);
    } catch (error) {
      body.replaceChildren(el('tr', {}, el('td', { colspan: 5 }, error.message)));
    }
  }

  // ---- start ---------------------------------------------------------------------------------

  document.addEventListener('DOMContentLoaded', () => {
    $('admin-token').value = sessionStorage.getItem(TOKEN_KEY) || '';
    $('admin-token').addEventListener('change', () => sessionStorage.setItem(TOKEN_KEY, $('admin-token').value.trim()));
    for (const tab of document.querySelectorAll('[role="tab"]')) tab.addEventListener('click', () => selectTab(tab.id.slice(4)));
    $('catalog-file').addEventListener('change', (e) => openFile(e.target.value));
    $('catalog-new').addEventListener('click', () => newFile());
    $('catalog-validate').addEventListener('click', validate);
    $('catalog-apply').addEventListener('click', apply);
    $('catalog-remove').addEventListener('click', removeFile);
    const start = location.hash.slice(1);
    selectTab(loaders[start] ? start : 'views');
  });
})();

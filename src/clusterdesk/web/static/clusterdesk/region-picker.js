/* The cascading region picker (common.forms.RegionPicker): province → city → county, limited to the user's scope,
   with a search by name or code. Plain JavaScript; the regions come from the picker endpoint one level at a time. */
(function () {
  'use strict';

  function picker(root) {
    const endpoint = root.dataset.endpoint;
    const value = root.querySelector('[data-role=value]');
    const search = root.querySelector('[data-role=search]');
    const matches = root.querySelector('[data-role=matches]');
    const selects = Array.from(root.querySelectorAll('select[data-depth]'));
    const placeholder = selects[0].options[0].textContent;

    function get(params) {
      if (root.dataset.anywhere) params = {...params, anywhere: '1'};
      return fetch(endpoint + '?' + new URLSearchParams(params), {credentials: 'same-origin'})
        .then((response) => (response.ok ? response.json() : {regions: [], path: []}));
    }

    function fill(depth, regions, parent) {
      const select = selects[depth];
      select.dataset.parent = parent || '';  // whose regions the list holds: a test or a change can wait for it
      select.replaceChildren(new Option(placeholder, ''));
      for (const r of regions) {
        const option = new Option(r.name, r.id);
        option.dataset.children = r.children ? '1' : '';
        select.add(option);
      }
      select.hidden = regions.length === 0;
      selects.slice(depth + 1).forEach(clear);
    }

    function clear(select) {
      select.replaceChildren(new Option(placeholder, ''));
      select.hidden = true;
      select.dataset.parent = '';
    }

    function chosen() {
      const picked = selects.filter((s) => !s.hidden && s.value);
      value.value = picked.length ? picked[picked.length - 1].value : '';
      value.dispatchEvent(new Event('change', {bubbles: true}));
    }

    function open(depth, id) {
      if (depth + 1 >= selects.length) return Promise.resolve();
      if (selects[depth + 1].dataset.parent === String(id)) return Promise.resolve();  // loaded already
      return get({parent: id}).then((data) => fill(depth + 1, data.regions, String(id)));
    }

    function follow(path) {
      // Select each region of the path in turn, loading the level below each one.
      let step = get({}).then((data) => fill(0, data.regions));
      path.forEach((region, depth) => {
        step = step.then(() => {
          if (depth >= selects.length) return null;
          selects[depth].value = String(region.id);
          return open(depth, region.id);
        });
      });
      return step.then(chosen);
    }

    selects.forEach((select, depth) => select.addEventListener('change', () => {
      const option = select.selectedOptions[0];
      if (select.value && option && option.dataset.children) {
        open(depth, select.value).then(chosen);
      } else {
        selects.slice(depth + 1).forEach(clear);
        chosen();
      }
    }));

    let timer = null;
    search.addEventListener('input', () => {
      clearTimeout(timer);
      const q = search.value.trim();
      if (!q) { matches.hidden = true; return; }
      timer = setTimeout(() => get({q}).then((data) => {
        matches.replaceChildren(...data.regions.map((r) => {
          const item = document.createElement('button');
          item.type = 'button';
          item.className = 'list-group-item list-group-item-action py-1 small';
          item.textContent = r.name;
          item.addEventListener('click', () => {
            matches.hidden = true;
            search.value = '';
            follow(r.path);
          });
          return item;
        }));
        matches.hidden = data.regions.length === 0;
      }), 250);
    });
    search.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {  // Enter picks the first match instead of submitting the form
        event.preventDefault();
        const first = matches.querySelector('button');
        if (first) first.click();
      }
    });

    if (value.value) {
      get({id: value.value}).then((data) => follow(data.path || []));
    } else if (root.dataset.code) {  // a region known by its code (a briefing's place): its path, if in scope
      get({q: root.dataset.code}).then((data) => {
        const match = data.regions.find((r) => r.code === root.dataset.code);
        return match ? follow(match.path) : get({}).then((top) => fill(0, top.regions));
      });
    } else {
      get({}).then((data) => {
        fill(0, data.regions);
        if (data.regions.length === 1) {  // a county officer's one county: chosen already
          selects[0].value = String(data.regions[0].id);
          open(0, data.regions[0].id).then(chosen);
        }
      });
    }
  }

  function start() {
    document.querySelectorAll('.cd-region-picker').forEach((root) => {
      if (!root.dataset.ready) { root.dataset.ready = '1'; picker(root); }
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}());

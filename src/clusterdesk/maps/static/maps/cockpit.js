/* The cockpit fetches its JSON every 60 s and redraws; the time of the data is shown in the header. */
(function () {
  'use strict';
  const config = document.getElementById('cockpit-config');
  const labels = window.cdMaps.labelsFrom('t-');
  ['output', 'target', 'nodata'].forEach((k) => { labels[k] = JSON.parse(document.getElementById('t-' + k).textContent); });
  const number = (v) => Number(v || 0).toLocaleString('zh-CN', {maximumFractionDigits: 0});
  const pct = (a, b) => b ? (100 * a / b).toFixed(1) + '%' : '—';
  const set = (id, value) => { document.getElementById(id).textContent = value; };
  const dark = {textStyle: {color: '#e5e7eb', fontSize: 18}};
  let lights = null, clusters = null, map = null;

  function draw(data) {
    const f = data.figures;
    set('cockpit-as-of', data.as_of);
    set('fig-started', number(f.started)); set('fig-planned', number(f.planned_starts));
    set('fig-start-rate', pct(f.started, f.planned_starts));
    set('fig-ytd', number(f.year_to_date_wan)); set('fig-plan', number(f.annual_plan_wan));
    set('fig-plan-rate', pct(f.year_to_date_wan, f.annual_plan_wan));
    set('fig-above', number(f.above_scale)); set('fig-overdue', number(f.overdue_problems));
    const body = document.getElementById('cockpit-problems');
    body.replaceChildren(...data.problems.map((p) => {
      const tr = document.createElement('tr');
      const a = document.createElement('a'); a.href = p.url; a.textContent = p.project;
      const td1 = document.createElement('td'); td1.appendChild(a);
      const td2 = document.createElement('td'); td2.textContent = p.description;
      const td3 = document.createElement('td'); td3.className = 'days'; td3.textContent = p.days;
      tr.append(td1, td2, td3);
      return tr;
    }));
    lights = lights || echarts.init(document.getElementById('cockpit-lights'));
    const names = data.lights.map((r) => r.name);
    lights.setOption({
      ...dark, tooltip: {trigger: 'axis'}, legend: {top: 0, textStyle: {color: '#e5e7eb', fontSize: 18}},
      grid: {left: 110, right: 20, top: 36, bottom: 24},
      xAxis: {type: 'value', axisLabel: {color: '#9ca3af', fontSize: 16}, splitLine: {lineStyle: {color: '#1f2937'}}},
      yAxis: {type: 'category', data: names, inverse: true, axisLabel: {color: '#e5e7eb', fontSize: 16}},
      series: [['green', '#16a34a'], ['yellow', '#eab308'], ['red', '#dc2626']].map(([k, c]) => ({
        name: labels[k], type: 'bar', stack: 'lights', itemStyle: {color: c}, data: data.lights.map((r) => r[k])})),
    }, {notMerge: true});
    clusters = clusters || echarts.init(document.getElementById('cockpit-clusters'));
    clusters.setOption({
      ...dark, tooltip: {trigger: 'axis'}, legend: {top: 0, textStyle: {color: '#e5e7eb', fontSize: 18}},
      grid: {left: 160, right: 30, top: 36, bottom: 24},
      xAxis: {type: 'value', axisLabel: {color: '#9ca3af', fontSize: 16}, splitLine: {lineStyle: {color: '#1f2937'}}},
      yAxis: {type: 'category', data: data.clusters.map((c) => c.name), inverse: true,
        axisLabel: {color: '#e5e7eb', fontSize: 16, width: 150, overflow: 'truncate'}},
      series: [{name: labels.output, type: 'bar', itemStyle: {color: '#38bdf8'}, data: data.clusters.map((c) => c.output)},
               {name: labels.target, type: 'bar', itemStyle: {color: '#475569'}, data: data.clusters.map((c) => c.target)}],
    }, {notMerge: true});
    if (data.map) {
      const el = document.getElementById('cd-map');
      if (!map) {
        map = window.cdMaps.drawMap(el, data.map, 'red', labels, true);
      } else {
        map.then((chart) => chart.setOption(window.cdMaps.mapOption('cd-' + data.map.area.code, data.map, 'red', labels, true)));
      }
    }
    document.body.dataset.loaded = '1';
  }

  function refresh() {
    return fetch(config.dataset.url, {credentials: 'same-origin'}).then((r) => r.json()).then(draw);
  }
  refresh();
  setInterval(refresh, 1000 * Number(config.dataset.refresh || 60));
  window.addEventListener('resize', () => { [lights, clusters].forEach((c) => c && c.resize()); });
})();

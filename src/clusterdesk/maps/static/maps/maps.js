/* Maps of issue 14: the area's divisions from the boundaries endpoint, parks and projects as points, choropleths.
   Data comes from json_script blocks; nothing is loaded from outside the site. */
(function () {
  'use strict';
  const text = (id) => JSON.parse(document.getElementById(id).textContent);
  const CLASS_COLOURS = {A: '#2e7d32', B: '#1976d2', C: '#f9a825', D: '#c62828', '': '#9e9e9e'};
  const LIGHT_COLOURS = {green: '#16a34a', yellow: '#eab308', red: '#dc2626', '': '#6b7280'};

  function choroplethData(divisions, measure) {
    return divisions.map((d) => ({name: d.code, value: measure === 'none' ? null : d[measure], url: d.url, label: d.name}));
  }

  function mapOption(geoName, layers, measure, labels, dark) {
    const names = {};
    layers.divisions.forEach((d) => { names[d.code] = d.name; });
    const values = layers.divisions.map((d) => d[measure]).filter((v) => v !== null && v !== undefined);
    const max = values.length ? Math.max(...values, 1) : 1;
    const classSeries = ['A', 'B', 'C', 'D', ''].map((cls) => ({
      name: labels.parks + ' · ' + (cls ? labels.cls + ' ' + cls : labels.none), type: 'scatter', coordinateSystem: 'geo',
      symbol: 'diamond', symbolSize: dark ? 14 : 11, itemStyle: {color: CLASS_COLOURS[cls], borderColor: '#fff', borderWidth: 1},
      data: layers.parks.filter((p) => (p.cls || '') === cls), zlevel: 2}));
    const lightSeries = ['red', 'yellow', 'green', ''].map((light) => ({
      name: labels.projects + ' · ' + (light ? labels[light] : labels.nolight), type: 'scatter', coordinateSystem: 'geo',
      symbolSize: dark ? 9 : 7, itemStyle: {color: LIGHT_COLOURS[light], opacity: 0.85},
      data: layers.projects.filter((p) => (p.light || '') === light), zlevel: 3}));
    return {
      tooltip: {trigger: 'item', formatter: (p) => p.seriesType === 'map'
        ? `${names[p.name] || p.name}${p.value === undefined || isNaN(p.value) ? '' : '<br>' + p.value}` : p.data.name},
      legend: {type: 'scroll', bottom: 0, textStyle: {color: dark ? '#e5e7eb' : '#374151', fontSize: dark ? 16 : 12}},
      visualMap: measure === 'none' ? undefined : {min: 0, max: max, left: 10, bottom: 40, calculable: true,
        text: [{investment: labels.investment, red: labels.redcount, score: labels.score}[measure] || '', ''], textStyle: {color: dark ? '#e5e7eb' : '#374151'}, seriesIndex: 0,
        inRange: {color: measure === 'red' ? ['#fef2f2', '#b91c1c'] : ['#eff6ff', '#1d4ed8']}},
      geo: {map: geoName, roam: true, nameProperty: 'code', layoutSize: '95%',
        label: {show: true, formatter: (p) => names[p.name] || '', color: dark ? '#e5e7eb' : '#374151', fontSize: dark ? 14 : 10},
        itemStyle: {areaColor: dark ? '#1f2937' : '#f3f4f6', borderColor: dark ? '#93c5fd' : '#6b7280'}},
      // On the cockpit only the layers it sends are listed (its map shows the red-light projects, not the parks).
      series: [{type: 'map', geoIndex: 0, data: choroplethData(layers.divisions, measure)},
        ...[...classSeries, ...lightSeries].filter((series) => !dark || series.data.length)],
    };
  }

  function drawMap(el, layers, measure, labels, dark) {
    return fetch(el.dataset.boundaries, {credentials: 'same-origin'}).then((r) => r.json()).then((geojson) => {
      const geoName = 'cd-' + layers.area.code;
      echarts.registerMap(geoName, geojson);
      el.dataset.featureCount = String(geojson.features.length);
      const chart = echarts.init(el);
      chart.setOption(mapOption(geoName, layers, measure, labels, dark));
      chart.on('click', (p) => {
        if (p.data && p.data.url) { window.location = p.data.url; }
      });
      window.addEventListener('resize', () => chart.resize());
      el.dataset.ready = '1';
      return chart;
    });
  }

  function labelsFrom(prefix) {
    const keys = ['parks', 'projects', 'class', 'none', 'nolight', 'green', 'yellow', 'red', 'investment', 'redcount', 'score'];
    const out = {};
    keys.forEach((k) => { const e = document.getElementById(prefix + k); out[k] = e ? JSON.parse(e.textContent) : k; });
    out.cls = out['class'];
    return out;
  }

  window.cdMaps = {drawMap, mapOption, labelsFrom, LIGHT_COLOURS};

  const el = document.getElementById('cd-map');
  if (el && document.getElementById('map-layers')) {
    const layers = text('map-layers');
    const labels = labelsFrom('t-');
    const select = document.getElementById('map-choropleth');
    drawMap(el, layers, select.value, labels, false).then((chart) => {
      window.cdMap = chart;
      select.addEventListener('change', () => {
        const name = 'cd-' + layers.area.code;
        chart.setOption(mapOption(name, layers, select.value, labels, false), {notMerge: true});
      });
    });
  }
})();

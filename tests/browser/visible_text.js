/* The text a reader sees on a page (used by test_zh_walk_in_browser.py). */
() => {
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    if (el.dataset && el.dataset.testid) s += '[data-testid=' + el.dataset.testid + ']';
    else if (typeof el.className === 'string' && el.className.trim()) s += '.' + el.className.trim().split(/\s+/).slice(0, 2).join('.');
    return s;
  };
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.nodeValue.trim();
    const el = node.parentElement;
    if (!text || !el || el.closest('script, style, noscript, template, code')) continue;
    const select = el.closest('select');
    if (select) { if (select.checkVisibility()) texts.push([text, describe(select)]); continue; }
    if (!el.checkVisibility({visibilityProperty: true})) continue;
    texts.push([text, describe(el)]);
  }
  texts.push([document.title, 'title']);
  document.querySelectorAll('[placeholder],[title],[aria-label],input[type=submit],input[type=button]').forEach((el) => {
    if (!el.checkVisibility()) return;
    for (const attr of ['placeholder', 'title', 'aria-label']) {
      if (el.getAttribute(attr)) texts.push([el.getAttribute(attr), describe(el) + '@' + attr]);
    }
    if ((el.type === 'submit' || el.type === 'button') && el.value) texts.push([el.value, describe(el) + '@value']);
  });
  if (window.echarts) {
    document.querySelectorAll('[_echarts_instance_]').forEach((el) => {
      const chart = window.echarts.getInstanceByDom(el);
      if (!chart) return;
      const collect = (v, key) => {
        if (typeof v === 'string') { if (['name', 'text', 'data', 'formatter', 'subtext'].includes(key)) texts.push([v, describe(el) + ' (chart ' + key + ')']); }
        else if (Array.isArray(v)) v.forEach((x) => collect(x, key));
        else if (v && typeof v === 'object') for (const k of Object.keys(v)) collect(v[k], k);
      };
      const option = chart.getOption();
      for (const k of ['title', 'legend', 'xAxis', 'yAxis', 'series', 'radar', 'visualMap']) collect(option[k], k);
    });
  }
  return {texts, links: Array.from(document.querySelectorAll('a[href]')).map((a) => a.getAttribute('href'))};
}

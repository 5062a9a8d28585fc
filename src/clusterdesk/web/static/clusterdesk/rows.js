/* Rows of a list field (common.forms.RowsWidget): add a row from the empty template, remove a row. The server
   reads <name>-<i>-<field> for each row present and <name>-TOTAL as the number of row slots. */
(function () {
  'use strict';

  function rows(root) {
    const total = root.querySelector('[data-role=total]');
    const body = root.querySelector('[data-role=rows]');
    const empty = root.querySelector('template[data-role=empty]');
    const add = root.querySelector('[data-role=add]');
    if (add && empty) {
      add.addEventListener('click', () => {
        const index = parseInt(total.value || '0', 10);
        const html = empty.innerHTML.replace(/__prefix__/g, String(index));
        body.insertAdjacentHTML('beforeend', html);
        total.value = String(index + 1);
        const first = body.lastElementChild.querySelector('input:not([type=hidden]), select');
        if (first) first.focus();
      });
    }
    root.addEventListener('click', (event) => {
      const button = event.target.closest('[data-role=remove]');
      if (button) button.closest('tr[data-role=row]').remove();
    });
  }

  function start() {
    document.querySelectorAll('.cd-rows').forEach((root) => {
      if (!root.dataset.ready) { root.dataset.ready = '1'; rows(root); }
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}());

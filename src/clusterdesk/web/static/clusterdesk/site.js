// Page behaviour that used to be inline (the Content-Security-Policy runs no inline handlers or javascript: links).
document.addEventListener('change', (event) => {
  if (event.target.matches('select[data-autosubmit]')) event.target.form.submit();
});
document.addEventListener('click', (event) => {
  const back = event.target.closest('[data-history-back]');
  if (back) { event.preventDefault(); history.back(); }
});
// Phones (issue 12): the menu button opens the sidebar; the backdrop, Escape or a link in it closes it.
function cdMenu(open) {
  document.body.classList.toggle('cd-menu-open', open);
  document.querySelectorAll('[data-cd-menu]').forEach((b) => b.setAttribute('aria-expanded', String(open)));
}
document.addEventListener('click', (event) => {
  if (event.target.closest('[data-cd-menu]')) cdMenu(!document.body.classList.contains('cd-menu-open'));
  else if (event.target.closest('[data-cd-menu-close]') || event.target.closest('.cd-sidebar a')) cdMenu(false);
});
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') cdMenu(false);
});
// On a phone every table of the content scrolls inside its own box (Bootstrap's .table-responsive), so a wide
// table never widens the page. Desktop pages are left as they are.
if (window.matchMedia('(max-width: 767.98px)').matches) document.querySelectorAll('.cd-content table').forEach((table) => {
  if (table.parentElement.closest('.table-responsive') || table.querySelector('.cd-region-picker')) return;
  const box = document.createElement('div');
  box.className = 'table-responsive';
  table.parentNode.insertBefore(box, table);
  box.appendChild(table);
});

// Page behaviour that used to be inline (the Content-Security-Policy runs no inline handlers or javascript: links).
document.addEventListener('change', (event) => {
  if (event.target.matches('select[data-autosubmit]')) event.target.form.submit();
});
document.addEventListener('click', (event) => {
  const back = event.target.closest('[data-history-back]');
  if (back) { event.preventDefault(); history.back(); }
});

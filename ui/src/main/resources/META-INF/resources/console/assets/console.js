// Copy buttons: <button data-copy="input-id">. Everything else in the console works without scripts,
// htmx only makes it quicker.
document.addEventListener('click', function (event) {
  var button = event.target.closest('[data-copy]');
  if (!button) {
    return;
  }
  var field = document.getElementById(button.getAttribute('data-copy'));
  var status = button.parentElement.querySelector('.copy-status');
  field.select();
  navigator.clipboard.writeText(field.value).then(function () {
    if (status) { status.textContent = 'Copied.'; }
  }, function () {
    if (status) { status.textContent = 'Select the code and copy it with Ctrl+C.'; }
  });
});

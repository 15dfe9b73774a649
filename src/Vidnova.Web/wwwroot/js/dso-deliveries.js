// Putting a stopped delivery back in the queue asks first.
document.querySelectorAll('form.retry-form').forEach(function (form) {
    form.addEventListener('submit', function (event) {
        if (!window.confirm(form.dataset.confirm)) { event.preventDefault(); }
    });
});

// The dunning case page: resuming a case and ending a court dispute ask first; a pause needs its reason.
(function () {
    document.querySelectorAll('form.confirm-form').forEach(function (form) {
        form.addEventListener('submit', function (event) {
            if (!window.confirm(form.dataset.confirm)) { event.preventDefault(); }
        });
    });
    var pause = document.getElementById('pause-form');
    var reason = document.getElementById('pause-reason');
    if (pause && reason) {
        pause.addEventListener('submit', function (event) {
            if (!reason.value.trim()) {
                event.preventDefault();
                reason.setAttribute('aria-invalid', 'true');
                reason.focus();
            }
        });
    }
})();

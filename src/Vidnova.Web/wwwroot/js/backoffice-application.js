// The receipt decision: confirm before approving, a reason before rejecting, and the A / R keyboard shortcuts.
(function () {
    var approveForm = document.getElementById('approve-form');
    var reason = document.getElementById('reject-reason');
    if (!approveForm || !reason) { return; }
    approveForm.addEventListener('submit', function (event) {
        if (!window.confirm(approveForm.dataset.confirm)) { event.preventDefault(); }
    });
    document.getElementById('reject-form').addEventListener('submit', function (event) {
        if (!reason.value.trim()) {
            event.preventDefault();
            reason.setAttribute('aria-invalid', 'true');
            reason.focus();
        }
    });
    document.addEventListener('keydown', function (event) {
        if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.repeat) { return; }
        var target = event.target;
        if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) { return; }
        // event.code names the physical key, so A and R work on the Ukrainian layout (Ф, К) too.
        if (event.code === 'KeyA') {
            event.preventDefault();
            approveForm.requestSubmit();
        } else if (event.code === 'KeyR') {
            event.preventDefault();
            reason.focus();
            reason.scrollIntoView({ block: 'center' });
        }
    });
})();

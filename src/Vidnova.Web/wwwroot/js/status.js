// The customer's application page: copy buttons for the invoice's requisites, and the receipt's size checked before upload.
(function () {
    var status = document.querySelector('.copy-status');
    if (navigator.clipboard && status) {
        document.querySelectorAll('button.copy[data-copy]').forEach(function (button) {
            button.hidden = false;
            button.addEventListener('click', function () {
                navigator.clipboard.writeText(button.getAttribute('data-copy')).then(function () {
                    var label = button.textContent;
                    button.textContent = status.getAttribute('data-copied') + ' ✓';
                    status.textContent = status.getAttribute('data-copied') + ': ' + document.getElementById(button.getAttribute('aria-describedby')).textContent;
                    setTimeout(function () { button.textContent = label; }, 2000);
                });
            });
        });
    }
    var form = document.getElementById('receipt-form');
    var error = document.getElementById('receipt-error');
    if (error && error.textContent.trim() !== '') {
        // A refused upload comes back at #receipt-upload; the error is focused so it is seen and read out at once —
        // after the load, because Chromium's scroll to the fragment takes the focus off whatever script focused.
        window.addEventListener('load', function () {
            setTimeout(function () { error.focus({ preventScroll: true }); }, 0);
        });
    }
    if (form) {
        form.addEventListener('submit', function (event) {
            var input = document.getElementById('receipt-file');
            var file = input.files && input.files[0];
            if (file && file.size > Number(input.getAttribute('data-max-bytes'))) {
                event.preventDefault();
                error.textContent = input.getAttribute('data-too-large');
                input.setAttribute('aria-invalid', 'true');
                input.focus();
            }
        });
    }
})();

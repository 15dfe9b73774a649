// The customer's application page: copy buttons for the invoice's requisites, the receipt's size checked before
// upload, and the status kept current — a small JSON stamp polled with back-off, the status part of the page fetched
// again only when the stamp changes. Without script the page is the same, current as of its loading.
(function () {
    function init(root) {
        var status = root.querySelector('.copy-status');
        if (navigator.clipboard && status) {
            root.querySelectorAll('button.copy[data-copy]').forEach(function (button) {
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
        var form = root.querySelector('#receipt-form');
        var error = root.querySelector('#receipt-error');
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
        return error;
    }

    var error = init(document);
    if (error && error.textContent.trim() !== '') {
        // A refused upload comes back at #receipt-upload; the error is focused so it is seen and read out at once —
        // after the load, because Chromium's scroll to the fragment takes the focus off whatever script focused.
        window.addEventListener('load', function () {
            setTimeout(function () { error.focus({ preventScroll: true }); }, 0);
        });
    }

    var live = document.getElementById('live-status');
    var announce = document.getElementById('live-announce');
    if (!live || !announce || !window.fetch || !window.DOMParser) {
        return;
    }
    var first = 5000, longest = 60000, delay = first;
    function schedule() {
        if (live.getAttribute('data-final') !== 'true') {
            setTimeout(poll, delay);
        }
    }
    function later() {
        delay = Math.min(delay * 1.5, longest);
        schedule();
    }
    function poll() {
        if (document.hidden) {
            later();
            return;
        }
        fetch(live.getAttribute('data-live-url'), { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
            .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
            .then(function (state) {
                if (state.stamp === live.getAttribute('data-stamp')) {
                    later();
                    return;
                }
                return fetch(location.pathname, { credentials: 'same-origin', cache: 'no-store' })
                    .then(function (response) { return response.text(); })
                    .then(function (html) {
                        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('live-status');
                        if (!fresh) {
                            later();
                            return;
                        }
                        live.replaceWith(fresh);
                        live = fresh;
                        init(live);
                        var badge = live.querySelector('.status-line .badge');
                        announce.textContent = announce.getAttribute('data-changed') + ' ' + (badge ? badge.textContent : '');
                        delay = first;
                        schedule();
                    });
            })
            .catch(later);
    }
    schedule();
})();

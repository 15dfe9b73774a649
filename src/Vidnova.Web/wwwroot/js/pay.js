// The cabinet's payment pages. On the way to the provider: its checkout is opened at once (LiqPay's form posted,
// mono's page followed); the button stays for a browser without script. On the return page: the payment's status is
// polled from a small JSON handler until it is posted, failed or reversed, and the result part of the page is fetched
// again and announced politely (aria-live) when it changes. Without script the page is current as of its loading.
(function () {
    var form = document.querySelector('form[data-auto-submit="true"]');
    if (form) {
        form.submit();
        return;
    }
    var link = document.querySelector('a[data-auto-follow="true"]');
    if (link) {
        window.location.assign(link.href);
        return;
    }

    var live = document.getElementById('payment-result');
    if (!live || !window.fetch || !window.DOMParser) {
        return;
    }
    var delay = 1500, longest = 15000;
    function poll() {
        if (live.getAttribute('data-final') === 'true') {
            return;
        }
        fetch(live.getAttribute('data-live-url'), { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
            .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
            .then(function (state) {
                if (state.status === live.getAttribute('data-status')) {
                    return;
                }
                return fetch(location.pathname, { credentials: 'same-origin', cache: 'no-store' })
                    .then(function (response) { return response.text(); })
                    .then(function (html) {
                        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('payment-result');
                        if (fresh) {
                            live.innerHTML = fresh.innerHTML;
                            live.setAttribute('data-status', fresh.getAttribute('data-status'));
                            live.setAttribute('data-final', fresh.getAttribute('data-final'));
                        }
                    });
            })
            .catch(function () { /* a failed poll is tried again later */ })
            .then(function () {
                delay = Math.min(delay * 1.5, longest);
                setTimeout(poll, delay);
            });
    }
    setTimeout(poll, delay);
})();

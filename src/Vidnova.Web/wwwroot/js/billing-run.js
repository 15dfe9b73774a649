// The back office's billing run page: while the run is queued or running, its figures are polled from ?handler=Live
// every few seconds and written into the progress bar and the figures; once it is over, the live part of the page is
// fetched again (it then shows when it finished and the failures) and the end is said to screen readers politely.
// Without script the page is the same, current as of its loading.
(function () {
    var live = document.getElementById('run-live');
    var announce = document.getElementById('run-announce');
    if (!live || !announce || !window.fetch || !window.DOMParser || live.getAttribute('data-final') === 'true') {
        return;
    }
    var every = 2000, longest = 30000, delay = every;
    function format(template, values) {
        return template.replace(/\{(\d+)\}/g, function (_, i) { return String(values[Number(i)]); });
    }
    function show(state) {
        ['accounts', 'billed', 'estimated', 'skipped', 'failed'].forEach(function (name) {
            var figure = live.querySelector('[data-figure="' + name + '"]');
            if (figure) {
                figure.textContent = String(state[name]);
            }
        });
        var progress = document.getElementById('run-progress');
        if (progress && state.accounts > 0) {
            progress.max = state.accounts;
            progress.value = state.done;
            progress.textContent = state.done + ' / ' + state.accounts;
        }
        var label = document.getElementById('run-progress-label');
        if (label) {
            label.textContent = format(label.getAttribute('data-template'), [state.done, state.accounts]);
        }
    }
    function refresh() {
        return fetch(location.pathname, { credentials: 'same-origin', cache: 'no-store' })
            .then(function (response) { return response.text(); })
            .then(function (html) {
                var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('run-live');
                if (fresh) {
                    live.replaceWith(fresh);
                    live = fresh;
                    var badge = live.querySelector('[data-figure="status"]');
                    announce.textContent = announce.getAttribute('data-finished') + ' ' + (badge ? badge.textContent : '');
                }
            });
    }
    function poll() {
        if (document.hidden) {
            delay = Math.min(delay * 1.5, longest);
            setTimeout(poll, delay);
            return;
        }
        fetch(live.getAttribute('data-live-url'), { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
            .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
            .then(function (state) {
                show(state);
                delay = every;
                if (state.final) {
                    return refresh();
                }
                setTimeout(poll, delay);
            })
            .catch(function () {
                delay = Math.min(delay * 1.5, longest);
                setTimeout(poll, delay);
            });
    }
    setTimeout(poll, delay);
})();

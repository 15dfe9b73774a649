// The reading form: as the customer types, the server says what the values make (kWh, expected amount) and which
// month the reading counts for; the form works the same without this, through «Порахувати».
(function () {
    var form = document.getElementById('reading-form');
    if (!form || !window.fetch) {
        return;
    }
    var preview = document.getElementById('preview');
    var windowRule = document.getElementById('window');
    var button = document.getElementById('preview-button');
    if (button) {
        button.remove();
    }
    var timer = null;
    var asked = 0;
    function update() {
        var query = new URLSearchParams();
        query.set('takenOn', form.elements['TakenOn'].value);
        form.querySelectorAll('input.reading-value').forEach(function (input) {
            query.set(input.name.slice('Values['.length, -1), input.value);
        });
        var mine = ++asked;
        fetch(form.getAttribute('data-preview-url') + '&' + query.toString(), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (answer) {
                if (answer && mine === asked) {
                    windowRule.firstElementChild.textContent = answer.window;
                    if (preview.textContent !== answer.preview) {
                        preview.textContent = answer.preview;
                    }
                }
            })
            .catch(function () { /* the preview is a convenience; the form still sends */ });
    }
    form.addEventListener('input', function (event) {
        // A refusal beside a field no longer applies once that field changes.
        var error = document.getElementById(event.target.id + '-error');
        if (error) {
            error.remove();
            event.target.setAttribute('aria-invalid', 'false');
            event.target.setAttribute('aria-describedby', event.target.getAttribute('aria-describedby').replace(' ' + error.id, ''));
        }
        clearTimeout(timer);
        timer = setTimeout(update, 350);
    });
    var error = document.getElementById('form-error');
    if (error) {
        error.focus();
    }
})();

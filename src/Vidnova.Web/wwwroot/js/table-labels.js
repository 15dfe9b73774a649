// On a phone the back office's data tables stack, a row a card, and their header row is out of sight (site.css): each
// cell gets its column's name as data-label, which the stacked layout shows before the value (issue 16). Screen
// readers keep reading the header cells themselves; the label is for the eye.
(function () {
    'use strict';
    document.querySelectorAll('table.data').forEach(function (table) {
        var names = Array.prototype.map.call(table.querySelectorAll('thead th'), function (th) {
            return th.textContent.trim();
        });
        table.querySelectorAll('tbody tr').forEach(function (row) {
            var column = 0;
            Array.prototype.forEach.call(row.children, function (cell) {
                if (names[column] && !cell.hasAttribute('data-label')) {
                    cell.setAttribute('data-label', names[column]);
                }
                column += cell.colSpan || 1;
            });
        });
    });
})();

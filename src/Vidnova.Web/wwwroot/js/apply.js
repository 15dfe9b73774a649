// The apply form came back with errors: move focus to their summary so a screen reader announces it.
document.getElementById('error-summary').focus();

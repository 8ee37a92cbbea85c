// Saves each answer as soon as it changes; the forms work without this script.
(function () {
    "use strict";
    function post(form, fieldset) {
        var itemId = fieldset.querySelector("input[name=item]").value;
        var data = new FormData();
        data.append("csrfmiddlewaretoken", form.querySelector("input[name=csrfmiddlewaretoken]").value);
        data.append("item", itemId);
        var checked = fieldset.querySelector("input[type=radio]:checked");
        data.append("rating-" + itemId, checked ? checked.value : "");
        data.append("notes-" + itemId, fieldset.querySelector("textarea").value);
        var status = fieldset.querySelector("[data-status-for]");
        status.textContent = "Saving…";
        fetch(form.action, { method: "POST", body: data, headers: { Accept: "application/json" }, credentials: "same-origin" })
            .then(function (response) {
                return response.json().then(function (body) { return { ok: response.ok, body: body }; });
            })
            .then(function (result) {
                if (!result.ok) {
                    status.textContent = "Not saved: " + Object.values(result.body.errors || {}).join(" ");
                    return;
                }
                status.textContent = "Saved";
                Object.keys(result.body.progress || {}).forEach(function (sectionId) {
                    var cell = document.querySelector('[data-progress-for="' + sectionId + '"]');
                    if (cell) { cell.textContent = result.body.progress[sectionId]; }
                });
            })
            .catch(function () {
                status.textContent = "Not saved: check your connection, then use the Save button.";
            });
    }
    document.querySelectorAll("form[data-audit-autosave]").forEach(function (form) {
        form.addEventListener("change", function (event) {
            var fieldset = event.target.closest("fieldset.audit-item");
            if (fieldset) { post(form, fieldset); }
        });
    });
    // After a section is saved without the script's help, its message takes focus (and so is in
    // view), once the page has loaded: scrolling to the section's #fragment would take focus away.
    var saved = document.querySelector("[data-saved-message]");
    if (saved) {
        window.addEventListener("load", function () { saved.focus(); });
    }
    // The private link's Copy button: shown only where the clipboard can be written.
    document.querySelectorAll("[data-copy-link]").forEach(function (button) {
        var field = document.getElementById(button.getAttribute("data-copy-link"));
        var status = button.parentNode.querySelector("[data-copy-status]");
        if (!field || !navigator.clipboard || !window.isSecureContext) { return; }
        button.hidden = false;
        button.addEventListener("click", function () {
            navigator.clipboard.writeText(field.value).then(function () {
                status.textContent = status.getAttribute("data-copied");
            }, function () {
                field.select();
                status.textContent = status.getAttribute("data-not-copied");
            });
        });
    });
})();

// Runs Wagtail's date and time chooser set-up from the script element's data
// attributes, so the admin needs no inline script under the
// Content-Security-Policy (see sites/templates/wagtailadmin/widgets/).
(function () {
    var script = document.currentScript;
    if (!script) {
        return;
    }
    var name = script.dataset.init;
    if (!/^init(Date|Time|DateTime)Chooser$/.test(name) || typeof window[name] !== "function") {
        return;
    }
    window[name](script.dataset.widgetId, JSON.parse(script.dataset.config));
})();

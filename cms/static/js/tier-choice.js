// Remembers a step page's tier choice in this browser only (localStorage, no
// cookie: nothing reaches the server, and the shared page caches stay shared).
// Without this script the choice travels in ?tier= links as before.
(function () {
    "use strict";
    var KEY = "toolkit-tier";
    var TIERS = ["one", "two"];

    function remembered() {
        try {
            return window.localStorage.getItem(KEY);
        } catch (error) {
            return null; // storage blocked: behave as without the script
        }
    }

    function remember(tier) {
        try {
            if (TIERS.indexOf(tier) !== -1) {
                window.localStorage.setItem(KEY, tier);
            } else {
                window.localStorage.removeItem(KEY);
            }
        } catch (error) {
            // storage blocked: the links still carry the choice
        }
    }

    var query = new URLSearchParams(window.location.search);
    var chosen = query.get("tier");
    if (TIERS.indexOf(chosen) !== -1) {
        remember(chosen);
    } else if (TIERS.indexOf(remembered()) !== -1) {
        query.set("tier", remembered());
        window.location.replace(window.location.pathname + "?" + query.toString() + window.location.hash);
        return;
    }

    // The switch's links say which tier they choose; "Both tiers" forgets the choice.
    document.addEventListener("click", function (event) {
        var link = event.target.closest && event.target.closest("a[data-tier-choice]");
        if (link) {
            remember(link.getAttribute("data-tier-choice"));
        }
    });

    document.addEventListener("DOMContentLoaded", function () {
        var note = document.querySelector("[data-tier-remembered]");
        if (note && TIERS.indexOf(remembered()) !== -1) {
            note.hidden = false;
        }
    });
})();

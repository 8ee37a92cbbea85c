// django-otp-webauthn's script adds the passkey and says so in an event; this
// one then opens the page named by data-passkey-added-url (the passkey list),
// which shows the new passkey and, with the first, offers recovery codes.
document.addEventListener("otp_webauthn.register_complete", () => {
    const target = document.querySelector("[data-passkey-added-url]");
    if (target) {
        window.location.assign(target.dataset.passkeyAddedUrl);
    }
});

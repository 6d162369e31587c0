/* License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";
import {rpc} from "@web/core/network/rpc";

// 等保 8.1.4.1 d: a security administrator without TOTP logs in, is sent to
// the enrolment page, enrols with the code of his authenticator (computed by
// the test's /totphook), and lands in the web client.
registry.category("web_tour.tours").add("oa_security_totp_enrol", {
    url: "/web/login",
    steps: () => [
        {trigger: "input#login", run: "edit sec_secadmin"},
        {trigger: "input#password", run: "edit Oa@Sec#2026"},
        {trigger: ".oe_login_buttons button.btn-primary", run: "click"},
        {
            content: "The enrolment page shows a QR code and the key",
            trigger: ".o_oa_totp_enrol img.o_oa_totp_qrcode",
        },
        {
            content: "Type the code the authenticator shows for the key",
            trigger: ".o_oa_totp_enrol .o_oa_totp_secret",
            async run(helpers) {
                const token = await rpc("/totphook", {
                    secret: this.anchor.textContent.replace(/\s/g, ""),
                });
                await helpers.edit(token, "input#totp_token");
            },
        },
        {trigger: ".o_oa_totp_enrol button.btn-primary", run: "click"},
        {content: "In the web client", trigger: ".o_main_navbar"},
    ],
});

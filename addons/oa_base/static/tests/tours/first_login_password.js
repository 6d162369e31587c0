import { registry } from "@web/core/registry";

// A new user logs in with the password an administrator gave, is sent to the
// reset form, chooses a new password and only then reaches the back end.
registry.category("web_tour.tours").add("oa_base_first_login_password", {
    steps: () => [
        {
            content: "Type the login",
            trigger: "form.oe_login_form input[name=login]",
            run: "edit oa_newcomer",
        },
        {
            content: "Type the initial password",
            trigger: "form.oe_login_form input[name=password]",
            run: "edit Initial#2026",
        },
        {
            content: "Log in",
            trigger: "form.oe_login_form button[type=submit]",
            run: "click",
        },
        {
            content: "The reset form asks for a new password",
            trigger: "form.oe_reset_password_form input[name=password]",
            run: "edit Chosen#Pass2026",
        },
        {
            content: "Confirm the new password",
            trigger: "form.oe_reset_password_form input[name=confirm_password]",
            run: "edit Chosen#Pass2026",
        },
        {
            content: "Save the new password",
            trigger: "form.oe_reset_password_form button[type=submit]",
            run: "click",
        },
        {
            content: "The back end opens",
            trigger: ".o_main_navbar",
        },
    ],
});
